"""`{% load fazhi_audit %}{% audit_trail obj %}` — the audit trail of one record on its detail page.

The including page has already checked that the user may see `obj`; the trail shows who did what
and when (DESIGN.md: core.audit), newest first.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from fazhi.core.audit import VIEW_PERSONAL_DATA
from fazhi.core.audit.labels import action_label, changes
from fazhi.core.audit.models import AuditEntry

register = template.Library()


@register.inclusion_tag("core/audit_trail.html")
def audit_trail(obj: models.Model | None, limit: int = 200) -> dict[str, Any]:
    if obj is None or obj.pk is None:
        return {"entries": [], "obj": obj}
    entries = AuditEntry.objects.for_object(obj).order_by("-seq")[:limit]
    return {"entries": [_row(e) for e in entries], "obj": obj}


def _row(entry: AuditEntry) -> dict[str, Any]:
    if entry.action == VIEW_PERSONAL_DATA:
        fields = (entry.after or {}).get("fields") or []
        label = action_label(entry.action) + (f"（{'、'.join(map(str, fields))}）" if fields else "")
        return {"entry": entry, "label": label, "changes": []}
    return {
        "entry": entry,
        "label": action_label(entry.action),
        "changes": changes(entry.before, entry.after),
    }


@register.filter(name="action_label")
def action_label_filter(action: str) -> str:
    """`{{ entry.action|action_label }}` — the Chinese label of an audit action."""
    return action_label(action)
