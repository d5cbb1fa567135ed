"""Indicators of the inspection app (INDICATORS.md: inspection.*). Scope: the jurisdiction, the year
(1 Jan – 31 Dec), optionally one agency (the plan's or the batch's lead agency).

* Plan figures count the justice bureau's review steps dated in Y (engine `Step` rows).
* `inspection.tasks` counts batches (抽查任务批次 = confirmed draws) issued in Y; `joint_share` the
  share of those batches that are joint inspections.
* `inspection.entities_inspected` counts drawn objects whose inspection finished in Y (户次).
* `inspection.publicity_rate` = publicity deadlines due in Y closed on time / all due in Y.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from fazhi.core.indicators import IndicatorValue, Scope, indicator
from fazhi.core.procedures.models import Deadline, DeadlineState, Step

from .choices import DrawState
from .models import Draw, InspectionPlan, InspectionTask


def _plans(scope: Scope) -> QuerySet[InspectionPlan]:
    qs = InspectionPlan.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _plans_with_step(scope: Scope, *transitions: str) -> QuerySet[InspectionPlan]:
    steps = Step.objects.filter(
        content_type=ContentType.objects.get_for_model(InspectionPlan),
        transition__in=transitions,
        on__year=scope.year,
    ).values("object_id")
    return _plans(scope).filter(pk__in=steps)


def _steps(scope: Scope, *transitions: str) -> QuerySet[Step]:
    return Step.objects.filter(
        content_type=ContentType.objects.get_for_model(InspectionPlan),
        transition__in=transitions,
        on__year=scope.year,
        object_id__in=_plans(scope).values("pk"),
    )


def _batches(scope: Scope) -> QuerySet[Draw]:
    qs = Draw.objects.filter(
        jurisdiction=scope.jurisdiction, state=DrawState.CONFIRMED, confirmed_on__year=scope.year
    )
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


@indicator("inspection.plans_reviewed")
def plans_reviewed(scope: Scope) -> IndicatorValue:
    """Plans approved or returned by the justice bureau in Y (a plan returned and later approved counts once)."""
    qs = _plans_with_step(scope, "approve", "return_plan")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.plans_approved")
def plans_approved(scope: Scope) -> IndicatorValue:
    qs = _plans_with_step(scope, "approve")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.plans_returned")
def plans_returned(scope: Scope) -> IndicatorValue:
    qs = _plans_with_step(scope, "return_plan")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.plan_terminations")
def plan_terminations(scope: Scope) -> IndicatorValue:
    """Termination requests decided (approved or refused) in Y."""
    qs = _steps(scope, "approve_termination", "reject_termination")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.plan_changes")
def plan_changes(scope: Scope) -> IndicatorValue:
    """Change requests decided (approved or refused) in Y."""
    qs = _steps(scope, "approve_change", "reject_change")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.tasks")
def tasks(scope: Scope) -> IndicatorValue:
    """抽查任务批次: batches confirmed (tasks issued) in Y."""
    qs = _batches(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.entities_inspected")
def entities_inspected(scope: Scope) -> IndicatorValue:
    """户次: drawn objects whose inspection finished in Y (each task counts once)."""
    qs = InspectionTask.objects.filter(jurisdiction=scope.jurisdiction, inspected_on__year=scope.year)
    if scope.agency is not None:
        qs = qs.filter(agency=scope.agency)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("inspection.publicity_rate")
def publicity_rate(scope: Scope) -> IndicatorValue:
    """Results due for publication in Y (20-WD publicity deadline due in Y) published on time."""
    task_ids: Any = InspectionTask.objects.filter(jurisdiction=scope.jurisdiction)
    if scope.agency is not None:
        task_ids = task_ids.filter(agency=scope.agency)
    due = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(InspectionTask),
        clock="publicity",
        due_date__year=scope.year,
        object_id__in=task_ids.values("pk"),
    ).exclude(state=DeadlineState.SUPERSEDED)
    return IndicatorValue.rate(due.filter(state=DeadlineState.MET), due)


@indicator("inspection.joint_share")
def joint_share(scope: Scope) -> IndicatorValue:
    """Joint (cross-department) batches / all batches issued in Y."""
    batches = _batches(scope)
    return IndicatorValue.rate(batches.filter(plan__partners__isnull=False).distinct(), batches)
