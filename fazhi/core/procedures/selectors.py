"""我的待办 — the steps waiting for a user, across every registered procedure.

A fixed number of queries per procedure: one for the visible cases in an actionable state, one
for their running deadlines (prefetched). Permissions are `rules` object checks evaluated in
Python on the loaded rows (the rules backend answers object checks without queries).

A deadline whose date is provisional (`Deadline.calendar_pending`: its year's holidays are not
entered, the date counts weekends only) has the status `calendar_pending` ("待日历确认") and sorts
by its provisional date among the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Prefetch

from fazhi.core import workdays

from .declare import Procedure, Transition, registered
from .engine import RUNNING, may_take
from .models import Deadline, DeadlineState, ProcedureCase


@dataclass(frozen=True)
class DeadlineInfo:
    clock: str
    label: str
    due_date: date | None  # provisional while status is calendar_pending
    days_left: int | None
    status: str  # on_time / due_soon / overdue / paused / calendar_pending
    state: str
    explanation: str

    calendar_pending: bool = False  # the due date is provisional (待日历确认)

    @property
    def pending(self) -> bool:
        return self.calendar_pending


@dataclass
class PendingStep:
    case: Any
    procedure: Procedure
    state: str
    actions: list[Transition]
    deadlines: list[DeadlineInfo] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return self.procedure.state_label(self.state)

    @property
    def deadline(self) -> DeadlineInfo | None:
        """The soonest running (not paused) deadline, else the first paused one."""
        return self.deadlines[0] if self.deadlines else None

    @property
    def url(self) -> str:
        get_url = getattr(self.case, "get_absolute_url", None)
        return str(get_url()) if get_url else ""

    def sort_key(self) -> tuple[int, date, str, int]:
        d = self.deadline
        if d is None:
            return (len(_RANK) + 1, date.max, self.procedure.code, self.case.pk)
        return (*_order(d), self.procedure.code, self.case.pk)


# running deadlines first (soonest due, provisional dates included), then paused ones
_RANK = {"paused": 1}


def _order(d: DeadlineInfo) -> tuple[int, date]:
    return (_RANK.get(d.status, 0), d.due_date or date.max)


def case_models() -> dict[str, type[ProcedureCase]]:
    """procedure code → the concrete case model that declares it."""
    out: dict[str, type[ProcedureCase]] = {}
    for model in apps.get_models():
        if (
            issubclass(model, ProcedureCase)
            and isinstance(model.procedure_code, str)
            and model.procedure_code
        ):
            out[model.procedure_code] = model
    return out


def _info(d: Deadline, on: date) -> DeadlineInfo:
    if d.state == DeadlineState.PAUSED:
        status = "paused"
    elif d.calendar_pending or d.due_date is None:
        status = "calendar_pending"  # a provisional date: shown with 待日历确认
    else:
        status = workdays.deadline_status(d.due_date, on)
    return DeadlineInfo(
        clock=d.clock,
        label=d.label,
        due_date=d.due_date,
        days_left=(d.due_date - on).days if d.due_date is not None else None,
        status=status,
        state=d.state,
        explanation=d.explanation,
        calendar_pending=d.calendar_pending,
    )


def pending_steps(user: Any, on: date | None = None) -> list[PendingStep]:
    """Cases visible to `user` in a state where the user may take a non-system transition,
    each with its running deadlines and their status, soonest due first."""
    on = on or workdays.today()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    models_by_code = case_models()
    out: list[PendingStep] = []
    for proc in registered():
        model = models_by_code.get(proc.code)
        if model is None:
            continue
        by_state = {s: [t for t in proc.transitions_from(s) if not t.by_system] for s in proc.states}
        actionable = [s for s, ts in by_state.items() if ts]
        if not actionable:
            continue
        running = Prefetch(
            "procedure_deadlines",
            queryset=Deadline.objects.filter(state__in=RUNNING).order_by("due_date", "id"),
            to_attr="running_deadlines",
        )
        cases = model.objects.visible_to(user).filter(state__in=actionable).prefetch_related(running)  # type: ignore[attr-defined]
        related = getattr(model, "pending_select_related", ())  # FKs that __str__ / get_absolute_url read
        if related:
            cases = cases.select_related(*related)
        for case in cases:
            actions = [t for t in by_state[case.state] if may_take(user, t, case)]
            if not actions:
                continue
            infos = sorted((_info(d, on) for d in case.running_deadlines), key=_order)
            out.append(
                PendingStep(case=case, procedure=proc, state=case.state, actions=actions, deadlines=infos)
            )
    out.sort(key=PendingStep.sort_key)
    return out


@dataclass
class CasePanel:
    """What a case page shows about its procedure: state, what this user may do, every deadline
    (with its explanation, pauses and extensions) and the step history."""

    procedure: Procedure
    state: str
    state_label: str
    actions: list[Transition]
    deadlines: list[tuple[Deadline, DeadlineInfo]]
    steps: list[Any]
    ever_suspended: bool
    ever_extended: bool
    options: list[Option] = field(default_factory=list)  # possible now, and why not


def case_panel(case: ProcedureCase, user: Any, on: date | None = None) -> CasePanel:
    """The procedure block of a case page in four queries (deadlines, pauses, extensions, steps)."""
    from .engine import available_transitions, deadlines, steps

    on = on or workdays.today()
    # start order, with the deadlines still awaiting calendar data after the dated ones
    rows = list(deadlines(case))
    return CasePanel(
        procedure=case.procedure,
        state=case.state,
        state_label=case.state_label,
        actions=available_transitions(case, user),
        deadlines=[(d, _info(d, on)) for d in rows],
        steps=list(steps(case)),
        ever_suspended=any(d.pauses.all() for d in rows),
        ever_extended=any(d.extensions.all() for d in rows),
        options=options(case, user),
    )


@dataclass(frozen=True)
class DeadlineSummary:
    """How one clock fared over a set of cases (for indicators such as "decided on time")."""

    met: int
    missed: int
    running: int  # open or paused, including those awaiting calendar data
    overdue: int  # running (not paused) and past its due date on `on`
    calendar_pending: int = 0  # running without a due date (its year has no calendar data yet)
    undecided: int = 0  # closed while awaiting calendar data: neither met nor missed yet

    @property
    def closed(self) -> int:
        return self.met + self.missed


def deadline_summary(
    cases: Any, clock: str, on: date | None = None, closed_between: tuple[date, date] | None = None
) -> DeadlineSummary:
    """Count the `clock` deadlines of `cases` (a queryset of one case model, already scoped) by
    outcome, in one query. `closed_between` limits met/missed to deadlines closed in that range
    (inclusive); superseded rows (a restarted clock) are not counted. Deadlines awaiting calendar
    data are never overdue; closed ones whose outcome waits for the calendar count as `undecided`."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, Q

    on = on or workdays.today()
    ct = ContentType.objects.get_for_model(cases.model)
    closed_q = Q()
    if closed_between is not None:
        closed_q = Q(closed_on__gte=closed_between[0], closed_on__lte=closed_between[1])
    agg = Deadline.objects.filter(content_type=ct, object_id__in=cases.values("pk"), clock=clock).aggregate(
        met=Count("id", filter=Q(state=DeadlineState.MET) & closed_q),
        missed=Count("id", filter=Q(state=DeadlineState.MISSED) & closed_q),
        running=Count("id", filter=Q(state__in=RUNNING)),
        overdue=Count("id", filter=Q(state=DeadlineState.OPEN, calendar_pending=False, due_date__lt=on)),
        calendar_pending=Count("id", filter=Q(state__in=RUNNING, calendar_pending=True)),
        undecided=Count("id", filter=Q(state=DeadlineState.UNDECIDED) & closed_q),
    )
    return DeadlineSummary(
        agg["met"], agg["missed"], agg["running"], agg["overdue"], agg["calendar_pending"], agg["undecided"]
    )


@dataclass(frozen=True)
class Option:
    """One step the user holds the permission for in the case's current state: whether the case
    allows it now and, if not, the guards' Chinese reasons (the UI greys it out with them)."""

    transition: Transition
    allowed: bool
    reasons: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return self.transition.display

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def options(case: ProcedureCase, user: Any) -> list[Option]:
    """What `user` may do on `case` now and why not (issue 13 §3): every non-system transition from
    the current state that the user holds the permission for, with its case guards run (those
    marked `needs_data` judge the submitted form and are checked on submit only). Read-only: a guard
    never writes, and nothing here is saved."""
    from django.core.exceptions import ValidationError

    out: list[Option] = []
    for t in case.procedure.transitions_from(case.state):
        if t.by_system or not may_take(user, t, case):
            continue
        reasons: list[str] = []
        for guard in t.guards:
            if getattr(guard, "needs_data", False):
                continue
            try:
                guard(case, {})
            except ValidationError as exc:
                reasons.extend(exc.messages)
        out.append(Option(t, not reasons, tuple(dict.fromkeys(reasons))))
    return out
