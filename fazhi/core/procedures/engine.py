"""The procedure engine: `start`, `advance`, `available_transitions`, deadlines and history.

`advance` does, for every module, what STYLE.md §2.3 lists: check the permission, the source
state, the required data and the guards → append a `Step` → set `case.state` and save → start /
stop / pause / resume / extend the `Deadline` rows → `audit.record`. Everything runs inside one
`transaction.atomic` block, so any failure leaves no trace. The caller (a service) locks the row
(`select_for_update`) before its own guards; `_fire` locks it again and refuses a stale instance.
See docs/adr/0003-procedure-engine.md for the rules (clock order, pauses, extensions, tick).

A due date that reaches into a year without calendar data (`CalendarUnknown`) never blocks a
transition: the deadline is stored with the *provisional* date (that year counted weekends only),
`calendar_pending = True` and an explanation that says so (shown as 待日历确认), and
`recompute_open_deadlines` (called when staff enter the year) replaces it with the exact date,
audited. Any other error still raises.

Standalone clocks (`start_clock` …) run the same Deadline rows for a record that is not itself a
procedure case (a publicity record, an opinion, a litigation case): declared with
`register_clocks` beside the procedures, started and stopped by the record's services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from fazhi.core import audit
from fazhi.core.audit.service import to_jsonable
from fazhi.core.errors import field_error
from fazhi.core.workdays import CalendarUnknown, Period

from .declare import Clock, ClockPolicy, Procedure, Transition, clock_groups, get_procedure
from .models import Deadline, DeadlineExtension, DeadlinePause, DeadlineState, ProcedureCase, Step
from .periods import Due, PauseSpan, compute_due, compute_due_or_provisional

RUNNING = (DeadlineState.OPEN, DeadlineState.PAUSED)
_PERIOD_KEYS = {"days": "cd", "working_days": "wd", "months": "m"}


def procedure_of(case: ProcedureCase) -> Procedure:
    return get_procedure(case.procedure_code)


def _ct(case: Any) -> ContentType:
    return ContentType.objects.get_for_model(case, for_concrete_model=True)


def _is_empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | tuple | dict | set) and len(value) == 0)
        or (isinstance(value, str) and not value.strip())
    )


def may_take(actor: Any, t: Transition, case: Any) -> bool:
    """Whether `actor` may fire `t` on `case` (permission only; state, data and guards aside)."""
    if t.by_system:
        return actor is None
    if (
        actor is None
        or not getattr(actor, "is_authenticated", False)
        or not getattr(actor, "is_active", False)
    ):
        return False
    return bool(actor.has_perm(t.perm, case))


def available_transitions(case: ProcedureCase, user: Any) -> list[Transition]:
    """The non-system transitions `user` may take on `case` now (for buttons; guards not run)."""
    proc = procedure_of(case)
    return [t for t in proc.transitions_from(case.state) if not t.by_system and may_take(user, t, case)]


def deadlines(case: ProcedureCase) -> QuerySet[Deadline]:
    """Every deadline of the case, open and closed, with pauses and extensions prefetched."""
    return (
        Deadline.objects.filter(content_type=_ct(case), object_id=case.pk)
        .prefetch_related("pauses", "extensions")
        .order_by("start_date", "id")
    )


def steps(case: ProcedureCase) -> QuerySet[Step]:
    """The step history of the case, oldest first."""
    return (
        Step.objects.filter(content_type=_ct(case), object_id=case.pk).select_related("actor").order_by("id")
    )


# --- deadline arithmetic on stored rows --------------------------------------------------------
def _period(n: int, unit: str, basis: str = "") -> Period:
    return Period(n, unit, basis)  # type: ignore[arg-type]


def _spans(deadline: Deadline) -> tuple[list[PauseSpan], list[Period]]:
    pauses = [PauseSpan(p.start, p.end, p.ground) for p in deadline.pauses.all()]
    exts = [_period(e.period_n, e.period_unit) for e in deadline.extensions.all()]
    return pauses, exts


def recompute(deadline: Deadline) -> tuple[date, str]:
    """(due date, explanation) from the stored start, period, pauses and extensions."""
    pauses, exts = _spans(deadline)
    c = compute_due(
        deadline.start_date, _period(deadline.period_n, deadline.period_unit, deadline.basis), pauses, exts
    )
    return c.due, c.explanation


def _due_of(deadline: Deadline) -> Due:
    pauses, exts = _spans(deadline)
    period = _period(deadline.period_n, deadline.period_unit, deadline.basis)
    return compute_due_or_provisional(deadline.start_date, period, pauses, exts)


def _apply_due(d: Deadline, *, fresh: bool = True) -> int | None:
    """Set `due_date`, `explanation` and `calendar_pending` of `d` from its stored start, period,
    pauses and extensions (not saved). A period reaching into a year without calendar data gets
    its provisional date (weekends only) and returns that year; any other error raises."""
    due = _due_of(_fresh(d) if fresh else d)
    d.due_date, d.explanation, d.calendar_pending = due.due, due.explanation, due.pending
    return due.pending_year


DUE_FIELDS = ["due_date", "explanation", "calendar_pending"]


def _open_deadline(
    case: Any, code: str, clock: Clock, on: date, step: Step | None, policy: ClockPolicy | None = None
) -> Deadline:
    policy = policy or clock.resolve(case)
    # the deadline keeps the period and basis used now: a later rule change never moves it
    period = _period(policy.period.n, policy.period.unit, policy.deadline_basis)
    due = compute_due_or_provisional(on, period)  # never refuses: provisional until the year is entered
    return Deadline.objects.create(
        content_type=_ct(case),
        object_id=case.pk,
        procedure_code=code,
        clock=clock.code,
        label=clock.label,
        period_n=period.n,
        period_unit=period.unit,
        basis=period.basis[:200],
        start_date=on,
        due_date=due.due,
        calendar_pending=due.pending,
        explanation=due.explanation,
        started_by=step,
    )


def posted_on(data: dict[str, Any], on: date) -> date:
    """The day a party's filing counts as made: the date posted when it came by post, never later
    than its receipt (LEGAL_RULES §13: time in the post is not counted — 民事诉讼法第八十五条第四款,
    行诉解释第四十八条). `data["posted_on"]` is set by the service that records the postmark."""
    posted = data.get("posted_on")
    if isinstance(posted, str):
        try:
            posted = date.fromisoformat(posted)
        except ValueError:
            posted = None
    if isinstance(posted, date) and not isinstance(posted, datetime) and posted <= on:
        return posted
    return on


def _close(d: Deadline, on: date, step: Step | None, state: str | None = None) -> None:
    """Close `d` as of `on` — for a party's posted filing, the date posted (see `posted_on`)."""
    if d.state == DeadlineState.PAUSED:
        d.pauses.filter(end__isnull=True).update(end=on, end_step=step)
    if state is None and d.calendar_pending:
        state = _pending_outcome(d, on)
    elif state is None:
        assert d.due_date is not None
        state = DeadlineState.MET if on <= d.due_date else DeadlineState.MISSED
    d.state = state
    d.closed_on = on
    d.closed_by = step
    d.save(update_fields=["state", "closed_on", "closed_by", *DUE_FIELDS])


