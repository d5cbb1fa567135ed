"""Due dates as people read them: `{% load fazhi_deadlines %}`.

    {{ deadline|due }}                      a Deadline row
    {{ row.publish_due|due:row.publish_pending }}   an `annotate_due` pair

renders "2027-01-15" or, for a provisional date (its year's holidays not entered yet),
"2027-01-15 待日历确认" with the badge; "—" when there is no date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()

PENDING_LABEL = "待日历确认"
PENDING_TITLE = "该年度节假日安排尚未录入，届满日暂按双休日推算，录入后自动改为准确日期"


@register.filter
def due(value: Any, pending: Any = None) -> str:
    """A due date with the 待日历确认 badge when it is provisional."""
    if value is not None and hasattr(value, "calendar_pending") and hasattr(value, "due_date"):
        value, pending = value.due_date, value.calendar_pending
    if not isinstance(value, date):
        return "—"
    if pending:
        return format_html(
            '{} <span class="badge status-calendar_pending" title="{}">{}</span>',
            value.isoformat(),
            PENDING_TITLE,
            PENDING_LABEL,
        )
    return value.isoformat()
