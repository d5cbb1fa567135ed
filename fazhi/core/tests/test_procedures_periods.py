"""Due dates with pauses and extensions (fazhi.core.procedures.periods): properties over real
calendar years 2024–2025 (hypothesis) plus fixed cases at the year end."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core import workdays
from fazhi.core.procedures.periods import PauseSpan, compute_due
from fazhi.core.workdays import cd, months, wd

starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 6, 30))
periods = st.one_of(st.integers(0, 40).map(wd), st.integers(0, 120).map(cd), st.integers(0, 6).map(months))


@settings(max_examples=150, deadline=None)
@given(start=starts, period=periods)
def test_without_pauses_it_is_the_workdays_due_date(start, period):
    assert compute_due(start, period).due == workdays.add(start, period)


@settings(max_examples=150, deadline=None)
@given(start=starts, period=periods, offset=st.integers(0, 60))
def test_a_pause_resumed_the_same_day_moves_nothing(start, period, offset):
    day = start + timedelta(days=offset)
    assert compute_due(start, period, [PauseSpan(day, day)]).due == workdays.add(start, period)


@settings(max_examples=150, deadline=None)
@given(start=starts, n=st.integers(1, 40), offset=st.integers(0, 30), length=st.integers(0, 30))
def test_wd_pause_counts_exactly_n_unpaused_working_days(start, n, offset, length):
    # given
    pause = PauseSpan(start + timedelta(days=offset), start + timedelta(days=offset + length))
    # when
    due = compute_due(start, wd(n), [pause]).due
    # then the due day is a counted working day and exactly n such days lie in (start, due]
    days = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    counted = [d for d in days if workdays.is_workday(d) and not (pause.start < d <= pause.end)]
    assert len(counted) == n
    assert counted[-1] == due


@settings(max_examples=150, deadline=None)
@given(start=starts, n=st.integers(1, 120), offset=st.integers(0, 119), length=st.integers(0, 40))
def test_cd_pause_inside_the_period_adds_its_length(start, n, offset, length):
    # given a pause that starts before the unpaused last day
    offset = offset % n
    pause = PauseSpan(start + timedelta(days=offset), start + timedelta(days=offset + length))
    # when / then: the last day moves by the paused days, then rolls to a working day
    raw = start + timedelta(days=n + length)
    assert compute_due(start, cd(n), [pause]).due == workdays.add(raw, cd(0))


def test_extension_counts_from_the_rolled_due_date_at_the_year_end():
    # given 2025-11-01 + 60 = Wed 2025-12-31; + 30 = Fri 2026-01-30
    c = compute_due(date(2025, 11, 1), cd(60, "行政复议法第六十二条"), extensions=[cd(30)])
    # then
    assert c.due == date(2026, 1, 30)
    assert c.explanation == "2025-11-01 + 60日（行政复议法第六十二条） → 2025-12-31；延长30日 → 2026-01-30"


def test_month_period_with_a_pause_adds_the_paused_calendar_days():
    # given 2025-01-31 + 1 month = 2025-02-28 (民法典第二百零二条); paused 02-10…02-14 (4 days after 02-10)
    c = compute_due(date(2025, 1, 31), months(1), [PauseSpan(date(2025, 2, 10), date(2025, 2, 14))])
    # then 02-28 + 4 = Tue 2025-03-04
    assert c.due == date(2025, 3, 4)
