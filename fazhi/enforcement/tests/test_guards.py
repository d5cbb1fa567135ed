"""The statutory gates of the penalty procedure are named guards on its transitions (guards.py), each
with its article and a Chinese reason; the periods they read are engine deadlines on real dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures
from fazhi.enforcement import guards
from fazhi.enforcement.procedures import PENALTY
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services.rules import set_time_limit_rule

from .factories import LegalReviewItemFactory

DECISION = {
    "decision_kind": "penalty",
    "decision_number": "示范县市监罚〔2025〕1号",
    "penalty_types": ["warning", "fine"],
    "fine_amount": "3000.00",
    "decision_basis": "《食品安全法》第一百二十四条",
    "evidence_summary": "现场检查笔录",
    "performance": "十五日内缴纳",
    "remedies": "六十日内申请行政复议",
}


def codes(exc: ValidationError) -> set[str]:
    if hasattr(exc, "error_dict"):
        return {e.code for errs in exc.error_dict.values() for e in errs}
    return {e.code for e in exc.error_list}


def notify(officer, case, on, **kw):
    args = {"tier": "lenient", "penalty_types": ["warning", "fine"], "fine": "3000.00"} | kw
    return svc.notify_intended_penalty(actor=officer, case=case, on=on, **args)


def refused(guard, case, data=None) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        guard(case, data or {})
    return exc.value


# --- every gate is declared on its transition ---------------------------------------------------
@pytest.mark.parametrize(
    ("transition", "guard"),
    [
        ("decide", guards.legal_review_passed),
        ("decide", guards.collective_discussion_held),
        ("decide", guards.not_heavier_than_notified),
        ("decide", guards.hearing_window_closed),
        ("decide", guards.statement_period_over),
        ("decide", guards.ordinary_procedure),
        ("submit_review", guards.hearing_window_closed),
        ("submit_review", guards.statement_period_over),
        ("discuss", guards.legal_review_before_discussion),
        ("discuss", guards.statement_period_over),
        ("request_hearing", guards.filed_within_hearing_window),
        ("notify", guards.investigation_recorded),
        ("decide_on_the_spot", guards.on_the_spot_procedure),
        ("decide_on_the_spot", guards.officers_certified_on_decision),
        ("decide_on_the_spot", guards.within_on_the_spot_limits),
        ("serve", guards.electronic_service_consented),
        ("serve_fine", guards.electronic_service_consented),
        ("close", guards.collected_fine_handed_in),
        ("close", guards.on_the_spot_decision_filed),
        ("close", guards.execution_recorded),
    ],
)
def test_the_gate_is_a_guard_on_the_transition_and_cites_its_article(transition, guard):
    assert guard in PENALTY.transition(transition).guards
    assert "条" in (guard.__doc__ or "")


# --- one test per guard, with its Chinese reason (no database needed for the case's own facts) -----
def test_legal_review_guard_reason():
    case = SimpleNamespace(legal_review_required=True, legal_review_status="pending")
    exc = refused(guards.legal_review_passed, case)
    assert exc.messages == [
        "本案属于须法制审核的情形，未经法制审核或者审核未通过的，不得作出决定（行政处罚法第五十八条）。"
    ]
    guards.legal_review_passed(
        SimpleNamespace(legal_review_required=True, legal_review_status="approved"), {}
    )


def test_legal_review_before_discussion_guard_reason():
    case = SimpleNamespace(legal_review_required=True, legal_review_status="missing")
    exc = refused(guards.legal_review_before_discussion, case)
    assert exc.messages == ["本案须先经法制审核通过，再提交负责人集体讨论（行政处罚法第五十八条）。"]


def test_collective_discussion_guard_reason():
    case = SimpleNamespace(collective_discussion_required=True, collective_discussion_on=None)
    exc = refused(guards.collective_discussion_held, case)
    assert exc.messages == ["本案须经行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）。"]
    case.collective_discussion_on = date(2025, 9, 12)
    guards.collective_discussion_held(case, {})


def test_not_heavier_than_notified_guard_refuses_a_larger_fine_and_an_unnotified_type():
    case = SimpleNamespace(
        proposed_fine=Decimal("3000.00"), proposed_confiscation=None, proposed_penalty_types=["fine"]
    )
    exc = refused(guards.not_heavier_than_notified, case, {"kind": "penalty", "fine": Decimal("3000.01")})
    assert codes(exc) == {"heavier_than_notified"}
    assert "不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条），须重新告知" in exc.messages[0]
    exc = refused(
        guards.not_heavier_than_notified,
        case,
        {"kind": "penalty", "fine": Decimal("3000"), "types": ["fine", "suspend_permit"]},
    )
    assert exc.message_dict["penalty_types"][0].startswith("决定的处罚种类“")
    assert "未经告知" in exc.message_dict["penalty_types"][0]
    # equal or lighter is allowed; a no-penalty decision is never heavier
    guards.not_heavier_than_notified(case, {"kind": "penalty", "fine": Decimal("2000"), "types": ["fine"]})
    guards.not_heavier_than_notified(case, {"kind": "no_penalty"})


def test_ordinary_and_on_the_spot_guards_reasons():
    exc = refused(guards.ordinary_procedure, SimpleNamespace(procedure_kind="on_the_spot"))
    assert "当场处罚案件不适用告知、审核等普通程序环节" in exc.messages[0]
    exc = refused(guards.on_the_spot_procedure, SimpleNamespace(procedure_kind="ordinary"))
    assert exc.messages == ["普通程序案件不能当场作出处罚决定（行政处罚法第五十一条）。"]


def test_electronic_service_guard_reason():
    exc = refused(guards.electronic_service_consented, SimpleNamespace(), {"method": "electronic"})
    assert exc.message_dict["method"] == ["电子送达须当事人同意并签订确认书（行政处罚法第六十一条第二款）。"]
    guards.electronic_service_consented(SimpleNamespace(), {"method": "electronic", "party_consented": True})


def test_closing_guards_reasons():
    case = SimpleNamespace(
        procedure_kind="on_the_spot",
        filed_on=None,
        collected_on_the_spot=True,
        handed_in_on=None,
        state="served",
        fine_amount=Decimal("100"),
    )
    assert refused(guards.on_the_spot_decision_filed, case).messages == [
        "当场处罚决定须先报所属行政机关备案（行政处罚法第五十二条第三款）。"
    ]
    assert refused(guards.collected_fine_handed_in, case).messages == [
        "当场收缴的罚款尚未登记交至行政机关（行政处罚法第七十一条），不能结案。"
    ]
    assert codes(refused(guards.execution_recorded, case, {"note": " "})) == {"execution_missing"}
    guards.execution_recorded(case, {"note": "已申请人民法院强制执行"})


def test_investigation_guard_reason(open_case):
    exc = refused(guards.investigation_recorded, open_case())
    assert codes(exc) == {"no_investigation"}
    assert "行政处罚法第五十四条第一款" in exc.messages[0]


# --- 第四十四、四十五条 + the agency's rule: the statement-and-defence period ------------------------
def test_statement_period_over_national_day_2025(investigated, officer):
    # given a notice without hearing rights on Tue 2025-09-30: + 3 WD, 10-01..08 rest, 10-09 Thu,
    # 10-10 Fri, 10-11 Sat (make-up working day) → the period ends 2025-10-11
    case = notify(officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 30))
    d = procedures.deadlines(case).get(clock="statement")
    assert (d.due_date, d.period_n, d.period_unit) == (date(2025, 10, 11), 3, "wd")
    assert "行政处罚法第四十四条、第四十五条" in d.explanation
    # when the agency decides one day before the period ends → refused with the reason and the date
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(actor=officer, case=case, on=date(2025, 10, 10), **DECISION)
    assert codes(exc.value) == {"statement_period_open"}
    assert exc.value.message_dict["on"][0].startswith("当事人陈述、申辩的期限至 2025-10-11 届满")
    case.refresh_from_db()
    assert (case.state, case.decided_on) == ("notified", None)
    # and on the last day itself → still refused
    with pytest.raises(ValidationError):
        svc.decide_case(actor=officer, case=case, on=date(2025, 10, 11), **DECISION)
    # then on the day after the period it is allowed
    case = svc.decide_case(actor=officer, case=case, on=date(2025, 10, 12), **DECISION)
    assert case.state == "decided"


def test_statement_period_over_spring_festival_2026(investigated, officer):
    # Thu 2026-02-12 + 3 WD: 02-13 Fri, 02-14 Sat (make-up), 02-15..23 rest, 02-24 Tue → 2026-02-24
    case = notify(officer, investigated(on=date(2026, 2, 2)), date(2026, 2, 12))
    assert procedures.deadlines(case).get(clock="statement").due_date == date(2026, 2, 24)
    with pytest.raises(ValidationError) as exc:
        svc.submit_for_legal_review(actor=officer, case=case, on=date(2026, 2, 23))
    assert codes(exc.value) == {"statement_period_open"}
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2026, 2, 25))
    assert case.state == "legal_review"


def test_statement_period_follows_the_agencys_rule(investigated, officer, agency_admin, agency):
    # given the agency's rule sets 5 working days for the statement
    set_time_limit_rule(
        actor=agency_admin,
        agency=agency,
        decision_days=90,
        extension_days=30,
        max_extensions=1,
        extension_approver="负责人批准",
        legal_basis="《示范县市场监督管理局行政处罚程序细则》",
        statement_days=5,
    )
    # when a notice is given on Mon 2025-09-22: + 5 WD, 09-28 (Sun) is a make-up working day
    case = notify(officer, investigated(on=date(2025, 9, 10)), date(2025, 9, 22))
    d = procedures.deadlines(case).get(clock="statement")
    # then 09-23, 24, 25, 26, 28 → 2025-09-28, with the rule named in the explanation
    assert (d.period_n, d.due_date) == (5, date(2025, 9, 28))
    assert "示范县市场监督管理局行政处罚程序细则" in d.explanation


def test_statement_or_written_waiver_ends_the_period_early(investigated, officer):
    case = notify(officer, investigated(), date(2025, 9, 10))
    case = svc.make_statement(
        actor=officer, case=case, on=date(2025, 9, 12), posted_on=date(2025, 9, 11), text="罚款过高"
    )
    d = procedures.deadlines(case).get(clock="statement")
    assert (d.state, d.closed_on) == ("met", date(2025, 9, 11))
    assert (case.statement_on, case.statement_posted_on) == (date(2025, 9, 12), date(2025, 9, 11))
    case = svc.decide_case(actor=officer, case=case, on=date(2025, 9, 12), **DECISION)
    assert case.state == "decided"
    # a written waiver does the same on another case
    other = notify(officer, investigated(title="另一案"), date(2025, 9, 10))
    other = svc.waive_hearing(actor=officer, case=other, on=date(2025, 9, 10))
    assert procedures.deadlines(other).get(clock="statement").state == "met"
    assert (
        svc.decide_case(
            actor=officer,
            case=other,
            on=date(2025, 9, 11),
            **(DECISION | {"decision_number": "罚〔2025〕2号"}),
        ).state
        == "decided"
    )


# --- 第六十四条第一项: the hearing window, and time in the post -------------------------------------
def test_hearing_window_over_national_day_2025_blocks_review_discussion_and_decision(investigated, officer):
    # Fri 2025-09-26 + 5 WD: 09-28 (Sun, make-up) 09-29 09-30, 10-01..08 rest, 10-09 10-10 → 2025-10-10
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    assert procedures.deadlines(case).get(clock="hearing_request").due_date == date(2025, 10, 10)
    for call in (
        lambda on: svc.submit_for_legal_review(actor=officer, case=case, on=on),
        lambda on: svc.record_collective_discussion(actor=officer, case=case, on=on, minutes="同意"),
    ):
        with pytest.raises(ValidationError) as exc:
            call(date(2025, 10, 10))
        assert codes(exc.value) == {"hearing_window_open"}
        assert "当事人申请听证的期限至 2025-10-10 届满" in exc.value.message_dict["on"][0]
    case.refresh_from_db()
    assert case.state == "notified_hearing"
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 10, 11))
    assert case.state == "legal_review"


def test_hearing_waived_in_writing_opens_the_way_before_the_window_ends(investigated, officer):
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    case = svc.waive_hearing(actor=officer, case=case, on=date(2025, 9, 29))
    assert procedures.deadlines(case).get(clock="hearing_request").state == "met"
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 30))
    assert case.state == "legal_review"


def test_hearing_request_posted_on_the_last_day_is_on_time(investigated, officer):
    # given the window ends 2025-10-10; the request is posted that day and arrives Mon 10-13
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    case = svc.request_hearing(actor=officer, case=case, on=date(2025, 10, 13), posted_on=date(2025, 10, 10))
    # then it is on time: the window closes met, and both dates are kept
    assert case.state == "hearing_requested"
    assert (case.hearing_requested_on, case.hearing_request_posted_on) == (
        date(2025, 10, 13),
        date(2025, 10, 10),
    )
    assert procedures.deadlines(case).get(clock="hearing_request").state == "met"


def test_hearing_request_posted_after_the_window_is_late(investigated, officer):
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    with pytest.raises(ValidationError) as exc:
        svc.request_hearing(actor=officer, case=case, on=date(2025, 10, 13), posted_on=date(2025, 10, 11))
    assert codes(exc.value) == {"hearing_request_late"}
    assert exc.value.message_dict["on"][0].startswith("当事人于 2025-10-11 寄出听证申请，已超过申请期限")


def test_posted_date_after_the_received_date_is_refused(investigated, officer):
    case = notify(officer, investigated(), date(2025, 9, 10))
    with pytest.raises(ValidationError) as exc:
        svc.make_statement(actor=officer, case=case, on=date(2025, 9, 11), posted_on=date(2025, 9, 12))
    assert exc.value.message_dict["posted_on"] == ["寄出日期晚于收到日期，请核对邮戳日期。"]


def test_decision_after_legal_review_still_checks_the_amount(investigated, officer, reviewer, agency, matter):
    # the gates combine: review passed, period over, but a heavier fine than notified is refused
    LegalReviewItemFactory(agency=agency, matter=matter)
    case = notify(officer, investigated(), date(2025, 9, 10))
    case = svc.waive_hearing(actor=officer, case=case, on=date(2025, 9, 10))
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 11))
    case = svc.approve_legal_review(actor=reviewer, case=case, on=date(2025, 9, 12), opinion="同意")
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(
            actor=officer, case=case, on=date(2025, 9, 15), **(DECISION | {"fine_amount": "3500"})
        )
    assert codes(exc.value) == {"heavier_than_notified"}


def test_the_case_page_options_say_why_the_decision_is_not_possible_yet(investigated, officer, monkeypatch):
    # given a notice of Tue 2025-09-30 without hearing rights; "today" is 2025-10-10, inside the period
    from fazhi.core import workdays

    case = notify(officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 30))
    monkeypatch.setattr(workdays, "today", lambda: date(2025, 10, 10))
    options = {o.name: o for o in procedures.options(case, officer)}
    # then deciding is offered greyed out with the statute's reason; the party's statement is possible
    assert options["decide"].allowed is False
    assert "当事人陈述、申辩的期限至 2025-10-11 届满" in options["decide"].reason
    assert options["make_statement"].allowed is True
    # the amount is judged on submit only (needs_data): no reason about it before the form is filled in
    assert "更重" not in options["decide"].reason
