"""Reads for submissions, scoped by user (ADR 0002)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.org.predicates import scope_filter
from fazhi.reporting.models import Campaign, Submission, SubmissionStatus


def campaigns_visible_to(user: Any) -> QuerySet[Campaign]:
    """Campaigns of the user's jurisdiction (every one for a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Campaign.objects.none()
    qs = Campaign.objects.select_related("jurisdiction")
    return qs if user.is_superuser else qs.filter(jurisdiction_id=user.jurisdiction_id)


def submissions_visible_to(user: Any) -> QuerySet[Submission]:
    """The twin of `reporting.view_submission`: the bureau sees its jurisdiction, agencies their own."""
    return Submission.objects.filter(scope_filter(user)).select_related("agency", "campaign")


def campaign_progress(campaign: Campaign, user: Any) -> dict[str, int]:
    """Submissions per status (visible to the user) — 填报进度."""
    qs = submissions_visible_to(user).filter(campaign=campaign)
    counts = qs.aggregate(
        total=Count("pk"),
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in SubmissionStatus},
    )
    return {k: int(v or 0) for k, v in counts.items()}


def campaign_submissions(campaign: Campaign, user: Any) -> QuerySet[Submission]:
    return (
        submissions_visible_to(user)
        .filter(campaign=campaign)
        .annotate(value_count=Count("values"))
        .order_by("status", "agency__name")
    )
