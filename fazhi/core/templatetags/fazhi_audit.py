"""`{% load fazhi_audit %}{% audit_trail obj %}` — the audit trail of one record on its detail page.

The including page has already checked that the user may see `obj`; the trail shows who did what
and when (DESIGN.md: core.audit), newest first. It speaks Chinese (issue 15): field names are the
models' verbose names, values their choices' labels, dates formatted, deadlines summarised
("复议决定期限 2026-03-05"), actions from the action-label registry. Keys without a Chinese name
(internal ids such as the step number) are left out; the full entry stays in the API and admin.
Views of personal data are listed apart, folded, so they do not drown the changes.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import timezone

from fazhi.core.audit import VIEW_PERSONAL_DATA
from fazhi.core.audit.labels import action_label, changes
from fazhi.core.audit.models import AuditEntry

register = template.Library()

# keys the engine and the services write that are not model fields
KEY_LABELS = {
    "state": "状态",
    "on": "日期",
    "deadlines": "期限",
    "fields": "查看的信息",
    "kind": "类别",
    "note": "说明",
    "reason": "理由",
    "reasons": "理由",
    "ground": "理由",
    "outcome": "结果",
    "handlers": "承办人",
    "closed_on": "结束日期",
    "received_on": "收到日期",
    "held_on": "举行日期",
    "notified_on": "通知日期",
    "due_date": "期限",
    "period": "期间",
}
HIDDEN_KEYS = {"step", "id", "pk", "hash", "seq"}  # internal ids: not for people
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
CODE_LIKE = re.compile(r"^[a-z][a-z0-9_.]*$")


@register.inclusion_tag("core/audit_trail.html")
def audit_trail(obj: models.Model | None, limit: int = 200) -> dict[str, Any]:
    if obj is None or obj.pk is None:
        return {"entries": [], "views": [], "obj": obj}
    entries = list(AuditEntry.objects.for_object(obj).order_by("-seq")[:limit])
    related: dict[tuple[Any, Any], str] = {}  # one query per related record, not per entry
    rows = [_row(e, obj, related) for e in entries]
    return {
        "entries": [r for r in rows if not r["is_view"]],
        "views": [r for r in rows if r["is_view"]],
        "obj": obj,
    }


class _Labels:
    """Chinese names and values for one entry: model fields first, then the procedure's, then ours."""

    def __init__(
        self, entry: AuditEntry, obj: models.Model | None, related: dict[tuple[Any, Any], str] | None = None
    ) -> None:
        self.related = related if related is not None else {}
        self.model: type[models.Model] | None = type(obj) if obj is not None else None
        if entry.object_type:
            with contextlib.suppress(LookupError, ValueError):
                self.model = apps.get_model(entry.object_type)
        self.procedure: Any = None
        if "." in entry.action:
            from fazhi.core.procedures import get_procedure

            try:
                self.procedure = get_procedure(entry.action.rsplit(".", 1)[0])
            except ImproperlyConfigured:
                self.procedure = None

    def field(self, key: str) -> models.Field[Any, Any] | None:
        if self.model is None:
            return None
        for name in (key, key.removesuffix("_id")):
            try:
                f = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            return f if isinstance(f, models.Field) else None
        return None

    def key(self, key: str) -> str | None:
        """The Chinese name of `key`, or None when it has none (left out)."""
        if key in HIDDEN_KEYS:
            return None
        f = self.field(key)
        if f is not None and f.verbose_name and not CODE_LIKE.match(str(f.verbose_name)):
            return str(f.verbose_name)
        if self.procedure is not None:
            label = self.procedure.field_label(key)
            if label != key:
                return str(label)
        return KEY_LABELS.get(key)

    def choice_elsewhere(self, key: str, value: str) -> str:
        """A code written by a service about a related record (e.g. an evidence item's kind on its
        case's trail): the label of the same-named field with that choice in the same app."""
        if self.model is None:
            return ""
        for model in apps.get_app_config(self.model._meta.app_label).get_models():
            try:
                f = model._meta.get_field(key)
            except FieldDoesNotExist:
                continue
            label = dict(getattr(f, "flatchoices", None) or []).get(value)
            if label:
                return str(label)
        return ""

    def clock(self, code: str) -> str:
        for c in getattr(self.procedure, "clocks", None) or []:
            if c.code == code:
                return c.label if c.label.endswith("期限") else f"{c.label}期限"
        return "期限"

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "（空）"
        if key == "state" and self.procedure is not None and isinstance(value, str):
            return str(self.procedure.state_label(value))
        if key == "deadlines" and isinstance(value, list):
            return "；".join(self.deadline(d) for d in value if isinstance(d, dict)) or "（空）"
        if key == "fields" and isinstance(value, list):
            return "、".join(self.key(str(v)) or "个人信息" for v in value)
        f = self.field(key)
        if f is not None and f.choices and not isinstance(value, (list, dict)):
            return str(dict(f.flatchoices).get(value, _plain(value)))
        if f is None and isinstance(value, str) and CODE_LIKE.match(value):
            return self.choice_elsewhere(key, value) or "已变更"
        if f is not None and f.is_relation and not isinstance(value, (list, dict)):
            ref = (f.related_model, value)
            if ref not in self.related:
                self.related[ref] = _related(f, value)
            return self.related[ref]
        return _plain(value)

    def deadline(self, d: dict[str, Any]) -> str:
        from fazhi.core.procedures.models import DeadlineState

        text = f"{self.clock(str(d.get('clock', '')))} {_plain(d.get('due_date'))}"
        if d.get("calendar_pending"):
            text += "（待日历确认）"
        state = d.get("state")
        if state and state != DeadlineState.OPEN:
            text += f"（{DeadlineState(state).label if state in DeadlineState.values else '已变更'}）"
        return text


