"""行政规范性文件 after adoption — the unified number, publication, entry into force, filing,
evaluation, repeal and expiry (《优化营商环境条例》第六十四、六十五条; 国办发〔2018〕37号)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core import audit, procedures
from fazhi.org.models import User

from ..models import NormativeDocument
from .common import check_date, err, require

__all__ = [
    "allocate_number",
    "end_document",
    "evaluate_document",
    "file_document",
    "publish_document",
    "review_filing",
    "take_effect",
]

NUMBER_PARTS = re.compile(r"〔(\d{4})〕(\d{1,4})号$")


def _lock(doc: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().get(pk=doc.pk)


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
