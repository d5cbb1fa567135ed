"""Where the calendar data comes from (LEGAL_RULES.md §13 "annual announcement").

Three layers, later ones winning for a whole year:
1. the PyPI package chinesecalendar (2004–2026 in 1.11.0);
2. the repository data file ``fazhi/core/data/holidays.json`` (setting ``FAZHI_HOLIDAYS_FILE``);
3. the years staff enter on the /calendar/ screen (``HolidayYear`` / ``CalendarDay`` rows).

A year in none of them is unknown: every question about one of its days raises ``CalendarUnknown``.

Everything is precomputed once into plain sets (``CalendarSource``) so ``add()`` never queries the
database. The cached source is rebuilt when ``reset()`` is called (the service does it after a
write) and, for other processes, when a cheap fingerprint of the local data — the data file's mtime
and ``max(updated_at)``/``count`` of ``HolidayYear`` — has changed; that fingerprint is checked at
most every ``FAZHI_CALENDAR_CHECK_SECONDS`` seconds (default 5).
"""

from __future__ import annotations

import json
import threading
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

import chinese_calendar
from chinese_calendar import constants as _cc

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "holidays.json"

# chinesecalendar names its holidays in English; the UI speaks Chinese.
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

SOURCE_PACKAGE = "package"
SOURCE_FILE = "file"
SOURCE_DB = "db"
SOURCE_LABELS = {
    SOURCE_PACKAGE: f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}（依据国务院办公厅通知）",
    SOURCE_FILE: "数据文件 holidays.json",
    SOURCE_DB: "工作人员录入",
}


@dataclass
class YearData:
    """One year's arrangement: rest days that would otherwise be working days and the reverse."""

    year: int
    source: str
    rest: dict[date, str] = field(default_factory=dict)  # date → holiday name (may include weekends)
    work: dict[date, str] = field(default_factory=dict)  # weekend date → holiday it is worked for
    notice_title: str = ""
    notice_number: str = ""
    published_on: date | None = None
    source_url: str = ""


def _package_years() -> dict[int, YearData]:
    first, last = min(_cc.holidays).year, max(_cc.holidays).year
    years = {y: YearData(y, SOURCE_PACKAGE) for y in range(first, last + 1)}
    for d, name in _cc.holidays.items():
        years[d.year].rest[d] = PACKAGE_NAMES.get(name, name)
    for d, name in _cc.workdays.items():
        years[d.year].work[d] = PACKAGE_NAMES.get(name, name)
    return years  # the package does not record the notices' titles or numbers: left blank, not guessed


def _parse_date(value: str, where: str) -> date:
    from django.core.exceptions import ValidationError

    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(
            f"{where}：日期“{value}”格式错误，应为 YYYY-MM-DD 的有效日期。", code="bad_date"
        ) from None


def parse_year_document(doc: Any) -> list[dict[str, Any]]:
    """Read the holidays.json format into service keyword arguments, one dict per year.

    Format: ``{"years": {"2027": {"notice_title", "notice_number", "published_on", "source_url",
    "rest": [{"start", "end", "name"}], "work": [{"date", "name"}]}}}``.
    Raises ValidationError (Chinese) on malformed content; checks the *content* rules in the service.
    """
    from django.core.exceptions import ValidationError

    from .services import MakeupDay, RestPeriod

    if not isinstance(doc, dict) or not isinstance(doc.get("years"), dict):
        raise ValidationError("数据文件格式错误：缺少“years”对象。", code="bad_file")
    out = []
    for key, entry in sorted(doc["years"].items()):
        if not str(key).isdigit() or not isinstance(entry, dict):
            raise ValidationError(f"数据文件格式错误：年份“{key}”无效。", code="bad_file")
        where = f"{key}年"
        try:
            rest = [
                RestPeriod(
                    _parse_date(r["start"], where),
                    _parse_date(r.get("end") or r["start"], where),
                    str(r.get("name", "")),
                )
                for r in entry.get("rest", [])
            ]
            work = [
                MakeupDay(_parse_date(w["date"], where), str(w.get("name", "")))
                for w in entry.get("work", [])
            ]
        except (KeyError, TypeError):
            raise ValidationError(
                f"数据文件格式错误：{where}的放假时段需有 start/end，调休上班日需有 date。", code="bad_file"
            ) from None
        published = entry.get("published_on")
        out.append(
            {
                "year": int(key),
                "notice_title": str(entry.get("notice_title", "")),
                "notice_number": str(entry.get("notice_number", "")),
                "published_on": _parse_date(published, where) if published else None,
                "source_url": str(entry.get("source_url", "")),
                "rest_periods": rest,
                "makeup_days": work,
            }
        )
    return out


