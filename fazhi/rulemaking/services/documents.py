"""行政规范性文件 up to adoption — drafting, public comment, machine pre-review, legality review,
fair-competition review, collective deliberation (LEGAL_RULES.md §6); one service per transition."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.org.models import Agency, User

from .. import prereview
from ..choices import FlagDecision, ReviewOpinion
from ..models import Clause, DraftVersion, NormativeDocument, PreReviewFlag, PreReviewRule
from .common import check_date, create_version, err, require, required_text

__all__ = [
    "add_version",
    "assess_document",
    "close_comment",
    "decide_flag",
    "deliberate_document",
    "fail_review",
    "open_comment",
    "pass_review",
    "record_fair_competition",
    "register_document",
    "resubmit_document",
    "run_prereview",
    "submit_review",
    "withdraw_document",
]


def _lock(doc: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().get(pk=doc.pk)


@transaction.atomic
def register_document(
    *,
    actor: User,
    agency: Any,
    title: str,
    issuing_organ: str,
    registered_on: date,
    text: str,
    touches_market: bool = False,
    requires_comment: bool = True,
    summary: str = "",
    replaces: NormativeDocument | None = None,
) -> NormativeDocument:
    """登记起草 — a drafting agency registers a draft with its first text (37号)."""
    if not isinstance(agency, Agency):
        raise err("agency", "起草单位：必须是行政机关。", "not_agency")
    probe = NormativeDocument(agency=agency, jurisdiction=agency.jurisdiction)
    require(actor, "rulemaking.draft_document", probe, "您无权为该单位登记规范性文件草案。")
    check_date(registered_on, "registered_on", "登记日期")
    title = required_text(title, "title", "文件名称")
    issuing_organ = required_text(issuing_organ, "issuing_organ", "制定机关")
    if replaces is not None and (replaces.jurisdiction_id != agency.jurisdiction_id or not replaces.is_valid):
        raise err("replaces", "修订的原文件：只能修订本地区现行有效的文件。", "bad_replaces")
    doc = NormativeDocument.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        title=title,
        issuing_organ=issuing_organ,
        registered_on=registered_on,
        touches_market=touches_market,
        requires_comment=requires_comment,
        summary=summary.strip(),
        replaces=replaces,
    )
    create_version(document=doc, text=text, on=registered_on, note="起草稿")
    procedures.start(doc, actor=actor, on=registered_on)
    audit.record(actor=actor, action="rulemaking.register_document", obj=doc, after={"title": title})
    return doc


@transaction.atomic
def add_version(
    *, actor: User, document: NormativeDocument, text: str, on: date, note: str = ""
) -> DraftVersion:
    """修改稿 — a new version of the draft (after comments or a failed review)."""
    doc = _lock(document)
    require(actor, "rulemaking.draft_document", doc, "您无权修改该草案。")
    check_date(on)
    if doc.state not in ("registered", "assessed", "commented", "review_failed", "reviewed"):
        raise ValidationError(f"文件当前状态为“{doc.state_label}”，不能修改草案文本。", code="version_locked")
    version = create_version(document=doc, text=text, on=on, note=note)
    audit.record(actor=actor, action="rulemaking.add_version", obj=doc, after={"version": version.number})
    return version


@transaction.atomic
def assess_document(
    *, actor: User, document: NormativeDocument, on: date, assessment: str
) -> NormativeDocument:
    """评估论证 — necessity and feasibility (37号)."""
    doc = _lock(document)
    check_date(on)
    doc.necessity_assessment = str(assessment or "").strip()
    procedures.advance(doc, "assess", actor=actor, on=on, data={"assessment": doc.necessity_assessment})
    return doc


@transaction.atomic
def open_comment(
    *, actor: User, document: NormativeDocument, on: date, ends_on: date | None, short_reason: str = ""
) -> NormativeDocument:
    """公开征求意见 — the draft is published on the portal from `on` to `ends_on`."""
    doc = _lock(document)
    check_date(on)
    doc.comment_starts_on, doc.comment_ends_on = on, ends_on
    doc.comment_short_reason = short_reason.strip()
    procedures.advance(
        doc,
        "open_comment",
        actor=actor,
        on=on,
        data={"on": on, "starts_on": on, "ends_on": ends_on, "short_reason": doc.comment_short_reason},
    )
    return doc


@transaction.atomic
def close_comment(*, actor: User, document: NormativeDocument, on: date) -> NormativeDocument:
    doc = _lock(document)
    check_date(on)
    doc.comment_closed_on = on
    procedures.advance(doc, "close_comment", actor=actor, on=on, data={"on": on})
    return doc


def run_prereview(version: DraftVersion) -> list[PreReviewFlag]:
    """机器预审: flag each clause of `version` (once per version; rules are data)."""
    if PreReviewFlag.objects.filter(clause__version=version).exists():
        return []
    rules = list(PreReviewRule.objects.filter(is_active=True))
    jurisdiction_id = (version.document or version.decision).jurisdiction_id  # type: ignore[union-attr]
    ended = list(
        NormativeDocument.objects.filter(
            jurisdiction_id=jurisdiction_id, state__in=("repealed", "expired", "replaced")
        ).only("id", "title", "number", "state")
    )
    flags = [
        PreReviewFlag(
            clause=clause,
            rule_id=f.rule_id,
            kind=f.kind,
            excerpt=f.excerpt,
            basis=f.basis,
            message=f.message,
            related_document_id=f.related_document_id,
        )
        for clause in Clause.objects.filter(version=version).order_by("position")
        for f in prereview.check_clause(clause.text, rules, ended)
    ]
    return PreReviewFlag.objects.bulk_create(flags)


@transaction.atomic
def submit_review(*, actor: User, document: NormativeDocument, on: date) -> NormativeDocument:
    """报送合法性审核 — the justice bureau's review clock starts; machine pre-review runs."""
    doc = _lock(document)
    check_date(on)
    doc.legality_submitted_on = on
    procedures.advance(doc, "submit_review", actor=actor, on=on, data={"on": on})
    version = doc.versions.order_by("-number").first()
    if version is not None:
        flags = run_prereview(version)
        audit.record(
            actor=actor,
            action="rulemaking.prereview",
            obj=doc,
            after={"version": version.number, "flags": len(flags)},
        )
    return doc


