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


# the rank of a case's soonest deadline: running first (provisional dates among them), then paused
_PAUSED_RANK, _NO_DEADLINE_RANK = 1, 2
TASK_STATUSES = ("overdue", "due_soon", "on_time", "paused", "calendar_pending", "none")


@dataclass(frozen=True)
class TaskPage:
    """One page of 我的待办 with the counters of the whole list (computed in the database)."""

    steps: list[PendingStep]
    total: int  # rows of the list (after the status filter)
    counts: dict[str, int]  # status → cases, before the status filter
    number: int
    page_size: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _actionable_states(proc: Procedure, user: Any) -> tuple[dict[str, list[Transition]], list[str]]:
    """The states whose non-system transitions the user's role may take (rules checked without an
    object: the object half is the case scope, applied in the query and re-checked on the page)."""
    by_state: dict[str, list[Transition]] = {}
    allowed_perm: dict[str, bool] = {}
    for s in proc.states:
        ts = [t for t in proc.transitions_from(s) if not t.by_system]
        for t in ts:
            perm = t.perm or ""
            if perm not in allowed_perm:
                allowed_perm[perm] = bool(perm) and _role_may(user, perm)
        by_state[s] = ts
    return by_state, [s for s, ts in by_state.items() if any(allowed_perm[t.perm or ""] for t in ts)]


def _role_may(user: Any, perm: str) -> bool:
    """`perm` without an object; a predicate that cannot answer without one counts as yes (the
    object check on the page decides)."""
    try:
        return bool(user.has_perm(perm))
    except (AttributeError, TypeError):
        return True


def _branches(
    model: type[ProcedureCase], user: Any, states: list[str], on: date, mine: bool
) -> tuple[Any, Any]:
    """The rows of 我的待办 for one procedure, as two querysets of (rank, due, procedure, case pk):

    * the soonest running Deadline of each visible case in `states` (driven from Deadline, the
      "no better deadline of the same case" rule is a NOT EXISTS on its `(content_type,
      object_id)` index), with its status computed from its own columns;
    * the visible cases in `states` without a running deadline (rank 2, sorted last).

    Ordering, status filter and counters run in the database; no case is loaded here."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Q, Value, When
    from django.db.models.functions import Coalesce

    ct = ContentType.objects.get_for_model(model)
    cases = model._default_manager.visible_to(user).filter(state__in=states)  # type: ignore[attr-defined]
    if mine and hasattr(cases, "handled_by"):
        cases = cases.handled_by(user)
    never = Value(date.max, output_field=DateField())

    def ranked(qs: Any) -> Any:
        return qs.annotate(
            task_rank=Case(
                When(state=DeadlineState.PAUSED, then=Value(_PAUSED_RANK)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            task_due=Coalesce("due_date", never, output_field=DateField()),
        )

    running = Deadline.objects.filter(content_type=ct, state__in=RUNNING)
    better = ranked(running.filter(object_id=OuterRef("object_id"))).filter(
        Q(task_rank__lt=OuterRef("task_rank"))
        | Q(task_rank=OuterRef("task_rank"), task_due__lt=OuterRef("task_due"))
        | Q(task_rank=OuterRef("task_rank"), task_due=OuterRef("task_due"), id__lt=OuterRef("id"))
    )
    soon = on + timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    soonest = (
        ranked(running.filter(object_id__in=cases.order_by().values("pk")))
        .filter(~Exists(better))
        .annotate(
            task_procedure=Value(model.procedure_code),
            task_pk=F("object_id"),
            task_status=Case(
                When(state=DeadlineState.PAUSED, then=Value("paused")),
                When(Q(calendar_pending=True) | Q(due_date__isnull=True), then=Value("calendar_pending")),
                When(due_date__lt=on, then=Value("overdue")),
                When(due_date__lte=soon, then=Value("due_soon")),
                default=Value("on_time"),
            ),
        )
    )
    without = (
        cases.filter(~Exists(running.filter(object_id=OuterRef("pk"))))
        .order_by()
        .annotate(
            task_rank=Value(_NO_DEADLINE_RANK, output_field=IntegerField()),
            task_due=never,
            task_procedure=Value(model.procedure_code),
            task_pk=F("pk"),
        )
    )
    return soonest.order_by(), without


def handles_cases(user: Any) -> bool:
    """Whether a case model of a procedure the user may act in says who handles its cases (the
    optional `handled_by(user)` QuerySet hook): then 我的待办 offers 我承办的 / 本单位全部."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    models_by_code = case_models()
    for proc in registered():
        model = models_by_code.get(proc.code)
        if (
            model is not None
            and hasattr(model._default_manager.none(), "handled_by")
            and _actionable_states(proc, user)[1]
        ):
            return True
    return False


