"""The declarative half of the engine: `Procedure`, `Transition`, `Clock` and the registry.

No database access here — a module's `procedures.py` is pure data (STYLE.md §2.2), so it can be
imported at app-loading time. See docs/adr/0003-procedure-engine.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from fazhi.core.workdays import Period

Guard = Callable[[Any, dict[str, Any]], None]
ANY_STATE = "*"


def needs_data(guard: Guard) -> Guard:
    """Mark a guard that judges the submitted data (an outcome, an amount, a ground), not only the
    case: `options()` cannot run it before the form is filled in, so it is checked on submit only.
    Every other guard also answers "possible now, and why not" for buttons and 我的待办."""
    guard.needs_data = True  # type: ignore[attr-defined]
    return guard


# Chinese names of common `requires` keys, for the "必须填写" message; a procedure adds its own
# with `field_labels=`.
FIELD_LABELS = {
    "agreement": "调解协议",
    "approved_by": "批准人",
    "chair": "主持人",
    "ground": "理由",
    "hearing_on": "听证日期",
    "items": "补正事项",
    "minutes": "会议纪要",
    "missing_items": "补正事项",
    "opinion": "意见",
    "outcome": "决定结果",
    "period": "期间",
    "reasons": "理由",
    "record": "笔录",
    "simplified_ground": "适用简易程序的理由",
}


def _as_set(value: str | Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


@dataclass(frozen=True)
class Transition:
    """One legal step: from `source` (a state, a tuple of states, or "*" = any non-final state) to `target`.

    `perm` is a `rules` object permission checked as `actor.has_perm(perm, case)`; `by_system`
    transitions are fired by the engine (`procedures tick`) with `actor=None` and take no permission.
    `requires` names keys that must be present and non-empty in `data`; each guard is
    `guard(case, data) -> None` raising `ValidationError` with a Chinese message.
    `extends` names a clock whose open deadline this transition extends (data `period`, e.g.
    {"days": 30}, defaults to the clock's `max_extension`, or its policy's for the case).
    """

    name: str
    source: str | tuple[str, ...] | frozenset[str]
    target: str
    label: str = ""
    perm: str | None = None
    requires: tuple[str, ...] = ()
    guards: tuple[Guard, ...] = ()
    by_system: bool = False
    extends: str | None = None
    basis: str = ""

    @property
    def sources(self) -> frozenset[str]:
        return _as_set(self.source)

    @property
    def display(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class ClockPolicy:
    """The period and extension limits of one clock for one case (see `Clock.policy`).

    `basis` names the rule the policy comes from (e.g. an agency's departmental rule); it is
    appended to the period's basis in the stored deadline and to the extension messages.
    """

    period: Period
    max_extension: Period | None = None
    max_extensions: int = 0
    basis: str = ""

    def __post_init__(self) -> None:
        if self.max_extension is not None and self.max_extensions == 0:
            object.__setattr__(self, "max_extensions", 1)
        if self.max_extension is None:
            object.__setattr__(self, "max_extensions", 0)

    @property
    def deadline_basis(self) -> str:
        """The basis stored on the deadline: the period's own basis, then the policy's rule."""
        parts = [b for b in (self.period.basis, self.basis) if b]
        return "；".join(dict.fromkeys(parts))

    @property
    def extension_basis(self) -> str:
        parts = [b for b in (self.max_extension.basis if self.max_extension else "", self.basis) if b]
        return "；".join(dict.fromkeys(parts))


ClockPolicyFn = Callable[[Any], ClockPolicy]


@dataclass(frozen=True)
class Clock:
    """A statutory deadline that transitions start, stop, pause and extend.

    Starts when a transition enters a state in `starts_in` (and no deadline of this clock is open or
    paused — so a resume or a self-loop does not restart it) or whenever a transition named in
    `starts_on` fires (that one restarts: the old deadline is closed as superseded). Stops on entering
    a `stops_in` state or on a `stops_on` transition. Paused while the case is in a `pauses_in` state
    (the paused days do not count). `on_expiry` names a by_system transition that
    `fazhi procedures tick` fires once the deadline has passed.

    `policy`, if given, is `policy(case) -> ClockPolicy` and replaces `period`, `max_extension` and
    `max_extensions` for that case (a rule kept as data, e.g. an agency's departmental rule). It is
    called when the clock starts (the deadline stores the period and basis then used, so a later
    rule change never moves a started deadline) and when an extension is requested. It may query
    the database; it is only called at run time, never at import.
    """

    code: str
    label: str
    period: Period
    starts_in: frozenset[str] | set[str] | str = frozenset()
    starts_on: frozenset[str] | set[str] | str = frozenset()
    stops_in: frozenset[str] | set[str] | str = frozenset()
    stops_on: frozenset[str] | set[str] | str = frozenset()
    pauses_in: frozenset[str] | set[str] | str = frozenset()
    max_extension: Period | None = None
    max_extensions: int = 0
    on_expiry: str | None = None
    policy: ClockPolicyFn | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name in ("starts_in", "starts_on", "stops_in", "stops_on", "pauses_in"):
            object.__setattr__(self, name, _as_set(getattr(self, name)))
        if self.max_extension is not None and self.max_extensions == 0:
            # A clock that names a maximum extension may be extended once unless it says otherwise.
            object.__setattr__(self, "max_extensions", 1)

    def resolve(self, case: Any) -> ClockPolicy:
        """The policy for `case`: `policy(case)` if the clock has one, else the declared values."""
        if self.policy is not None:
            return self.policy(case)
        return ClockPolicy(self.period, self.max_extension, self.max_extensions)


@dataclass
class Procedure:
    """A workflow declared as data: states, transitions (who may fire each), clocks."""

    code: str
    label: str
    initial: str
    states: dict[str, str]
    transitions: list[Transition]
    clocks: list[Clock] = field(default_factory=list)
    effective_from: date | None = None
    final: frozenset[str] | set[str] | None = None
    start_perm: str | None = None
    field_labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems: list[str] = []
        if self.initial not in self.states:
            problems.append(f"initial state “{self.initial}” is not in states")
        seen: set[str] = set()
        for t in self.transitions:
            if t.name in seen:
                problems.append(f"transition “{t.name}” declared twice")
            seen.add(t.name)
            for s in [*t.sources - {ANY_STATE}, t.target]:
                if s not in self.states:
                    problems.append(f"transition “{t.name}” uses undeclared state “{s}”")
            if not t.by_system and not t.perm:
                problems.append(f"transition “{t.name}” needs perm= (or by_system=True)")
            if t.by_system and t.perm:
                problems.append(f"transition “{t.name}” is by_system and cannot carry perm=")
        clock_codes = {c.code for c in self.clocks}
        for t in self.transitions:
            if t.extends and t.extends not in clock_codes:
                problems.append(f"transition “{t.name}” extends unknown clock “{t.extends}”")
        for c in self.clocks:
            for s in [*c.starts_in, *c.stops_in, *c.pauses_in]:  # type: ignore[misc]
                if s not in self.states:
                    problems.append(f"clock “{c.code}” uses undeclared state “{s}”")
            for n in [*c.starts_on, *c.stops_on]:  # type: ignore[misc]
                if n not in seen:
                    problems.append(f"clock “{c.code}” names unknown transition “{n}”")
            if c.on_expiry:
                expiry = next((t for t in self.transitions if t.name == c.on_expiry), None)
                if expiry is None or not expiry.by_system:
                    problems.append(
                        f"clock “{c.code}”: on_expiry “{c.on_expiry}” must be a by_system transition"
                    )
        if problems:
            raise ImproperlyConfigured(f"Procedure {self.code}: " + "; ".join(problems))
        if self.final is None:
            with_exit = {s for t in self.transitions for s in t.sources if s != ANY_STATE and t.target != s}
            self.final = frozenset(set(self.states) - with_exit)
        else:
            self.final = frozenset(self.final)
        self._by_name = {t.name: t for t in self.transitions}
        self._clocks = {c.code: c for c in self.clocks}

    # --- lookups -------------------------------------------------------------------------------
    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise ImproperlyConfigured(f"Procedure {self.code} has no transition “{name}”") from None

    def clock(self, code: str) -> Clock:
        return self._clocks[code]

    def allows_from(self, t: Transition, state: str) -> bool:
        if ANY_STATE in t.sources:
            return state not in (self.final or ()) and state in self.states
        return state in t.sources

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if self.allows_from(t, state)]

    def field_label(self, key: str) -> str:
        return self.field_labels.get(key) or FIELD_LABELS.get(key) or key

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def is_final(self, state: str) -> bool:
        return state in (self.final or ())


@dataclass
class ClockGroup:
    """Standalone clocks of one kind of record that is not itself a procedure case (a publicity
    record, an opinion, a litigation case …): the services start, stop, pause and extend them
    with `start_clock` & co.; the engine stores, explains, recomputes and audits the Deadline rows
    exactly as for a procedure's clocks. Only `code`, `label`, `period`, `max_extension`,
    `max_extensions` and `policy` of a Clock apply (no states start or stop it)."""

    code: str
    label: str
    clocks: list[Clock]

    def __post_init__(self) -> None:
        problems = [
            f"clock “{c.code}” names states or transitions, which a standalone clock has not"
            for c in self.clocks
            if c.starts_in or c.starts_on or c.stops_in or c.stops_on or c.pauses_in or c.on_expiry
        ]
        if len({c.code for c in self.clocks}) != len(self.clocks):
            problems.append("a clock code is declared twice")
        if problems:
            raise ImproperlyConfigured(f"Clock group {self.code}: " + "; ".join(problems))
        self._clocks = {c.code: c for c in self.clocks}

    def clock(self, code: str) -> Clock:
        try:
            return self._clocks[code]
        except KeyError:
            raise ImproperlyConfigured(f"Clock group {self.code} has no clock “{code}”") from None


_REGISTRY: dict[str, Procedure] = {}
_CLOCK_GROUPS: dict[str, ClockGroup] = {}


def register_clocks(code: str, label: str, clocks: list[Clock]) -> ClockGroup:
    """Declare standalone clocks (in `<app>/procedures.py`, beside the procedures); returns the group."""
    group = ClockGroup(code, label, clocks)
    existing = _CLOCK_GROUPS.get(code)
    if code in _REGISTRY or (
        existing is not None and [c.code for c in existing.clocks] != [c.code for c in clocks]
    ):
        raise ImproperlyConfigured(f"Clock group code “{code}” is registered twice")
    _CLOCK_GROUPS[code] = group
    return group


def get_clock_group(code: str) -> ClockGroup:
    try:
        return _CLOCK_GROUPS[code]
    except KeyError:
        raise ImproperlyConfigured(
            f"No clock group registered under “{code}” (is <app>/procedures.py imported in AppConfig.ready()?)"
        ) from None


def clock_groups() -> list[ClockGroup]:
    return list(_CLOCK_GROUPS.values())


def register(procedure: Procedure) -> Procedure:
    """Add a procedure to the registry (call it at import of `<app>/procedures.py`); returns it."""
    if procedure.code in _CLOCK_GROUPS:
        raise ImproperlyConfigured(f"Procedure code “{procedure.code}” is already a clock group")
    existing = _REGISTRY.get(procedure.code)
    if existing is not None and existing is not procedure and _signature(existing) != _signature(procedure):
        raise ImproperlyConfigured(f"Procedure code “{procedure.code}” is registered twice")
    _REGISTRY[procedure.code] = procedure
    return procedure


def _signature(p: Procedure) -> tuple[Any, ...]:
    return (
        p.initial,
        tuple(sorted(p.states)),
        tuple(t.name for t in p.transitions),
        tuple(c.code for c in p.clocks),
    )


def get_procedure(code: str) -> Procedure:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise ImproperlyConfigured(
            f"No procedure registered under “{code}” (is <app>/procedures.py imported in AppConfig.ready()?)"
        ) from None


def registered() -> list[Procedure]:
    return list(_REGISTRY.values())
