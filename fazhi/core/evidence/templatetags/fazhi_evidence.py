"""`{% load fazhi_evidence %}{% evidence_list obj %}` — a record's evidence files the user may see."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from fazhi.core.evidence.selectors import evidence_files_of

register = template.Library()


@register.inclusion_tag("evidence/evidence_list.html", takes_context=True)
def evidence_list(context: template.Context, obj: models.Model | None) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if obj is None or obj.pk is None or user is None:
        return {"files": []}
    return {"files": list(evidence_files_of(obj, user))}
