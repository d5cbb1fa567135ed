"""Properties of the period arithmetic over every year the package knows (2004–2026)."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core import workdays
from fazhi.core.workdays import cd, months, wd
from fazhi.core.workdays import source as calendar_source

# starts late enough in 2026 still leave room for 40 working days / 60 calendar days inside 2026
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 15))
small = st.integers(min_value=0, max_value=20)

pytestmark = pytest.mark.usefixtures("_calendar_defaults")


@pytest.fixture(scope="module")
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=40))
def test_wd_result_is_a_working_day_after_the_start(start, n):
    due = workdays.add(start, wd(n))
    assert workdays.is_workday(due)
    assert due > start
    assert workdays.workdays_between(start, due) == n


@settings(max_examples=300, deadline=None)
@given(start=starts, m=small, n=small)
def test_adding_m_then_n_working_days_equals_adding_m_plus_n(start, m, n):
    assert workdays.add(workdays.add(start, wd(m)), wd(n)) == workdays.add(start, wd(m + n))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=39))
def test_wd_add_is_strictly_monotonic_in_n(start, n):
    assert workdays.add(start, wd(n)) < workdays.add(start, wd(n + 1))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=40))
def test_fast_wd_add_agrees_with_the_explained_walk(start, n):
    c = workdays.explain(start, wd(n))
    assert workdays.add(start, wd(n)) == c.due
    # the walk visited every day after start: counted ones plus skipped ones
    assert (c.due - start).days == n + len(c.skipped_rest_days)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_cd_result_is_the_raw_date_or_the_next_working_day_after_it(start, n):
    raw = start + timedelta(days=n)
    due = workdays.add(start, cd(n))
    assert workdays.is_workday(due)
    assert due >= raw
    if workdays.is_workday(raw):
        assert due == raw
    else:
        # nothing in between is a working day: it is the *first* one
        assert all(not workdays.is_workday(raw + timedelta(days=i)) for i in range((due - raw).days))


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31)), n=st.integers(1, 12))
def test_months_end_in_the_target_month_never_the_month_after(start, n):
    c = workdays.explain(start, months(n))
    raw = c.rolled_from or c.due
    target = start.month - 1 + n
    year, month = start.year + target // 12, target % 12 + 1
    assert (raw.year, raw.month) == (year, month)
    assert raw.day == min(start.day, _cal.monthrange(year, month)[1])  # 民法典第二百零二条
    assert workdays.is_workday(c.due)


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(0, 30), unit=st.sampled_from(["wd", "cd", "m"]))
def test_no_pause_changes_nothing_and_a_pause_never_shortens(start, n, unit):
    period = workdays.Period(n if unit != "m" else min(n, 2), unit)
    base = workdays.add(start, period)
    assert workdays.add_excluding(start, period, []) == base
    pause = (start + timedelta(days=1), start + timedelta(days=3))
    assert workdays.add_excluding(start, period, [pause]) >= base
