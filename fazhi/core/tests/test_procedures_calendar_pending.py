"""A deadline reaching into a year without calendar data never blocks a step (DESIGN.md
"Provisional dates"): it is stored with a provisional date (that year counted weekends only),
marked calendar_pending (待日历确认), until staff enter the year through
workdays.services.enter_holiday_year, which puts the exact date in its place, audited.

Real 2026 dates (known): no rest day between 12-21 and 12-31. 2027 is unknown until a test enters
it; the 2027 arrangement below is made-up test data (元旦 01-01…01-03, 春节 02-06…02-14).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures import engine
from fazhi.core.procedures.models import Deadline, DeadlineExtension, DeadlineState
from fazhi.core.procedures.selectors import DeadlineSummary, deadline_summary
from fazhi.core.procedures.tests.helpers import deadline, new_application, snapshot
from fazhi.core.procedures.tests.testapp.models import Application
from fazhi.core.workdays.services import RestPeriod, enter_holiday_year
from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)

PENDING_REVIEW = (
    "2026-12-28 + 5个工作日（行政复议法第三十条）；1/2–1/3 休息 → 2027-01-04"
    "（2027年节假日安排尚未录入，暂按双休日推算，待日历确认）"
)


def enter_2027(actor):
    """Made-up 2027 arrangement for tests (not the State Council's notice)."""
    return enter_holiday_year(
        actor=actor,
        year=2027,
        notice_title="国务院办公厅关于2027年部分节假日安排的通知（测试数据）",
        rest_periods=[
            RestPeriod(date(2027, 1, 1), date(2027, 1, 3), "元旦"),
            RestPeriod(date(2027, 2, 6), date(2027, 2, 14), "春节"),
        ],
        makeup_days=[],
    )


# --- starting and advancing ---------------------------------------------------------------------
def test_received_2026_12_21_is_dated_as_usual(agency, officer):
    # when received Mon 2026-12-21: 12-22…12-25, 12-28
    case = new_application(agency, officer, date(2026, 12, 21))
    # then
    review = deadline(case, "acceptance_review")
    assert (review.due_date, review.calendar_pending) == (date(2026, 12, 28), False)
    assert review.explanation == "2026-12-21 + 5个工作日（行政复议法第三十条）；12/26–12/27 休息 → 2026-12-28"


def test_received_2026_12_28_is_registered_with_a_deadline_awaiting_the_2027_calendar(agency, officer):
    # when received Mon 2026-12-28: 5 WD reach into 2027, which nobody has entered
    case = new_application(agency, officer, date(2026, 12, 28))
    # then the application is registered; the deadline has the provisional date (1-1 counted as
    # an ordinary Friday), marked as such
    case.refresh_from_db()
    assert case.state == "received"
    assert [s.transition for s in procedures.steps(case)] == ["start"]
    review = deadline(case, "acceptance_review")
    assert (review.state, review.due_date, review.calendar_pending) == ("open", date(2027, 1, 4), True)
    assert review.explanation == PENDING_REVIEW
    assert str(review) == "受理审查 2027-01-04（待日历确认）"
    entry = AuditEntry.objects.filter(action="testapp.reconsideration.start").get()
    assert entry.after["deadlines"] == [
        {"clock": "acceptance_review", "state": "open", "due_date": "2027-01-04", "calendar_pending": True}
    ]


def test_accepting_starts_a_pending_decision_clock_next_to_a_dated_one(agency, officer):
    # given received 2026-11-20, accepted 11-24: 60 CD → 2027-01-23 (unknown), 7 WD → 12-03
    case = new_application(agency, officer, date(2026, 11, 20))
    # when
    procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    # then
    decision, copy = deadline(case, "decision"), deadline(case, "copy_to_respondent")
    assert (decision.due_date, decision.calendar_pending) == (date(2027, 1, 25), True)
    assert decision.explanation == (
        "2026-11-24 + 60日（行政复议法第六十二条）；期满日 2027-01-23 为休息日，顺延至下一工作日 → 2027-01-25"
        "（2027年节假日安排尚未录入，暂按双休日推算，待日历确认）"
    )
    assert (copy.due_date, copy.calendar_pending) == (date(2026, 12, 3), False)
    assert deadline(case, "acceptance_review").state == "met"


def test_any_other_error_while_computing_still_raises_and_saves_nothing(agency, officer, monkeypatch):
    # given
    case = new_application(agency, officer, date(2026, 11, 20))
    before = snapshot(case)

    def broken(*args, **kwargs):
        raise ValidationError("期限数值必须是非负整数。", code="negative_period")

    monkeypatch.setattr(engine, "compute_due_or_provisional", broken)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    assert exc.value.code == "negative_period"
    assert snapshot(case) == before
    # and an error that is not a ValidationError is not swallowed either
    monkeypatch.setattr(engine, "compute_due_or_provisional", lambda *a, **k: 1 / 0)
    app = Application.objects.create(title="甲", agency=agency, jurisdiction=agency.jurisdiction)
    with pytest.raises(ZeroDivisionError):
        procedures.start(app, actor=officer, on=date(2026, 12, 28))
    assert procedures.steps(app).count() == 0


# --- entering the year computes them ------------------------------------------------------------
@pytest.mark.usefixtures("calendar_defaults")
def test_entering_2027_computes_the_pending_deadline_and_audits_it(agency, officer, supervisor):
    # given
    case = new_application(agency, officer, date(2026, 12, 28))
    dated = new_application(agency, officer, date(2026, 12, 21), title="已计算的案件")
    # when the justice bureau enters 2027
    hy = enter_2027(supervisor)
    # then 12-29, 12-30, 12-31, (01-01…01-03 rest) 01-04, 01-05
    review = deadline(case, "acceptance_review")
    assert (review.due_date, review.calendar_pending, review.state) == (date(2027, 1, 5), False, "open")
    assert review.explanation == "2026-12-28 + 5个工作日（行政复议法第三十条）；1/1–1/3 休息 → 2027-01-05"
    assert [d.pk for d in hy.recompute_result.changed] == [review.pk]
    assert hy.recompute_result.failed == []
    assert deadline(dated, "acceptance_review").due_date == date(2026, 12, 28)
    entry = AuditEntry.objects.filter(action="procedures.recompute_deadline").get()
    assert (entry.actor, entry.object_id) == (supervisor, str(case.pk))
    assert entry.before == {
        "clock": "acceptance_review",
        "due_date": "2027-01-04",
        "explanation": PENDING_REVIEW,
        "calendar_pending": True,
        "state": "open",
    }
    assert entry.after == {
        "clock": "acceptance_review",
        "due_date": "2027-01-05",
        "explanation": "2026-12-28 + 5个工作日（行政复议法第三十条）；1/1–1/3 休息 → 2027-01-05",
        "calendar_pending": False,
        "state": "open",
    }


@pytest.mark.usefixtures("calendar_defaults")
def test_a_deadline_closed_before_the_unknown_year_is_met_and_gets_its_date_later(
    agency, officer, supervisor
):
    # given received 12-28, accepted 12-30: the due date is in 2027 at the earliest, so on time
    case = new_application(agency, officer, date(2026, 12, 28))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 12, 30))
    review = deadline(case, "acceptance_review")
    assert (review.state, review.due_date, review.calendar_pending) == ("met", date(2027, 1, 4), True)
    # when
    enter_2027(supervisor)
    # then
    review.refresh_from_db()
    assert (review.state, review.due_date, review.calendar_pending) == ("met", date(2027, 1, 5), False)


