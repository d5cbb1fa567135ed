"""行政规范性文件 — every write, one service per transition (LEGAL_RULES.md §6)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core import audit, procedures
from fazhi.org.models import Agency, User

from .. import prereview
from ..choices import FlagDecision, ReviewOpinion
from ..models import Clause, DraftVersion, NormativeDocument, PreReviewFlag, PreReviewRule
from .common import check_date, create_version, err, require, required_text

__all__ = [
    "add_version",
    "allocate_number",
    "assess_document",
    "close_comment",
    "decide_flag",
    "deliberate_document",
    "end_document",
    "evaluate_document",
    "fail_review",
    "file_document",
    "open_comment",
    "pass_review",
    "publish_document",
    "record_fair_competition",
    "register_document",
    "resubmit_document",
    "review_filing",
    "run_prereview",
    "submit_review",
    "take_effect",
    "withdraw_document",
]

NUMBER_PARTS = re.compile(r"〔(\d{4})〕(\d{1,4})号$")


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
        PreReviewFlag.objects.select_for_update().select_related("clause__version__document").get(pk=flag.pk)
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


def allocate_number(*, jurisdiction_id: int, issuing_organ: str, prefix: str, year: int) -> tuple[str, int]:
    """The next unified number of an issuing organ in a year (until core.numbers lands: a unique
    constraint on (jurisdiction, organ, year, seq) makes a concurrent duplicate fail, never pass)."""
    last = NormativeDocument.objects.filter(
        jurisdiction_id=jurisdiction_id, issuing_organ=issuing_organ, number_year=year
    ).aggregate(m=Max("number_seq"))["m"]
    seq = (last or 0) + 1
    return f"{prefix}〔{year}〕{seq}号", seq


@transaction.atomic
def publish_document(
    *,
    actor: User,
    document: NormativeDocument,
    on: date,
    signed_by: str,
    effective_on: date,
    validity_months: int,
    number: str = "",
    prefix: str = "",
    channel: str = "县政府门户网站、政府公报",
) -> NormativeDocument:
    """签发公布 with the unified number (《优化营商环境条例》第六十四条第二款; 37号). Effective the
    same day → in force at once; a later effective date → 施行 on that day (第六十五条)."""
    doc = _lock(document)
    check_date(on)
    number = number.strip()
    seq: int | None = None
    if not number:
        if not prefix.strip():
            raise err("number", "文号：请填写文号，或填写发文字号前缀由系统统一编号。", "required")
        number, seq = allocate_number(
            jurisdiction_id=doc.jurisdiction_id,
            issuing_organ=doc.issuing_organ,
            prefix=prefix.strip(),
            year=on.year,
        )
    else:
        m = NUMBER_PARTS.search(number)
        if m and int(m.group(1)) == on.year:
            seq = int(m.group(2))
    if (
        seq is not None
        and NormativeDocument.objects.filter(
            jurisdiction_id=doc.jurisdiction_id,
            issuing_organ=doc.issuing_organ,
            number_year=on.year,
            number_seq=seq,
        )
        .exclude(pk=doc.pk)
        .exclude(number=number)  # the same text: the number_unique guard names the document
        .exists()
    ):
        raise err(
            "number",
            f"文号“{number}”：{doc.issuing_organ}{on.year}年第{seq}号已被使用，不能重复编号。",
            "duplicate_number",
        )
    doc.number, doc.number_year, doc.number_seq = number, on.year, seq
    doc.signed_by, doc.published_on, doc.effective_on = signed_by.strip(), on, effective_on
    doc.validity_months, doc.publication_channel = validity_months, channel.strip()
    version = doc.versions.order_by("-number").first()
    doc.full_text = version.text if version else ""
    procedures.advance(
        doc,
        "publish",
        actor=actor,
        on=on,
        data={
            "on": on,
            "signed_by": doc.signed_by,
            "number": number,
            "effective_on": effective_on,
            "validity_months": validity_months,
        },
    )
    if effective_on == on:
        _take_effect(doc, actor, on)
    return doc


def _take_effect(doc: NormativeDocument, actor: User, on: date) -> None:
    procedures.advance(doc, "take_effect", actor=actor, on=on, data={"on": on})
    old = doc.replaces
    if old is not None and old.is_valid:
        old = _lock(old)
        old.ended_on, old.end_reason = on, f"被{doc.number}《{doc.title}》修订替代"
        procedures.advance(old, "replace", actor=actor, on=on, data={"reason": old.end_reason})


@transaction.atomic
def take_effect(*, actor: User, document: NormativeDocument, on: date) -> NormativeDocument:
    """施行 — on the effective date the validity period and the evaluation reminder start."""
    doc = _lock(document)
    check_date(on)
    _take_effect(doc, actor, on)
    return doc


@transaction.atomic
def file_document(
    *, actor: User, document: NormativeDocument, on: date, filed_with: str, late_reason: str = ""
) -> NormativeDocument:
    """报送备案 — with the people's-congress standing committee and the government above (37号).
    After the filing period only with a recorded reason; the filing is then flagged late."""
    doc = _lock(document)
    check_date(on)
    if doc.published_on and on < doc.published_on:
        raise err("on", "报备日期：不能早于公布日期。", "bad_date")
    running = procedures.deadlines(doc).filter(clock="filing", state__in=("open", "paused")).first()
    doc.filed_on, doc.filed_with, doc.late_filing_reason = on, filed_with.strip(), late_reason.strip()
    doc.filed_late = bool(running and running.due_date and on > running.due_date)
    transition = "file" if doc.state == "published" else "file_in_force"
    procedures.advance(
        doc,
        transition,
        actor=actor,
        on=on,
        data={"on": on, "filed_with": doc.filed_with, "late_reason": doc.late_filing_reason},
    )
    return doc


@transaction.atomic
def review_filing(
    *, actor: User, document: NormativeDocument, on: date, compliant: bool, note: str = ""
) -> NormativeDocument:
    """备案审查 — the justice bureau records whether the filing is complete and compliant (示范指标第27项)."""
    doc = _lock(document)
    require(actor, "rulemaking.accept_filing", doc, "只有司法行政部门可以办理备案审查。")
    check_date(on)
    if doc.filed_on is None:
        raise ValidationError("该文件尚未报送备案。", code="not_filed")
    if not compliant and not note.strip():
        raise err("note", "备案审查意见：报备不规范的，应当写明问题和纠正要求。", "required")
    doc.filing_compliant, doc.filing_review_note = compliant, note.strip()
    doc.save(update_fields=["filing_compliant", "filing_review_note"])
    audit.record(
        actor=actor, action="rulemaking.review_filing", obj=doc, after={"compliant": compliant, "on": on}
    )
    return doc


@transaction.atomic
def evaluate_document(
    *, actor: User, document: NormativeDocument, on: date, conclusion: str
) -> NormativeDocument:
    """有效期届满前评估 (local rules): the issuer evaluates, then amends, repeals or confirms."""
    doc = _lock(document)
    check_date(on)
    doc.evaluated_on, doc.evaluation_conclusion = on, str(conclusion or "").strip()
    procedures.advance(doc, "evaluate", actor=actor, on=on, data={"conclusion": doc.evaluation_conclusion})
    return doc


@transaction.atomic
def end_document(
    *, actor: User, document: NormativeDocument, on: date, how: str, reason: str
) -> NormativeDocument:
    """废止 (`repeal`) or 宣布失效 (`declare_expired`), with the reason (37号; cleanup results)."""
    if how not in ("repeal", "declare_expired", "replace"):
        raise err("how", "处理方式：应为废止、宣布失效或被修订替代。", "bad_how")
    doc = _lock(document)
    check_date(on)
    doc.ended_on, doc.end_reason = on, str(reason or "").strip()
    procedures.advance(doc, how, actor=actor, on=on, data={"reason": doc.end_reason})
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
