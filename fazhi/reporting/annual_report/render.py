"""Assemble a built report into blocks, then write them as .docx (python-docx) or PDF (WeasyPrint).

Both outputs come from the same blocks, so the text, the figures and the chart are identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from fazhi.core.indicators import registry

from ..models import AnnualReport
from . import charts, docx, sections
from .figures import MISSING_TEXT, NO_COMPARISON_TEXT, Resolver, segments

CHART_CODES = (
    ("enforcement.cases_opened", "执法立案"),
    ("enforcement.penalty_cases", "行政处罚"),
    ("reconsideration.received", "复议申请"),
    ("litigation.cases", "行政应诉"),
    ("mediation.cases", "调解纠纷"),
    ("legal_aid.cases", "法律援助"),
)


@dataclass
class Block:
    kind: str  # title / heading / para / chart / signature
    text: str = ""
    level: int = 0
    parts: list[tuple[str, Any]] = field(default_factory=list)  # (text, ReportFigure | None)
    png: bytes = b""


def chart_png(report: AnnualReport) -> tuple[bytes, str]:
    resolver = Resolver(report.jurisdiction, report.year)
    labels, prev, cur = [], [], []
    for code, label in CHART_CODES:
        if code not in registry:
            continue
        now, before = resolver.figure(code, report.year).value, resolver.figure(code, report.year - 1).value
        if now is None and before is None:
            continue  # no bar pair for a figure neither year has
        labels.append(label)
        cur.append(now)
        prev.append(before)
    caption = f"图1 {report.year}年与{report.year - 1}年主要法治政府建设指标对比（单位：件）"
    return charts.bar_chart("主要指标同比", labels, prev, cur, year=report.year), caption


def blocks(report: AnnualReport, *, with_chart: bool = True) -> list[Block]:
    """The report as ordered blocks; figures are the stored ReportFigure rows (build first)."""
    out = [Block("title", report.title)]
    figures_by_section: dict[int, list[Any]] = {}
    for f in report.figures.order_by("section_id", "position"):
        figures_by_section.setdefault(f.section_id, []).append(f)
    for s in report.sections.order_by("order"):
        spec = sections.spec(s.key) if any(x.key == s.key for x in sections.SPECS) else None
        if s.key == "system_1":
            out.append(
                Block(
                    "heading",
                    sections.heading_text(sections.MEASURES_HEADING, year=report.year, jurisdiction=""),
                    level=1,
                )
            )
        if s.heading:
            out.append(Block("heading", s.heading, level=spec.level if spec else 2))
        figs = figures_by_section.get(s.pk, [])
        used = 0
        for para in [p for p in s.body.split("\n") if p.strip()]:
            parts = [(seg.text, seg.figure) for seg in segments(para.strip(), figs[used:])]
            used += sum(1 for _t, f in parts if f is not None)
            parts = without_missing(parts, shortcomings=s.key == "problems")
            if parts:
                out.append(Block("para", parts=parts))
        if s.key == "system_8" and with_chart:
            png, caption = chart_png(report)
            out.append(Block("chart", caption, png=png))
    out.append(Block("signature", report.issuer))
    return out


CLAUSE_END = re.compile(r"([，；。])")
ITEM_NUMBERS = "一二三四五六七八九十"


def is_missing(fig: Any) -> bool:
    """A cited figure without data, or a year-on-year comparison without last year's figure."""
    if fig is None:
        return False
    return fig.source == "missing" or fig.text in {MISSING_TEXT, NO_COMPARISON_TEXT}


def _is_zero(fig: Any) -> bool:
    return fig is not None and fig.kind == "ind" and fig.value is not None and Decimal(fig.value) == 0


