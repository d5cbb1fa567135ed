"""规范性文件清理 — every document of the campaign gets remains valid / amend / repeal / expired, with
the reason (37号; 国发〔2010〕33号). The result sheet is an Excel round-trip (core.excel)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, excel, procedures
from fazhi.org.models import User

from ..choices import CleanupConclusion, CleanupKind
from ..models import CleanupCampaign, CleanupResult, NormativeDocument
from .common import check_date, err, require, required_text
from .publication import end_document

__all__ = [
    "RESULT_COLUMNS",
    "conclude_cleanup",
    "import_cleanup_results",
    "record_cleanup_result",
    "result_sheet",
    "start_cleanup",
]

RESULT_COLUMNS = (
    excel.Column("number", "文号", "不要修改：按文号匹配清理范围内的文件。", required=True, width=24),
    excel.Column("title", "文件名称", "仅供核对，导入时不读取。", width=40),
    excel.Column(
        "conclusion",
        "清理结论",
        "继续有效、修改、废止或宣布失效。",
        required=True,
        choices=tuple(CleanupConclusion.choices),
    ),
    excel.Column("reason", "理由", "每件文件都应写明清理理由。", required=True, width=50),
)


@transaction.atomic
def start_cleanup(
    *,
    actor: User,
    jurisdiction: Any,
    title: str,
    kind: str,
    started_on: date,
    topic: str = "",
    documents: list[NormativeDocument] | None = None,
) -> CleanupCampaign:
    """开展清理: comprehensive (every valid document) or thematic (the listed documents on a topic)."""
    probe = CleanupCampaign(jurisdiction=jurisdiction)
    probe.jurisdiction_id = jurisdiction.pk
    require(actor, "rulemaking.manage_cleanup", probe, "只有司法行政部门可以组织规范性文件清理。")
    check_date(started_on, "started_on", "开始日期")
    title = required_text(title, "title", "清理名称")
    if kind not in CleanupKind.values:
        raise err("kind", "清理类型：请选择全面清理或专项清理。", "bad_kind")
    valid = NormativeDocument.objects.filter(jurisdiction=jurisdiction).valid()
    if kind == CleanupKind.THEMATIC:
        required_text(topic, "topic", "专项清理主题")
        ids = [d.pk for d in documents or []]
        if not ids:
            raise err("documents", "清理范围：专项清理应选择纳入清理的文件。", "required")
        scope = list(valid.filter(pk__in=ids))
        if len(scope) != len(set(ids)):
            raise err("documents", "清理范围：只能选择本地区现行有效的文件。", "bad_documents")
    else:
        scope = list(valid)
    campaign = CleanupCampaign.objects.create(
        jurisdiction=jurisdiction, title=title, kind=kind, topic=topic.strip(), started_on=started_on
    )
    if kind == CleanupKind.COMPREHENSIVE:  # the two-year clock of the last comprehensive cleanup stops
        for previous in CleanupCampaign.objects.filter(jurisdiction=jurisdiction, kind=kind).exclude(
            pk=campaign.pk
        ):
            procedures.stop_clock(
                previous, "rulemaking.cleanup", "next_comprehensive", actor=actor, on=started_on
            )
    CleanupResult.objects.bulk_create([CleanupResult(campaign=campaign, document=d) for d in scope])
    audit.record(
        actor=actor, action="rulemaking.start_cleanup", obj=campaign, after={"documents": len(scope)}
    )
    return campaign


@transaction.atomic
def record_cleanup_result(
    *, actor: User, result: CleanupResult, conclusion: str, reason: str, on: date
) -> CleanupResult:
    """One document's conclusion, with its reason."""
    result = (
        CleanupResult.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=result.pk)
    )
    require(actor, "rulemaking.manage_cleanup", result.campaign, "只有司法行政部门可以确定清理结论。")
    check_date(on)
    if result.campaign.concluded_on is not None:
        raise ValidationError("该清理工作已经结束，不能修改清理结论。", code="campaign_concluded")
    if conclusion not in CleanupConclusion.values:
        raise err("conclusion", "清理结论：请选择继续有效、修改、废止或宣布失效。", "bad_conclusion")
    result.conclusion, result.reason, result.decided_on = (
        conclusion,
        required_text(reason, "reason", "理由"),
        on,
    )
    result.save(update_fields=["conclusion", "reason", "decided_on"])
    audit.record(
        actor=actor, action="rulemaking.record_cleanup_result", obj=result, after={"conclusion": conclusion}
    )
    return result


