"""Standalone clocks (DESIGN.md "Standalone clocks"): a record that is not run by a procedure
starts, stops, pauses and extends a declared Clock through the engine; its due date is an engine
Deadline, explained, audited, provisional while a year is unknown and exact once it is entered.

Real dates: 2025-09-28 (Sun) and 2025-10-11 (Sat) were make-up working days, 10-01…10-08 the
National Day holiday. 2027 is unknown until a test enters it (made-up arrangement).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.models import DeadlineState
from fazhi.core.procedures.tests.helpers import new_application
from fazhi.core.procedures.tests.testapp.models import Application
from fazhi.core.tests.test_procedures_calendar_pending import enter_2027
from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)

G = "testapp.publicity"


@pytest.fixture
def record(agency):
    return Application.objects.create(title="公示记录", agency=agency, jurisdiction=agency.jurisdiction)


def test_seven_working_days_over_national_day_count_both_make_up_days(record, officer):
    # when decided Fri 2025-09-26: 9/28 (make-up) 9/29 9/30, 10/1–10/8 rest, 10/9 10/10 10/11 (make-up) 10/13
    d = procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 9, 26))
    # then
    assert (d.due_date, d.calendar_pending, d.state) == (date(2025, 10, 13), False, "open")
    assert d.explanation.startswith("2025-09-26 + 7个工作日（国办发〔2018〕118号）")
    assert d.explanation.endswith("→ 2025-10-13")
    entry = AuditEntry.objects.get(action="testapp.publicity.publish.start")
    assert (entry.actor, entry.object_id, entry.after["due_date"]) == (officer, str(record.pk), "2025-10-13")


@pytest.mark.parametrize(
    ("published_on", "state"),
    [(date(2025, 10, 13), DeadlineState.MET), (date(2025, 10, 14), DeadlineState.MISSED)],
)
def test_stopping_on_the_last_day_is_on_time_the_day_after_is_late(record, officer, published_on, state):
    # given
    procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 9, 26))
    # when
    d = procedures.stop_clock(record, G, "publish", actor=officer, on=published_on)
    # then
    assert d is not None
    assert (d.state, d.closed_on) == (state, published_on)
    assert procedures.open_deadline(record, G, "publish") is None
    assert procedures.stop_clock(record, G, "publish", actor=officer, on=published_on) is None


def test_a_running_clock_is_not_started_twice_but_can_be_restarted(record, officer):
    # given
    first = procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 9, 26))
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 9, 29))
    assert exc.value.messages == ["“公示”期限已在计时中，不能重复起算。"]
    again = procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 10, 9), restart=True)
    first.refresh_from_db()
    assert first.state == DeadlineState.SUPERSEDED
    assert again.due_date == date(2025, 10, 17)  # 10/10, 10/11 (make-up), 10/13 … 10/17


def test_a_pause_leaves_its_working_days_out(record, officer):
    # given reply clock from Mon 2025-11-03: 20 WD → 2025-12-01
    d = procedures.start_clock(record, G, "reply", actor=officer, on=date(2025, 11, 3))
    assert d.due_date == date(2025, 12, 1)
    # when paused 11-10 (third-party consultation) and resumed 11-14: 11/11–11/14 are 4 WD not counted
    procedures.pause_clock(record, G, "reply", actor=officer, on=date(2025, 11, 10), ground="征求第三方意见")
    d = procedures.resume_clock(record, G, "reply", actor=officer, on=date(2025, 11, 14))
    # then
    assert (d.state, d.due_date) == ("open", date(2025, 12, 5))
    assert "2025-11-10 中止至 2025-11-14 恢复（征求第三方意见），不计入 4 个工作日" in d.explanation


def test_an_extension_is_approved_before_expiry_never_after(record, officer):
    # given reply due 2025-12-01
    procedures.start_clock(record, G, "reply", actor=officer, on=date(2025, 11, 3))
    # when approved after expiry
    with pytest.raises(ValidationError) as exc:
        procedures.extend_clock(record, G, "reply", actor=officer, on=date(2025, 12, 2), ground="情况复杂")
    # then refused, nothing stored
    assert exc.value.message_dict == {
        "on": ["“答复”期限已于 2025-12-01 届满，延长须在期限届满前批准，2025-12-02 不能再延长。"]
    }
    assert procedures.open_deadline(record, G, "reply").extensions.count() == 0  # type: ignore[union-attr]
    # when approved on the last day: + 20 WD from 12-01 → 2025-12-29
    d = procedures.extend_clock(record, G, "reply", actor=officer, on=date(2025, 12, 1), ground="情况复杂")
    assert d.due_date == date(2025, 12, 29)
    ext = d.extensions.get()
    assert (ext.old_due, ext.new_due, ext.approved_by) == (date(2025, 12, 1), date(2025, 12, 29), officer)
    # and only once
    with pytest.raises(ValidationError):
        procedures.extend_clock(record, G, "reply", actor=officer, on=date(2025, 12, 2))


def test_a_procedure_extension_after_expiry_is_refused_too(agency, officer):
    # given a reconsideration accepted 2025-08-04: decision due 2025-10-09 (60 CD, National Day)
    from fazhi.org.tests.factories import UserFactory

    head = UserFactory(username="head", role="officer", agency=agency, is_head=True)
    case = new_application(agency, officer, date(2025, 8, 1))
    procedures.advance(case, "accept", actor=officer, on=date(2025, 8, 4))
    # when the head approves the extension the day after expiry
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "extend", actor=head, on=date(2025, 10, 10), data={"ground": "案情复杂"})
    # then
    assert exc.value.message_dict["on"] == [
        "“复议决定”期限已于 2025-10-09 届满，延长须在期限届满前批准，2025-10-10 不能再延长。"
    ]
    assert [s.transition for s in procedures.steps(case)] == ["start", "accept"]


@pytest.mark.usefixtures("calendar_defaults")
def test_a_clock_into_an_unknown_year_is_provisional_then_exact_when_the_year_is_entered(
    record, officer, supervisor
):
    # when started Thu 2026-12-24: 12/25, 12/28–12/31, then 2027 (unknown) weekends only: 1/1 1/4
    d = procedures.start_clock(record, G, "publish", actor=officer, on=date(2026, 12, 24))
    # then a provisional date, never a refusal
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 4), True)
    assert d.explanation.endswith("（2027年节假日安排尚未录入，暂按双休日推算，待日历确认）")
    # when 2027 is entered (元旦 1/1–1/3)
    enter_2027(supervisor)
    d.refresh_from_db()
    # then the exact date replaces it, audited
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 5), False)
    entry = AuditEntry.objects.get(action="procedures.recompute_deadline", object_id=str(record.pk))
    assert (entry.before["due_date"], entry.after["due_date"]) == ("2027-01-04", "2027-01-05")


def test_lists_read_the_due_date_through_one_annotation(agency, officer, django_assert_num_queries):
    # given three records, two with a running clock (one provisional)
    a, b, c = (
        Application.objects.create(title=t, agency=agency, jurisdiction=agency.jurisdiction) for t in "甲乙丙"
    )
    procedures.start_clock(a, G, "publish", actor=officer, on=date(2025, 9, 26))
    procedures.start_clock(b, G, "publish", actor=officer, on=date(2026, 12, 24))
    # when
    with django_assert_num_queries(1):
        rows = list(
            procedures.annotate_due(
                Application.objects.order_by("pk"), G, "publish", prefix="publish"
            ).values_list("title", "publish_due", "publish_pending", "publish_state")
        )
    # then
    assert rows == [
        ("甲", date(2025, 10, 13), False, "open"),
        ("乙", date(2027, 1, 4), True, "open"),
        ("丙", None, None, None),
    ]


def test_tick_fires_nothing_for_a_standalone_clock(record, officer):
    # given an expired publicity deadline
    procedures.start_clock(record, G, "publish", actor=officer, on=date(2025, 9, 26))
    # when
    result = procedures.tick(date(2025, 11, 1))
    # then
    assert (result.fired, result.skipped) == ([], [])


def test_an_unknown_clock_is_a_programming_error(record, officer):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        procedures.start_clock(record, G, "nope", actor=officer, on=date(2025, 9, 26))


@pytest.mark.parametrize(
    ("posted", "state", "judged"),
    [
        (date(2025, 12, 1), DeadlineState.MET, date(2025, 12, 1)),  # posted on the last day, received later
        (date(2025, 12, 2), DeadlineState.MISSED, date(2025, 12, 2)),  # posted a day late
        (None, DeadlineState.MISSED, date(2025, 12, 3)),  # handed in on receipt: judged on receipt
        (date(2025, 12, 5), DeadlineState.MISSED, date(2025, 12, 3)),  # a postmark after receipt is ignored
    ],
)
def test_a_posted_filing_is_judged_on_the_date_posted(record, officer, posted, state, judged):
    # given a party's 20-working-day period from Mon 2025-11-03, due 2025-12-01
    procedures.start_clock(record, G, "reply", actor=officer, on=date(2025, 11, 3))
    # when the filing is received 2025-12-03
    d = procedures.stop_clock(record, G, "reply", actor=officer, on=date(2025, 12, 3), posted=posted)
    # then time in the post does not count (民事诉讼法第八十五条第四款)
    assert d is not None
    assert (d.state, d.closed_on) == (state, judged)