@transaction.atomic
def resubmit_document(*, actor: User, document: NormativeDocument, on: date) -> NormativeDocument:
    doc = _lock(document)
    check_date(on)
    doc.legality_submitted_on = on
    doc.legality_opinion, doc.legality_reviewed_on = "", None
    procedures.advance(doc, "resubmit", actor=actor, on=on, data={"on": on})
    version = doc.versions.order_by("-number").first()
    if version is not None:
        run_prereview(version)
    return doc


@transaction.atomic
def decide_flag(
    *, actor: User, flag: PreReviewFlag, decision: str, note: str = "", on: date
) -> PreReviewFlag:
    """The reviewer records a pre-review flag as accepted (问题成立) or dismissed (排除)."""
    flag = (
        PreReviewFlag.objects.select_for_update(of=("self",))
        .select_related("clause__version__document")
        .get(pk=flag.pk)
    )
    doc = flag.clause.version.document
    require(actor, "rulemaking.decide_flag", doc, "只有司法行政部门的审核人员可以确认预审提示。")
    check_date(on)
    if decision not in (FlagDecision.ACCEPTED, FlagDecision.DISMISSED):
        raise err("decision", "确认结果：请选择“问题成立”或“不成立”。", "bad_decision")
    if decision == FlagDecision.DISMISSED and not note.strip():
        raise err("note", "确认说明：排除预审提示应当说明理由（如已有上位法依据）。", "required")
    if doc is not None and doc.state != "legality_review":
        raise ValidationError("只能在合法性审核期间确认预审提示。", code="not_in_review")
    before = flag.decision
    flag.decision, flag.decision_note, flag.decided_by, flag.decided_on = decision, note.strip(), actor, on
    flag.save(update_fields=["decision", "decision_note", "decided_by", "decided_on"])
    audit.record(
        actor=actor,
        action="rulemaking.decide_flag",
        obj=flag,
        before={"decision": before},
        after={"decision": decision},
    )
    return flag


def _record_opinion(doc: NormativeDocument, actor: User, on: date, opinion: str, opinion_text: str) -> None:
    doc.legality_opinion, doc.legality_opinion_text = opinion, opinion_text.strip()
    doc.legality_reviewed_on, doc.legality_reviewer = on, actor


@transaction.atomic
def pass_review(
    *,
    actor: User,
    document: NormativeDocument,
    on: date,
    opinion: str = ReviewOpinion.PASSED,
    opinion_text: str,
) -> NormativeDocument:
    """合法性审核意见（合法 / 修改后合法）— 《优化营商环境条例》第六十三条第二款."""
    doc = _lock(document)
    check_date(on)
    _record_opinion(doc, actor, on, opinion, opinion_text)
    procedures.advance(
        doc,
        "pass_review",
        actor=actor,
        on=on,
        data={"on": on, "opinion": opinion, "opinion_text": doc.legality_opinion_text},
    )
    return doc


@transaction.atomic
def fail_review(
    *, actor: User, document: NormativeDocument, on: date, opinion_text: str
) -> NormativeDocument:
    """合法性审核意见（不合法）— the draft goes back to the drafter and cannot be deliberated."""
    doc = _lock(document)
    check_date(on)
    _record_opinion(doc, actor, on, ReviewOpinion.FAILED, opinion_text)
    procedures.advance(
        doc, "fail_review", actor=actor, on=on, data={"on": on, "opinion_text": doc.legality_opinion_text}
    )
    return doc


@transaction.atomic
def record_fair_competition(
    *, actor: User, document: NormativeDocument, on: date, conclusion: str, text: str
) -> NormativeDocument:
    """公平竞争审查 — the drafter's review with the market-supervision department, written conclusion."""
    doc = _lock(document)
    check_date(on)
    doc.fair_competition_conclusion, doc.fair_competition_text, doc.fair_competition_on = (
        conclusion,
        text.strip(),
        on,
    )
    procedures.advance(
        doc,
        "fair_competition_review",
        actor=actor,
        on=on,
        data={"on": on, "conclusion": conclusion, "text": text.strip()},
    )
    return doc


@transaction.atomic
def deliberate_document(
    *, actor: User, document: NormativeDocument, on: date, meeting_kind: str, meeting_name: str, minutes: str
) -> NormativeDocument:
    """集体审议 — the organ's meeting adopts the draft; the minutes are required (37号)."""
    doc = _lock(document)
    check_date(on)
    doc.meeting_kind, doc.meeting_name, doc.minutes, doc.deliberated_on = (
        meeting_kind,
        meeting_name.strip(),
        minutes.strip(),
        on,
    )
    procedures.advance(
        doc,
        "deliberate",
        actor=actor,
        on=on,
        data={
            "on": on,
            "meeting_kind": meeting_kind,
            "meeting_name": doc.meeting_name,
            "minutes": doc.minutes,
        },
    )
    return doc


@transaction.atomic
def withdraw_document(
    *, actor: User, document: NormativeDocument, on: date, reason: str
) -> NormativeDocument:
    doc = _lock(document)
    check_date(on)
    doc.ended_on, doc.end_reason = on, str(reason or "").strip()
    procedures.advance(doc, "withdraw", actor=actor, on=on, data={"reason": doc.end_reason})
    return doc