def result_sheet(campaign: CleanupCampaign) -> bytes:
    """清理结果表 — the campaign's documents in the import layout (fill in, upload back)."""
    rows = [
        (
            r.document.number or "",
            r.document.title,
            r.get_conclusion_display() if r.conclusion else "",
            r.reason,
        )
        for r in campaign.results.select_related("document").order_by("document__number")
    ]
    return excel.export("清理结果", RESULT_COLUMNS, rows)


def import_cleanup_results(
    *, actor: User, campaign: CleanupCampaign, content: bytes, on: date
) -> excel.ImportResult:
    """Upload the filled result sheet: all rows or none, one Chinese message per broken cell."""
    require(actor, "rulemaking.manage_cleanup", campaign, "只有司法行政部门可以确定清理结论。")
    rows = excel.read_rows(content, RESULT_COLUMNS)
    by_number = {r.document.number: r for r in campaign.results.select_related("document")}

    def handle(values: dict[str, str], result: excel.ImportResult, number: int) -> None:
        r = by_number.get(values["number"])
        if r is None:
            raise excel.field_error("number", f"文号“{values['number']}”不在本次清理范围内。", "not_in_scope")
        conclusion = excel.choice(values["conclusion"], RESULT_COLUMNS[2])
        record_cleanup_result(actor=actor, result=r, conclusion=conclusion, reason=values["reason"], on=on)
        result.updated += 1

    return excel.run_rows(rows, RESULT_COLUMNS, handle)


@transaction.atomic
def conclude_cleanup(*, actor: User, campaign: CleanupCampaign, on: date) -> CleanupCampaign:
    """结束清理: every document has a conclusion with its reason; repeal / expire take effect, amend
    marks the document for amendment. The lists are then published (valid / repealed / expired)."""
    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    require(actor, "rulemaking.manage_cleanup", campaign, "只有司法行政部门可以结束清理。")
    check_date(on)
    if campaign.concluded_on is not None:
        raise ValidationError("该清理工作已经结束。", code="campaign_concluded")
    results = list(campaign.results.select_related("document"))
    missing = [r.document for r in results if not r.conclusion or not r.reason.strip()]
    if missing:
        names = "、".join(f"《{d.title}》" for d in missing[:3])
        raise ValidationError(
            f"还有{len(missing)}件文件没有清理结论和理由（{names}{'等' if len(missing) > 3 else ''}），每件文件都应作出结论。",
            code="results_missing",
        )
    for r in results:
        if r.conclusion == CleanupConclusion.REPEAL and r.document.is_valid:
            end_document(
                actor=actor, document=r.document, on=on, how="repeal", reason=f"{campaign.title}：{r.reason}"
            )
        elif r.conclusion == CleanupConclusion.EXPIRE and r.document.is_valid:
            end_document(
                actor=actor,
                document=r.document,
                on=on,
                how="declare_expired",
                reason=f"{campaign.title}：{r.reason}",
            )
        elif r.conclusion == CleanupConclusion.AMEND:
            NormativeDocument.objects.filter(pk=r.document_id).update(to_amend=True)
    campaign.concluded_on = on
    campaign.save(update_fields=["concluded_on"])
    if campaign.kind == CleanupKind.COMPREHENSIVE:
        procedures.start_clock(campaign, "rulemaking.cleanup", "next_comprehensive", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="rulemaking.conclude_cleanup",
        obj=campaign,
        after={"on": on, "documents": len(results)},
    )
    return campaign