def _pending_outcome(d: Deadline, on: date) -> str:
    """Met or missed for a deadline closed while awaiting calendar data. The due date lies in (or
    after) the first year without data, so a close before 1 January of that year is on time;
    a later close stays `undecided` until the year is entered (never a guess)."""
    year = _apply_due(d)
    if year is None:
        assert d.due_date is not None
        return DeadlineState.MET if on <= d.due_date else DeadlineState.MISSED
    return DeadlineState.MET if on < date(year, 1, 1) else DeadlineState.UNDECIDED


def _parse_extension(clock: Clock, policy: ClockPolicy, data: dict[str, Any]) -> Period:
    """The requested extension period, checked against the policy's `max_extension`."""
    limit = policy.max_extension
    assert limit is not None
    raw = data.get("period")
    if raw in (None, "", {}):
        return limit
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in _PERIOD_KEYS:
        raise field_error(
            "period",
            '延长期间格式不正确，应为 {"days": 天数}、{"working_days": 工作日数} 或 {"months": 月数}。',
            "extension_period_invalid",
        )
    key, n = next(iter(raw.items()))
    unit = _PERIOD_KEYS[key]
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise field_error("period", "延长期间应为正整数。", "extension_period_invalid")
    if unit != limit.unit:
        raise field_error(
            "period",
            f"{clock.label}只能按“{limit}”的单位延长，不能按其他单位计算。",
            "extension_unit_mismatch",
        )
    if n > limit.n:
        basis = f"（{policy.extension_basis}）" if policy.extension_basis else ""
        raise field_error(
            "period",
            f"{clock.label}最多延长{limit}{basis}，申请延长{_period(n, unit)}超出上限。",
            "extension_too_long",
        )
    return _period(n, unit, limit.basis)


