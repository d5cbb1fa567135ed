"""重大行政决策 — the catalogue and each decision's five procedures (国务院令第713号)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.org.models import Agency, User

from ..choices import CatalogueState, ReviewOpinion, RiskLevel
from ..models import DecisionCatalogue, DecisionReport, DraftVersion, MajorDecision
from .common import check_date, create_version, err, require, required_text

__all__ = [
    "abandon_decision",
    "add_decision_version",
    "close_participation",
    "decide",
    "fail_decision_review",
    "open_participation",
    "pass_decision_review",
    "publish_decision",
    "record_expert_review",
    "record_hearing",
    "record_report",
    "record_risk_assessment",
    "register_decision",
    "resubmit_decision",
    "submit_decision_review",
]

ORDINANCE = "《重大行政决策程序暂行条例》"


def _lock(decision: MajorDecision) -> MajorDecision:
    return MajorDecision.objects.select_for_update().get(pk=decision.pk)


# --- a decision -----------------------------------------------------------------------------------
@transaction.atomic
def register_decision(
    *,
    actor: User,
    agency: Any,
    title: str,
    summary: str,
    registered_on: date,
    catalogue: DecisionCatalogue | None = None,
    requires_expert_review: bool = True,
    requires_risk_assessment: bool = True,
    confidential: bool = False,
    confidential_reason: str = "",
    touches_market: bool = False,
    text: str = "",
) -> MajorDecision:
    """决策启动 (第十、十一条): the decision organ names the undertaking unit."""
    if not isinstance(agency, Agency):
        raise err("agency", "承办单位：必须是行政机关。", "not_agency")
    probe = MajorDecision(agency=agency, jurisdiction=agency.jurisdiction)
    require(actor, "rulemaking.manage_decision", probe, "您无权为该单位登记重大行政决策。")
    check_date(registered_on, "registered_on", "启动日期")
    if catalogue is not None:
        if catalogue.jurisdiction_id != agency.jurisdiction_id:
            raise err("catalogue", "所在目录：不属于本地区。", "bad_catalogue")
        if catalogue.state != CatalogueState.DRAFTED:
            raise err("catalogue", "所在目录已经报经同意，新增事项请通过“目录调整”办理。", "catalogue_locked")
    if confidential and not confidential_reason.strip():
        raise err("confidential_reason", "不公开征求意见的依据：依法不予公开的，应当写明依据。", "required")
    decision = MajorDecision.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        catalogue=catalogue,
        title=required_text(title, "title", "决策事项"),
        summary=required_text(summary, "summary", "决策内容和理由"),
        registered_on=registered_on,
        requires_expert_review=requires_expert_review,
        requires_risk_assessment=requires_risk_assessment,
        confidential=confidential,
        confidential_reason=confidential_reason.strip(),
        touches_market=touches_market,
    )
    if text.strip():
        create_version(decision=decision, text=text, on=registered_on, note="决策草案")
    procedures.start(decision, actor=actor, on=registered_on)
    audit.record(
        actor=actor, action="rulemaking.register_decision", obj=decision, after={"title": decision.title}
    )
    return decision


@transaction.atomic
def add_decision_version(
    *, actor: User, decision: MajorDecision, text: str, on: date, note: str = ""
) -> DraftVersion:
    decision = _lock(decision)
    require(actor, "rulemaking.manage_decision", decision, "您无权修改该决策草案。")
    check_date(on)
    if decision.state not in ("registered", "consulted", "review_failed"):
        raise ValidationError(
            f"决策当前状态为“{decision.state_label}”，不能修改草案。", code="version_locked"
        )
    version = create_version(decision=decision, text=text, on=on, note=note)
    audit.record(
        actor=actor, action="rulemaking.add_decision_version", obj=decision, after={"version": version.number}
    )
    return version


@transaction.atomic
def open_participation(
    *, actor: User, decision: MajorDecision, on: date, ends_on: date | None, short_reason: str = ""
) -> MajorDecision:
    """公开征求意见 (第十四、十五条): ≥30 days unless a shorter period is explained."""
    decision = _lock(decision)
    check_date(on)
    decision.comment_starts_on, decision.comment_ends_on = on, ends_on
    decision.comment_short_reason = short_reason.strip()
    procedures.advance(
        decision,
        "open_participation",
        actor=actor,
        on=on,
        data={"on": on, "starts_on": on, "ends_on": ends_on, "short_reason": decision.comment_short_reason},
    )
    return decision


@transaction.atomic
def close_participation(*, actor: User, decision: MajorDecision, on: date, adoption: str) -> MajorDecision:
    decision = _lock(decision)
    check_date(on)
    decision.comment_closed_on = on
    decision.comment_adoption = required_text(adoption, "adoption", "公众意见采纳情况")
    procedures.advance(decision, "close_participation", actor=actor, on=on, data={"on": on})
    return decision


def _record(decision: MajorDecision, actor: User, action: str, fields: dict[str, Any]) -> MajorDecision:
    require(actor, "rulemaking.manage_decision", decision, "您无权办理该决策事项。")
    if decision.state not in ("registered", "consulting", "consulted", "review_failed"):
        raise ValidationError(
            f"决策当前状态为“{decision.state_label}”，不能再登记该程序。", code="procedure_locked"
        )
    for k, v in fields.items():
        setattr(decision, k, v)
    decision.save(update_fields=list(fields))
    audit.record(actor=actor, action=f"rulemaking.{action}", obj=decision, after=fields)
    return decision


@transaction.atomic
def record_hearing(
    *,
    actor: User,
    decision: MajorDecision,
    hearing_on: date,
    record: str,
    materials_sent_on: date | None = None,
) -> MajorDecision:
    """听证 (第十六、十七条): materials reach the participants ≥7 days before; they sign the record."""
    from ..guards import earliest_date
    from ..procedures import COMMENT_CLOCKS

    decision = _lock(decision)
    check_date(hearing_on, "hearing_on", "听证日期")
    if materials_sent_on is not None:
        period = COMMENT_CLOCKS["hearing_materials"].period
        earliest, pending = earliest_date(materials_sent_on, period)
        if hearing_on < earliest:
            raise err(
                "hearing_on",
                f"听证材料于{materials_sent_on.isoformat()}送达，听证不得早于{earliest.isoformat()}{pending}（{period.basis}：听证7日前送达材料）。",
                "hearing_too_early",
            )
    return _record(
        decision,
        actor,
        "record_hearing",
        {"hearing_on": hearing_on, "hearing_record": required_text(record, "record", "听证笔录")},
    )


@transaction.atomic
def record_expert_review(
    *, actor: User, decision: MajorDecision, on: date, experts: str, opinion: str
) -> MajorDecision:
    """专家论证 (第十九至二十一条): signed written opinions."""
    decision = _lock(decision)
    check_date(on)
    return _record(
        decision,
        actor,
        "record_expert_review",
        {
            "expert_review_on": on,
            "expert_names": required_text(experts, "experts", "论证专家"),
            "expert_opinion": required_text(opinion, "opinion", "专家论证意见"),
        },
    )


@transaction.atomic
def record_risk_assessment(
    *, actor: User, decision: MajorDecision, on: date, risk_level: str, report: str
) -> MajorDecision:
    """风险评估 (第二十二至二十四条): a report with risk points, measures and contingency plans."""
    decision = _lock(decision)
    check_date(on)
    if risk_level not in RiskLevel.values:
        raise err("risk_level", "风险等级：请选择评估确定的风险等级。", "bad_risk_level")
    return _record(
        decision,
        actor,
        "record_risk_assessment",
        {
            "risk_assessed_on": on,
            "risk_level": risk_level,
            "risk_report": required_text(report, "report", "风险评估报告"),
        },
    )


@transaction.atomic
def submit_decision_review(
    *, actor: User, decision: MajorDecision, on: date, needed_by: date | None = None, short_reason: str = ""
) -> MajorDecision:
    """报送合法性审查 (第二十五条); the review gets at least 7 working days (第二十七条): an opinion
    needed sooner (`needed_by`) takes a written reason."""
    decision = _lock(decision)
    check_date(on)
    decision.legality_submitted_on = on
    decision.legality_short_reason = short_reason.strip()
    procedures.advance(
        decision,
        "submit_review",
        actor=actor,
        on=on,
        data={"on": on, "needed_by": needed_by, "short_reason": decision.legality_short_reason},
    )
    return decision


@transaction.atomic
def pass_decision_review(
    *, actor: User, decision: MajorDecision, on: date, opinion_text: str, opinion: str = ReviewOpinion.PASSED
) -> MajorDecision:
    decision = _lock(decision)
    check_date(on)
    decision.legality_opinion, decision.legality_opinion_text, decision.legality_reviewed_on = (
        opinion,
        opinion_text.strip(),
        on,
    )
    procedures.advance(
        decision,
        "pass_review",
        actor=actor,
        on=on,
        data={"on": on, "opinion": opinion, "opinion_text": opinion_text.strip()},
    )
    return decision


@transaction.atomic
def fail_decision_review(
    *, actor: User, decision: MajorDecision, on: date, opinion_text: str
) -> MajorDecision:
    decision = _lock(decision)
    check_date(on)
    decision.legality_opinion, decision.legality_opinion_text = ReviewOpinion.FAILED, opinion_text.strip()
    decision.legality_reviewed_on = on
    procedures.advance(
        decision, "fail_review", actor=actor, on=on, data={"on": on, "opinion_text": opinion_text.strip()}
    )
    return decision


@transaction.atomic
def resubmit_decision(*, actor: User, decision: MajorDecision, on: date) -> MajorDecision:
    decision = _lock(decision)
    check_date(on)
    decision.legality_opinion, decision.legality_reviewed_on, decision.legality_submitted_on = "", None, on
    procedures.advance(decision, "resubmit", actor=actor, on=on, data={"on": on})
    return decision


@transaction.atomic
def decide(
    *,
    actor: User,
    decision: MajorDecision,
    on: date,
    meeting_kind: str,
    meeting_name: str,
    minutes: str,
    outcome: str,
    dissent: str = "",
    departs_from_majority: bool = False,
    head_explanation: str = "",
) -> MajorDecision:
    """集体讨论决定 (第三十、三十一条): minutes required, dissent recorded truthfully."""
    decision = _lock(decision)
    check_date(on)
    decision.meeting_kind, decision.meeting_name = meeting_kind, meeting_name.strip()
    decision.minutes, decision.outcome, decision.decided_on = minutes.strip(), outcome.strip(), on
    decision.dissent, decision.head_explanation = dissent.strip(), head_explanation.strip()
    procedures.advance(
        decision,
        "decide",
        actor=actor,
        on=on,
        data={
            "on": on,
            "meeting_kind": meeting_kind,
            "meeting_name": decision.meeting_name,
            "minutes": decision.minutes,
            "outcome": decision.outcome,
            "departs_from_majority": departs_from_majority,
            "head_explanation": decision.head_explanation,
        },
    )
    return decision


@transaction.atomic
def publish_decision(*, actor: User, decision: MajorDecision, on: date) -> MajorDecision:
    """决策公布 (第三十二条), explaining how public and expert views were taken up."""
    decision = _lock(decision)
    require(actor, "rulemaking.manage_decision", decision, "您无权公布该决策。")
    check_date(on)
    if decision.state != "decided":
        raise ValidationError("决策作出后才能公布。", code="not_decided")
    if decision.decided_on and on < decision.decided_on:
        raise err("on", "公布日期：不能早于决定日期。", "bad_date")
    decision.published_on = on
    decision.save(update_fields=["published_on"])
    audit.record(actor=actor, action="rulemaking.publish_decision", obj=decision, after={"on": on})
    return decision


@transaction.atomic
def record_report(
    *, actor: User, decision: MajorDecision, on: date, by: str, text: str, is_evaluation: bool = False
) -> DecisionReport:
    """执行情况报告 (第三十四条) or 决策后评估 (第三十六条)."""
    decision = _lock(decision)
    require(actor, "rulemaking.manage_decision", decision, "您无权登记该决策的执行情况。")
    check_date(on)
    if decision.state != "decided":
        raise ValidationError("决策作出后才能登记执行情况或后评估。", code="not_decided")
    report = DecisionReport.objects.create(
        decision=decision,
        on=on,
        by=required_text(by, "by", "执行单位或评估机构"),
        text=required_text(text, "text", "情况"),
        is_evaluation=is_evaluation,
        recorded_by=actor,
    )
    audit.record(
        actor=actor, action="rulemaking.record_report", obj=decision, after={"evaluation": is_evaluation}
    )
    return report


@transaction.atomic
def abandon_decision(*, actor: User, decision: MajorDecision, on: date, reason: str) -> MajorDecision:
    decision = _lock(decision)
    check_date(on)
    procedures.advance(decision, "abandon", actor=actor, on=on, data={"reason": str(reason or "").strip()})
    return decision
