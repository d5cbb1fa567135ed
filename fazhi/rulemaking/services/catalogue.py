"""年度重大行政决策事项目录 — drafted, approved by the same-level Party committee, published,
adjusted during the year (《重大行政决策程序暂行条例》第三条第三款)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit
from fazhi.org.models import User

from ..choices import CatalogueState
from ..models import CatalogueAdjustment, DecisionCatalogue, MajorDecision
from .common import check_date, err, require, required_text

__all__ = ["adjust_catalogue", "approve_catalogue", "create_catalogue", "publish_catalogue"]

ORDINANCE = "《重大行政决策程序暂行条例》"


def _lock(decision: MajorDecision) -> MajorDecision:
    return MajorDecision.objects.select_for_update().get(pk=decision.pk)


def _lock_catalogue(catalogue: DecisionCatalogue) -> DecisionCatalogue:
    return DecisionCatalogue.objects.select_for_update().get(pk=catalogue.pk)


# --- the catalogue (第三条第三款) ----------------------------------------------------------------
@transaction.atomic
def create_catalogue(*, actor: User, jurisdiction: Any, year: int) -> DecisionCatalogue:
    probe = DecisionCatalogue(jurisdiction=jurisdiction, year=year)
    require(actor, "rulemaking.manage_catalogue", probe, "只有司法行政部门可以编制决策事项目录。")
    if DecisionCatalogue.objects.filter(jurisdiction=jurisdiction, year=year).exists():
        raise err("year", f"{year}年度的决策事项目录已经存在。", "duplicate_catalogue")
    catalogue = DecisionCatalogue.objects.create(jurisdiction=jurisdiction, year=year)
    audit.record(actor=actor, action="rulemaking.create_catalogue", obj=catalogue, after={"year": year})
    return catalogue


@transaction.atomic
def approve_catalogue(
    *, actor: User, catalogue: DecisionCatalogue, on: date, approval_note: str
) -> DecisionCatalogue:
    """第三条第三款: published after the approval of the same-level Party committee."""
    catalogue = _lock_catalogue(catalogue)
    require(actor, "rulemaking.manage_catalogue", catalogue, "只有司法行政部门可以登记目录审批。")
    check_date(on)
    if catalogue.state != CatalogueState.DRAFTED:
        raise ValidationError("该目录已经报经同意。", code="already_approved")
    if not catalogue.decisions.exists():
        raise ValidationError("目录中还没有决策事项。", code="empty_catalogue")
    catalogue.state, catalogue.approved_on = CatalogueState.APPROVED, on
    catalogue.approval_note = required_text(approval_note, "approval_note", "同意文件")
    catalogue.save(update_fields=["state", "approved_on", "approval_note"])
    audit.record(actor=actor, action="rulemaking.approve_catalogue", obj=catalogue, after={"on": on})
    return catalogue


@transaction.atomic
def publish_catalogue(*, actor: User, catalogue: DecisionCatalogue, on: date) -> DecisionCatalogue:
    catalogue = _lock_catalogue(catalogue)
    require(actor, "rulemaking.manage_catalogue", catalogue, "只有司法行政部门可以公布决策事项目录。")
    check_date(on)
    if catalogue.state != CatalogueState.APPROVED:
        raise ValidationError(
            f"决策事项目录经同级党委同意后才能向社会公布（{ORDINANCE}第三条第三款）。", code="not_approved"
        )
    if catalogue.approved_on and on < catalogue.approved_on:
        raise err("on", "公布日期：不能早于党委同意日期。", "bad_date")
    catalogue.state, catalogue.published_on = CatalogueState.PUBLISHED, on
    catalogue.save(update_fields=["state", "published_on"])
    audit.record(actor=actor, action="rulemaking.publish_catalogue", obj=catalogue, after={"on": on})
    return catalogue


@transaction.atomic
def adjust_catalogue(
    *, actor: User, catalogue: DecisionCatalogue, decision: MajorDecision, added: bool, on: date, reason: str
) -> CatalogueAdjustment:
    """目录调整 during the year (第三条第三款: adjusted as needed), with the reason."""
    catalogue = _lock_catalogue(catalogue)
    require(actor, "rulemaking.manage_catalogue", catalogue, "只有司法行政部门可以调整决策事项目录。")
    check_date(on)
    reason = required_text(reason, "reason", "调整理由")
    decision = _lock(decision)
    if decision.jurisdiction_id != catalogue.jurisdiction_id:
        raise err("decision", "决策事项：不属于本地区。", "bad_decision")
    if added == (decision.catalogue_id == catalogue.pk and decision.in_catalogue):
        raise err(
            "decision", "决策事项：已在目录中。" if added else "决策事项：不在目录中。", "bad_adjustment"
        )
    decision.catalogue, decision.in_catalogue = catalogue, added
    decision.save(update_fields=["catalogue", "in_catalogue"])
    adj = CatalogueAdjustment.objects.create(
        catalogue=catalogue, decision=decision, added=added, on=on, reason=reason
    )
    audit.record(
        actor=actor,
        action="rulemaking.adjust_catalogue",
        obj=catalogue,
        after={"decision": decision.pk, "added": added},
    )
    return adj