def _related(f: models.Field[Any, Any], value: Any) -> str:
    target = f.related_model
    if not isinstance(target, type) or not issubclass(target, models.Model):
        return "已变更"
    obj = target._default_manager.filter(pk=value).first()
    return str(obj) if obj is not None else "已删除的记录"


def _plain(value: Any) -> str:
    """A JSON value as a person reads it: dates formatted, yes/no, lists joined; no reprs, no codes."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, str):
        if ISO_DATETIME.match(value):
            try:
                return _plain(datetime.fromisoformat(value))
            except ValueError:
                return value
        if ISO_DATE.match(value):
            return value
        try:
            Decimal(value)
        except InvalidOperation:
            pass
        else:
            return value
        return "已变更" if CODE_LIKE.match(value) and "_" in value else value
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value) or "（空）"
    if isinstance(value, dict):
        return "；".join(_plain(v) for k, v in value.items() if k not in HIDDEN_KEYS) or "（空）"
    return "已变更"


def _row(
    entry: AuditEntry, obj: models.Model | None = None, related: dict[tuple[Any, Any], str] | None = None
) -> dict[str, Any]:
    labels = _Labels(entry, obj, related)
    if entry.action == VIEW_PERSONAL_DATA:
        fields = (entry.after or {}).get("fields") or []
        shown = labels.value("fields", fields) if fields else ""
        label = action_label(entry.action) + (f"（{shown}）" if shown else "")
        return {"entry": entry, "label": label, "changes": [], "is_view": True}
    rows = []
    order = {"state": 0, "deadlines": 2}
    for key, old, new in sorted(changes(entry.before, entry.after), key=lambda c: order.get(c[0], 1)):
        name = labels.key(key)
        if name is None:
            continue
        rows.append(
            (
                name,
                None if old in (None, "") else labels.value(key, old),
                labels.value(key, new),
            )
        )
    label = action_label(entry.action)
    if label == entry.action:  # no registered label: the transition's own label, else a generic one
        label = _transition_label(labels.procedure, entry.action) or "操作"
    return {"entry": entry, "label": label, "changes": rows, "is_view": False}


def _transition_label(procedure: Any, action: str) -> str:
    name = action.rsplit(".", 1)[-1]
    for t in getattr(procedure, "transitions", None) or []:
        if t.name == name and t.label:
            return str(t.label)
    return ""


@register.filter(name="action_label")
def action_label_filter(action: str) -> str:
    """`{{ entry.action|action_label }}` — the Chinese label of an audit action."""
    return action_label(action)