# --- start / advance ---------------------------------------------------------------------------
def start(
    case: ProcedureCase, *, actor: Any, on: date, data: dict[str, Any] | None = None, note: str = ""
) -> Step:
    """Put a saved case into the procedure's initial state: the first Step + clocks of `initial`.

    The creating service checks who may create the case; a procedure may also name `start_perm`.
    """
    proc = procedure_of(case)
    _check_on(on)
    if proc.start_perm and (actor is None or not actor.has_perm(proc.start_perm, case)):
        raise PermissionDenied(f"您无权办理“{proc.label}”的立案（启动）。")
    if case.pk is None:
        raise ValidationError("案件尚未保存，无法启动程序。", code="case_not_saved")
    if Step.objects.filter(content_type=_ct(case), object_id=case.pk).exists():
        raise ValidationError(f"该案件的“{proc.label}”程序已经启动，不能重复启动。", code="procedure_started")
    if proc.effective_from and on < proc.effective_from:
        raise ValidationError(
            f"办理日期 {on.isoformat()} 早于“{proc.label}”程序的施行日期 {proc.effective_from.isoformat()}。",
            code="procedure_not_in_force",
        )
    start_t = Transition("start", (), proc.initial, "启动")
    return _fire(proc, case, start_t, from_state="", actor=actor, on=on, data=data or {}, note=note)