def _file_path() -> Path:
    return Path(getattr(settings, "FAZHI_HOLIDAYS_FILE", DEFAULT_FILE))


def _file_years() -> dict[int, YearData]:
    path = _file_path()
    if not path.exists():
        return {}
    years: dict[int, YearData] = {}
    for kw in parse_year_document(json.loads(path.read_text(encoding="utf-8"))):
        y = YearData(
            kw["year"],
            SOURCE_FILE,
            notice_title=kw["notice_title"],
            notice_number=kw["notice_number"],
            published_on=kw["published_on"],
            source_url=kw["source_url"],
        )
        for r in kw["rest_periods"]:
            d = r.start
            while d <= r.end:
                y.rest[d] = r.name
                d += timedelta(days=1)
        for w in kw["makeup_days"]:
            y.work[w.date] = w.name
        years[y.year] = y
    return years


def _db_years() -> dict[int, YearData]:
    from .models import CalendarDay, HolidayYear

    years: dict[int, YearData] = {}
    for hy in HolidayYear.objects.all():
        years[hy.year] = YearData(
            hy.year,
            SOURCE_DB,
            notice_title=hy.notice_title,
            notice_number=hy.notice_number,
            published_on=hy.published_on,
            source_url=hy.source_url,
        )
    for row in CalendarDay.objects.values_list("holiday_year__year", "date", "kind", "name"):
        year, d, kind, name = row
        (years[year].rest if kind == "rest" else years[year].work)[d] = name
    return years


def _guarded_db(fn: Any, default: Any) -> Any:
    """Read the database if it can be read: before `migrate`, or in a test without DB access,
    the calendar still works from the package and the file. A savepoint keeps a failed query
    (table missing on PostgreSQL) from poisoning the caller's transaction."""
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic():
            return fn()
    except (DatabaseError, RuntimeError):  # RuntimeError: pytest-django's "Database access not allowed"
        return default


def _db_fingerprint() -> tuple[Any, ...]:
    from django.db.models import Count, Max

    from .models import HolidayYear

    agg = HolidayYear.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return (agg["n"], agg["at"])


def fingerprint() -> tuple[Any, ...]:
    path = _file_path()
    mtime = path.stat().st_mtime_ns if path.exists() else None
    return (str(path), mtime, _guarded_db(_db_fingerprint, None))


