"""`{% load fazhi_audit %}{% audit_trail obj %}` — the audit trail of one record on its detail page.

The including page has already checked that the user may see `obj`; the trail shows who did what
and when (DESIGN.md: core.audit), newest first.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from fazhi.core.audit.models import AuditEntry

register = template.Library()


@register.inclusion_tag("core/audit_trail.html")
def audit_trail(obj: models.Model | None, limit: int = 200) -> dict[str, Any]:
    if obj is None or obj.pk is None:
        return {"entries": [], "obj": obj}
    entries = AuditEntry.objects.for_object(obj).order_by("-seq")[:limit]
    return {"entries": list(entries), "obj": obj}