def without_missing(parts: list[tuple[str, Any]], *, shortcomings: bool = False) -> list[tuple[str, Any]]:
    """The paragraph without the clauses whose figure has no data: no "（暂无数据）" and no
    "（上年无可比数据）" in a report a county sends. In the shortcomings section a whole item
    (…；) goes when its figure is missing or zero (0 losses are not a shortcoming), and the
    remaining items are numbered again (一是、二是…).
    """
    ends = "；。" if shortcomings else "，；。"
    clauses: list[list[tuple[str, Any]]] = [[]]
    for text, fig in parts:
        if fig is not None:
            clauses[-1].append((text, fig))
            continue
        for piece in CLAUSE_END.split(text):
            if not piece:
                continue
            clauses[-1].append((piece, None))
            if piece in ends:
                clauses.append([])
    kept: list[list[tuple[str, Any]]] = []
    for clause in clauses:
        if not clause:
            continue
        figs = [f for _t, f in clause if f is not None]
        dropped = any(is_missing(f) for f in figs) or (shortcomings and any(_is_zero(f) for f in figs))
        if not dropped:
            kept.append(clause)
            continue
        end = clause[-1][0]
        if end == "。" and kept and kept[-1][-1][0] in "，；":  # the sentence now ends earlier
            kept[-1][-1] = ("。", None)
    out = [part for clause in kept for part in clause]
    if shortcomings:
        out = _renumber(out)
    text_only = "".join(t for t, f in out if f is None).strip("，；。 ")
    return out if (text_only or any(f is not None for _t, f in out)) else []


def _renumber(parts: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """一是、二是… in order again, after items were left out."""
    numbers = iter(ITEM_NUMBERS)
    out: list[tuple[str, Any]] = []
    for i, (text, fig) in enumerate(parts):
        starts_item = i == 0 or parts[i - 1][0] in {"；", "。"}
        if fig is None and starts_item and len(text) > 1 and text[0] in ITEM_NUMBERS and text[1] == "是":
            text = next(numbers, text[0]) + text[1:]
        out.append((text, fig))
    return out


def signature_date(report: AnnualReport) -> date:
    return report.published_on or timezone.localdate()


def figure_link(report: AnnualReport, figure: Any, link_base: str | None) -> str | None:
    """The drill-down page of a figure (absolute), for staff copies only."""
    if not link_base or figure is None:
        return None
    path = reverse("reporting:indicator_records", args=[figure.code])
    return f"{link_base.rstrip('/')}{path}?year={report.year}"


def render_docx(report: AnnualReport, *, link_base: str | None = None) -> bytes:
    """The .docx; with `link_base` (e.g. https://fazhi.example.gov.cn) every figure is a hyperlink."""
    doc = docx.new_document()
    for b in blocks(report):
        if b.kind == "title":
            docx.add_title(doc, b.text)
        elif b.kind == "heading":
            docx.add_heading(doc, b.text, b.level)
        elif b.kind == "para":
            docx.add_body(doc, ((t, figure_link(report, f, link_base)) for t, f in b.parts))
        elif b.kind == "chart":
            docx.add_picture(doc, b.png, b.text)
        elif b.kind == "signature":
            docx.add_signature(doc, b.text, signature_date(report))
    return docx.to_bytes(doc)


def render_html(report: AnnualReport, *, link_base: str | None = None) -> str:
    import base64

    items = []
    for b in blocks(report):
        parts = [(t, f, figure_link(report, f, link_base)) for t, f in b.parts]
        item: dict[str, Any] = {"kind": b.kind, "text": b.text, "level": b.level, "parts": parts}
        if b.png:
            item["src"] = "data:image/png;base64," + base64.b64encode(b.png).decode()
        items.append(item)
    return render_to_string(
        "reporting/annual_report_pdf.html",
        {
            "report": report,
            "blocks": items,
            "date": signature_date(report),
            "fonts": {
                "title": docx.FONT_TITLE,
                "body": docx.FONT_BODY,
                "h1": docx.FONT_H1,
                "h2": docx.FONT_H2,
            },
        },
    )


def render_pdf(report: AnnualReport, *, link_base: str | None = None) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=render_html(report, link_base=link_base)).write_pdf())


def total_figures(report: AnnualReport) -> Decimal:
    return Decimal(report.figures.count())
