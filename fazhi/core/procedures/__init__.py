"""core.procedures — the one declarative workflow engine (docs/adr/0003-procedure-engine.md).

Declaring (importable at app-loading time, no database access):
    Procedure, Transition, Clock, register, get_procedure, wd, cd, months
Running (lazily imported, they touch the database):
    start(case, actor=, on=)                 -> Step
    advance(case, "accept", actor=, on=, data=, note=) -> Step
    available_transitions(case, user)        -> [Transition]
    deadlines(case), steps(case)             -> QuerySet
    pending_steps(user, on=)                 -> [PendingStep]   (我的待办)
    case_panel(case, user, on=)              -> CasePanel       (include "core/_procedure_panel.html")
    deadline_summary(cases_qs, clock, ...)   -> DeadlineSummary (met / missed / running / overdue)
    recompute_open_deadlines(actor=)         -> RecomputeResult
    tick(on)                                 -> TickResult      (`fazhi procedures tick`)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi.core.workdays import cd, months, wd

from .declare import ANY_STATE, Clock, Procedure, Transition, get_procedure, register, registered

if TYPE_CHECKING:
    from .engine import (
        advance,
        available_transitions,
        deadlines,
        recompute_open_deadlines,
        start,
        steps,
        tick,
    )
    from .selectors import (
        CasePanel,
        DeadlineSummary,
        PendingStep,
        case_panel,
        deadline_summary,
        pending_steps,
    )

_LAZY = {
    "advance": "engine",
    "available_transitions": "engine",
    "deadlines": "engine",
    "recompute_open_deadlines": "engine",
    "start": "engine",
    "steps": "engine",
    "tick": "engine",
    "pending_steps": "selectors",
    "PendingStep": "selectors",
    "case_panel": "selectors",
    "CasePanel": "selectors",
    "deadline_summary": "selectors",
    "DeadlineSummary": "selectors",
}

__all__ = [
    "ANY_STATE",
    "CasePanel",
    "Clock",
    "DeadlineSummary",
    "PendingStep",
    "Procedure",
    "Transition",
    "advance",
    "available_transitions",
    "case_panel",
    "cd",
    "deadline_summary",
    "deadlines",
    "get_procedure",
    "months",
    "pending_steps",
    "recompute_open_deadlines",
    "register",
    "registered",
    "start",
    "steps",
    "tick",
    "wd",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
