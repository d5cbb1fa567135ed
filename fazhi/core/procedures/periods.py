"""Due dates with paused intervals left out and extensions added (LEGAL_RULES.md §13).

All counting is `core.workdays` (`explain`, `add_excluding`): the start day is never counted; WD
periods count working days (make-up working days count, rest days do not); CD and month periods
count calendar days and a last day on a rest day moves to the next working day
(民事诉讼法第八十五条; 民法典第二百零一至二百零三条).

Pauses: the days after a pause's `start` up to and including its `end` do not count — for WD
clocks the working days inside, for CD/month clocks the calendar days inside (e.g. 行政复议法
第三十九条: 中止期间不计入审理期限). A pause without an end (still suspended) moves nothing yet.

Extensions: each extension period runs from the due date it extends (the legal expiry of the
previous period, after roll-over), with paused days again left out.

A period that reaches into a year nobody has entered raises `CalendarUnknown` in `compute_due`;
`compute_due_or_provisional` then counts that year weekends only and says so: the engine stores the
provisional date with `calendar_pending` (shown as 待日历确认) and the exact one replaces it when
the year is entered (DESIGN.md "Provisional dates").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.core import workdays
from fazhi.core.workdays import Period

UNIT_WORD = {"wd": "个工作日", "cd": "日", "m": "日"}  # months are paused by calendar days


@dataclass(frozen=True)
class PauseSpan:
    start: date
    end: date | None
    ground: str = ""


@dataclass(frozen=True)
class DueComputation:
    due: date
    explanation: str


def _intervals(spans: Sequence[PauseSpan]) -> list[tuple[date, date]]:
    """Closed pauses as `workdays` intervals: (day after the pause date, resume date), both inclusive."""
    return [(p.start + timedelta(days=1), p.end) for p in spans if p.end is not None and p.end > p.start]


def _leg(start: date, period: Period, spans: Sequence[PauseSpan]) -> workdays.Computation:
    """One period counted from `start` with paused days left out (core.workdays)."""
    return workdays.explain_excluding(start, period, _intervals(spans))


def _excluded(span: PauseSpan, unit: str, until: date) -> int:
    if span.end is None:
        return 0
    last = min(span.end, until)
    days = [span.start + timedelta(days=i + 1) for i in range(max((last - span.start).days, 0))]
    if unit == "wd":
        return sum(1 for d in days if workdays.is_workday(d))
    return len(days)


def pending_explanation(start: date, period: Period, year: int) -> str:
    """Kept for records still computing their own dates (moving onto standalone clocks)."""
    basis = f"（{period.basis}）" if period.basis else ""
    return f"{start.isoformat()} + {period}{basis}：{year}年节假日安排尚未录入，录入后自动计算期限"


def pending_note(year: int) -> str:
    """What a provisional date's explanation ends with."""
    return f"（{year}年节假日安排尚未录入，暂按双休日推算，待日历确认）"


@dataclass(frozen=True)
class Due:
    """A due date, its explanation, and the first unknown year when the date is provisional."""

    due: date
    explanation: str
    pending_year: int | None = None

    @property
    def pending(self) -> bool:
        return self.pending_year is not None


def compute_due_or_provisional(
    start: date,
    period: Period,
    pauses: Sequence[PauseSpan] = (),
    extensions: Sequence[Period] = (),
) -> Due:
    """`compute_due`, or — when the period reaches into a year without holiday data — the
    provisional date counted with that year's weekends only, marked pending. Never refuses."""
    try:
        c = compute_due(start, period, pauses, extensions)
    except workdays.CalendarUnknown as exc:
        with workdays.provisional():
            c = compute_due(start, period, pauses, extensions)
        return Due(c.due, c.explanation + pending_note(exc.year), exc.year)
    return Due(c.due, c.explanation)


def compute_due(
    start: date,
    period: Period,
    pauses: Sequence[PauseSpan] = (),
    extensions: Sequence[Period] = (),
) -> DueComputation:
    """The due date and its one-line Chinese explanation. Raises `CalendarUnknown` for an unknown year."""
    base = workdays.explain(start, period)
    last = _leg(start, period, pauses) if pauses else base
    ext_parts: list[str] = []
    for ext in extensions:
        last = _leg(last.due, ext, pauses)
        ext_parts.append(f"延长{ext}")
    due = last.due
    if not pauses and not extensions:
        return DueComputation(due, base.describe())
    parts = [base.describe()]
    for p in pauses:
        ground = f"（{p.ground}）" if p.ground else ""
        if p.end is None:
            parts.append(f"{p.start.isoformat()} 起中止计时{ground}")
        else:
            n = _excluded(p, period.unit, due)
            parts.append(
                f"{p.start.isoformat()} 中止至 {p.end.isoformat()} 恢复{ground}，不计入 {n} {UNIT_WORD[period.unit]}"
            )
    parts.extend(ext_parts)
    if any(p.end is None for p in pauses):
        return DueComputation(due, "；".join(parts) + "，恢复后重新计算届满日")
    if last.rolled_from is not None and last is not base:
        # the final roll-over after pauses or extensions (民法典第二百零三条), said as for the base period
        parts.append(f"期满日 {last.rolled_from.isoformat()} 为休息日，顺延至下一工作日")
    return DueComputation(due, "；".join(parts) + f" → {due.isoformat()}")
