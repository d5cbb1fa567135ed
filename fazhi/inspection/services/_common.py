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
    """The next official number "<简称><word>〔year〕n号" of the agency, from the one allocator
    (core.numbers: unique and gapless under concurrency); the unique constraint stays."""
    from fazhi.core.numbers import next_free_number, scope_key

    prefix = agency.short_name or agency.name
    head = f"{prefix}{word}〔{year}〕"
    return next_free_number(
        model._meta.label_lower,
        scope=scope_key(agency, word),
        year=year,
        render=lambda n: f"{head}{n}号",
        taken=model.objects.all(),
        field=field,
        start=lambda: model.objects.filter(agency=agency, **{f"{field}__startswith": head}).count(),
    )
