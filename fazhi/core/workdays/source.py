"""Where the calendar data comes from: chinesecalendar for the years it knows (2004–2026), then the
repository data file and the years staff enter in the admin screen (HolidayYear rows)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import chinese_calendar


class CalendarSource:
    def __init__(self, extra_rest: dict[int, set[date]], extra_work: dict[int, set[date]]):
        self.extra_rest = extra_rest
        self.extra_work = extra_work
        self.package_years = range(2004, 2027)

    def known(self, year: int) -> bool:
        return year in self.extra_rest or year in self.package_years

    def is_workday(self, d: date) -> bool:
        from .calendar import CalendarUnknown

        if d.year in self.extra_rest:  # local data wins: staff may correct a package year
            if d in self.extra_work.get(d.year, set()):
                return True
            if d in self.extra_rest[d.year]:
                return False
            return d.weekday() < 5
        if d.year in self.package_years:
            try:
                return bool(chinese_calendar.is_workday(d))
            except NotImplementedError:
                raise CalendarUnknown(d.year) from None
        raise CalendarUnknown(d.year)


@lru_cache(maxsize=1)
def calendar_source() -> CalendarSource:
    return CalendarSource({}, {})


def reset() -> None:
    calendar_source.cache_clear()
