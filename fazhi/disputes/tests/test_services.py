"""Reconsideration services: the happy path to a published decision, and bad input (nothing saved)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.api import validation_error_detail
from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.org.tests.factories import UserFactory

from ..models import Reconsideration
from ..services import (
    PartyIn,
    accept_application,
    assign_handlers,
    decide_case,
    extend_decision_period,
    file_reply,
    mediate_case,
    publish_decision,
    record_advisory_opinion,
    record_hearing,
    reject_application,
    send_copy,
    submit_application,
    terminate_case,
)
from .conftest import application


@pytest.fixture
def accepted(apply, clerk, clerk2):
    """Accepted on 2025-06-10, two handlers, copy sent 6/12, reply filed 6/20."""
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk, clerk2])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 20), text="处罚事实清楚，证据确凿")
    return Reconsideration.objects.get(pk=case.pk)


def _code(exc):
    return validation_error_detail(exc.value)["code"]


def _state_and_steps(case):
    case.refresh_from_db()
    return case.state, procedures.steps(case).count()


def test_online_application_to_published_redacted_decision(accepted, clerk, officer):
    # given: the respondent replied, the parties were heard (第四十九条)
    record_hearing(
        actor=clerk, case=accepted, kind="views", mode="phone", held_on=date(2025, 7, 1), record="张三陈述"
    )
    # when
    decide_case(
        actor=clerk,
        case=accepted,
        on=date(2025, 7, 15),
        outcome="revoke",
        reasons="被申请人认定张三（电话13812345678）无照经营的事实不清",
        approved_by="复议机关负责人同意",
    )
    case = publish_decision(actor=clerk, case=accepted, on=date(2025, 7, 20))
    # then
    assert (case.state, case.outcome, case.closed_on, case.closed_on_time) == (
        "decided",
        "revoke",
        date(2025, 7, 15),
        True,
    )
    assert case.decision_number == "示范县复决字〔2025〕1号"
    assert case.published_on == date(2025, 7, 20)
    assert "申请人：张*" in case.published_text
    assert "被申请人：示范县市场监督管理局" in case.published_text
    assert "认定张*（电话****）无照经营" in case.published_text
    for secret in ("张三", "13812345678", "11010519491231002X"):
        assert secret not in case.published_text
    assert [s.transition for s in procedures.steps(case)] == [
        "start",
        "accept",
        "send_copy",
        "receive_reply",
        "decide",
    ]
    assert AuditEntry.objects.filter(action="disputes.publish_decision", object_id=str(case.pk)).count() == 1


def test_respondent_agency_files_its_own_reply(apply, clerk, officer):
    # given
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11), received_on=date(2025, 6, 11))
    # when: an officer of the respondent agency files the reply (第四十八条)
    file_reply(actor=officer, case=case, on=date(2025, 6, 18), text="答复意见及证据目录")
    # then
    d = procedures.deadlines(case).get(clock="reply")
    assert (d.due_date, d.state) == (date(2025, 6, 25), "met")


def test_late_application_is_accepted_only_with_a_recorded_justification(apply, clerk):
    # given: known on 2025-03-01, 60 CD → 2025-04-30; received 2025-06-09
    case = apply(known_on=date(2025, 3, 1))
    assert case.application_due == date(2025, 4, 30)
    # when / then
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assert _code(exc) == "application_late"
    assert (
        "已超过申请期限（2025-03-01 + 60日（行政复议法第二十条第一款） → 2025-04-30）"
        in exc.value.message_dict["late_justification"][0]
    )
    assert _state_and_steps(case) == ("received", 1)
    # when a justification is recorded (第二十条第二款)
    accept_application(
        actor=clerk, case=case, on=date(2025, 6, 10), late_justification="申请人住院治疗至6月5日"
    )
    # then
    case.refresh_from_db()
    assert (case.state, case.late_justification) == ("accepted", "申请人住院治疗至6月5日")
    assert procedures.steps(case).last().data["late_justification"] == "申请人住院治疗至6月5日"


def test_rights_not_notified_runs_from_learning_them_capped_at_one_year(apply):
    # 第二十条第三款: learned the rights on 2025-06-01 → 60 CD → 2025-07-31
    case = apply(known_on=date(2025, 1, 6), rights_notified=False, rights_learned_on=date(2025, 6, 1))
    assert case.application_due == date(2025, 7, 31)
    # learned them only 13 months later: capped at one year from knowing the act (2026-01-06)
    case = apply(
        received_on=date(2026, 2, 2),
        known_on=date(2025, 1, 6),
        rights_notified=False,
        rights_learned_on=date(2026, 1, 20),
    )
    assert case.application_due == date(2026, 1, 6)


def test_decision_needs_two_handlers(apply, clerk):
    # given: accepted, copy sent, replied and heard, but only one handler
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 12), text="答复")
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2025, 6, 20))
    # when
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=case,
            on=date(2025, 7, 1),
            outcome="uphold",
            reasons="事实清楚",
            approved_by="集体讨论",
        )
    # then
    assert exc.value.message_dict["handlers"] == [
        "承办人员：行政复议案件应当由2名以上行政复议人员承办，本案目前只有1名（行政复议法第四十五条）。"
    ]
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("accepted", "", None)


@pytest.mark.parametrize(
    ("respondent", "expected"),
    [
        (
            "张三",
            "被申请人：必须是行政机关（从本级人民政府所属部门和下级人民政府中选择），不能填写个人或其他主体。",
        ),
        (
            None,
            "被申请人：必须是行政机关（从本级人民政府所属部门和下级人民政府中选择），不能填写个人或其他主体。",
        ),
    ],
)
def test_respondent_must_be_an_agency(respondent, expected, jurisdiction):
    with pytest.raises(ValidationError) as exc:
        submit_application(actor=None, jurisdiction=jurisdiction, respondent=respondent, **application())
    assert exc.value.message_dict["respondent"] == [expected]
    assert Reconsideration.objects.count() == 0


def test_respondent_a_user_is_not_an_agency(jurisdiction, officer):
    with pytest.raises(ValidationError) as exc:
        submit_application(actor=None, jurisdiction=jurisdiction, respondent=officer, **application())
    assert "respondent" in exc.value.message_dict
    assert Reconsideration.objects.count() == 0


def test_online_application_validates_identity_and_required_fields(jurisdiction, agency):
    # when: a wrong ID check digit and an empty claim
    with pytest.raises(ValidationError) as exc:
        submit_application(
            actor=None,
            jurisdiction=jurisdiction,
            respondent=agency,
            **application(parties=[PartyIn(name="张三", id_number="110105194912310021")], claim=" "),
        )
    # then
    errors = exc.value.message_dict
    assert errors["applicants"] == ["第1名申请人的居民身份证号码校验位错误：第18位应为“X”，实际为“1”。"]
    assert errors["claim"] == ["复议请求：不能为空（行政复议法第二十二条）。"]
    assert Reconsideration.objects.count() == 0


def test_oral_application_needs_the_record(jurisdiction, agency, clerk):
    with pytest.raises(ValidationError) as exc:
        submit_application(
            actor=clerk, jurisdiction=jurisdiction, respondent=agency, **application(channel="counter_oral")
        )
    assert list(exc.value.message_dict) == ["oral_record"]
    assert Reconsideration.objects.count() == 0


@pytest.mark.parametrize(
    ("outcome", "code", "message"),
    [
        (
            "order_performance",
            "outcome_not_allowed",
            "决定类型：被申请行为为“行政行为”，不能作出“责令履行”决定；可作出：变更、撤销、确认违法、确认无效、维持、驳回申请。",
        ),
        ("nonsense", "bad_outcome", "决定类型：“nonsense”不是行政复议法规定的决定类型。"),
    ],
)
def test_decision_type_must_fit_the_act(accepted, clerk, outcome, code, message):
    record_hearing(actor=clerk, case=accepted, kind="views", held_on=date(2025, 7, 1))
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=accepted,
            on=date(2025, 7, 15),
            outcome=outcome,
            reasons="理由",
            approved_by="负责人同意",
        )
    assert exc.value.message_dict["outcome"] == [message]
    assert _state_and_steps(accepted) == ("accepted", 4)


def test_no_reply_means_the_act_cannot_be_upheld(apply, clerk, clerk2):
    # given: copy sent, the respondent never replied (第七十条)
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk, clerk2])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2025, 7, 1))
    # when / then
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=case,
            on=date(2025, 7, 15),
            outcome="uphold",
            reasons="理由",
            approved_by="负责人同意",
        )
    assert _code(exc) == "outcome_without_reply"
    decide_case(
        actor=clerk,
        case=case,
        on=date(2025, 7, 15),
        outcome="revoke",
        reasons="未答复",
        approved_by="负责人同意",
    )
    case.refresh_from_db()
    assert case.outcome == "revoke"


def test_major_case_needs_formal_hearing_with_5_working_days_notice_and_advisory_opinion(accepted, clerk):
    from ..services import mark_major_complex

    mark_major_complex(actor=clerk, case=accepted, major=True)
    record_hearing(actor=clerk, case=accepted, kind="views", held_on=date(2025, 6, 25))
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=accepted,
            on=date(2025, 7, 15),
            outcome="uphold",
            reasons="理由",
            approved_by="集体讨论",
        )
    assert _code(exc) == "hearing_required"
    # notice Friday 2025-09-26 → 5 WD incl. make-up Sunday 9/28 → earliest 10/10 (National Day between)
    with pytest.raises(ValidationError) as exc:
        record_hearing(
            actor=clerk,
            case=accepted,
            kind="formal",
            notified_on=date(2025, 9, 26),
            held_on=date(2025, 10, 9),
        )
    assert exc.value.message_dict["held_on"][0].startswith(
        "听证日期：应当在举行听证5个工作日前通知当事人，最早可于2025-10-10举行"
    )
    record_hearing(
        actor=clerk, case=accepted, kind="formal", notified_on=date(2025, 6, 30), held_on=date(2025, 7, 7)
    )
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=accepted,
            on=date(2025, 7, 15),
            outcome="uphold",
            reasons="理由",
            approved_by="集体讨论",
        )
    assert _code(exc) == "advisory_opinion_required"
    record_advisory_opinion(actor=clerk, case=accepted, on=date(2025, 7, 10), text="建议维持")
    decide_case(
        actor=clerk,
        case=accepted,
        on=date(2025, 7, 15),
        outcome="uphold",
        reasons="理由",
        approved_by="集体讨论",
    )
    accepted.refresh_from_db()
    assert accepted.state == "decided"


def test_extension_only_by_the_head_only_once_and_at_most_30_days(accepted, clerk, head):
    # non-head: denied, nothing changed
    with pytest.raises(PermissionDenied):
        extend_decision_period(actor=clerk, case=accepted, on=date(2025, 8, 1), ground="复杂")
    d = procedures.deadlines(accepted).get(clock="decision")
    assert (d.due_date, d.extensions.count()) == (date(2025, 8, 11), 0)
    with pytest.raises(ValidationError) as exc:
        extend_decision_period(actor=head, case=accepted, on=date(2025, 8, 1), ground="复杂", days=31)
    assert _code(exc) == "extension_too_long"
    extend_decision_period(actor=head, case=accepted, on=date(2025, 8, 1), ground="复杂")
    with pytest.raises(ValidationError) as exc:
        extend_decision_period(actor=head, case=accepted, on=date(2025, 8, 5), ground="仍复杂", days=5)
    assert _code(exc) == "extension_limit_reached"
    d = procedures.deadlines(accepted).get(clock="decision")
    # 8/11 + 30 CD = 9/10
    assert (d.due_date, d.extensions.count()) == (date(2025, 9, 10), 1)


def test_simplified_case_cannot_be_extended(apply, clerk, head):
    case = apply(amount=Decimal("200.00"))
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    with pytest.raises(ValidationError) as exc:
        extend_decision_period(actor=head, case=case, on=date(2025, 7, 1), ground="复杂")
    assert _code(exc) == "not_ordinary"


def test_simplified_procedure_not_for_amounts_over_3000(apply, clerk):
    case = apply(amount=Decimal("3000.01"))
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    assert _code(exc) == "amount_too_high"
    assert _state_and_steps(case) == ("received", 1)


@pytest.mark.parametrize("user", ["officer", "other_county_clerk", "supervisor"])
def test_only_the_reconsideration_office_of_the_county_accepts(apply, user, request):
    case = apply()
    with pytest.raises(PermissionDenied):
        accept_application(actor=request.getfixturevalue(user), case=case, on=date(2025, 6, 10))
    assert _state_and_steps(case) == ("received", 1)
    assert not AuditEntry.objects.filter(action="disputes.reconsideration.accept").exists()


def test_rejection_needs_reasons_and_names_the_competent_organ(apply, clerk):
    case = apply()
    with pytest.raises(ValidationError) as exc:
        reject_application(actor=clerk, case=case, on=date(2025, 6, 10), reasons="")
    assert _code(exc) == "required"
    assert _state_and_steps(case) == ("received", 1)
    with pytest.raises(ValidationError) as exc:
        reject_application(
            actor=clerk,
            case=case,
            on=date(2025, 6, 10),
            reasons="不属于本机关管辖",
            outside_jurisdiction=True,
        )
    assert _code(exc) == "competent_organ_required"
    assert _state_and_steps(case) == ("received", 1)
    reject_application(
        actor=clerk,
        case=case,
        on=date(2025, 6, 10),
        reasons="不属于本机关管辖",
        outside_jurisdiction=True,
        competent_organ="北京市人民政府",
    )
    case.refresh_from_db()
    assert (case.state, case.competent_organ) == ("rejected", "北京市人民政府")


def test_mediation_and_settlement_close_the_case(accepted, clerk, apply, clerk2):
    mediate_case(actor=clerk, case=accepted, on=date(2025, 7, 1), agreement="被申请人减少罚款至1000元")
    accepted.refresh_from_db()
    assert (accepted.state, accepted.closed_on, accepted.closed_on_time) == (
        "mediated",
        date(2025, 7, 1),
        True,
    )
    other = apply()
    accept_application(actor=clerk, case=other, on=date(2025, 6, 10))
    terminate_case(actor=clerk, case=other, on=date(2025, 6, 30), ground="settled")
    other.refresh_from_db()
    assert (other.state, other.termination_ground) == ("terminated", "settled")


def test_termination_for_lapsed_suspension_needs_60_days(accepted, clerk):
    from ..services import suspend_case

    suspend_case(actor=clerk, case=accepted, on=date(2025, 7, 1), ground="death")
    with pytest.raises(ValidationError) as exc:
        terminate_case(actor=clerk, case=accepted, on=date(2025, 8, 29), ground="suspension_lapsed")
    assert _code(exc) == "suspension_not_lapsed"
    # 2025-07-01 + 60 CD = 2025-08-30 (Sat) → Mon 2025-09-01
    terminate_case(actor=clerk, case=accepted, on=date(2025, 9, 1), ground="suspension_lapsed")
    accepted.refresh_from_db()
    assert accepted.state == "terminated"


def test_handlers_must_be_reconsideration_staff(apply, clerk, officer):
    officer.full_name = "工作人员"
    officer.save()
    case = apply()
    with pytest.raises(ValidationError) as exc:
        assign_handlers(actor=clerk, case=case, handlers=[clerk, officer])
    assert exc.value.message_dict["handlers"] == ["承办人员：工作人员 不是本复议机构的行政复议人员。"]
    assert case.handlers.count() == 0


def test_head_approval_user(head):
    assert head.has_perm("disputes.approve_extension", None)
    assert not UserFactory(username="x", role="officer").has_perm("disputes.approve_extension", None)


def test_receipt_is_never_refused_for_missing_calendar_data(apply, clerk):
    # known 2026-11-20: 60 CD ends in 2027, a year without holiday data — but not before 2027-01-19,
    # so the application of 2026-11-23 is on time whatever the roll-over (test_calendar_pending.py)
    case = apply(received_on=date(2026, 11, 23), known_on=date(2026, 11, 20))
    assert case.application_due is None
    assert "2027年节假日安排尚未录入" in case.application_due_explanation
    accept_application(actor=clerk, case=case, on=date(2026, 11, 24))
    assert _state_and_steps(case) == ("accepted", 2)
