"""Small shared checks of the inspection services, on core.errors (ADR 0001: Chinese messages, codes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.errors import field_error, not_in_future, require_perm

err = field_error
require = require_perm


def not_future(on: date, field: str = "on", label: str = "日期") -> date:
    """Dates after today are refused (house rule)."""
    not_in_future(on, field, label)
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
