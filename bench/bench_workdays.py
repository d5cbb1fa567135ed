"""core.workdays throughput: `add(start, wd(5))` against a bare chinesecalendar loop doing the same."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from bench import Result, compare
from fazhi.core import workdays

STARTS = [date(2025, 1, 1) + timedelta(days=i) for i in range(700)]  # 2025-01-01 … 2026-12-01


def _bare_add(start: date, n: int) -> date:
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        if chinese_calendar.is_workday(d):
            counted += 1
    return d


def run() -> list[Result]:
    period = workdays.wd(5)
    # Same answers first: a benchmark of a wrong function is worthless.
    mismatches = [s for s in STARTS if workdays.add(s, period) != _bare_add(s, 5)]
    assert not mismatches, f"workdays.add disagrees with chinesecalendar on {mismatches[:5]}"

    def ours() -> None:
        for s in STARTS:
            workdays.add(s, period)

    def ours_explained() -> None:
        for s in STARTS:
            workdays.explain(s, period)

    def baseline() -> None:
        for s in STARTS:
            _bare_add(s, 5)

    return [
        compare(
            "add_wd5_x700",
            ours,
            baseline,
            target_ratio=0.25,
            note="the hot path (deadline lists): a precomputed workday table, not a day-by-day loop",
        ),
        compare(
            "explain_wd5_x700",
            ours_explained,
            baseline,
            target_ratio=0.5,
            note="with the stored explanation (skipped rest days, make-up days)",
        ),
    ]