@pytest.mark.usefixtures("calendar_defaults")
@pytest.mark.parametrize(
    ("accepted_on", "outcome"), [(date(2027, 1, 5), "met"), (date(2027, 1, 6), "missed")]
)
def test_a_deadline_closed_inside_the_unknown_year_is_decided_when_the_year_is_entered(
    agency, officer, supervisor, accepted_on, outcome
):
    # given accepted in 2027 while 2027 is still unknown: met or missed cannot be told yet
    case = new_application(agency, officer, date(2026, 12, 28))
    procedures.advance(case, "accept", actor=officer, on=accepted_on)
    review = deadline(case, "acceptance_review")
    assert (review.state, review.closed_on, review.due_date) == ("undecided", accepted_on, date(2027, 1, 4))
    assert review.get_state_display() == "已结束（待录入日历后判定是否按期）"
    # when
    hy = enter_2027(supervisor)
    # then (due 2027-01-05)
    review.refresh_from_db()
    assert (review.state, review.due_date, review.calendar_pending) == (outcome, date(2027, 1, 5), False)
    assert review.pk in [d.pk for d in hy.recompute_result.changed]
    entry = AuditEntry.objects.filter(
        action="procedures.recompute_deadline", after__clock="acceptance_review"
    ).get()
    assert (entry.before["state"], entry.after["state"]) == ("undecided", outcome)


@pytest.mark.usefixtures("calendar_defaults")
def test_pause_and_resume_keep_waiting_then_the_paused_days_are_left_out(agency, officer, supervisor):
    # given accepted 11-24 (decision pending), suspended 12-01, resumed 12-10
    case = new_application(agency, officer, date(2026, 11, 20))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    procedures.advance(case, "send_copy", actor=officer, on=date(2026, 11, 25))
    procedures.advance(case, "suspend", actor=officer, on=date(2026, 12, 1), data={"ground": "等待解释"})
    paused = deadline(case, "decision")
    assert (paused.state, paused.due_date, paused.calendar_pending) == ("paused", date(2027, 1, 25), True)
    procedures.advance(case, "resume", actor=officer, on=date(2026, 12, 10))
    decision = deadline(case, "decision")
    assert (decision.state, decision.due_date, decision.calendar_pending) == ("open", date(2027, 2, 1), True)
    # when
    enter_2027(supervisor)
    # then 60 CD + 9 paused days (12-02…12-10) → Mon 2027-02-01
    decision.refresh_from_db()
    assert (decision.due_date, decision.calendar_pending) == (date(2027, 2, 1), False)
    assert decision.explanation.endswith(
        "2026-12-01 中止至 2026-12-10 恢复（等待解释），不计入 9 日 → 2027-02-01"
    )


