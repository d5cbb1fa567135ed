from __future__ import annotations

import calendar as _cal
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

if TYPE_CHECKING:
    from .source import CalendarSource

Unit = Literal["wd", "cd", "m"]
UNIT_LABEL = {"wd": "个工作日", "cd": "日", "m": "个月"}


class CalendarUnknown(ValidationError):
    """A date falls in a year for which no holiday data has been entered. Never guess."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的{year}年节假日安排。",
            code="calendar_unknown",
        )

    def __reduce__(self) -> tuple[type[CalendarUnknown], tuple[int]]:  # picklable (multiprocessing, caches)
        return (CalendarUnknown, (self.year,))


@dataclass(frozen=True)
class Period:
    n: int
    unit: Unit
    basis: str = ""  # the article the period comes from, e.g. "行政复议法第三十条"

    def __str__(self) -> str:
        return f"{self.n}{UNIT_LABEL[self.unit]}"


def wd(n: int, basis: str = "") -> Period:
    return Period(n, "wd", basis)


def cd(n: int, basis: str = "") -> Period:
    return Period(n, "cd", basis)


def months(n: int, basis: str = "") -> Period:
    return Period(n, "m", basis)


@dataclass(frozen=True)
class Computation:
    start: date
    period: Period
    due: date
    skipped_rest_days: tuple[date, ...] = ()
    makeup_days: tuple[date, ...] = ()
    rolled_from: date | None = None
    notes: tuple[str, ...] = field(default=())
    paused_days: tuple[date, ...] = ()  # days after start not counted (suspension etc.)

    def describe(self) -> str:
        """One line, e.g. "2025-09-30 + 5个工作日（…）；10/1–10/8 放假，10/11 调休上班 → 2025-10-14"."""
        from .describe import describe

        return describe(self)


def today() -> date:
    return timezone.localdate()


_PROVISIONAL: ContextVar[bool] = ContextVar("fazhi_workdays_provisional", default=False)


def _source() -> CalendarSource:
    from .source import calendar_source, provisional_source

    src = calendar_source()
    return provisional_source(src) if _PROVISIONAL.get() else src


@contextmanager
def provisional() -> Iterator[None]:
    """Inside this block a year without holiday data counts weekends only (no holidays, no make-up
    days): the *provisional* date of a deadline reaching into a year not yet announced
    (DESIGN.md "Provisional dates"). The engine stores such a date with `calendar_pending` and
    replaces it with the exact one when the year is entered. Never use it for a final answer."""
    token = _PROVISIONAL.set(True)
    try:
        yield
    finally:
        _PROVISIONAL.reset(token)


def is_workday(d: date) -> bool:
    """Mon–Fri minus statutory rest days, plus make-up working days (调休上班日) — §13 conventions."""
    return _source().is_workday(d)


def is_rest_day(d: date) -> bool:
    return not is_workday(d)


def day_name(d: date) -> str:
    """The holiday a day belongs to ("国庆节", "国庆节调休上班"), or "" for an ordinary day."""
    return _source().day_name(d)


def known_years() -> list[int]:
    """Every year the calendar knows (package, data file, entered by staff), ascending."""
    return list(_source().years)


def next_workday(d: date) -> date:
    """The first working day on or after d."""
    src = _source()
    while not src.is_workday(d):
        d += timedelta(days=1)
    return d


def workdays_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (0 when b <= a). add(a, wd(n)) == b ⇒ n."""
    if b <= a:
        return 0
    src = _source()
    for y in range((a + timedelta(days=1)).year, b.year + 1):
        src.check(y)
    ords = src.workday_ordinals
    return bisect_right(ords, b.toordinal()) - bisect_right(ords, a.toordinal())


def _add_months(start: date, n: int) -> date:
    # 民法典第二百零二条: same-numbered day of the final month, else that month's last day.
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _cal.monthrange(year, month)[1]))


def _check_period(period: Period) -> None:
    if not isinstance(period.n, int) or period.n < 0:
        raise ValidationError(f"期限“{period.n}”无效：期限数值必须是非负整数。", code="negative_period")
    if period.unit not in UNIT_LABEL:
        raise ValidationError(f"期限单位“{period.unit}”无效，应为 wd、cd 或 m。", code="bad_period_unit")


Interval = tuple[date, date]


