"""Reads of the working-day calendar. The calendar is national data: every signed-in user may read it."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import source
from .models import HolidayYear


@dataclass(frozen=True)
class YearSummary:
    year: int
    source: str  # "package" | "file" | "db"
    source_label: str
    notice_title: str
    notice_number: str
    published_on: date | None
    source_url: str
    rest_on_weekdays: int  # weekdays that are rest days
    makeup_days: int
    working_days: int
    entered: HolidayYear | None  # the row staff entered, if any


# where a year's data comes from, as the page says it (package and file names stay in the CLI)
PAGE_SOURCE_LABELS = {
    source.SOURCE_PACKAGE: "国务院办公厅通知（系统内置数据）",
    source.SOURCE_FILE: "国务院办公厅通知（平台数据）",
    source.SOURCE_DB: "工作人员录入",
}


def calendar_years() -> list[YearSummary]:
    """Every known year, newest first, with where its data comes from (2 queries)."""
    src = source.calendar_source()
    entered = {h.year: h for h in HolidayYear.objects.select_related("entered_by")}
    out = []
    for y in sorted(src.years.values(), key=lambda y: -y.year):
        first, last = date(y.year, 1, 1).toordinal(), date(y.year, 12, 31).toordinal()
        working = sum(1 for o in range(first, last + 1) if o not in src.rest_ordinals)
        out.append(
            YearSummary(
                year=y.year,
                source=y.source,
                source_label=PAGE_SOURCE_LABELS[y.source],
                notice_title=y.notice_title,
                notice_number=y.notice_number,
                published_on=y.published_on,
                source_url=y.source_url,
                rest_on_weekdays=sum(1 for d in y.rest if d.weekday() < 5),
                makeup_days=len(y.work),
                working_days=working,
                entered=entered.get(y.year) if y.source == source.SOURCE_DB else None,
            )
        )
    return out


def year_data(year: int) -> source.YearData | None:
    return source.calendar_source().years.get(year)


@dataclass
class MonthView:
    """One month of a year as a grid of weeks (Monday first); None pads the first and last week."""

    month: int
    weeks: list[list[dict[str, Any] | None]]
    rest_weekdays: int
    makeup_days: int


def year_months(data: source.YearData) -> list[MonthView]:
    """The twelve months of `data`'s year, each day marked 工作日 / 休息日 / 节假日 / 调休上班 —
    to check an entered year against the notice (no query: the calendar is in memory)."""
    out = []
    for month in range(1, 13):
        weeks: list[list[dict[str, Any] | None]] = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(data.year, month):
            row: list[dict[str, Any] | None] = []
            for d in week:
                if d.month != month:
                    row.append(None)
                    continue
                if d in data.work:
                    kind, name = "makeup", data.work[d]
                elif d in data.rest:
                    kind, name = "holiday", data.rest[d]
                elif d.weekday() >= 5:
                    kind, name = "weekend", ""
                else:
                    kind, name = "workday", ""
                row.append({"date": d, "kind": kind, "name": name})
            weeks.append(row)
        rest_weekdays = sum(1 for d in data.rest if d.month == month and d.weekday() < 5)
        makeup = sum(1 for d in data.work if d.month == month)
        out.append(MonthView(month, weeks, rest_weekdays, makeup))
    return out


def missing_years(on: date) -> list[int]:
    """Years a deadline started today may reach that nobody has entered: this year and the next
    (the State Council usually publishes next year's arrangement in November — LEGAL_RULES §13)."""
    src = source.calendar_source()
    return [y for y in (on.year, on.year + 1) if not src.known(y)]