class CalendarSource:
    """Precomputed sets for every known year; no I/O after construction."""

    base: CalendarSource | None = None  # set on a provisional source: the real calendar it extends

    def __init__(self, years: dict[int, YearData]):
        self.years = dict(sorted(years.items()))
        self.rest_ordinals: set[int] = set()
        self.names: dict[date, str] = {}
        workdays: list[int] = []
        for y in self.years.values():
            d = date(y.year, 1, 1)
            while d.year == y.year:
                if self._compute_is_workday(y, d):
                    workdays.append(d.toordinal())
                else:
                    self.rest_ordinals.add(d.toordinal())
                d += timedelta(days=1)
            self.names.update(y.rest)
            self.names.update({d: f"{n}调休上班" if n else "调休上班" for d, n in y.work.items()})
        self.workday_ordinals = workdays  # sorted, because years and days are visited in order

    @staticmethod
    def _compute_is_workday(y: YearData, d: date) -> bool:
        if d in y.work:
            return True
        if d in y.rest:
            return False
        return d.weekday() < 5

    # --- questions -------------------------------------------------------------------------
    def known(self, year: int) -> bool:
        return year in self.years

    def check(self, year: int) -> None:
        if year not in self.years:
            from .calendar import CalendarUnknown

            raise CalendarUnknown(year)

    def is_workday(self, d: date) -> bool:
        self.check(d.year)
        return d.toordinal() not in self.rest_ordinals

    def day_name(self, d: date) -> str:
        """The holiday a day belongs to ("国庆节", "春节调休上班"), or ""."""
        self.check(d.year)
        return self.names.get(d, "")

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start excluded), via bisect: O(log days)."""
        if n == 0:
            return start
        ords = self.workday_ordinals
        i = bisect_right(ords, start.toordinal()) + n - 1
        # every year from the day after start to the result must be known (no silent gaps)
        first_year = (start + timedelta(days=1)).year
        if i >= len(ords):
            last = max(self.years) if self.years else first_year - 1
            missing = next((y for y in range(first_year, last + 2) if y not in self.years), last + 1)
            from .calendar import CalendarUnknown

            raise CalendarUnknown(missing)
        due = date.fromordinal(ords[i])
        for y in range(first_year, due.year + 1):
            self.check(y)
        return due


# Years a provisional computation may assume (weekends only) beyond the last known one.
PROVISIONAL_YEARS_AHEAD = 30
_provisional_cache: dict[int, CalendarSource] = {}


def provisional_source(src: CalendarSource) -> CalendarSource:
    """`src` plus every unknown year from the first known one to 30 years past the last, counted
    weekends only (Saturday and Sunday rest, no holidays, no make-up days). Cached per source."""
    cached = _provisional_cache.get(id(src))
    if cached is not None and cached.base is src:
        return cached
    known = list(src.years)
    first = known[0] if known else date.today().year  # noqa: DTZ011 — only a range bound
    last = (known[-1] if known else first) + PROVISIONAL_YEARS_AHEAD
    years = dict(src.years)
    for y in range(first, last + 1):
        years.setdefault(y, YearData(y, "provisional"))
    out = CalendarSource(years)
    out.base = src
    _provisional_cache.clear()  # one live calendar at a time
    _provisional_cache[id(src)] = out
    return out


_lock = threading.Lock()
_state: dict[str, Any] = {"source": None, "fingerprint": None, "checked_at": 0.0, "read_db": False}


def _build(*, read_db: bool = True) -> CalendarSource:
    years = _package_years()
    years.update(_file_years())
    if read_db:
        years.update(_guarded_db(_db_years, {}))
    return CalendarSource(years)


def _interval() -> float | None:
    """Seconds between fingerprint checks; None (the test settings) = only explicit resets."""
    value = getattr(settings, "FAZHI_CALENDAR_CHECK_SECONDS", 5)
    return None if value is None else float(value)


def calendar_source() -> CalendarSource:
    """The current calendar. Cheap: a monotonic-clock comparison on the hot path."""
    src = _state["source"]
    interval = _interval()
    if src is not None and (interval is None or time.monotonic() - _state["checked_at"] < interval):
        return src
    with _lock:
        if interval is None:
            # Tests: no periodic query (it would upset query-count assertions); the database is
            # read only after reset(), i.e. after the service wrote a year.
            if _state["source"] is None:
                _state["source"] = _build(read_db=_state["read_db"])
            return _state["source"]
        fp = fingerprint()
        if _state["source"] is None or fp != _state["fingerprint"]:
            _state["source"] = _build()
            _state["fingerprint"] = fp
        _state["checked_at"] = time.monotonic()
        return _state["source"]


def reset() -> None:
    """Forget the cached calendar; the next call reads the package, the file and the database.
    The service calls it after writing a year (other processes notice via the fingerprint)."""
    with _lock:
        _state.update(source=None, fingerprint=None, checked_at=0.0, read_db=True)


def reset_to_defaults() -> None:
    """Tests: forget years entered in the (rolled-back) test database; package and file only."""
    with _lock:
        _state.update(source=None, fingerprint=None, checked_at=0.0, read_db=False)


# kept for callers of the first version, which used lru_cache
calendar_source.cache_clear = reset  # type: ignore[attr-defined]
