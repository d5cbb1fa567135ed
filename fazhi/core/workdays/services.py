"""Writes to the working-day calendar. One verb: enter (or correct) a year's holiday arrangement.

LEGAL_RULES.md §13: each year the General Office of the State Council publishes the rest periods
and the weekend days worked as make-up days (《国务院办公厅关于YYYY年部分节假日安排的通知》); the
platform must load them and refuse to compute deadlines into a year without them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit

from . import source
from .models import CalendarDay, DayKind, HolidayYear

log = logging.getLogger(__name__)

# Records other than engine deadlines that hold statutory dates (e.g. enforcement publicity records)
# register here; each runs inside enter_holiday_year's transaction after the engine's recompute.
_calendar_listeners: list[Any] = []


def on_calendar_changed(listener: Any) -> Any:
    """Register `listener(*, actor)` to run when a calendar year is entered or corrected. Idempotent."""
    if listener not in _calendar_listeners:
        _calendar_listeners.append(listener)
    return listener


MIN_YEAR, MAX_YEAR = 1999, 2100  # 1999: the first year of the "golden week" arrangements


@dataclass(frozen=True)
class RestPeriod:
    """放假 — consecutive rest days, first and last day inclusive."""

    start: date
    end: date
    name: str = ""


@dataclass(frozen=True)
class MakeupDay:
    """调休上班 — a Saturday or Sunday that is worked."""

    date: date
    name: str = ""


def _snapshot(hy: HolidayYear | None) -> dict[str, Any] | None:
    if hy is None:
        return None
    days = list(hy.days.order_by("date").values_list("date", "kind", "name"))
    return {
        "year": hy.year,
        "notice_title": hy.notice_title,
        "notice_number": hy.notice_number,
        "published_on": hy.published_on,
        "source_url": hy.source_url,
        "rest": [(d, n) for d, k, n in days if k == DayKind.REST],
        "work": [(d, n) for d, k, n in days if k == DayKind.WORK],
    }


def validate_year_arrangement(
    *,
    year: int,
    notice_title: str,
    rest_periods: Sequence[RestPeriod],
    makeup_days: Sequence[MakeupDay],
) -> dict[date, tuple[str, str]]:
    """Check one year's arrangement; return date → (kind, name). Raises ValidationError (Chinese),
    a dict of field → messages when several fields are wrong (ADR 0001)."""
    errors: dict[str, list[ValidationError]] = {}

    def err(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            {"year": ValidationError(f"年度应为 {MIN_YEAR}–{MAX_YEAR} 之间的年份。", code="bad_year")}
        )
    if not notice_title.strip():
        err(
            "notice_title", "请填写通知标题，例如《国务院办公厅关于2027年部分节假日安排的通知》。", "required"
        )
    if not rest_periods:
        err("rest_periods", f"请至少录入一个放假时段（{year}年的元旦、春节等）。", "required")
    days: dict[date, tuple[str, str]] = {}
    for p in rest_periods:
        label = f"放假时段 {p.start.isoformat()}–{p.end.isoformat()}"
        if p.end < p.start:
            err("rest_periods", f"{label}：结束日期早于开始日期。", "end_before_start")
            continue
        if p.start.year != year or p.end.year != year:
            err("rest_periods", f"{label}：日期不在{year}年内。", "date_outside_year")
            continue
        if (p.end - p.start).days > 30:
            err("rest_periods", f"{label}：一个放假时段不应超过31天，请检查日期。", "period_too_long")
            continue
        d = p.start
        while d <= p.end:
            if d in days:
                err("rest_periods", f"{d.isoformat()} 在多个放假时段中重复出现。", "duplicate_date")
            days[d] = (DayKind.REST, p.name.strip())
            d += timedelta(days=1)
    for m in makeup_days:
        d = m.date
        if d.year != year:
            err("makeup_days", f"调休上班日 {d.isoformat()} 不在{year}年内。", "date_outside_year")
        elif d.weekday() < 5:
            err(
                "makeup_days",
                f"调休上班日 {d.isoformat()} 是星期{'一二三四五'[d.weekday()]}，本来就是工作日；调休上班日应为周六或周日。",
                "makeup_not_weekend",
            )
        elif d in days and days[d][0] == DayKind.REST:
            err("makeup_days", f"{d.isoformat()} 不能既是放假日又是调休上班日。", "rest_and_work")
        elif d in days:
            err("makeup_days", f"调休上班日 {d.isoformat()} 重复录入。", "duplicate_date")
        else:
            days[d] = (DayKind.WORK, m.name.strip())
    if errors:
        raise ValidationError(dict(errors))
    return days


@transaction.atomic
def enter_holiday_year(
    *,
    actor: Any,
    year: int,
    notice_title: str,
    rest_periods: Sequence[RestPeriod],
    makeup_days: Sequence[MakeupDay],
    notice_number: str = "",
    published_on: date | None = None,
    source_url: str = "",
    note: str = "",
    in_background: bool = False,
) -> HolidayYear:
    """录入（或更正）一年的节假日安排 — LEGAL_RULES §13 "annual announcement".

    Replaces the year's rest and make-up days as a whole, then the cached calendar is dropped and
    the open deadlines are recomputed (``procedures.recompute_open_deadlines``) in the same
    transaction: nothing is saved when any step fails. The returned year carries
    ``recompute_result`` (``procedures.RecomputeResult``: ``.changed``, ``.failed``) or None. ``actor=None`` is the system (the
    ``fazhi workdays load`` command run by the server's operator); a user needs
    ``workdays.enter_holiday_year``.

    ``in_background=True`` (the web form) saves the year and queues the recompute and the
    listeners as a background job after commit instead (``hy.recompute_job``: progress and
    outcome on the year's page; the recompute is idempotent, so a failed job is simply retried).
    """
    if actor is not None and not actor.has_perm("workdays.enter_holiday_year"):
        raise PermissionDenied("只有司法局监督人员可以录入或更正节假日安排。")
    days = validate_year_arrangement(
        year=year, notice_title=notice_title, rest_periods=rest_periods, makeup_days=makeup_days
    )
    if published_on is not None and published_on.year > year:
        message = f"发布日期 {published_on.isoformat()} 晚于{year}年，请检查。"
        raise ValidationError({"published_on": ValidationError(message, code="bad_published_on")})
    existing = HolidayYear.objects.select_for_update().filter(year=year).first()
    before = _snapshot(existing)
    hy = existing or HolidayYear(year=year)
    hy.notice_title = notice_title.strip()
    hy.notice_number = notice_number.strip()
    hy.published_on = published_on
    hy.source_url = source_url.strip()
    hy.note = note.strip()
    hy.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    hy.save()
    hy.days.all().delete()
    # a date may belong to no other year's rows: CalendarDay.date is unique; dates were checked to lie in `year`
    CalendarDay.objects.bulk_create(
        CalendarDay(holiday_year=hy, date=d, kind=kind, name=name) for d, (kind, name) in sorted(days.items())
    )
    after = _snapshot(hy)
    audit.record(
        actor=actor,
        action="workdays.correct_holiday_year" if existing else "workdays.enter_holiday_year",
        obj=hy,
        before=before,
        after=after,
    )
    source.reset()
    # if anything below fails the transaction rolls back; drop the cache so it is not left holding the year
    transaction.on_commit(source.reset)
    if in_background:
        from fazhi.core import tasks

        from .tasks import RECOMPUTE, recompute_after_calendar_change

        hy.recompute_result = None  # type: ignore[attr-defined]
        hy.recompute_job = tasks.start(  # type: ignore[attr-defined]
            RECOMPUTE,
            f"录入{year}年节假日安排后重新计算未结期限",
            recompute_after_calendar_change,
            actor=actor,
            back_url=f"/calendar/{year}/",
            year=year,
        )
        return hy
    try:
        hy.recompute_result = _recompute_open_deadlines(actor)  # type: ignore[attr-defined]
        for listener in _calendar_listeners:
            listener(actor=actor)
    except BaseException:
        source.reset()
        raise
    return hy


def _recompute_open_deadlines(actor: Any) -> Any:
    """When the calendar changes, open deadlines follow (DESIGN "what the peers' users taught us")."""
    from fazhi.core import procedures

    recompute = getattr(procedures, "recompute_open_deadlines", None)
    if recompute is None:
        log.warning("procedures.recompute_open_deadlines is not available; open deadlines not recomputed")
        return None
    return recompute(actor=actor)
