from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import workdays


def err(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def require(actor: Any, perm: str, obj: Any, what: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(f"您无权{what}。")


def not_future(on: date, field: str = "on", label: str = "日期") -> date:
    """Dates after today are refused (house rule)."""
    if on > workdays.today():
        raise err(field, f"{label}：不能晚于今天。", "future_date")
    return on


def next_number(model: Any, *, agency: Any, year: int, word: str, field: str = "number") -> str:
    """The next official number "<简称><word>〔year〕n号" of the agency, backed by a unique constraint
    (switches to fazhi.core.numbers.next_number when it lands on main)."""
    prefix = agency.short_name or agency.name
    n = (
        model.objects.filter(agency=agency, **{f"{field}__startswith": f"{prefix}{word}〔{year}〕"}).count()
        + 1
    )
    while model.objects.filter(**{field: f"{prefix}{word}〔{year}〕{n}号"}).exists():
        n += 1
    return f"{prefix}{word}〔{year}〕{n}号"
