"""Reads of the inspection app, always scoped by the user (STYLE.md §2.2; ADR 0002)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from fazhi.core.access import scope_filter
from fazhi.core.procedures.models import Deadline, Step

from .choices import DrawState
from .models import (
    Draw,
    Entity,
    InspectionMatter,
    InspectionPlan,
    InspectionTask,
    Inspector,
    Rating,
    TaskInspector,
)

ACTIVE_PLAN_STATES = ("submitted", "approved", "change_requested")


def matters_visible_to(user: Any) -> QuerySet[InspectionMatter]:
    return InspectionMatter.objects.visible_to(user).select_related("agency")


def entities_visible_to(user: Any) -> QuerySet[Entity]:
    return Entity.objects.visible_to(user)


def inspectors_visible_to(user: Any) -> QuerySet[Inspector]:
    return (
        Inspector.objects.visible_to(user)
        .select_related("officer", "agency")
        .annotate(conflicts_count=Count("conflicts"))
        .order_by("agency__name", "officer__full_name", "pk")
    )


def plans_visible_to(user: Any) -> QuerySet[InspectionPlan]:
    """List twin of `inspection.view_plan`: the agency's own plans (the justice bureau: its
    jurisdiction's) and the joint inspections it takes part in as a partner."""
    partner_of = InspectionPlan.partners.through.objects.filter(
        agency_id=getattr(user, "agency_id", None) or 0
    )
    return InspectionPlan.objects.filter(
        scope_filter(user) | Q(pk__in=partner_of.values("inspectionplan_id"))
    ).select_related("agency", "matter", "merged_into")


def plan_for(user: Any, pk: Any) -> InspectionPlan:
    try:
        return plans_visible_to(user).get(pk=pk)
    except (InspectionPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该抽查计划，或您无权查看。") from None


def draws_visible_to(user: Any) -> QuerySet[Draw]:
    return (
        Draw.objects.visible_to(user)
        .select_related("plan", "agency", "supersedes")
        .defer("eligible_file", "result_file")
    )


def tasks_visible_to(user: Any) -> QuerySet[InspectionTask]:
    """The agency's tasks (the justice bureau: its jurisdiction's), and the tasks the user was drawn
    for — in a joint inspection a partner agency's inspector sees the lead agency's task."""
    own = TaskInspector.objects.filter(inspector__officer_id=getattr(user, "pk", None)).values("task_id")
    return InspectionTask.objects.filter(scope_filter(user) | Q(pk__in=own)).select_related(
        "entity", "matter", "agency", "draw"
    )


def tasks_with_publicity_due(qs: QuerySet[InspectionTask]) -> QuerySet[InspectionTask]:
    """publicity_due / _pending (provisional, 待日历确认) / _state: the engine deadline of the task
    procedure's 20-WD publicity clock (subqueries, no per-row query)."""
    from django.db.models import Subquery

    ct = ContentType.objects.get_for_model(InspectionTask)
    due = Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), clock="publicity").order_by(
        "-id"
    )
    return qs.annotate(
        publicity_due=Subquery(due.values("due_date")[:1]),
        publicity_pending=Subquery(due.values("calendar_pending")[:1]),
        publicity_state=Subquery(due.values("state")[:1]),
    )


def ratings_visible_to(user: Any) -> QuerySet[Rating]:
    """Ratings reach the justice bureau only (亮码入企): an agency sees none, not even its own.
    List twin of `inspection.view_rating` (one permission check on the user's jurisdiction)."""
    qs = Rating.objects.select_related("task__agency", "task__entity", "task__matter")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    if not user.has_perm("inspection.view_rating", Rating(jurisdiction_id=user.jurisdiction_id)):
        return qs.none()
    return qs.filter(jurisdiction_id=user.jurisdiction_id)


@dataclass(frozen=True)
class Overlap:
    first: InspectionPlan
    second: InspectionPlan


def plan_overlaps(user: Any) -> list[Overlap]:
    """Plans of different agencies on the same kind of objects (same industry or any) in overlapping
    periods, neither merged nor finished: candidates for one joint inspection (国发〔2019〕5号)."""
    plans = list(
        plans_visible_to(user)
        .filter(state__in=ACTIVE_PLAN_STATES, merged_into__isnull=True)
        .order_by("period_start", "pk")
    )
    out = []
    for i, a in enumerate(plans):
        for b in plans[i + 1 :]:
            if a.agency_id == b.agency_id or a.jurisdiction_id != b.jurisdiction_id:
                continue
            if a.matter.object_kind != b.matter.object_kind:
                continue
            if a.industry and b.industry and a.industry != b.industry:
                continue
            if a.period_end < b.period_start or b.period_end < a.period_start:
                continue
            out.append(Overlap(a, b))
    return out


def _steps(transitions: tuple[str, ...]) -> QuerySet[Step]:
    return Step.objects.filter(
        content_type=ContentType.objects.get_for_model(InspectionPlan), transition__in=transitions
    )


def plan_counts_by_agency(user: Any, year: int) -> list[dict[str, Any]]:
    """Per agency: plans of the year submitted, approved, returned (“594 submitted, 301 approved, 293 returned”)."""
    plans = plans_visible_to(user).filter(year=year)

    def has(t: str) -> Exists:
        return Exists(_steps((t,)).filter(object_id=OuterRef("pk")))

    rows = (
        plans.annotate(_sub=has("submit"), _app=has("approve"), _ret=has("return_plan"))
        .values("agency__name")
        .annotate(
            submitted=Count("pk", filter=Q(_sub=True)),
            approved=Count("pk", filter=Q(_app=True)),
            returned=Count("pk", filter=Q(_ret=True)),
        )
        .order_by("agency__name")
    )
    return [
        {"agency": r["agency__name"], **{k: r[k] for k in ("submitted", "approved", "returned")}}
        for r in rows
    ]


def published_results() -> QuerySet[InspectionTask]:
    """Results published on the portal (masked in the template)."""
    return (
        InspectionTask.objects.filter(state="published")
        .select_related("entity", "matter", "agency")
        .order_by("-published_on", "-id")
    )


def published_draws() -> QuerySet[Draw]:
    return (
        Draw.objects.select_related("plan", "agency", "plan__matter")
        .defer("eligible_file", "result_file")
        .order_by("-committed_on", "-id")
    )


def confirmed_draws() -> QuerySet[Draw]:
    return Draw.objects.filter(state=DrawState.CONFIRMED)
