"""Helpers shared by the affairs services: date checks, official numbers, locking."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from fazhi.core import workdays

M = TypeVar("M", bound=models.Model)


def check_dates(**dates: tuple[date | None, str]) -> None:
    """Dates after today are refused (a record states what happened), every field at once — the
    wording and code of core.errors.not_in_future."""
    today = workdays.today()
    errors = {
        key: ValidationError(
            f"{label}：{value.isoformat()} 晚于今天（{today.isoformat()}），请核对日期。", code="future_date"
        )
        for key, (value, label) in dates.items()
        if isinstance(value, date) and value > today
    }
    if errors:
        raise ValidationError(errors)


def next_number(model: type[models.Model], prefix: str, year: int, **scope: Any) -> str:
    """The next number of a series `{prefix}〔{year}〕N号` within `scope` — backed by the model's unique
    constraint; one function so switching to core.numbers.next_number is a one-line change."""
    n = model._default_manager.filter(number__startswith=f"{prefix}〔{year}〕", **scope).count() + 1
    return f"{prefix}〔{year}〕{n}号"


def locked(instance: M) -> M:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def may(actor: Any, perm: str, obj: Any, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def may_take(actor: Any, case: Any, transition: str) -> None:
    """Permission first, so a refused user learns nothing from validation (the engine checks again)."""
    t = case.procedure.transition(transition)
    if t.perm and not actor.has_perm(t.perm, case):
        raise PermissionDenied(f"您无权办理“{t.display}”。")