def _paused_days(paused_intervals: Iterable[Interval]) -> set[date]:
    days: set[date] = set()
    for first, last in paused_intervals:
        if first is None or last is None:
            raise ValidationError("中止（暂停）期间尚未结束，无法计算期满日。", code="pause_open")
        if last < first:
            raise ValidationError(
                f"暂停期间 {first.isoformat()}–{last.isoformat()} 的结束日早于开始日。", code="bad_pause"
            )
        d = first
        while d <= last:
            days.add(d)
            d += timedelta(days=1)
    return days


def explain_excluding(start: date, period: Period, paused_intervals: Iterable[Interval] = ()) -> Computation:
    """Like explain(), but the days of each paused interval (first, last — both inclusive) do not
    count: for WD periods their working days, for CD and month periods their calendar days; then the
    roll-over rule. (复议法第三十九条, 信息公开条例第三十三条第三款, 许可法第四十五条 … — LEGAL_RULES §13.)"""
    _check_period(period)
    paused = _paused_days(paused_intervals)
    if not paused:
        return explain(start, period)
    src = _source()
    paused_after_start = tuple(sorted(p for p in paused if p > start))
    if period.unit == "wd":
        d, counted, skipped, makeup = start, 0, [], []
        while counted < period.n:
            d += timedelta(days=1)
            if d in paused:
                continue
            if src.is_workday(d):
                counted += 1
                if d.weekday() >= 5:
                    makeup.append(d)
            else:
                skipped.append(d)
        return Computation(start, period, d, tuple(skipped), tuple(makeup), paused_days=paused_after_start)
    # CD: count calendar days that are not paused; months: the statutory end (民法典第二百零二条)
    # gives the number of calendar days, which are then counted the same way
    n_days = period.n if period.unit == "cd" else (_add_months(start, period.n) - start).days
    d, counted = start, 0
    while counted < n_days:
        d += timedelta(days=1)
        if d not in paused:
            counted += 1
    raw = d
    due = raw
    while due in paused or not src.is_workday(due):
        due += timedelta(days=1)
    rolled = tuple(raw + timedelta(days=i) for i in range((due - raw).days))
    return Computation(
        start, period, due, rolled, (), raw if due != raw else None, paused_days=paused_after_start
    )


def add_excluding(start: date, period: Period, paused_intervals: Iterable[Interval] = ()) -> date:
    """The due date when the clock was paused over `paused_intervals` [(first, last), …], both
    days inclusive and not counted. For the procedure engine's suspensions (ADR 0003)."""
    return explain_excluding(start, period, paused_intervals).due


def explain(start: date, period: Period) -> Computation:
    """Compute a statutory deadline and keep how it was computed (start day excluded — 民法典第二百零一条)."""
    _check_period(period)
    src = _source()
    if period.unit == "wd":
        # WD periods skip rest days and count make-up working days (§13 "N working days")
        d, counted, skipped, makeup = start, 0, [], []
        while counted < period.n:
            d += timedelta(days=1)
            if src.is_workday(d):
                counted += 1
                if d.weekday() >= 5:
                    makeup.append(d)
            else:
                skipped.append(d)
        return Computation(start, period, d, tuple(skipped), tuple(makeup))
    # CD / month periods: a last day on a rest day moves to the next working day (民法典第二百零三条)
    raw = start + timedelta(days=period.n) if period.unit == "cd" else _add_months(start, period.n)
    due = raw
    while not src.is_workday(due):
        due += timedelta(days=1)
    rolled = tuple(raw + timedelta(days=i) for i in range((due - raw).days))
    return Computation(start, period, due, rolled, (), raw if due != raw else None)


def add(start: date, period: Period) -> date:
    """The due date of `period` counted from `start` (the hot path: no allocation for WD periods)."""
    if period.unit == "wd" and isinstance(period.n, int) and period.n >= 0:
        return _source().add_workdays(start, period.n)
    return explain(start, period).due


def deadline_status(due: date, on: date | None = None) -> str:
    """on_time / due_soon (due within FAZHI_DUE_SOON_DAYS calendar days, due day included) / overdue
    (the day after the due day: a period ends at 24:00 of its last day — 民法典第二百零三条第二款)."""
    on = on or today()
    if on > due:
        return "overdue"
    if (due - on).days <= settings.FAZHI_DUE_SOON_DAYS:
        return "due_soon"
    return "on_time"
