"""The verb tables of the plan and task procedures (core.procedures.verbs): API endpoints, case-page
forms and 我的待办 share the transition names."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from fazhi.core.procedures.verbs import Verb, VerbTable

from . import forms, selectors, services
from .api import serializers as s


def _plan(fn: Any) -> Any:
    return lambda u, p, d: fn(actor=u, plan=p, **d)


def _change(user: Any, plan: Any, d: dict[str, Any]) -> Any:
    changes = d.get("changes")
    if changes is None:  # the HTML form carries the changed fields themselves
        changes = {k: d[k] for k in ("ratio", "count", "period_end") if d.get(k) not in (None, "")}
    return services.request_change(actor=user, plan=plan, on=d["on"], ground=d["ground"], changes=changes)


def _merge(user: Any, plan: Any, d: dict[str, Any]) -> Any:
    lead = get_object_or_404(selectors.plans_visible_to(user), pk=d["into"])
    return services.merge_plans(actor=user, lead=lead, other=plan, on=d["on"])


PLAN_VERBS = VerbTable(
    procedure="inspection.plan",
    basename="plans",
    route="inspection-plan",
    queryset=selectors.plans_visible_to,
    output=s.InspectionPlanOut,
    html_route="inspection:plan_action",
    verbs=[
        Verb(
            "submit", _plan(services.submit_plan), api_input=s.InspectionPlanDateIn, form=forms.PlanDateForm
        ),
        Verb(
            "approve", _plan(services.approve_plan), api_input=s.InspectionPlanDateIn, form=forms.PlanDateForm
        ),
        Verb(
            "return_plan",
            _plan(services.return_plan),
            api_input=s.InspectionPlanReasonsIn,
            form=forms.PlanReasonsForm,
        ),
        Verb("request_change", _change, api_input=s.InspectionPlanChangeIn, form=forms.PlanChangeForm),
        Verb(
            "approve_change",
            _plan(services.approve_change),
            api_input=s.InspectionPlanDateIn,
            form=forms.PlanDateForm,
        ),
        Verb(
            "reject_change",
            _plan(services.reject_change),
            api_input=s.InspectionPlanReasonsIn,
            form=forms.PlanReasonsForm,
        ),
        Verb(
            "request_termination",
            _plan(services.request_termination),
            api_input=s.InspectionPlanGroundIn,
            form=forms.PlanGroundForm,
        ),
        Verb(
            "approve_termination",
            _plan(services.approve_termination),
            api_input=s.InspectionPlanDateIn,
            form=forms.PlanDateForm,
        ),
        Verb(
            "reject_termination",
            _plan(services.reject_termination),
            api_input=s.InspectionPlanReasonsIn,
            form=forms.PlanReasonsForm,
        ),
        Verb("merge", _merge, api_input=s.InspectionPlanMergeIn, form=forms.PlanMergeForm),
    ],
)


def _record(user: Any, task: Any, d: dict[str, Any]) -> Any:
    from fazhi.enforcement.models import Matter as PenaltyMatter

    pk = d.pop("penalty_matter", None)
    matter = PenaltyMatter.objects.filter(pk=pk, agency_id=task.agency_id).first() if pk else None
    upload = d.pop("file", None)
    return services.record_result(
        actor=user, task=task, penalty_matter=matter, files=[upload] if upload else [], **d
    )


def _task_detail(user: Any, pk: int) -> Any:
    qs = selectors.tasks_with_publicity_due(selectors.tasks_visible_to(user)).prefetch_related("inspectors")
    return qs.get(pk=pk)


TASK_VERBS = VerbTable(
    procedure="inspection.task",
    basename="tasks",
    route="inspection-task",
    queryset=selectors.tasks_visible_to,
    output=s.InspectionTaskOut,
    detail=_task_detail,
    html_route="inspection:task_action",
    verbs=[
        Verb("record_result", _record, api_input=s.InspectionTaskResultIn, form=forms.TaskResultForm),
        Verb(
            "publish_result",
            lambda u, t, d: services.publish_result(actor=u, task=t, **d),
            api_input=s.InspectionPlanDateIn,
            form=forms.PlanDateForm,
        ),
    ],
)
