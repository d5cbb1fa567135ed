"""core.workdays — the official PRC calendar and statutory period arithmetic (LEGAL_RULES.md §13).

Public API (every statutory deadline in every module comes from here):
    wd(n), cd(n), months(n)         -> Period
    add(start, period)              -> date      (start day excluded; roll-over for cd/months)
    explain(start, period)          -> Computation (due date + how it was computed, in Chinese)
    is_workday(d), is_rest_day(d)   -> bool      (CalendarUnknown for a year nobody has entered)
    deadline_status(due, on)        -> "on_time" | "due_soon" | "overdue"
    today()                         -> date (Asia/Shanghai)
"""

from .calendar import (  # noqa: F401
    CalendarUnknown,
    Computation,
    Period,
    add,
    cd,
    deadline_status,
    explain,
    is_rest_day,
    is_workday,
    months,
    today,
    wd,
)
