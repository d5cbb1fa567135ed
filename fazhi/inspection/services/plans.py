"""抽查计划: drafting, review by the justice bureau, changes, termination and merging (procedures.PLAN)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.core import audit, procedures

from .. import guards
from ..choices import PlanKind
from ..models import InspectionMatter, InspectionPlan
from ._common import err, next_number, not_future, require

CHANGEABLE = ("ratio", "count", "grade_ratios", "period_start", "period_end", "industry", "area", "title")


def _ratio(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise err("ratio", "抽查比例：应为数字。", "invalid") from None


def _grade_ratios(value: Any) -> dict[str, str]:
    out = {}
    for grade, ratio in (value or {}).items():
        if grade not in "ABCD" or len(grade) != 1:
            raise err("grade_ratios", f"各信用等级抽查比例：“{grade}”不是信用风险等级。", "invalid")
        parsed = _ratio(ratio)
        if parsed is not None:
            out[grade] = str(parsed)
    return out


def _locked(plan: InspectionPlan) -> InspectionPlan:
    return InspectionPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def create_plan(
    *,
    actor: Any,
    matter: InspectionMatter,
    title: str,
    year: int,
    period_start: date,
    period_end: date,
    on: date,
    kind: str = PlanKind.ANNUAL,
    ratio: Any = None,
    count: int | None = None,
    grade_ratios: dict[str, Any] | None = None,
    industry: str = "",
    area: str = "",
    legal_basis: str | None = None,
    partners: list[Any] | None = None,
) -> InspectionPlan:
    """制定抽查计划 on a matter of the agency's list (国发〔2019〕5号 一单两库)."""
    agency = matter.agency
    plan = InspectionPlan(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        matter=matter,
        title=(title or "").strip(),
        year=year,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        ratio=_ratio(ratio),
        count=count or None,
        grade_ratios=_grade_ratios(grade_ratios),
        industry=(industry or "").strip(),
        area=(area or "").strip(),
        legal_basis=(matter.legal_basis if legal_basis is None else legal_basis).strip(),
        created_on=not_future(on),
    )
    require(actor, "inspection.submit_plan", plan, "制定该部门的抽查计划")
    if not plan.title:
        raise err("title", "计划名称：不能为空。", "required")
    if kind not in PlanKind.values:
        raise err("kind", "计划类型无效。", "invalid")
    for guard in (
        guards.plan_matter_on_list,
        guards.plan_has_legal_basis,
        guards.plan_ratio_within_limits,
        guards.plan_period_in_order,
    ):
        guard(plan, {})
    plan.number = next_number(InspectionPlan, agency=agency, year=year, word="抽计")
    plan.save()
    if partners:
        plan.partners.set([p for p in partners if p.pk != agency.pk])
    procedures.start(plan, actor=actor, on=on)
    audit.record(actor=actor, action="inspection.create_plan", obj=plan, after={"number": plan.number})
    return plan


