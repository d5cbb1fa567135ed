"""core.procedures — the one declarative workflow engine (docs/adr/0003-procedure-engine.md).

Declaring (importable at app-loading time, no database access):
    Procedure, Transition, Clock, register, get_procedure, wd, cd, months
Standalone clocks (a record that is not a procedure case; declared with register_clocks):
    start_clock / stop_clock / pause_clock / resume_clock / extend_clock(record, group, clock, actor=, on=)
    open_deadline / last_deadline(record, group, clock) -> Deadline | None
    annotate_due(qs, group, clock, prefix=)  -> qs with <prefix>_due / _pending / _state / _explanation
Running (lazily imported, they touch the database):
    start(case, actor=, on=)                 -> Step
    advance(case, "accept", actor=, on=, data=, note=) -> Step
    available_transitions(case, user)        -> [Transition]
    options(case, user)                      -> [Option(transition, allowed, reasons)]  (possible now, why not)
    deadlines(case), steps(case)             -> QuerySet
    task_page(user, on, page=, page_size=, status=, mine=) -> TaskPage (我的待办, one page, counted in SQL)
    pending_steps(user, on=)                 -> [PendingStep]   (the first rows of task_page)
    case_panel(case, user, on=)              -> CasePanel       (include "core/_procedure_panel.html")
    deadline_summary(cases_qs, clock, ...)   -> DeadlineSummary (met / missed / running / overdue)
    recompute_open_deadlines(actor=)         -> RecomputeResult
    tick(on)                                 -> TickResult      (`fazhi procedures tick`)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi.core.workdays import cd, months, wd

from .declare import (
    ANY_STATE,
    Clock,
    ClockGroup,
    Procedure,
    Transition,
    clock_groups,
    get_clock_group,
    get_procedure,
    needs_data,
    register,
    register_clocks,
    registered,
)

if TYPE_CHECKING:
    from .clocks import (
        annotate_due,
        extend_clock,
        last_deadline,
        open_deadline,
        pause_clock,
        resume_clock,
        start_clock,
        stop_clock,
    )
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
        Option,
        PendingStep,
        case_panel,
        deadline_summary,
        options,
        pending_steps,
        task_page,
    )

_LAZY = {
    "annotate_due": "clocks",
    "extend_clock": "clocks",
    "last_deadline": "clocks",
    "open_deadline": "clocks",
    "pause_clock": "clocks",
    "resume_clock": "clocks",
    "start_clock": "clocks",
    "stop_clock": "clocks",
    "advance": "engine",
    "available_transitions": "engine",
    "deadlines": "engine",
    "recompute_open_deadlines": "engine",
    "start": "engine",
    "steps": "engine",
    "tick": "engine",
    "pending_steps": "selectors",
    "task_page": "selectors",
    "TaskPage": "selectors",
    "Option": "selectors",
    "options": "selectors",
    "PendingStep": "selectors",
    "case_panel": "selectors",
    "CasePanel": "selectors",
    "deadline_summary": "selectors",
    "DeadlineSummary": "selectors",
}

__all__ = [
    "ANY_STATE",
    "Option",
    "needs_data",
    "options",
    "ClockGroup",
    "annotate_due",
    "clock_groups",
    "extend_clock",
    "get_clock_group",
    "last_deadline",
    "open_deadline",
    "pause_clock",
    "register_clocks",
    "resume_clock",
    "start_clock",
    "stop_clock",
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
    "task_page",
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
