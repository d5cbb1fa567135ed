from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

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

    def describe(self) -> str:
        """One line, e.g. "2025-09-30 + 5个工作日（…）；10/1–10/8 放假，10/11 调休上班 → 2025-10-14"."""
        from .describe import describe

        return describe(self)


def today() -> date:
    return timezone.localdate()


def _source():
    from .source import calendar_source

    return calendar_source()


def is_workday(d: date) -> bool:
    """Mon–Fri minus statutory rest days, plus make-up working days (调休上班日)."""
    return _source().is_workday(d)


def is_rest_day(d: date) -> bool:
    return not is_workday(d)


def next_workday(d: date) -> date:
    """The first working day on or after d."""
    while not is_workday(d):
        d += timedelta(days=1)
    return d


def _add_months(start: date, n: int) -> date:
    # 民法典第二百零二条: same-numbered day of the final month, else that month's last day.
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _cal.monthrange(year, month)[1]))


def explain(start: date, period: Period) -> Computation:
    """Compute a statutory deadline and keep how it was computed."""
    if period.n < 0:
        raise ValidationError("期限天数不能为负数。", code="negative_period")
    if period.unit == "wd":
        d, counted, skipped, makeup = start, 0, [], []
        while counted < period.n:
            d += timedelta(days=1)
            if is_workday(d):
                counted += 1
                if d.weekday() >= 5:
                    makeup.append(d)
            else:
                skipped.append(d)
        return Computation(start, period, d, tuple(skipped), tuple(makeup))
    raw = start + timedelta(days=period.n) if period.unit == "cd" else _add_months(start, period.n)
    due = next_workday(raw)
    rolled = tuple(raw + timedelta(days=i) for i in range((due - raw).days))
    return Computation(start, period, due, rolled, (), raw if due != raw else None)


def add(start: date, period: Period) -> date:
    return explain(start, period).due


def deadline_status(due: date, on: date | None = None) -> str:
    """on_time / due_soon (within FAZHI_DUE_SOON_DAYS calendar days) / overdue."""
    on = on or today()
    if on > due:
        return "overdue"
    if (due - on).days <= settings.FAZHI_DUE_SOON_DAYS:
        return "due_soon"
    return "on_time"