def _advance(
    plan: InspectionPlan,
    transition: str,
    *,
    actor: Any,
    on: date,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> InspectionPlan:
    not_future(on)
    procedures.advance(plan, transition, actor=actor, on=on, data=data or {}, note=note)
    return plan


@transaction.atomic
def submit_plan(*, actor: Any, plan: InspectionPlan, on: date) -> InspectionPlan:
    """提交审核 (SAMR 2019 notice: the annual plan is filed)."""
    return _advance(_locked(plan), "submit", actor=actor, on=on)


@transaction.atomic
def approve_plan(*, actor: Any, plan: InspectionPlan, on: date, opinion: str = "") -> InspectionPlan:
    """审核通过."""
    return _advance(_locked(plan), "approve", actor=actor, on=on, data={"opinion": opinion}, note=opinion)


@transaction.atomic
def return_plan(*, actor: Any, plan: InspectionPlan, on: date, reasons: str) -> InspectionPlan:
    """退回 with reasons."""
    return _advance(
        _locked(plan),
        "return_plan",
        actor=actor,
        on=on,
        data={"reasons": (reasons or "").strip()},
        note=reasons,
    )


@transaction.atomic
def request_change(
    *, actor: Any, plan: InspectionPlan, on: date, ground: str, changes: dict[str, Any]
) -> InspectionPlan:
    """申请变更 an approved plan: the change takes effect only when the justice bureau approves it."""
    plan = _locked(plan)
    unknown = [k for k in changes if k not in CHANGEABLE]
    if unknown or not changes:
        raise err(
            "changes", "变更内容：只能变更抽查比例、数量、各等级比例、检查期间、行业、区域或名称。", "invalid"
        )
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "ratio":
            r = _ratio(value)
            clean[key] = None if r is None else str(r)
        elif key == "grade_ratios":
            clean[key] = _grade_ratios(value)
        elif key in ("period_start", "period_end"):
            clean[key] = value.isoformat() if isinstance(value, date) else str(value)
        else:
            clean[key] = value
    plan.pending_change = clean
    return _advance(
        plan,
        "request_change",
        actor=actor,
        on=on,
        data={"ground": (ground or "").strip(), "changes": clean},
        note=ground,
    )


@transaction.atomic
def approve_change(*, actor: Any, plan: InspectionPlan, on: date) -> InspectionPlan:
    """批准变更: the pending change is applied, then the plan's guards run on the changed plan."""
    plan = _locked(plan)
    for key, value in plan.pending_change.items():
        if key == "ratio":
            value = None if value is None else Decimal(value)
        elif key in ("period_start", "period_end"):
            value = date.fromisoformat(value)
        setattr(plan, key, value)
    applied = plan.pending_change
    plan.pending_change = {}
    return _advance(plan, "approve_change", actor=actor, on=on, data={"changes": applied})


@transaction.atomic
def reject_change(*, actor: Any, plan: InspectionPlan, on: date, reasons: str) -> InspectionPlan:
    plan = _locked(plan)
    plan.pending_change = {}
    return _advance(
        plan, "reject_change", actor=actor, on=on, data={"reasons": (reasons or "").strip()}, note=reasons
    )


@transaction.atomic
def request_termination(*, actor: Any, plan: InspectionPlan, on: date, ground: str) -> InspectionPlan:
    return _advance(
        _locked(plan),
        "request_termination",
        actor=actor,
        on=on,
        data={"ground": (ground or "").strip()},
        note=ground,
    )


@transaction.atomic
def approve_termination(*, actor: Any, plan: InspectionPlan, on: date) -> InspectionPlan:
    return _advance(_locked(plan), "approve_termination", actor=actor, on=on)


@transaction.atomic
def reject_termination(*, actor: Any, plan: InspectionPlan, on: date, reasons: str) -> InspectionPlan:
    return _advance(
        _locked(plan),
        "reject_termination",
        actor=actor,
        on=on,
        data={"reasons": (reasons or "").strip()},
        note=reasons,
    )


def mergeable_into(lead: InspectionPlan, other: InspectionPlan) -> None:
    """国发〔2019〕5号: only overlapping plans of different agencies of one jurisdiction are merged."""
    if lead.pk == other.pk:
        raise err("into", "并入的计划：不能并入计划本身。", "merge_self")
    if lead.jurisdiction_id != other.jurisdiction_id or lead.agency_id == other.agency_id:
        raise err("into", "并入的计划：只能合并同一地区不同部门的抽查计划。", "merge_scope")
    if lead.state not in ("submitted", "approved") or lead.merged_into_id:
        raise err("into", "并入的计划：牵头计划应为待审核或已通过状态。", "merge_state")
    if lead.matter.object_kind != other.matter.object_kind:
        raise err("into", "并入的计划：两个计划的检查对象类型不同，不能合并为联合抽查。", "merge_kind")
    if lead.period_end < other.period_start or other.period_end < lead.period_start:
        raise err("into", "并入的计划：两个计划的检查期间没有重叠。", "merge_period")


@transaction.atomic
def merge_plans(*, actor: Any, lead: InspectionPlan, other: InspectionPlan, on: date) -> InspectionPlan:
    """合并为联合抽查: `other` is merged into `lead`, whose agency leads the joint inspection; the
    other agency and its matter join it (进一次门、查多项事)."""
    lead = _locked(lead)
    other = _locked(other)
    mergeable_into(lead, other)
    other.merged_into = lead
    _advance(other, "merge", actor=actor, on=on, data={"into": lead.number})
    lead.partners.add(other.agency)
    lead.partner_matters.add(other.matter)
    for partner in other.partners.all():
        if partner.pk != lead.agency_id:
            lead.partners.add(partner)
    audit.record(actor=actor, action="inspection.merge_plans", obj=lead, after={"merged": other.number})
    return lead
