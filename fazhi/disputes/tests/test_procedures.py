"""Reconsideration deadlines on real dates (LEGAL_RULES.md §1, §13; calendar: chinesecalendar 1.11)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.management import call_command

import pytest

from fazhi.core import procedures

from ..models import Reconsideration
from ..services import (
    accept_application,
    extend_decision_period,
    request_amendment,
    resume_case,
    send_copy,
    supply_amendment,
    suspend_case,
)


def _deadline(case, clock):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()


def _dues(case):
    return {(d.clock, d.state): d.due_date for d in procedures.deadlines(case)}


def test_spring_festival_2026_silence_deems_acceptance_and_starts_the_decision_clock(apply, capsys):
    # given: an online application received on Friday 2026-02-13, the eve of the Spring Festival break
    case = apply(received_on=date(2026, 2, 13), known_on=date(2026, 2, 10))
    review = _deadline(case, "acceptance_review")
    # then: 5 WD = 2/14 (Saturday make-up day), 2/24, 2/25, 2/26, 2/27 (第三十条; 第八十八条)
    assert review.due_date == date(2026, 2, 27)
    assert (
        review.explanation
        == "2026-02-13 + 5个工作日（行政复议法第三十条）；2/15–2/23 休息；2/14 调休上班 → 2026-02-27"
    )
    # when: nobody decides and the periodic command runs on the next working day after expiry
    call_command("procedures", "tick", "--on", "2026-03-02")
    # then: accepted from the day the review period expired (第三十条第三款)
    case.refresh_from_db()
    assert case.state == "accepted"
    step = procedures.steps(case).last()
    assert (step.transition, step.on, step.actor) == ("deem_accepted", date(2026, 2, 27), None)
    assert _dues(case) == {
        ("acceptance_review", "missed"): date(2026, 2, 27),
        # 第四十八条: 7 WD; Saturday 2/28 is a make-up working day, 3/1 and 3/7–3/8 are rest days
        ("copy_to_respondent", "open"): date(2026, 3, 9),
        # 第六十二条: 60 CD from 2/27
        ("decision", "open"): date(2026, 4, 28),
    }
    # and a second run fires nothing (idempotent)
    call_command("procedures", "tick", "--on", "2026-03-03")
    assert procedures.steps(case).count() == 2


def test_decision_clock_in_ordinary_and_simplified_procedure(apply, clerk):
    # given two applications received on Monday 2025-06-09
    ordinary = apply()
    simplified = apply(amount=Decimal("2000.00"))
    # when both are accepted on 2025-06-10, one in the simplified procedure (amount ≤ 3,000 yuan)
    accept_application(actor=clerk, case=ordinary, on=date(2025, 6, 10))
    accept_application(actor=clerk, case=simplified, on=date(2025, 6, 10), simplified_ground="small_amount")
    # then
    assert _dues(ordinary) == {
        ("acceptance_review", "met"): date(2025, 6, 16),
        ("copy_to_respondent", "open"): date(2025, 6, 19),  # 7 WD; 6/14–6/15 weekend
        ("decision", "open"): date(2025, 8, 11),  # 60 CD = Sat 8/9 → Mon 8/11 (roll-over)
    }
    assert _dues(simplified) == {
        ("acceptance_review", "met"): date(2025, 6, 16),
        ("copy_to_respondent_simplified", "open"): date(2025, 6, 13),  # 3 WD (第五十四条)
        ("decision", "open"): date(2025, 8, 11),
        ("decision_simplified", "open"): date(2025, 7, 10),  # 30 CD (第六十二条第二款)
    }


def test_sending_the_copy_in_the_simplified_procedure_meets_its_3_working_day_clock(apply, clerk):
    # given: accepted Tuesday 2025-06-10 in the simplified procedure; the copy is due Friday 6/13 (第五十四条)
    case = apply(amount=Decimal("2000.00"))
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    # when the copy goes out on 6/12
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12), received_on=date(2025, 6, 12))
    # then that clock is met (not left running into 已超期) and the 5-WD reply clock runs to 6/19
    dues = _dues(case)
    assert dues[("copy_to_respondent_simplified", "met")] == date(2025, 6, 13)
    assert dues[("reply_simplified", "open")] == date(2025, 6, 19)
    assert ("copy_to_respondent_simplified", "open") not in dues


def test_amendment_then_suspension_then_extension_across_national_day_and_new_year(apply, clerk, head):
    # given: received Friday 2025-09-26 (9/28 Sunday is a make-up working day, 10/1–10/8 rest)
    case = apply(received_on=date(2025, 9, 26), known_on=date(2025, 9, 1))
    assert _deadline(case, "acceptance_review").due_date == date(2025, 10, 10)
    # when: one amendment notice on Monday 9/29 (第三十一条), handed to the applicant the same day
    request_amendment(
        actor=clerk,
        case=case,
        on=date(2025, 9, 29),
        items=["申请人身份证明复印件", "行政处罚决定书复印件"],
        notice_received_on=date(2025, 9, 29),
    )
    amendment = _deadline(case, "amendment")
    # then: the applicant has 10 WD: 9/30, 10/9, 10/10, Saturday 10/11 (make-up), 10/13 … 10/20
    assert amendment.due_date == date(2025, 10, 20)
    assert amendment.explanation == (
        "2025-09-29 + 10个工作日（行政复议法第三十一条第二款）；10/1–10/8、10/12、10/18–10/19 休息；10/11 调休上班 → 2025-10-20"
    )
    # when: the supplement arrives on 10/15, the review restarts (第三十一条第三款)
    supply_amendment(actor=clerk, case=case, on=date(2025, 10, 15))
    reviews = list(
        procedures.deadlines(case).filter(clock="acceptance_review").values_list("state", "due_date")
    )
    assert reviews == [("met", date(2025, 10, 10)), ("open", date(2025, 10, 22))]
    # when: accepted on 10/20, suspended 11/3 (a related case pending, 第三十九条第一款第八项), resumed 11/17
    accept_application(actor=clerk, case=case, on=date(2025, 10, 20))
    assert _deadline(case, "decision").due_date == date(2025, 12, 19)
    suspend_case(actor=clerk, case=case, on=date(2025, 11, 3), ground="related_case")
    decision = _deadline(case, "decision")
    assert decision.state == "paused"
    resume_case(actor=clerk, case=case, on=date(2025, 11, 17))
    # then: 14 paused days added: 12/19 + 14 = 2026-01-02 (New Year rest) → Sunday 2026-01-04 (make-up day)
    decision = _deadline(case, "decision")
    assert (decision.state, decision.due_date) == ("open", date(2026, 1, 4))
    assert decision.explanation == (
        "2025-10-20 + 60日（行政复议法第六十二条第一款） → 2025-12-19；"
        "2025-11-03 中止至 2025-11-17 恢复（（八）行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结），不计入 14 日；期满日 2026-01-02 为休息日，顺延至下一工作日 → 2026-01-04"
    )
    # when: the head extends by 30 days (第六十二条第一款)
    extend_decision_period(actor=head, case=case, on=date(2025, 12, 30), ground="案情复杂，需补充调查")
    decision = _deadline(case, "decision")
    assert decision.due_date == date(2026, 2, 3)
    assert decision.extensions.get().approved_by == head
    assert Reconsideration.objects.get(pk=case.pk).state == "accepted"


@pytest.mark.parametrize(
    ("_case", "received", "due"),
    [
        ("plain week", date(2025, 6, 9), date(2025, 6, 16)),
        ("2026 Spring Festival; Sat 02-14 is a make-up working day", date(2026, 2, 13), date(2026, 2, 27)),
        (
            "National Day 2025; Sun 09-28 and Sat 10-11 are make-up days",
            date(2025, 9, 26),
            date(2025, 10, 10),
        ),
        ("year end into the 2026 New Year; Sun 01-04 is a make-up day", date(2025, 12, 29), date(2026, 1, 6)),
    ],
)
def test_acceptance_review_is_5_working_days(_case, received, due, apply):
    case = apply(received_on=received, known_on=received)
    assert _deadline(case, "acceptance_review").due_date == due


def test_conversion_to_ordinary_keeps_60_days_from_the_original_acceptance(apply, clerk, head):
    # given: simplified procedure accepted 2025-06-10 (30 CD → 7/10)
    case = apply(amount=Decimal("500.00"))
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    # when: the head moves it to the ordinary procedure on 6/20 (第五十五条)
    from ..services import convert_to_ordinary

    convert_to_ordinary(actor=head, case=case, on=date(2025, 6, 20), ground="案情复杂，当事人争议较大")
    # then: the 30-day clock is closed; the 60-day one still counts from 6/10 (UNCONFIRMED reading)
    case.refresh_from_db()
    assert case.procedure_kind == "ordinary"
    dues = _dues(case)
    assert dues[("decision_simplified", "met")] == date(2025, 7, 10)
    assert dues[("decision", "open")] == date(2025, 8, 11)


def test_conversion_needs_the_head(apply, clerk):
    from django.core.exceptions import PermissionDenied

    from ..services import convert_to_ordinary

    case = apply(amount=Decimal("500.00"))
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    with pytest.raises(PermissionDenied):
        convert_to_ordinary(actor=clerk, case=case, on=date(2025, 6, 20), ground="复杂")
    case.refresh_from_db()
    assert case.procedure_kind == "simplified"


def test_no_supplement_in_time_means_the_application_is_abandoned(apply, clerk):
    # 第三十一条第二款: notice 2025-06-10 → 10 WD → 6/24; the tick on 6/25 records the abandonment
    case = apply()
    request_amendment(
        actor=clerk, case=case, on=date(2025, 6, 10), items=["身份证明"], notice_received_on=date(2025, 6, 10)
    )
    call_command("procedures", "tick", "--on", "2025-06-24")
    case.refresh_from_db()
    assert case.state == "amendment_requested"
    call_command("procedures", "tick", "--on", "2025-06-25")
    case.refresh_from_db()
    assert case.state == "abandoned"
    assert procedures.steps(case).last().on == date(2025, 6, 24)