@pytest.mark.usefixtures("calendar_defaults")
def test_an_extension_while_waiting_gets_its_old_and_new_due_when_the_year_is_entered(
    agency, officer, supervisor
):
    # given accepted 11-24 (decision pending) and extended by 30 days on 12-15
    head = _head(agency)
    case = new_application(agency, officer, date(2026, 11, 20))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    procedures.advance(case, "extend", actor=head, on=date(2026, 12, 15), data={"ground": "案情复杂"})
    ext = DeadlineExtension.objects.get()
    assert (ext.old_due, ext.new_due) == (None, None)
    assert deadline(case, "decision").calendar_pending
    # when
    enter_2027(supervisor)
    # then 11-24 + 60 = Sat 2027-01-23 → Mon 01-25; + 30 = Wed 02-24
    ext.refresh_from_db()
    assert (ext.old_due, ext.new_due) == (date(2027, 1, 25), date(2027, 2, 24))
    assert deadline(case, "decision").due_date == date(2027, 2, 24)


def _head(agency):
    from fazhi.org.tests.factories import UserFactory

    return UserFactory(username="head", role="officer", agency=agency, is_head=True)


@pytest.mark.usefixtures("calendar_defaults")
def test_a_pending_deadline_that_reaches_even_further_keeps_waiting_with_the_new_year(
    agency, officer, supervisor
):
    # given a 400-day deadline from 2026-12-28 (reaches 2028)
    from django.contrib.contenttypes.models import ContentType

    case = new_application(agency, officer, date(2026, 11, 2))
    long = Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        procedure_code="testapp.reconsideration",
        clock="decision",
        label="复议决定",
        period_n=400,
        period_unit="cd",
        start_date=date(2026, 12, 28),
        due_date=date(2028, 2, 1),
        calendar_pending=True,
        explanation="2026-12-28 + 400日 → 2028-02-01（2027年节假日安排尚未录入，暂按双休日推算，待日历确认）",
    )
    # when 2027 is entered
    hy = enter_2027(supervisor)
    # then it now waits for 2028, audited, reported as failed and not as changed
    long.refresh_from_db()
    assert (long.due_date, long.calendar_pending) == (date(2028, 2, 1), True)
    assert (
        long.explanation
        == "2026-12-28 + 400日 → 2028-02-01（2028年节假日安排尚未录入，暂按双休日推算，待日历确认）"
    )
    assert [d.pk for d, _ in hy.recompute_result.failed] == [long.pk]
    assert long.pk not in [d.pk for d in hy.recompute_result.changed]
    assert (
        AuditEntry.objects.filter(action="procedures.recompute_deadline", object_id=str(case.pk)).count() == 1
    )


# --- tick and counts ----------------------------------------------------------------------------
def test_tick_never_fires_on_a_provisional_date(agency, officer):
    # given
    case = new_application(agency, officer, date(2026, 12, 28))
    # when a month later (2027 still unknown)
    result = procedures.tick(date(2027, 2, 1))
    # then
    assert (result.fired, result.skipped) == ([], [])
    case.refresh_from_db()
    assert case.state == "received"


@pytest.mark.usefixtures("calendar_defaults")
def test_tick_fires_once_the_year_is_entered(agency, officer, supervisor):
    # given
    case = new_application(agency, officer, date(2026, 12, 28))
    enter_2027(supervisor)
    # when
    result = procedures.tick(date(2027, 1, 6))
    # then deemed accepted on the due date itself
    assert [(s.transition, s.on) for s in result.fired] == [("deem_accepted", date(2027, 1, 5))]
    assert deadline(case, "acceptance_review").state == "missed"


def test_deadline_summary_never_counts_a_pending_deadline_as_overdue(agency, officer):
    # given one dated overdue review, one pending, one closed in 2027 while pending
    new_application(agency, officer, date(2026, 12, 21), title="甲")
    new_application(agency, officer, date(2026, 12, 28), title="乙")
    closed = new_application(agency, officer, date(2026, 12, 28), title="丙")
    procedures.advance(closed, "accept", actor=officer, on=date(2027, 1, 4))
    # when
    summary = deadline_summary(Application.objects.all(), "acceptance_review", on=date(2027, 3, 1))
    # then
    assert summary == DeadlineSummary(met=0, missed=0, running=2, overdue=1, calendar_pending=1, undecided=1)
    assert DeadlineState.UNDECIDED == "undecided"
