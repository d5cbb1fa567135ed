from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """{{ values|get_item:"on" }} — a dict or QueryDict value by key ("" when missing)."""
    if mapping is None:
        return ""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def due_status(due: Any, on: Any = None) -> str:
    """on_time / due_soon / overdue for a stored due date (fazhi.core.workdays.deadline_status)."""
    from fazhi.core.workdays import deadline_status

    return deadline_status(due, on) if due else ""
