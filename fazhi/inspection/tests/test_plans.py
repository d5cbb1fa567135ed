"""Plans: guards on real input, review by the justice bureau, changes, termination, merging."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.inspection import selectors, services
from fazhi.inspection.models import InspectionPlan

from .conftest import approved_plan

PLAN = {
    "title": "2026年度食品经营主体双随机抽查",
    "year": 2026,
    "period_start": date(2026, 3, 1),
    "period_end": date(2026, 11, 30),
    "on": date(2026, 2, 2),
}


def _message(exc: ValidationError, field: str) -> str:
    return exc.error_dict[field][0].messages[0]


def test_ratio_above_100_percent_is_refused_and_nothing_saved(officer, matter):
    with pytest.raises(ValidationError) as exc:
        services.create_plan(actor=officer, matter=matter, ratio="120", **PLAN)
    assert _message(exc.value, "ratio") == "抽查比例：应大于0%且不超过100%。"
    assert InspectionPlan.objects.count() == 0


def test_ratio_above_the_general_items_ceiling_is_refused(officer, matter):
    with pytest.raises(ValidationError) as exc:
        services.create_plan(actor=officer, matter=matter, ratio="15", **PLAN)
    assert _message(exc.value, "ratio") == (
        "抽查比例：一般检查事项“食品生产经营者落实食品安全主体责任情况检查”的抽查比例不得超过10%。"
    )


def test_grade_ratios_must_rise_with_the_credit_risk(officer, matter):
    with pytest.raises(ValidationError) as exc:
        services.create_plan(
            actor=officer,
            matter=matter,
            ratio="5",
            grade_ratios={"A": "10", "B": "5", "C": "20", "D": "30"},
            **PLAN,
        )
    assert (
        _message(exc.value, "grade_ratios")
        == "各信用等级抽查比例：信用风险越高的等级抽查比例应越高（A≤B≤C≤D）。"
    )


def test_plan_without_legal_basis_is_refused(officer, matter):
    with pytest.raises(ValidationError) as exc:
        services.create_plan(actor=officer, matter=matter, ratio="5", legal_basis="  ", **PLAN)
    assert (
        _message(exc.value, "legal_basis") == "检查依据：抽查计划必须写明检查依据（法律、法规、规章条款）。"
    )
    assert InspectionPlan.objects.count() == 0


def test_a_plan_outside_the_own_matter_list_cannot_exist(other_officer, matter):
    # the transport bureau's officer may not plan on the market bureau's list
    with pytest.raises(PermissionDenied):
        services.create_plan(actor=other_officer, matter=matter, ratio="5", **PLAN)


def test_return_with_reasons_then_resubmit_and_approve(officer, supervisor, matter):
    # given
    plan = services.create_plan(actor=officer, matter=matter, ratio="5", **PLAN)
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    # when the justice bureau returns it without reasons
    with pytest.raises(ValidationError):
        services.return_plan(actor=supervisor, plan=plan, on=date(2026, 2, 4), reasons="")
    plan = services.return_plan(actor=supervisor, plan=plan, on=date(2026, 2, 4), reasons="抽查比例偏低")
    assert plan.state == "returned"
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 5))
    plan = services.approve_plan(actor=supervisor, plan=plan, on=date(2026, 2, 6))
    # then
    assert plan.state == "approved"


def test_an_agency_cannot_approve_its_own_plan(officer, agency_admin, matter):
    plan = services.create_plan(actor=officer, matter=matter, ratio="5", **PLAN)
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    with pytest.raises(PermissionDenied):
        services.approve_plan(actor=agency_admin, plan=plan, on=date(2026, 2, 4))
    plan.refresh_from_db()
    assert plan.state == "submitted"


def test_change_takes_effect_only_when_approved(officer, supervisor, matter):
    plan = approved_plan(officer, supervisor, matter, ratio="5")
    services.request_change(
        actor=officer, plan=plan, on=date(2026, 3, 2), ground="扩大范围", changes={"ratio": "8"}
    )
    plan.refresh_from_db()
    assert (plan.state, str(plan.ratio)) == ("change_requested", "5.00")
    services.approve_change(actor=supervisor, plan=plan, on=date(2026, 3, 3))
    plan.refresh_from_db()
    assert (plan.state, str(plan.ratio), plan.pending_change) == ("approved", "8.00", {})


def test_a_change_above_the_ceiling_is_refused_on_approval(officer, supervisor, matter):
    plan = approved_plan(officer, supervisor, matter, ratio="5")
    services.request_change(
        actor=officer, plan=plan, on=date(2026, 3, 2), ground="扩大范围", changes={"ratio": "50"}
    )
    with pytest.raises(ValidationError):
        services.approve_change(actor=supervisor, plan=plan, on=date(2026, 3, 3))
    plan.refresh_from_db()
    assert (plan.state, str(plan.ratio)) == ("change_requested", "5.00")


def test_termination(officer, supervisor, matter):
    plan = approved_plan(officer, supervisor, matter, ratio="5")
    services.request_termination(actor=officer, plan=plan, on=date(2026, 3, 2), ground="机构改革，事项划转")
    plan = services.approve_termination(actor=supervisor, plan=plan, on=date(2026, 3, 3))
    assert plan.state == "terminated"


def test_overlapping_plans_are_shown_and_merged_into_one_joint_inspection(
    officer, other_officer, supervisor, matter, other_matter
):
    # given two agencies planning the same kind of objects in overlapping periods
    a = approved_plan(officer, supervisor, matter, ratio="5")
    b = services.create_plan(
        actor=other_officer,
        matter=other_matter,
        ratio="5",
        **{**PLAN, "period_start": date(2026, 6, 1), "title": "运输企业抽查"},
    )
    services.submit_plan(actor=other_officer, plan=b, on=date(2026, 2, 3))
    # when
    overlaps = selectors.plan_overlaps(supervisor)
    # then
    assert [(o.first.pk, o.second.pk) for o in overlaps] == [(a.pk, b.pk)]
    services.merge_plans(actor=supervisor, lead=a, other=b, on=date(2026, 2, 10))
    b.refresh_from_db()
    assert (b.state, b.merged_into_id) == ("merged", a.pk)
    assert list(a.partners.values_list("name", flat=True)) == ["示范县交通运输局"]
    assert selectors.plan_overlaps(supervisor) == []
    assert AuditEntry.objects.filter(action="inspection.merge_plans").count() == 1


def test_counts_per_agency(officer, supervisor, matter):
    approved_plan(officer, supervisor, matter, ratio="5")
    p = services.create_plan(actor=officer, matter=matter, ratio="5", **PLAN)
    services.submit_plan(actor=officer, plan=p, on=date(2026, 2, 3))
    services.return_plan(actor=supervisor, plan=p, on=date(2026, 2, 4), reasons="重复")
    rows = selectors.plan_counts_by_agency(supervisor, 2026)
    assert [(r["agency"], r["submitted"], r["approved"], r["returned"]) for r in rows] == [
        ("示范县市场监督管理局", 2, 1, 1)
    ]
