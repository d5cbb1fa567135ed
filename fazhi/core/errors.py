"""The shared error helpers (ADR 0001: every refusal is a Chinese message with a code).

raise field_error("on", "办理日期不能晚于今天。", "date_in_future")
raise invalid({"fine": "罚款金额不能为负数。"}, code="money_negative")
require_perm(actor, "enforcement.open_case", agency, "立案")   # PermissionDenied: 您无权立案。
not_in_future(on, "on", "办理日期")
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A one-field error whose code survives in `error_dict` (the API's `fields`, a form's field)."""
    return ValidationError({field: ValidationError(message, code=code)})


def invalid(errors: Any, code: str = "invalid") -> ValidationError:
    """A ValidationError that keeps `code` on every field (Django drops it for a plain dict)."""
    if isinstance(errors, dict):
        return ValidationError({k: ValidationError(v, code=code) for k, v in errors.items()})
    return ValidationError(errors, code=code)


def require_perm(actor: Any, perm: str, obj: Any, what: str) -> None:
    """Permission first, before any other check, so a refusal reveals nothing about the record."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm, obj):
        raise PermissionDenied(f"您无权{what}。")


def not_in_future(on: date | None, field: str, label: str, today: date | None = None) -> None:
    """Dates of what already happened (received, decided, served, posted) cannot lie after today."""
    from fazhi.core import workdays

    today = today or workdays.today()
    if on is not None and on > today:
        raise field_error(
            field,
            f"{label} {on.isoformat()} 晚于今天（{today.isoformat()}），请核对：只能登记已经发生的事项。",
            "date_in_future",
        )
