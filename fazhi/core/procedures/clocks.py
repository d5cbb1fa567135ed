"""Standalone clocks: statutory periods of records that are not themselves procedure cases.

A publicity record, a supervision opinion, a litigation case, a disclosure filing … declares its
clocks once in `<app>/procedures.py` with `register_clocks(group, label, [Clock(...)])` and its
services start, stop, pause, resume and extend them here. The Deadline rows are the engine's own:
same explanation, provisional dates while a year's holidays are not entered (待日历确认), the same
recomputation on every calendar change, the same audit trail — so no service computes a due date.

    d = procedures.start_clock(record, "enforcement.publicity", "publish", actor=user, on=day)
    procedures.stop_clock(record, "enforcement.publicity", "publish", actor=user, on=published_on)
    qs = procedures.annotate_due(qs, "enforcement.publicity", "publish", prefix="publish")
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core import audit
from fazhi.core.workdays import Period

from .declare import Clock, get_clock_group
from .engine import RUNNING, _apply_due, _check_on, _close, _ct, _extend, _open_deadline, posted_on
from .models import Deadline, DeadlinePause, DeadlineState

_UNIT_KEY = {"cd": "days", "wd": "working_days", "m": "months"}


def _clock(group: str, clock: str) -> Clock:
    return get_clock_group(group).clock(clock)


def _running(record: models.Model, group: str, clock: str) -> Deadline | None:
    return (
        Deadline.objects.select_for_update()
        .filter(
            content_type=_ct(record),
            object_id=record.pk,
            procedure_code=group,
            clock=clock,
            state__in=RUNNING,
        )
        .order_by("-id")
        .first()
    )


def _audit(actor: Any, record: models.Model, group: str, verb: str, d: Deadline, note: str = "") -> None:
    after: dict[str, Any] = {
        "clock": d.clock,
        "label": d.label,
        "state": d.state,
        "due_date": d.due_date,
        "explanation": d.explanation,
    }
    if d.calendar_pending:
        after["calendar_pending"] = True
    audit.record(actor=actor, action=f"{group}.{d.clock}.{verb}", obj=record, after=after, note=note)


def open_deadline(record: models.Model, group: str, clock: str) -> Deadline | None:
    """The running (open or paused) deadline of this clock on `record`, or None."""
    _clock(group, clock)
    return (
        Deadline.objects.filter(
            content_type=_ct(record),
            object_id=record.pk,
            procedure_code=group,
            clock=clock,
            state__in=RUNNING,
        )
        .prefetch_related("pauses", "extensions")
        .order_by("-id")
        .first()
    )


def last_deadline(record: models.Model, group: str, clock: str) -> Deadline | None:
    """The latest deadline of this clock on `record`, running or closed, or None."""
    _clock(group, clock)
    return (
        Deadline.objects.filter(
            content_type=_ct(record), object_id=record.pk, procedure_code=group, clock=clock
        )
        .prefetch_related("pauses", "extensions")
        .order_by("-id")
        .first()
    )


@transaction.atomic
def start_clock(
    record: models.Model,
    group: str,
    clock: str,
    *,
    actor: Any,
    on: date,
    restart: bool = False,
    note: str = "",
) -> Deadline:
    """Start `clock` on `record` counted from `on` (the start day is not counted). A clock already
    running is refused, unless `restart`: then the old deadline is closed as superseded."""
    c = _clock(group, clock)
    _check_on(on)
    if record.pk is None:
        raise ValidationError("记录尚未保存，无法起算期限。", code="record_not_saved")
    running = _running(record, group, clock)
    if running is not None:
        if not restart:
            raise ValidationError(f"“{c.label}”期限已在计时中，不能重复起算。", code="clock_running")
        _close(running, on, None, DeadlineState.SUPERSEDED)
    d = _open_deadline(record, group, c, on, None)
    _audit(actor, record, group, "start", d, note)
    return d


@transaction.atomic
def stop_clock(
    record: models.Model,
    group: str,
    clock: str,
    *,
    actor: Any,
    on: date,
    posted: date | None = None,
    note: str = "",
) -> Deadline | None:
    """Stop the running deadline of `clock` on `on`: met if `on` is not after its due date, else
    missed (undecided while a provisional date's year is not entered). A party's filing received
    by post is judged on the date `posted` (time in the post, LEGAL_RULES §13). None if nothing runs."""
    _clock(group, clock)
    _check_on(on)
    d = _running(record, group, clock)
    if d is None:
        return None
    if on < d.start_date:
        raise ValidationError(
            f"结束日期 {on.isoformat()} 早于“{d.label}”的起算日 {d.start_date.isoformat()}，请核对日期。",
            code="date_before_start",
        )
    _close(d, posted_on({"posted_on": posted}, on), None)
    _audit(actor, record, group, "stop", d, note)
    return d


@transaction.atomic
def pause_clock(
    record: models.Model, group: str, clock: str, *, actor: Any, on: date, ground: str = ""
) -> Deadline:
    """Stop the count from the day after `on` until `resume_clock` (the paused days do not count)."""
    c = _clock(group, clock)
    _check_on(on)
    d = _running(record, group, clock)
    if d is None or d.state != DeadlineState.OPEN:
        raise ValidationError(f"“{c.label}”期限未在计时中，不能中止计时。", code="clock_not_open")
    DeadlinePause.objects.create(deadline=d, start=on, ground=ground, step=None)
    d.state = DeadlineState.PAUSED
    _apply_due(d)
    d.save(update_fields=["state", "due_date", "explanation", "calendar_pending"])
    _audit(actor, record, group, "pause", d, ground)
    return d


@transaction.atomic
def resume_clock(record: models.Model, group: str, clock: str, *, actor: Any, on: date) -> Deadline:
    """Resume a paused clock on `on`; the due date moves by the days not counted."""
    c = _clock(group, clock)
    _check_on(on)
    d = _running(record, group, clock)
    if d is None or d.state != DeadlineState.PAUSED:
        raise ValidationError(f"“{c.label}”期限未中止计时，无需恢复。", code="clock_not_paused")
    pause = d.pauses.filter(end__isnull=True).order_by("-id").first()
    if pause is not None and on < pause.start:
        raise ValidationError(
            f"恢复日期 {on.isoformat()} 早于中止日期 {pause.start.isoformat()}。", code="resume_before_pause"
        )
    d.pauses.filter(end__isnull=True).update(end=on)
    d.state = DeadlineState.OPEN
    _apply_due(d)
    d.save(update_fields=["state", "due_date", "explanation", "calendar_pending"])
    _audit(actor, record, group, "resume", d)
    return d


@transaction.atomic
def extend_clock(
    record: models.Model,
    group: str,
    clock: str,
    *,
    actor: Any,
    on: date,
    ground: str = "",
    period: Period | dict[str, int] | None = None,
) -> Deadline:
    """Extend the running deadline within the clock's `max_extension` / `max_extensions` (or its
    policy's), approved by `actor` on `on` — before the period expires (engine rule)."""
    c = _clock(group, clock)
    _check_on(on)
    d = _running(record, group, clock)
    raw: Any = period
    if isinstance(period, Period):
        raw = {_UNIT_KEY[period.unit]: period.n}
    _extend(record, c, d, actor=actor, on=on, data={"ground": ground, "period": raw}, step=None)
    assert d is not None
    _audit(actor, record, group, "extend", d, ground)
    return d


def annotate_due(qs: models.QuerySet[Any], group: str, clock: str, *, prefix: str) -> models.QuerySet[Any]:
    """Annotate each row with its latest deadline of `clock`: `<prefix>_due` (date),
    `<prefix>_pending` (provisional, 待日历确认), `<prefix>_state` (DeadlineState value) and
    `<prefix>_explanation`. Subqueries in the same SELECT: no per-row query."""
    _clock(group, clock)
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(qs.model, for_concrete_model=True)
    latest = Deadline.objects.filter(
        content_type=ct, object_id=models.OuterRef("pk"), procedure_code=group, clock=clock
    ).order_by("-id")
    return qs.annotate(
        **{
            f"{prefix}_due": models.Subquery(latest.values("due_date")[:1]),
            f"{prefix}_pending": models.Subquery(latest.values("calendar_pending")[:1]),
            f"{prefix}_state": models.Subquery(latest.values("state")[:1]),
            f"{prefix}_explanation": models.Subquery(latest.values("explanation")[:1]),
        }
    )
