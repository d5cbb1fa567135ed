"""The annual report: create with the statutory outline, edit sections, build the figures,
publish on the portal (LEGAL_RULES.md §11: contents per 督察工作规定; published by 1 April)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.org.models import Jurisdiction
from fazhi.reporting.annual_report import render, sections
from fazhi.reporting.annual_report.figures import PLACEHOLDER, Resolver, unknown_codes
from fazhi.reporting.models import AnnualReport, ReportFigure, ReportSection, ReportStatus


@transaction.atomic
def create_report(*, actor: Any, jurisdiction: Jurisdiction, year: int, issuer: str = "") -> AnnualReport:
    """起草年度报告: the statutory sections with the default narrative and its figure placeholders."""
    if not actor.has_perm("reporting.edit_report", jurisdiction):
        raise PermissionDenied("只有本级司法行政机关可以起草法治政府建设年度报告。")
    if AnnualReport.objects.filter(jurisdiction=jurisdiction, year=year).exists():
        raise ValidationError({"year": f"{jurisdiction}{year}年度报告已存在。"})
    if year < 2000 or year > timezone.localdate().year:
        raise ValidationError(
            {"year": f"报告年度应在 2000 至 {timezone.localdate().year} 之间，实际为 {year}。"}
        )
    issuer = issuer or f"{jurisdiction.name}人民政府"
    report = AnnualReport.objects.create(
        jurisdiction=jurisdiction,
        year=year,
        issuer=issuer,
        title=f"{issuer}关于{year}年度法治政府建设情况的报告",
    )
    for order, spec in enumerate(sections.SPECS, start=1):
        ReportSection.objects.create(
            report=report,
            key=spec.key,
            order=order,
            heading=sections.heading_text(spec.heading, year=year, jurisdiction=jurisdiction.name),
            body=sections.heading_text(spec.body, year=year, jurisdiction=jurisdiction.name),
        )
    n = _build(report)
    audit.record(
        actor=actor, action="reporting.create_report", obj=report, after={"year": year, "figures": n}
    )
    return report


def _check_edit(actor: Any, report: AnnualReport) -> None:
    if not actor.has_perm("reporting.edit_report", report):
        raise PermissionDenied("只有本级司法行政机关可以修改年度报告。")
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError("年度报告已公开，不能再修改。", code="published")


@transaction.atomic
def update_section(*, actor: Any, section: ReportSection, body: str) -> ReportSection:
    """修改章节正文; every placeholder must name a catalogue code."""
    section = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    _check_edit(actor, section.report)
    unknown = unknown_codes(body)
    if unknown:
        raise ValidationError(
            {"body": f"“{section.heading or '导语'}”中引用了不在指标目录中的指标代码：{'、'.join(unknown)}。"}
        )
    if "{{" in PLACEHOLDER.sub("", body):
        raise ValidationError(
            {
                "body": f"“{section.heading or '导语'}”中有无法识别的占位符，格式应为 {{{{ind:指标代码}}}} 或 {{{{yoy:指标代码}}}}。"
            }
        )
    before = section.body
    section.body = body.strip()
    section.save(update_fields=["body"])
    audit.record(
        actor=actor,
        action="reporting.update_report_section",
        obj=section,
        before={"body": before},
        after={"body": section.body},
    )
    return section


def _build(report: AnnualReport) -> int:
    """Resolve every placeholder and store it as a ReportFigure (values as of now)."""
    resolver = Resolver(report.jurisdiction, report.year)
    report.figures.all().delete()
    rows: list[tuple[ReportFigure, list[int]]] = []
    for section in report.sections.order_by("order"):
        for position, match in enumerate(PLACEHOLDER.finditer(section.body)):
            r = resolver.resolve(match.group(1), match.group(2))
            rows.append(
                (
                    ReportFigure(
                        report=report,
                        section=section,
                        position=position,
                        kind=r.kind,
                        code=r.code,
                        value=r.value,
                        previous=r.previous,
                        text=r.text[:100],
                        source=r.source,
                        record_count=r.record_count,
                    ),
                    r.submission_ids,
                )
            )
    created = ReportFigure.objects.bulk_create([f for f, _ in rows])
    through = ReportFigure.submissions.through
    through.objects.bulk_create(
        through(reportfigure_id=f.pk, submission_id=sid)
        for f, (_, ids) in zip(created, rows, strict=True)
        for sid in ids
    )
    report.built_at = timezone.now()
    report.save(update_fields=["built_at"])
    return len(created)


@transaction.atomic
def build_report(*, actor: Any, report: AnnualReport) -> AnnualReport:
    """生成数据: every figure in the text from the registry or the approved submissions."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _check_edit(actor, report)
    n = _build(report)
    missing = report.figures.filter(source="missing").count()
    audit.record(
        actor=actor, action="reporting.build_report", obj=report, after={"figures": n, "missing": missing}
    )
    return report


@transaction.atomic
def publish_report(*, actor: Any, report: AnnualReport, on: date | None = None) -> AnnualReport:
    """向社会公开 (督察工作规定第二十四条: by 1 April of the next year): builds the figures once more,
    writes the .docx and PDF, and shows them on the portal. Late publication is allowed but noted."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not actor.has_perm("reporting.publish_report", report):
        raise PermissionDenied("只有本级司法行政机关可以公开年度报告。")
    _check_edit(actor, report)
    on = on or timezone.localdate()
    if on <= date(report.year, 12, 31):
        raise ValidationError({"on": f"{report.year}年度报告应在该年度结束后公开，公开日期为 {on}。"})
    _build(report)
    report.published_on, report.published_by, report.status = on, actor, ReportStatus.PUBLISHED
    stem = f"{report.jurisdiction.division_code}-{report.year}"
    report.docx_file.save(f"{stem}.docx", ContentFile(render.render_docx(report)), save=False)
    report.pdf_file.save(f"{stem}.pdf", ContentFile(render.render_pdf(report)), save=False)
    report.save()
    late = on > report.publication_due
    audit.record(
        actor=actor,
        action="reporting.publish_report",
        obj=report,
        before={"status": ReportStatus.DRAFT},
        after={"status": report.status, "published_on": on, "late": late},
        note=f"逾期公开：法定公开期限为 {report.publication_due}" if late else "",
    )
    return report
