"""Reads of core.evidence, scoped by the user (ADR 0002)."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.access import scope_filter

from .models import EvidenceFile, EvidenceFileQuerySet


def evidence_files_visible_to(user: Any) -> EvidenceFileQuerySet:
    """Every evidence file the user may see: the list-side twin of "evidence.view_evidencefile"."""
    return EvidenceFile.objects.filter(scope_filter(user))


def evidence_files_of(obj: models.Model, user: Any) -> EvidenceFileQuerySet:
    """Evidence files of one record that the user may see, oldest first."""
    return (
        evidence_files_visible_to(user)
        .for_record(obj)
        .select_related("uploaded_by", "step")
        .order_by("uploaded_at", "id")
    )
