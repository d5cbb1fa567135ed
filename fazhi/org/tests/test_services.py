"""Services: agencies (USCC incl. the audited legacy override) and staff accounts."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.org import services
from fazhi.org.models import Agency, User
from fazhi.org.tests.factories import make_uscc

VALID = make_uscc(501)
BAD_CHECKSUM = VALID[:17] + ("0" if VALID[17] != "0" else "1")


def _agency_count_and_log():
    return Agency.objects.count(), AuditEntry.objects.count()


def test_supervisor_creates_agency_and_it_is_audited(supervisor, jurisdiction):
    # when
    agency, warnings = services.create_agency(
        actor=supervisor,
        jurisdiction=jurisdiction,
        name=" 示范县水利局 ",
        uscc=VALID.lower(),
        kind="department",
    )
    # then
    assert (agency.name, agency.uscc, agency.uscc_override_reason) == ("示范县水利局", VALID, "")
    entry = AuditEntry.objects.get(action="org.create_agency")
    assert (entry.actor_id, entry.object_id, entry.after["uscc"]) == (supervisor.pk, str(agency.pk), VALID)
    assert warnings == ["统一社会信用代码第9–17位组织机构代码的校验位不符（GB 11714），请核实。"]


def test_bad_checksum_is_refused_with_chinese_message_and_nothing_saved(supervisor, jurisdiction):
    # given
    before = _agency_count_and_log()
    # when
    with pytest.raises(ValidationError) as exc:
        services.create_agency(
            actor=supervisor, jurisdiction=jurisdiction, name="示范县水利局", uscc=BAD_CHECKSUM
        )
    # then
    assert exc.value.message_dict["uscc"][0].startswith(
        f"统一社会信用代码校验位错误：第18位应为“{VALID[17]}”，实际为“{BAD_CHECKSUM[17]}”。"
    )
    assert exc.value.error_dict["uscc"][0].code == "uscc_checksum"
    assert _agency_count_and_log() == before


@pytest.mark.parametrize(
    ("uscc", "code", "message"),
    [
        ("", "required", "统一社会信用代码不能为空。"),
        ("1133", "uscc_length", "统一社会信用代码应为18位，当前为4位。"),
        ("11110105000000I01X", "uscc_charset", "统一社会信用代码含有不允许的字符：I"),
    ],
)
def test_malformed_uscc(uscc, code, message, supervisor, jurisdiction):
    with pytest.raises(ValidationError) as exc:
        services.create_agency(actor=supervisor, jurisdiction=jurisdiction, name="示范县水利局", uscc=uscc)
    assert [m[: len(message)] for m in exc.value.message_dict["uscc"]] == [message]
    assert exc.value.error_dict["uscc"][0].code == code
    assert Agency.objects.filter(name="示范县水利局").count() == 0


def test_legacy_code_accepted_by_supervisor_with_reason_is_audited(supervisor, jurisdiction):
    # when
    agency, warnings = services.create_agency(
        actor=supervisor,
        jurisdiction=jurisdiction,
        name="示范县水利局",
        uscc=BAD_CHECKSUM,
        uscc_override_reason="2015年试点期间赋码，经登记机关确认有效",
    )
    # then
    assert (agency.uscc, agency.uscc_override_reason) == (
        BAD_CHECKSUM,
        "2015年试点期间赋码，经登记机关确认有效",
    )
    entry = AuditEntry.objects.get(action="org.create_agency", object_id=str(agency.pk))
    assert entry.note == "历史代码校验位不符，经授权接受：2015年试点期间赋码，经登记机关确认有效"
    assert entry.after["uscc_override_reason"] == "2015年试点期间赋码，经登记机关确认有效"
    assert (
        warnings[-1]
        == "统一社会信用代码校验位不符，已按历史代码接受（理由：2015年试点期间赋码，经登记机关确认有效），并记入审计日志。"
    )


def test_legacy_override_by_agency_admin_is_denied(agency_admin, jurisdiction, supervisor):
    # given: even an agency admin editing their own agency cannot override the checksum
    before = _agency_count_and_log()
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_agency(
            actor=agency_admin, agency=agency_admin.agency, uscc=BAD_CHECKSUM, uscc_override_reason="历史代码"
        )
    assert _agency_count_and_log() == before


def test_override_reason_is_dropped_for_a_valid_code(supervisor, jurisdiction):
    agency, _ = services.create_agency(
        actor=supervisor,
        jurisdiction=jurisdiction,
        name="示范县水利局",
        uscc=VALID,
        uscc_override_reason="无需",
    )
    assert agency.uscc_override_reason == ""


def test_duplicate_uscc_and_name(supervisor, jurisdiction, agency):
    with pytest.raises(ValidationError) as exc:
        services.create_agency(
            actor=supervisor, jurisdiction=jurisdiction, name="示范县水利局", uscc=agency.uscc
        )
    assert exc.value.message_dict == {
        "uscc": [f"统一社会信用代码“{agency.uscc}”已被“示范县市场监督管理局”使用。"]
    }
    with pytest.raises(ValidationError) as exc:
        services.create_agency(
            actor=supervisor, jurisdiction=jurisdiction, name="示范县市场监督管理局", uscc=VALID
        )
    assert exc.value.message_dict == {"name": ["名称：本行政区划已有名为“示范县市场监督管理局”的机关。"]}


@pytest.mark.parametrize("actor", ["agency_admin", "officer", "other_county_supervisor"])
def test_only_the_jurisdictions_supervisor_creates_agencies(actor, request, jurisdiction):
    user = request.getfixturevalue(actor)
    before = _agency_count_and_log()
    with pytest.raises(PermissionDenied):
        services.create_agency(actor=user, jurisdiction=jurisdiction, name="示范县水利局", uscc=VALID)
    assert _agency_count_and_log() == before


def test_agency_admin_changes_contact_fields_only(agency_admin, agency):
    # when
    updated, _ = services.update_agency(
        actor=agency_admin, agency=agency, phone="0572-5551234", address="天目路1号"
    )
    # then
    assert (updated.phone, updated.address) == ("0572-5551234", "天目路1号")
    entry = AuditEntry.objects.get(action="org.update_agency")
    assert (entry.before, entry.after) == (
        {"address": "", "phone": ""},
        {"address": "天目路1号", "phone": "0572-5551234"},
    )
    # and the core fields are the justice bureau's
    with pytest.raises(PermissionDenied) as exc:
        services.update_agency(actor=agency_admin, agency=agency, has_enforcement_authority=False)
    assert str(exc.value) == "部门管理员只能修改本机关的简称、地址和联系电话；其他信息由司法局修改。"
    agency.refresh_from_db()
    assert agency.has_enforcement_authority is True


def test_parent_cycle_refused(supervisor, agency, other_agency):
    services.update_agency(actor=supervisor, agency=other_agency, parent=agency)
    with pytest.raises(ValidationError) as exc:
        services.update_agency(actor=supervisor, agency=agency, parent=other_agency)
    assert exc.value.message_dict == {"parent": ["上级机关不能是本机关或其下级机关。"]}
    agency.refresh_from_db()
    assert agency.parent_id is None


# --- staff --------------------------------------------------------------------------------------

PASSWORD = "Shifan-county-2026"


def test_agency_admin_creates_officer_in_own_agency(agency_admin, agency):
    # when
    user = services.create_user(
        actor=agency_admin,
        username="zhangsan",
        full_name="张三",
        role="officer",
        agency=agency,
        password=PASSWORD,
        id_number="11010519491231002x",
    )
    # then
    user.refresh_from_db()
    assert (user.jurisdiction_id, user.id_number, user.check_password(PASSWORD)) == (
        agency.jurisdiction_id,
        "11010519491231002X",
        True,
    )
    entry = AuditEntry.objects.get(action="org.create_user")
    assert entry.after == {
        "full_name": "张三",
        "role": "officer",
        "agency": agency.pk,
        "is_head": False,
        "id_number": True,
        "phone": "",
        "email": "",
        "is_active": True,
    }
    assert "password" not in str(entry.after)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"id_number": "110105194912310021"},
            "id_number",
            "居民身份证号码校验位错误：第18位应为“X”，实际为“1”。",
        ),
        (
            {"id_number": "11010519491331002X"},
            "id_number",
            "居民身份证号码第7–14位出生日期“19491331”不是有效日期。",
        ),
        ({"password": "12345678901"}, "password", "初始密码不符合要求："),
        (
            {"role": "boss"},
            "role",
            "角色“boss”无效，可选：司法局监督人员、部门管理员、执法人员、法制审核人员、行政复议人员、只读用户。",
        ),
        ({"username": "officer"}, "username", "用户名“officer”已被使用。"),
        ({"full_name": " "}, "full_name", "姓名不能为空。"),
    ],
)
def test_bad_staff_input(changes, field, message, agency_admin, agency, officer):
    # given
    data = {
        "username": "lisi",
        "full_name": "李四",
        "role": "officer",
        "agency": agency,
        "password": PASSWORD,
        **changes,
    }
    before = (User.objects.count(), AuditEntry.objects.count())
    # when
    with pytest.raises(ValidationError) as exc:
        services.create_user(actor=agency_admin, **data)
    # then
    assert list(exc.value.message_dict) == [field]
    assert exc.value.message_dict[field][0].startswith(message)
    assert (User.objects.count(), AuditEntry.objects.count()) == before


def test_agency_admin_cannot_create_staff_elsewhere_or_give_jurisdiction_roles(
    agency_admin, agency, other_agency
):
    before = User.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_user(
            actor=agency_admin,
            username="lisi",
            full_name="李四",
            role="officer",
            agency=other_agency,
            password=PASSWORD,
        )
    with pytest.raises(PermissionDenied) as exc:
        services.create_user(
            actor=agency_admin,
            username="lisi",
            full_name="李四",
            role="supervisor",
            agency=agency,
            password=PASSWORD,
        )
    assert str(exc.value) == "只有司法局监督人员可以设置“司法局监督人员”角色。"
    assert User.objects.count() == before


def test_supervisor_role_must_sit_in_the_justice_bureau(supervisor, agency):
    with pytest.raises(ValidationError) as exc:
        services.create_user(
            actor=supervisor,
            username="lisi",
            full_name="李四",
            role="supervisor",
            agency=agency,
            password=PASSWORD,
        )
    assert exc.value.message_dict == {
        "role": ["角色“司法局监督人员”须设在司法行政机关，“示范县市场监督管理局”不是。"]
    }


def test_update_user_moves_agency_within_scope_and_audits(supervisor, officer, other_agency):
    # when
    user = services.update_user(actor=supervisor, user=officer, agency=other_agency, role="legal_reviewer")
    # then
    assert (user.agency_id, user.role) == (other_agency.pk, "legal_reviewer")
    entry = AuditEntry.objects.get(action="org.update_user")
    assert entry.after == {"role": "legal_reviewer", "agency": other_agency.pk}


def test_deactivate_user(agency_admin, officer):
    # when
    services.deactivate_user(actor=agency_admin, user=officer, reason="调离")
    # then
    officer.refresh_from_db()
    assert officer.is_active is False
    assert AuditEntry.objects.get(action="org.deactivate_user").note == "调离"
    with pytest.raises(ValidationError) as exc:
        services.deactivate_user(actor=agency_admin, user=agency_admin)
    assert exc.value.messages == ["不能停用自己的账号。"]


def test_officer_cannot_deactivate_colleague(officer, legal_reviewer):
    with pytest.raises(PermissionDenied):
        services.deactivate_user(actor=officer, user=legal_reviewer)
    legal_reviewer.refresh_from_db()
    assert legal_reviewer.is_active is True
    assert AuditEntry.objects.count() == 0


def test_certificate_factory_defaults(db):
    from datetime import date

    from fazhi.org.tests.factories import CertificateFactory

    cert = CertificateFactory()
    assert cert.agency_id == cert.holder.agency_id
    assert (cert.is_valid_on(date(2026, 1, 1)), cert.is_valid_on(date(2029, 1, 1))) == (True, False)
