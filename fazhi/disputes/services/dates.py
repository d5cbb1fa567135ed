"""Dates staff enter are facts that have already happened: one after today is refused (issue 13).

A receipt, a decision, a service or a postmark dated in the future is a typing error, and a
deadline counted from it would be wrong. One check per date, core's (`core.errors.not_in_future`);
these helpers only collect several dates of one form into one error."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError

from fazhi.core.errors import not_in_future

__all__ = ["future_date_errors", "refuse_future", "refuse_future_on"]


def future_date_errors(values: Mapping[str, tuple[str, date | None]]) -> dict[str, str]:
    """{field: Chinese message} for each `field: (label, value)` whose value is after today."""
    out: dict[str, str] = {}
    for field, (label, value) in values.items():
        try:
            not_in_future(value, field, label)
        except ValidationError as exc:
            out[field] = exc.message_dict[field][0]
    return out


def refuse_future(values: Mapping[str, tuple[str, date | None]]) -> None:
    """Raise one field error per date after today (ADR 0001 error shape)."""
    errors = future_date_errors(values)
    if errors:
        raise ValidationError({k: ValidationError(v, code="date_in_future") for k, v in errors.items()})


def refuse_future_on(on: date, label: str = "办理日期") -> None:
    """The date of a step (`on`) may not be after today."""
    not_in_future(on, "on", label)
