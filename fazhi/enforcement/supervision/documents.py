"""行政执法监督意见书 / 案卷评查结果反馈通知书 (.docx, A4), built from the stored opinion alone."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from fazhi.core import procedures
from fazhi.enforcement.documents import BODY_FONT, TITLE_FONT, _d, _font
from fazhi.enforcement.models import SupervisionOpinion
from fazhi.enforcement.procedures import SUPERVISION

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraph(doc: Any, text: str, *, center: bool = False, right: bool = False, size: int = 0) -> None:
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.paragraph_format.first_line_indent = Pt(28)
    r = p.add_run(text)
    if size:
        r.font.size = Pt(size)
        r.bold = True
        _font(r, TITLE_FONT)


def _files_table(doc: Any, opinion: SupervisionOpinion) -> None:
    """The agency's reviewed files with their scores (评查结果)."""
    from fazhi.enforcement.models import ReviewedCaseFile

    files = ReviewedCaseFile.objects.filter(
        review_id=opinion.review_id, agency_id=opinion.agency_id
    ).select_related("case")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("案件编号", "案由", "得分", "等次", "发现问题"), strict=True):
        cell.text = text
    for f in files.order_by("case__number"):
        cells = table.add_row().cells
        values = (
            f.case.number,
            f.case.title,
            str(f.total if f.total is not None else "—"),
            f.get_grade_display(),
            str(f.issues),
        )
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def opinion_docx(opinion: SupervisionOpinion, bureau_name: str) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(25.4)
    sec.left_margin = sec.right_margin = Mm(28)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT)
    normal.font.size = Pt(14)  # type: ignore[attr-defined]
    _paragraph(doc, bureau_name, center=True, size=18)
    _paragraph(doc, opinion.get_kind_display(), center=True, size=22)
    _paragraph(doc, opinion.number, right=True)
    _paragraph(doc, f"{opinion.agency.name}：")
    if opinion.review_id and opinion.review:
        intro = f"根据《{opinion.review.title}》安排，本机关对你单位{opinion.review.year}年度的行政执法案卷进行了评查。现将评查结果反馈如下："
    else:
        intro = "本机关在行政执法监督中发现你单位存在以下问题："
    _paragraph(doc, intro)
    if opinion.review_id:
        _files_table(doc, opinion)
    for line in opinion.findings.splitlines():
        if line.strip():
            _paragraph(doc, line.strip())
    _paragraph(doc, "监督意见和整改要求：")
    for line in opinion.requirements.splitlines():
        if line.strip():
            _paragraph(doc, line.strip())
    reply = procedures.last_deadline(opinion, SUPERVISION, "reply")  # the engine's deadline
    _paragraph(
        doc,
        f"请于{_d(reply.due_date if reply else None)}前将整改情况书面报告本机关。"
        f"（期限计算：{reply.explanation if reply else '—'}）",
    )
    _paragraph(doc, bureau_name, right=True)
    _paragraph(doc, _d(opinion.issued_on), right=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def opinion_response(opinion: SupervisionOpinion, bureau_name: str) -> HttpResponse:
    response = HttpResponse(opinion_docx(opinion, bureau_name), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(opinion.number + '.docx')}"
    return response
