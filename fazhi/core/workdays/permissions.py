"""Who may do what with the working-day calendar.

The calendar is national data that every deadline depends on, so only the justice bureau's
supervisors (and superusers) enter or correct a year; every signed-in staff member may read it.
"""

import rules

from fazhi.core.access import has_role, is_superuser

may_enter_holiday_year = has_role("supervisor") | is_superuser

rules.add_perm("workdays.enter_holiday_year", may_enter_holiday_year)
rules.add_perm("workdays.view_calendar", rules.is_authenticated)