def advance(
    case: ProcedureCase,
    transition: str,
    *,
    actor: Any,
    on: date,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> Step:
    """Fire `transition` on `case` (see module docstring). Raises PermissionDenied / ValidationError."""
    proc = procedure_of(case)
    _check_on(on)
    t = proc.transition(transition)
    data = dict(data or {})
    if t.by_system and actor is not None:
        raise PermissionDenied(f"“{t.display}”由系统自动办理，不能人工操作。")
    if not may_take(actor, t, case):
        raise PermissionDenied(f"您无权办理“{t.display}”。")
    if not proc.allows_from(t, case.state):
        raise ValidationError(
            f"案件当前状态为“{proc.state_label(case.state)}”，不能办理“{t.display}”。",
            code="transition_not_allowed",
        )
    missing = [k for k in t.requires if _is_empty(data.get(k))]
    if missing:
        raise ValidationError(
            {
                k: ValidationError(f"办理“{t.display}”必须填写“{proc.field_label(k)}”。", code="required")
                for k in missing
            }
        )
    if not t.by_system:
        _check_date_order(proc, case, t, on)
    for guard in t.guards:
        guard(case, data)
    return _fire(proc, case, t, from_state=case.state, actor=actor, on=on, data=data, note=note)


def _check_on(on: Any) -> None:
    if isinstance(on, datetime) or not isinstance(on, date):
        raise field_error("on", f"办理日期“{on}”无效，应为日期（不含时间）。", "invalid_date")


def _check_date_order(proc: Procedure, case: ProcedureCase, t: Transition, on: date) -> None:
    """Steps are entered in the order they happened: a step may not predate the previous one
    (a suspension would otherwise end before it began)."""
    last = (
        Step.objects.filter(content_type=_ct(case), object_id=case.pk)
        .order_by("-id")
        .values_list("on", "label")
        .first()
    )
    if last is not None and on < last[0]:
        raise field_error(
            "on",
            f"办理日期 {on.isoformat()} 早于上一环节“{last[1]}”的办理日期 {last[0].isoformat()}，请核对日期。",
            "date_before_previous_step",
        )


@transaction.atomic
def _fire(
    proc: Procedure,
    case: ProcedureCase,
    t: Transition,
    *,
    from_state: str,
    actor: Any,
    on: date,
    data: dict[str, Any],
    note: str,
) -> Step:
    ct = _ct(case)
    # Lock the case row and make sure nobody moved it since this instance was read.
    current = (
        type(case)
        ._base_manager.select_for_update()
        .filter(pk=case.pk)
        .values_list("state", flat=True)
        .first()
    )
    if current is not None and current != from_state:
        raise ValidationError(
            f"案件状态已变更为“{proc.state_label(current)}”（可能已由他人办理），请刷新后重试。",
            code="stale_state",
        )
    step = Step.objects.create(
        content_type=ct,
        object_id=case.pk,
        procedure_code=proc.code,
        transition=t.name,
        label=t.display,
        from_state=from_state,
        to_state=t.target,
        actor=actor,
        on=on,
        data=to_jsonable(data) or {},
        note=note,
    )
    running = {
        d.clock: d
        for d in Deadline.objects.select_for_update()
        .filter(content_type=ct, object_id=case.pk, state__in=RUNNING)
        .prefetch_related("pauses", "extensions")
    }
    changed: list[Deadline] = []
    src, dst = from_state, t.target
    entering = src != dst
    for clock in proc.clocks:
        d = running.get(clock.code)
        # stop (a deadline that expired into its on_expiry transition was missed, 行政复议法第三十条第三款)
        # A final state stops every clock (a closed case has no running deadline).
        stops = (entering and (dst in clock.stops_in or proc.is_final(dst))) or t.name in clock.stops_on
        if d is not None and stops:
            _close(
                d,
                posted_on(data, on),
                step,
                DeadlineState.MISSED if (t.by_system and t.name == clock.on_expiry) else None,
            )
            changed.append(d)
            d = None
        # pause / resume
        if d is not None and entering and dst in clock.pauses_in and src not in clock.pauses_in:
            DeadlinePause.objects.create(deadline=d, start=on, ground=str(data.get("ground", "")), step=step)
            d.state = DeadlineState.PAUSED
            _apply_due(d)
            d.save(update_fields=["state", *DUE_FIELDS])
            changed.append(d)
        elif d is not None and d.state == DeadlineState.PAUSED and dst not in clock.pauses_in:
            d.pauses.filter(end__isnull=True).update(end=on, end_step=step)
            d.state = DeadlineState.OPEN
            _apply_due(d)
            d.save(update_fields=["state", *DUE_FIELDS])
            changed.append(d)
        # extend
        if t.extends == clock.code:
            _extend(case, clock, d, actor=actor, on=on, data=data, step=step)
            assert d is not None
            changed.append(d)
        # start / restart
        if t.name in clock.starts_on or (entering and dst in clock.starts_in and d is None):
            if d is not None:
                _close(d, on, step, DeadlineState.SUPERSEDED)
                changed.append(d)
            changed.append(_open_deadline(case, proc.code, clock, on, step))
    before_state = case.state
    case.state = dst
    case.save()
    audit.record(
        actor=actor,
        action=f"{proc.code}.{t.name}",
        obj=case,
        before={"state": before_state},
        after={
            "state": dst,
            "step": step.pk,
            "on": on,
            "deadlines": [
                {"clock": d.clock, "state": d.state, "due_date": d.due_date}
                | ({"calendar_pending": True} if d.calendar_pending else {})
                for d in dict.fromkeys(changed)
            ],
        },
        note=note,
    )
    return step


def _fresh(d: Deadline) -> Deadline:
    """Drop prefetched pauses/extensions so `recompute` sees rows written in this step."""
    getattr(d, "_prefetched_objects_cache", {}).clear()
    return d


def _extend(
    case: Any,
    clock: Clock,
    d: Deadline | None,
    *,
    actor: Any,
    on: date,
    data: dict[str, Any],
    step: Step | None,
) -> None:
    policy = clock.resolve(case)
    if policy.max_extension is None:
        raise ValidationError(f"“{clock.label}”期限依法不得延长。", code="extension_not_allowed")
    if d is None or d.state != DeadlineState.OPEN:
        raise ValidationError(f"“{clock.label}”期限未在计时中，不能延长。", code="extension_no_open_deadline")
    if not d.calendar_pending and d.due_date is not None and on > d.due_date:
        # an extension prolongs a running period: once it has expired there is nothing to extend
        # (行政处罚法第六十条, 行政复议法第六十二条 "经批准可以适当延长" — approval within the period)
        raise field_error(
            "on",
            f"“{clock.label}”期限已于 {d.due_date.isoformat()} 届满，延长须在期限届满前批准，"
            f"{on.isoformat()} 不能再延长。",
            "extension_after_expiry",
        )
    done = d.extensions.count()
    if done >= policy.max_extensions:
        basis = f"（{policy.extension_basis}）" if policy.extension_basis else ""
        raise ValidationError(
            f"“{clock.label}”期限最多延长{policy.max_extensions}次{basis}，已延长{done}次，不能再次延长。",
            code="extension_limit_reached",
        )
    period = _parse_extension(clock, policy, data)
    old_due = None if d.calendar_pending else d.due_date
    ext = DeadlineExtension.objects.create(
        deadline=d,
        period_n=period.n,
        period_unit=period.unit,
        ground=str(data.get("ground", "")),
        approved_by=actor,
        old_due=old_due,
        new_due=old_due,  # set below from the full recomputation
        step=step,
    )
    _apply_due(d)
    ext.new_due = None if d.calendar_pending else d.due_date
    ext.save(update_fields=["new_due"])
    d.save(update_fields=DUE_FIELDS)


# --- calendar changes and the periodic tick ----------------------------------------------------
@dataclass
class RecomputeResult:
    changed: list[Deadline]
    failed: list[tuple[Deadline, str]]


def recompute_open_deadlines(actor: Any, *, progress: Any = None) -> RecomputeResult:
    """Recompute every open or paused deadline after a calendar change; audit each changed due date.

    Called by the calendar service that added or corrected a year (it checks its own permission).
    Provisional dates (`calendar_pending`, closed ones too) get their exact date as soon as their
    years are known — a closed `undecided` one then becomes met or missed; a dated deadline that
    now reaches into a year without data gets a provisional date again. Those still provisional
    are reported in `failed`. `progress(done, total)`, if given, is called as rows are processed.
    """
    changed: list[Deadline] = []
    failed: list[tuple[Deadline, str]] = []
    qs = (
        Deadline.objects.filter(Q(state__in=RUNNING) | Q(calendar_pending=True))
        .select_related("content_type")
        .prefetch_related("pauses", "extensions")
        .order_by("id")
    )
    total = qs.count() if progress is not None else 0
    for i, d in enumerate(qs.iterator(chunk_size=2000)):
        if progress is not None and i % 500 == 0:
            progress(i, total)
        was_pending = d.calendar_pending
        before = _due_snapshot(d, was_pending)
        due = _due_of(d)
        if due.pending:
            failed.append((d, CalendarUnknown(due.pending_year or 0).messages[0]))
        if (due.due, due.explanation, due.pending) == (d.due_date, d.explanation, d.calendar_pending):
            continue
        d.due_date, d.explanation, d.calendar_pending = due.due, due.explanation, due.pending
        if not due.pending and d.state == DeadlineState.UNDECIDED:
            assert d.closed_on is not None
            d.state = DeadlineState.MET if d.closed_on <= due.due else DeadlineState.MISSED
        with transaction.atomic():
            d.save(update_fields=["state", *DUE_FIELDS])
            if not d.calendar_pending:
                _fill_extension_dues(d)
            audit.record(
                actor=actor,
                action="procedures.recompute_deadline",
                object_type=d.content_type.app_label + "." + d.content_type.model,
                object_id=str(d.object_id),
                object_repr=d.label,
                before=before,
                after=_due_snapshot(d, was_pending or d.calendar_pending),
                note="节假日安排变更，重新计算期限",
            )
        if not d.calendar_pending:
            changed.append(d)
    if progress is not None:
        progress(total, total)
    return RecomputeResult(changed, failed)


def _due_snapshot(d: Deadline, pending: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"clock": d.clock, "due_date": d.due_date, "explanation": d.explanation}
    if pending:
        out |= {"calendar_pending": d.calendar_pending, "state": d.state}
    return out


def _fill_extension_dues(d: Deadline) -> None:
    """Extensions approved while the deadline awaited calendar data have no old/new due yet."""
    exts = list(d.extensions.all())
    if all(e.old_due is not None and e.new_due is not None for e in exts):
        return
    pauses = [PauseSpan(p.start, p.end, p.ground) for p in d.pauses.all()]
    base = _period(d.period_n, d.period_unit, d.basis)
    periods = [_period(e.period_n, e.period_unit) for e in exts]
    for i, e in enumerate(exts):
        if e.old_due is None or e.new_due is None:
            e.old_due = compute_due(d.start_date, base, pauses, periods[:i]).due
            e.new_due = compute_due(d.start_date, base, pauses, periods[: i + 1]).due
            e.save(update_fields=["old_due", "new_due"])


@dataclass
class TickResult:
    fired: list[Step]
    skipped: list[tuple[Deadline, str]]


def tick(on: date) -> TickResult:
    """Fire the `on_expiry` by_system transitions of every open deadline that expired before `on`.

    The step is dated the due date itself: 行政复议法第三十条第三款 deems the application accepted
    "自期限届满之日起", so the decision clock counts from the expiry day (start day excluded).
    Idempotent: a fired deadline is closed, so a second run finds nothing.
    """
    fired: list[Step] = []
    skipped: list[tuple[Deadline, str]] = []
    candidates = list(
        # a deadline awaiting calendar data has no due date: it never expires into a transition
        Deadline.objects.filter(state=DeadlineState.OPEN, calendar_pending=False, due_date__lt=on)
        .exclude(procedure_code__in=[g.code for g in clock_groups()])  # standalone clocks fire nothing
        .select_related("content_type")
        .order_by("due_date", "id")
    )
    for d in candidates:
        try:
            proc = get_procedure(d.procedure_code)
        except Exception:  # noqa: BLE001 — a procedure no longer registered is skipped, not fatal
            skipped.append((d, "程序未注册"))
            continue
        clock = next((c for c in proc.clocks if c.code == d.clock), None)
        if clock is None or not clock.on_expiry:
            continue
        model = d.content_type.model_class()
        if model is None:
            skipped.append((d, "案件类型不存在"))
            continue
        with transaction.atomic():
            case: Any = model._default_manager.select_for_update().filter(pk=d.object_id).first()
            fresh = Deadline.objects.select_for_update().get(pk=d.pk)
            if case is None or fresh.state != DeadlineState.OPEN or fresh.due_date is None:
                continue
            t = proc.transition(clock.on_expiry)
            if not proc.allows_from(t, case.state):
                skipped.append((d, f"案件状态“{proc.state_label(case.state)}”不能办理“{t.display}”"))
                continue
            try:
                fired.append(
                    advance(
                        case,
                        t.name,
                        actor=None,
                        on=fresh.due_date,
                        note=f"{fresh.label}期限届满，系统自动办理",
                    )
                )
            except ValidationError as exc:
                skipped.append((d, "；".join(exc.messages)))
    return TickResult(fired, skipped)