def task_page(
    user: Any,
    on: date | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
    status: str = "",
    mine: bool = False,
) -> TaskPage:
    """我的待办, one page: the cases visible to `user` in a state where the user may take a
    non-system step, soonest running deadline first (then paused, then those without a clock).

    A fixed number of queries whatever the number of cases: per procedure the user may act in, one
    GROUP BY for the counters; one query for the page's keys (a UNION ordered and sliced in the
    database); per procedure on the page, one for its cases and one for their running deadlines.
    `mine` keeps the cases the user handles where the case model says so (`handled_by(user)`,
    e.g. the two officers of a penalty case), else the whole scope (本单位全部).
    """
    from django.db.models import Count

    on = on or workdays.today()
    page, page_size = max(1, page), max(1, page_size)
    empty = TaskPage([], 0, dict.fromkeys(TASK_STATUSES, 0), page, page_size)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return empty
    models_by_code = case_models()
    keyed: list[Any] = []
    transitions: dict[str, dict[str, list[Transition]]] = {}
    counts = dict.fromkeys(TASK_STATUSES, 0)
    for proc in registered():
        model = models_by_code.get(proc.code)
        if model is None:
            continue
        by_state, states = _actionable_states(proc, user)
        if not states:
            continue
        transitions[proc.code] = by_state
        soonest, without = _branches(model, user, states, on, mine)
        for row in soonest.values("task_status").annotate(n=Count("id")):
            counts[row["task_status"]] += row["n"]
        counts["none"] += without.count()
        columns = ("task_rank", "task_due", "task_procedure", "task_pk")
        if status != "none":
            keyed.append((soonest.filter(task_status=status) if status else soonest).values_list(*columns))
        if status in ("", "none"):
            keyed.append(without.values_list(*columns))
    total = sum(counts.values()) if not status else counts.get(status, 0)
    if not keyed:
        return TaskPage([], 0, counts, page, page_size)
    page = min(page, max(1, -(-total // page_size)))
    union = keyed[0].union(*keyed[1:], all=True) if len(keyed) > 1 else keyed[0]
    start = (page - 1) * page_size
    keys = list(
        union.order_by("task_rank", "task_due", "task_procedure", "task_pk")[start : start + page_size]
    )
    steps = _load_steps(user, on, keys, models_by_code, transitions)
    return TaskPage(steps, total, counts, page, page_size)


def _load_steps(
    user: Any,
    on: date,
    keys: list[tuple[int, date, str, int]],
    models_by_code: dict[str, type[ProcedureCase]],
    transitions: dict[str, dict[str, list[Transition]]],
) -> list[PendingStep]:
    """The page's cases with their running deadlines: two queries per procedure on the page."""
    ids: dict[str, list[int]] = {}
    for _rank, _due, code, pk in keys:
        ids.setdefault(code, []).append(pk)
    loaded: dict[tuple[str, int], Any] = {}
    for code, pks in ids.items():
        model = models_by_code[code]
        running = Prefetch(
            "procedure_deadlines",
            queryset=Deadline.objects.filter(state__in=RUNNING).order_by("due_date", "id"),
            to_attr="running_deadlines",
        )
        cases = model._default_manager.filter(pk__in=pks).prefetch_related(running)
        related = getattr(model, "pending_select_related", ())  # FKs that __str__ / get_absolute_url read
        if related:
            cases = cases.select_related(*related)
        loaded.update(((code, c.pk), c) for c in cases)
    procs = {p.code: p for p in registered()}
    out: list[PendingStep] = []
    for _rank, _due, code, pk in keys:
        case = loaded.get((code, pk))
        if case is None:
            continue
        # the object half of the permission (the role half was checked in the query)
        actions = [t for t in transitions[code].get(case.state, []) if may_take(user, t, case)]
        if not actions:
            continue
        infos = sorted((_info(d, on) for d in case.running_deadlines), key=_order)
        out.append(
            PendingStep(case=case, procedure=procs[code], state=case.state, actions=actions, deadlines=infos)
        )
    return out


def pending_steps(
    user: Any, on: date | None = None, *, mine: bool = False, limit: int = 500
) -> list[PendingStep]:
    """The first `limit` rows of 我的待办 (see `task_page`), soonest due first."""
    return task_page(user, on, page=1, page_size=limit, mine=mine).steps


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
