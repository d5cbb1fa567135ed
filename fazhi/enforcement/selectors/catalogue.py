"""Catalogue reads: matters, benchmarks and the legal-review list (scoped by agency)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from fazhi.enforcement.models import Benchmark, LegalReviewItem, Matter


def matters_visible_to(user: Any, *, kind: str = "", agency_id: int | None = None) -> QuerySet[Matter]:
    qs = Matter.objects.visible_to(user).select_related("agency")
    if kind:
        qs = qs.filter(kind=kind)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.annotate(benchmark_count=Count("benchmarks"))


def matters_with_benchmarks(user: Any) -> QuerySet[Matter]:
    return (
        Matter.objects.visible_to(user)
        .select_related("agency")
        .prefetch_related(Prefetch("benchmarks", queryset=Benchmark.objects.order_by("tier", "fine_min")))
    )


def penalty_matters_for_agency(agency_id: int) -> QuerySet[Matter]:
    return Matter.objects.filter(agency_id=agency_id, kind="penalty", is_active=True).order_by("code")


def legal_review_items_visible_to(user: Any) -> QuerySet[LegalReviewItem]:
    return LegalReviewItem.objects.visible_to(user).select_related("agency", "matter")
