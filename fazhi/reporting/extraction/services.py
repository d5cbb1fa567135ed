"""Writes for published reports: import (idempotent by SHA-256, audited) and the editable population."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit

from ..models import ExtractedFigure, PublishedReport
from .extract import extract_text
from .readers import SUPPORTED, ReportReadError, read_report_bytes


@dataclass
class ImportOutcome:
    name: str
    report: PublishedReport | None
    created: bool
    error: str = ""


def _known_jurisdiction(name: str | None) -> Any:
    """A jurisdiction of that name already in org (own county or an external one entered by hand)."""
    if not name:
        return None
    from fazhi.org.models import Jurisdiction

    matches = list(Jurisdiction.objects.filter(name=name)[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def _may_manage(actor: Any) -> None:
    """The comparison population is the justice bureau's (`reporting.manage_comparison`); the
    command line (actor None, `fazhi reports import`) runs as the operator."""
    if actor is not None and not actor.has_perm("reporting.manage_comparison"):
        raise PermissionDenied("您无权管理对比报告（仅司法局可上传或修改）。")


def import_published_report(
    *, actor: Any, data: bytes, name: str, population: int | None = None
) -> tuple[PublishedReport, bool]:
    """Import one published annual report (LEGAL_RULES.md §11) as an external jurisdiction's figures.

    The same file (same SHA-256) imported twice returns the first import unchanged.
    """
    _may_manage(actor)
    digest = hashlib.sha256(data).hexdigest()
    existing = PublishedReport.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing, False
    try:
        text = read_report_bytes(data, name)
    except ReportReadError as exc:
        raise ValidationError(str(exc), code="unreadable_report") from exc
    result = extract_text(text)
    meta = result.meta
    known = _known_jurisdiction(meta.jurisdiction)
    report = PublishedReport.objects.create(
        jurisdiction_name=meta.jurisdiction or "未识别",
        level=meta.level or "",
        year=meta.year,
        division_code=known.division_code if known else "",
        population=population if population is not None else (known.population if known else None),
        source_name=Path(name).name[:255],
        sha256=digest,
        published_on=meta.published_on,
        structure=result.structure,
    )
    ExtractedFigure.objects.bulk_create(
        ExtractedFigure(
            report=report,
            indicator=f.indicator,
            label=f.label[:200],
            value=f.value,
            unit=f.unit,
            approx=f.approx,
            quote=f.quote,
            sentence=f.sentence,
            start=f.start,
            end=f.end,
        )
        for f in result.figures
    )
    audit.record(
        actor=actor,
        action="reporting.import_published_report",
        obj=report,
        after={
            "jurisdiction": report.jurisdiction_name,
            "year": report.year,
            "sha256": digest,
            "figures": len(result.figures),
            "source_name": report.source_name,
        },
    )
    return report, True


def import_published_reports(
    *,
    actor: Any,
    files: Iterable[tuple[str, bytes]],
    on_progress: Callable[[int, ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    """Import many files; one unreadable file does not stop the others."""
    _may_manage(actor)
    outcomes = []
    for i, (name, data) in enumerate(files, start=1):
        try:
            report, created = import_published_report(actor=actor, data=data, name=name)
            outcome = ImportOutcome(name, report, created)
        except ValidationError as exc:
            outcome = ImportOutcome(name, None, False, "；".join(exc.messages))
        outcomes.append(outcome)
        if on_progress:
            on_progress(i, outcome)
    return outcomes


def report_files_in(directory: str | Path) -> list[Path]:
    return sorted(p for p in Path(directory).iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)


@transaction.atomic
def set_report_population(*, actor: Any, report: PublishedReport, population: int | None) -> PublishedReport:
    """常住人口 of an external jurisdiction, for per-10,000-resident comparison."""
    _may_manage(actor)
    if population is not None and population <= 0:
        raise ValidationError("常住人口应为正整数。", code="invalid_population")
    report = PublishedReport.objects.select_for_update().get(pk=report.pk)
    before = {"population": report.population}
    report.population = population
    report.save(update_fields=["population"])
    audit.record(
        actor=actor,
        action="reporting.set_report_population",
        obj=report,
        before=before,
        after={"population": population},
    )
    return report
