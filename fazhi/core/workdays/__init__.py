"""core.workdays — the official PRC calendar and statutory period arithmetic (LEGAL_RULES.md §13).

Public API (every statutory deadline in every module comes from here):
    wd(n), cd(n), months(n)              -> Period
    add(start, period)                   -> date      (start day excluded; roll-over for cd/months)
    explain(start, period)               -> Computation (due date + how it was computed, in Chinese)
    add_excluding(start, period, paused) -> date      (paused = [(first, last), …] days not counted)
    explain_excluding(start, period, paused) -> Computation
    workdays_between(a, b)               -> int       (working days after a up to b inclusive)
    is_workday(d), is_rest_day(d)        -> bool      (CalendarUnknown for a year nobody has entered)
    next_workday(d)                      -> date      (d itself when it is a working day)
    day_name(d)                          -> str       ("国庆节", "国庆节调休上班", "")
    known_years()                        -> list[int]
    deadline_status(due, on)             -> "on_time" | "due_soon" | "overdue"
    today()                              -> date (Asia/Shanghai)
    provisional()                        -> context: unknown years count weekends only (provisional dates)
Entering a year: fazhi.core.workdays.services.enter_holiday_year(actor=…, year=…, …).
"""

from .calendar import (  # noqa: F401
    CalendarUnknown,
    Computation,
    Period,
    add,
    add_excluding,
    cd,
    day_name,
    deadline_status,
    explain,
    explain_excluding,
    is_rest_day,
    is_workday,
    known_years,
    months,
    next_workday,
    provisional,
    today,
    wd,
    workdays_between,
)
