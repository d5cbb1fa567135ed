"""Helpers shared by the rulemaking services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.errors import field_error, not_in_future

from .. import prereview
from ..models import Clause, DraftVersion

err = field_error


def check_date(on: Any, field: str = "on", label: str = "日期") -> date:
    """A real date, not after today (house rule: dates after today are refused, core.errors)."""
    if not isinstance(on, date):
        raise err(field, f"{label}：请填写日期。", "required")
    not_in_future(on, field, label)
    return on


def required_text(value: Any, field: str, label: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise err(field, f"{label}：不能为空。", "required")
    return text


def require(actor: Any, perm: str, obj: Any, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def create_version(
    *, document: Any = None, decision: Any = None, text: str, on: date, note: str = ""
) -> DraftVersion:
    """A new draft version split into clauses (第X条), numbered after the last one."""
    owner = {"document": document} if document is not None else {"decision": decision}
    text = required_text(text, "text", "草案文本")
    clauses = prereview.split_clauses(text)
    last = DraftVersion.objects.filter(**owner).order_by("-number").values_list("number", flat=True).first()
    version = DraftVersion.objects.create(
        **owner, number=(last or 0) + 1, created_on=on, note=note.strip(), text=text
    )
    Clause.objects.bulk_create(
        [Clause(version=version, position=i, heading=h, text=t) for i, (h, t) in enumerate(clauses, start=1)]
    )
    return version
