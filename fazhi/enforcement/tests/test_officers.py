"""Officers and certificates: issuing, suspending, reinstating, revoking (supervisor only, audited),
the certificate guard of the case services, expiring lists, training hours, annual reviews, Excel."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.audit.models import AuditEntry
from fazhi.enforcement.selectors import officers as sel
from fazhi.enforcement.services import cases as case_svc
from fazhi.enforcement.services import officers as svc
from fazhi.enforcement.supervision import excel as excel_supervision
from fazhi.org.models import AnnualReview, Certificate, QualificationExam
from fazhi.org.tests.factories import CertificateFactory, TrainingRecordFactory, UserFactory


@pytest.fixture
def candidate(agency):
    user = UserFactory(username="candidate", role="officer", agency=agency, full_name="钱新人")
    QualificationExam.objects.create(
        candidate=user, exam_date=date(2025, 5, 10), score=Decimal("86.0"), passed=True
    )
    return user


def _issue(actor, holder, **kw):
    args = {
        "kind": "enforcement",
        "number": "33Z11010500777",
        "issuing_authority": "示范省人民政府",
        "valid_from": date(2025, 6, 1),
        "valid_until": date(2030, 5, 31),
        "areas": "市场监管",
    }
    args.update(kw)
    return svc.issue_certificate(actor=actor, holder=holder, **args)


def test_supervisor_issues_a_certificate_and_it_is_audited(supervisor, candidate, agency):
    # when
    cert = _issue(supervisor, candidate, number="33z11010500777")
    # then
    assert (cert.number, cert.status, cert.agency_id) == ("33Z11010500777", "valid", agency.pk)
    entry = AuditEntry.objects.get(action="enforcement.issue_certificate", object_id=str(cert.pk))
    assert entry.after["valid_until"] == "2030-05-31"


@pytest.mark.parametrize(
    "user_fixture", ["officer", "agency_admin", "other_county_supervisor", "reconsideration_staff"]
)
def test_only_the_supervisor_of_the_jurisdiction_issues(user_fixture, candidate, request):
    with pytest.raises(PermissionDenied):
        _issue(request.getfixturevalue(user_fixture), candidate)
    assert Certificate.objects.count() == 0
    assert AuditEntry.objects.filter(action="enforcement.issue_certificate").count() == 0


@pytest.mark.parametrize(
    ("_case", "kw", "field", "code"),
    [
        ("bad number characters", {"number": "33Z 1101"}, "number", "invalid"),
        ("number too short", {"number": "33Z1"}, "number", "invalid"),
        ("no issuing authority", {"issuing_authority": " "}, "issuing_authority", "invalid"),
        ("unknown kind", {"kind": "badge"}, "kind", "invalid"),
        ("validity backwards", {"valid_until": date(2025, 5, 31)}, "valid_until", "date_order"),
        ("not a date", {"valid_from": "2025-02-30"}, "valid_from", "date_invalid"),
    ],
)
def test_issue_refuses_bad_input(_case, kw, field, code, supervisor, candidate):
    with pytest.raises(ValidationError) as exc:
        _issue(supervisor, candidate, **kw)
    assert exc.value.error_dict[field][0].code == code
    assert Certificate.objects.count() == 0


def test_issue_refuses_a_used_number(supervisor, candidate, officer):
    CertificateFactory(holder=officer, number="33Z11010500777")
    with pytest.raises(ValidationError) as exc:
        _issue(supervisor, candidate)
    assert "已被使用" in exc.value.error_dict["number"][0].messages[0]


def test_issue_requires_a_passed_exam_before_validity(supervisor, agency):
    # given an exam passed on 2025-06-02, after the certificate would start
    holder = UserFactory(role="officer", agency=agency)
    QualificationExam.objects.create(candidate=holder, exam_date=date(2025, 6, 2), passed=True)
    QualificationExam.objects.create(candidate=holder, exam_date=date(2024, 6, 2), passed=False)
    # then
    with pytest.raises(ValidationError) as exc:
        _issue(supervisor, holder)
    assert exc.value.error_dict["holder"][0].code == "exam_not_passed"


def test_exam_requirement_is_configurable(supervisor, agency, settings):
    settings.FAZHI_CERTIFICATE_REQUIRES_EXAM = False
    holder = UserFactory(role="officer", agency=agency)
    assert _issue(supervisor, holder).status == "valid"


def test_enforcement_certificate_only_for_an_enforcement_body(supervisor, justice_bureau):
    holder = UserFactory(role="officer", agency=justice_bureau)
    QualificationExam.objects.create(candidate=holder, exam_date=date(2025, 1, 1), passed=True)
    with pytest.raises(ValidationError) as exc:
        _issue(supervisor, holder)
    assert exc.value.error_dict["holder"][0].code == "agency_not_enforcement_body"
    # a supervision certificate is fine for the justice bureau
    assert _issue(supervisor, holder, kind="supervision").kind == "supervision"


def test_one_certificate_of_a_kind_at_a_time(supervisor, candidate):
    _issue(supervisor, candidate)
    with pytest.raises(ValidationError) as exc:
        _issue(
            supervisor,
            candidate,
            number="33Z11010500778",
            valid_from=date(2030, 5, 31),
            valid_until=date(2035, 5, 31),
        )
    assert exc.value.error_dict["holder"][0].code == "certificate_exists"
    # the next one may start the day after the first ends
    nxt = _issue(
        supervisor,
        candidate,
        number="33Z11010500779",
        valid_from=date(2030, 6, 1),
        valid_until=date(2035, 5, 31),
    )
    assert nxt.valid_from == date(2030, 6, 1)


def test_suspend_reinstate_revoke(supervisor, officer):
    cert = CertificateFactory(holder=officer)
    svc.suspend_certificate(actor=supervisor, certificate=cert, reason="涉嫌违法办案，停职调查")
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == ("suspended", "涉嫌违法办案，停职调查")
    svc.reinstate_certificate(actor=supervisor, certificate=cert)
    cert.refresh_from_db()
    assert cert.status == "valid"
    svc.revoke_certificate(actor=supervisor, certificate=cert, reason="调离执法岗位")
    cert.refresh_from_db()
    assert cert.status == "revoked"
    actions = list(
        AuditEntry.objects.filter(object_id=str(cert.pk), action__startswith="enforcement.")
        .values_list("action", flat=True)
        .order_by("seq")
    )
    assert actions == [
        "enforcement.suspend_certificate",
        "enforcement.reinstate_certificate",
        "enforcement.revoke_certificate",
    ]
    # revoked is final
    with pytest.raises(ValidationError) as exc:
        svc.reinstate_certificate(actor=supervisor, certificate=cert)
    assert exc.value.code == "status_invalid"


def test_suspension_needs_a_reason(supervisor, officer):
    cert = CertificateFactory(holder=officer)
    with pytest.raises(ValidationError) as exc:
        svc.suspend_certificate(actor=supervisor, certificate=cert, reason=" ")
    assert exc.value.error_dict["reason"][0].code == "required"
    cert.refresh_from_db()
    assert cert.status == "valid"


@pytest.mark.parametrize("user_fixture", ["agency_admin", "officer", "other_county_supervisor"])
def test_agency_staff_cannot_suspend(user_fixture, officer, request):
    cert = CertificateFactory(holder=officer)
    with pytest.raises(PermissionDenied):
        svc.suspend_certificate(actor=request.getfixturevalue(user_fixture), certificate=cert, reason="x")
    cert.refresh_from_db()
    assert cert.status == "valid"


def test_expire_certificates_on_a_date(officer, officer2):
    ends = CertificateFactory(holder=officer, valid_until=date(2025, 12, 31))
    later = CertificateFactory(holder=officer2, valid_until=date(2026, 1, 1))
    # on the last day of validity nothing expires; the day after it does
    assert svc.expire_certificates(on=date(2025, 12, 31)) == 0
    assert svc.expire_certificates(on=date(2026, 1, 1)) == 1
    ends.refresh_from_db()
    later.refresh_from_db()
    assert (ends.status, later.status) == ("expired", "valid")


# --- the case services refuse uncertified officers (行政处罚法第四十二条) --------------------------------
def test_no_case_is_opened_with_a_suspended_certificate(supervisor, open_case, certified):
    a, _b = certified
    svc.suspend_certificate(actor=supervisor, certificate=a.certificates.get(), reason="停职")
    with pytest.raises(ValidationError) as exc:
        open_case()
    assert exc.value.error_dict["officer_a"][0].code == "officer_uncertified"


def test_no_investigation_step_after_the_certificate_is_revoked(supervisor, open_case, certified, officer):
    # given a case opened while both certificates were valid
    case = open_case(on=date(2025, 9, 1))
    a, b = certified
    svc.revoke_certificate(actor=supervisor, certificate=b.certificates.get(), reason="调离")
    # when / then
    with pytest.raises(ValidationError) as exc:
        case_svc.record_investigation_step(
            actor=officer,
            case=case,
            kind="inspection",
            on=date(2025, 9, 2),
            officer_a=a,
            officer_b=b,
            summary="现场检查",
        )
    assert exc.value.error_dict["officer_b"][0].code == "officer_uncertified"
    assert case.investigation_steps.count() == 0


def test_no_investigation_step_with_an_expired_certificate(open_case, certified, officer):
    case = open_case(on=date(2025, 9, 1))
    a, b = certified
    Certificate.objects.filter(holder=a).update(valid_until=date(2025, 9, 1))
    with pytest.raises(ValidationError) as exc:
        case_svc.record_investigation_step(
            actor=officer,
            case=case,
            kind="inspection",
            on=date(2025, 9, 2),
            officer_a=a,
            officer_b=b,
            summary="现场检查",
        )
    assert exc.value.error_dict["officer_a"][0].code == "officer_uncertified"


# --- lists ----------------------------------------------------------------------------------
def test_certificates_expiring_within_90_days(
    supervisor, officer, officer2, other_officer, other_county_officer
):
    soon = CertificateFactory(holder=officer, valid_until=date(2026, 2, 21))
    CertificateFactory(holder=officer2, valid_until=date(2026, 2, 22))  # 91 days after 2025-11-23
    other = CertificateFactory(holder=other_officer, valid_until=date(2025, 11, 23))
    CertificateFactory(holder=other_county_officer, valid_until=date(2025, 12, 1))
    suspended = CertificateFactory(
        holder=UserFactory(agency=officer.agency), valid_until=date(2025, 12, 1), status="suspended"
    )
    # when
    rows = list(sel.certificates_expiring(supervisor, date(2025, 11, 23), 90))
    # then
    assert rows == [other, soon]
    assert suspended not in rows
    assert list(sel.certificates_expiring(officer, date(2025, 11, 23), 90)) == [soon]


def test_officers_short_of_training_hours(supervisor, officer, officer2, other_officer):
    # given three certified officers; 60 hours a year required by default
    for o in (officer, officer2, other_officer):
        CertificateFactory(holder=o)
    TrainingRecordFactory(officer=officer, year=2025, hours=Decimal("40.0"))
    TrainingRecordFactory(officer=officer, year=2025, hours=Decimal("20.0"))
    TrainingRecordFactory(officer=officer2, year=2025, hours=Decimal("59.5"))
    TrainingRecordFactory(officer=officer2, year=2024, hours=Decimal("80.0"))  # another year
    # when
    short = sel.officers_short_of_training(supervisor, 2025)
    # then
    assert [(s.officer, s.hours, s.missing) for s in short] == [
        (other_officer, Decimal("0.0"), Decimal("60")),
        (officer2, Decimal("59.5"), Decimal("0.5")),
    ]
    assert [s.officer for s in sel.officers_short_of_training(officer, 2025)] == [officer2]


def test_training_requirement_is_a_setting(supervisor, officer, settings):
    CertificateFactory(holder=officer)
    TrainingRecordFactory(officer=officer, year=2025, hours=Decimal("50.0"))
    settings.FAZHI_TRAINING_HOURS_REQUIRED = 50
    assert sel.officers_short_of_training(supervisor, 2025) == []
    settings.FAZHI_TRAINING_HOURS_REQUIRED = "50.5"
    assert [s.missing for s in sel.officers_short_of_training(supervisor, 2025)] == [Decimal("0.5")]


def test_record_training_by_the_agency_admin(agency_admin, officer, other_officer):
    record = svc.record_training(
        actor=agency_admin, officer=officer, course="行政处罚法", hours="12.5", completed_on="2025-07-01"
    )
    assert (record.year, record.hours) == (2025, Decimal("12.5"))
    with pytest.raises(PermissionDenied):
        svc.record_training(
            actor=agency_admin, officer=other_officer, course="x", hours="1", completed_on="2025-07-01"
        )


@pytest.mark.parametrize("hours", ["0", "-2", "abc", "12.25", "201", "NaN"])
def test_record_training_refuses_bad_hours(hours, supervisor, officer):
    with pytest.raises(ValidationError) as exc:
        svc.record_training(
            actor=supervisor, officer=officer, course="培训", hours=hours, completed_on="2025-07-01"
        )
    assert exc.value.error_dict["hours"][0].code == "hours_invalid"


def test_annual_review_once_a_year_and_listed(supervisor, officer, officer2):
    a = CertificateFactory(holder=officer)
    b = CertificateFactory(holder=officer2)
    svc.record_annual_review(
        actor=supervisor, certificate=a, year=2025, result="passed", reviewed_on=date(2025, 11, 3)
    )
    svc.record_annual_review(
        actor=supervisor,
        certificate=b,
        year=2025,
        result="failed",
        reviewed_on=date(2025, 11, 3),
        remarks="学时不足",
    )
    with pytest.raises(ValidationError) as exc:
        svc.record_annual_review(
            actor=supervisor, certificate=a, year=2025, result="passed", reviewed_on=date(2025, 11, 4)
        )
    assert exc.value.error_dict["year"][0].code == "duplicate"
    with pytest.raises(ValidationError):
        svc.record_annual_review(
            actor=supervisor, certificate=a, year=2026, result="passed", reviewed_on=date(2025, 11, 4)
        )
    assert [r.certificate for r in sel.annual_reviews(supervisor, 2025, "failed")] == [b]
    assert AnnualReview.objects.count() == 2


def test_record_exam_refuses_a_bad_score(supervisor, officer):
    with pytest.raises(ValidationError) as exc:
        svc.record_exam(actor=supervisor, candidate=officer, exam_date="2025-05-10", score="101", passed=True)
    assert exc.value.error_dict["score"][0].code == "score_invalid"
    exam = svc.record_exam(
        actor=supervisor, candidate=officer, exam_date="2025-05-10", score="86", passed=True
    )
    assert exam.score == Decimal("86")


# --- Excel ----------------------------------------------------------------------------------
def _workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in excel_supervision.CERTIFICATE_COLUMNS[:-1]])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_is_all_or_nothing_with_row_errors(supervisor, jurisdiction, candidate, officer):
    content = _workbook(
        [
            [
                "33Z11010500801",
                "candidate",
                "钱新人",
                "行政执法证",
                "示范省人民政府",
                "",
                date(2025, 6, 1),
                "2030-05-31",
            ],
            ["33Z11010500802", "nobody", "", "行政执法证", "示范省人民政府", "", "2025-06-01", "2030-05-31"],
            ["33Z11010500803", "officer", "", "工作证", "示范省人民政府", "", "2025/6/1", "2030-05-31"],
        ]
    )
    # when
    result = excel_supervision.import_certificates(
        actor=supervisor, jurisdiction=jurisdiction, content=content
    )
    # then
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "持证人用户名"), (4, "证件类型")]
    assert "nobody" in result.errors[0].message
    assert Certificate.objects.count() == 0


def test_import_creates_certificates(supervisor, jurisdiction, candidate):
    content = _workbook(
        [
            [
                "33Z11010500801",
                "candidate",
                "钱新人",
                "行政执法证",
                "示范省人民政府",
                "市场监管",
                date(2025, 6, 1),
                "2030/5/31",
            ]
        ]
    )
    result = excel_supervision.import_certificates(
        actor=supervisor, jurisdiction=jurisdiction, content=content
    )
    assert (result.ok, result.created) == (True, 1)
    cert = Certificate.objects.get()
    assert (cert.holder, cert.valid_from, cert.valid_until, cert.areas) == (
        candidate,
        date(2025, 6, 1),
        date(2030, 5, 31),
        "市场监管",
    )


def test_import_refused_to_agency_staff(agency_admin, jurisdiction, candidate):
    content = _workbook(
        [["33Z11010500801", "candidate", "", "行政执法证", "示范省人民政府", "", "2025-06-01", "2030-05-31"]]
    )
    with pytest.raises(PermissionDenied):
        excel_supervision.import_certificates(actor=agency_admin, jurisdiction=jurisdiction, content=content)
    assert Certificate.objects.count() == 0


def test_export_lists_visible_certificates_in_the_import_layout(supervisor, officer, other_county_officer):
    CertificateFactory(holder=officer, number="33Z11010500001", valid_until=date(2028, 12, 31))
    CertificateFactory(holder=other_county_officer, number="33Z11052200001")
    content = excel_supervision.export_certificates(sel.certificates_filtered(supervisor))
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("证件编号", "持证人用户名")
    assert [r[0] for r in rows[1:]] == ["33Z11010500001"]
    assert rows[1][7:] == ("2028-12-31", "有效")


def test_certificate_page_shows_actions_to_the_supervisor_only(client, supervisor, officer):
    CertificateFactory(holder=officer, number="33Z11010500001")
    client.force_login(supervisor)
    assert "吊销" in client.get("/enforcement/officers/certificates/").content.decode()
    client.force_login(officer)
    html = client.get("/enforcement/officers/certificates/").content.decode()
    assert "33Z11010500001" in html
    assert "吊销</button>" not in html


def test_suspend_through_the_page(client, supervisor, officer):
    cert = CertificateFactory(holder=officer)
    client.force_login(supervisor)
    response = client.post(f"/enforcement/officers/certificates/{cert.pk}/suspend/", {"reason": "停职调查"})
    cert.refresh_from_db()
    assert response.status_code == 302
    assert cert.status == "suspended"


def test_no_on_the_spot_decision_by_an_officer_whose_certificate_was_suspended(
    supervisor, open_case, certified
):
    # given an on-the-spot case opened on 2025-09-01, then officer A's certificate suspended
    case = open_case(on=date(2025, 9, 1), procedure_kind="on_the_spot")
    a, _b = certified
    svc.suspend_certificate(actor=supervisor, certificate=a.certificates.get(), reason="停职")
    # when / then: the certificates are checked again on the decision date (第四十二、五十二条)
    with pytest.raises(ValidationError) as exc:
        case_svc.decide_on_the_spot(
            actor=a,
            case=case,
            on=date(2025, 9, 1),
            decision_number="当场〔2025〕1号",
            penalty_types=["warning"],
            decision_basis="《食品安全法》第一百二十四条",
            evidence_summary="现场检查笔录",
            remedies="可在六十日内申请行政复议或六个月内提起行政诉讼",
        )
    error = exc.value.error_dict["officer_a"][0]
    assert error.code == "officer_uncertified"
    assert error.messages == [
        f"执法人员“{a}”在 2025-09-01 未持有本机关有效的行政执法证件，不能从事执法活动（行政处罚法第四十二条）。"
    ]
    case.refresh_from_db()
    assert case.state == "investigating"
    assert case.decided_on is None


def test_expire_command(officer):
    from io import StringIO

    from django.core.management import call_command

    cert = CertificateFactory(holder=officer, valid_until=date(2025, 12, 31))
    out = StringIO()
    call_command("certificates", "expire", "--on", "2026-01-01", stdout=out)
    cert.refresh_from_db()
    assert out.getvalue().strip() == "2026-01-01：1 个证件已标记为过期。"
    assert cert.status == "expired"


def test_audit_trail_names_the_supervision_actions_in_chinese():
    from fazhi.core.audit import action_label

    assert action_label("enforcement.revoke_certificate") == "吊销执法证件"
    assert action_label("enforcement.refer_case") == "移送涉嫌犯罪案件"


def _training_book(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in excel_supervision.TRAINING_COLUMNS])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_training_import_all_or_nothing(agency_admin, jurisdiction, officer, other_officer):
    # given a row for the admin's own officer and one for another agency's officer
    content = _training_book(
        [
            ["officer", officer.full_name, "行政处罚法", "16", date(2025, 6, 30)],
            ["other_officer", "", "行政强制法", "8", "2025-07-01"],
            ["officer", "", "行政许可法", "0", "2025-07-01"],
        ]
    )
    # when
    result = excel_supervision.import_training(actor=agency_admin, jurisdiction=jurisdiction, content=content)
    # then
    assert [(e.row, e.column) for e in result.errors] == [(3, "—"), (4, "学时")]
    assert officer.training_records.count() == 0
    # and a clean file is imported
    ok = excel_supervision.import_training(
        actor=agency_admin,
        jurisdiction=jurisdiction,
        content=_training_book([["officer", "", "行政处罚法", "16", "2025/6/30"]]),
    )
    assert (ok.ok, ok.created) == (True, 1)
    assert officer.training_records.get().year == 2025
