"""执法文书 (.docx, A4, Chinese fonts via w:eastAsia — ECOSYSTEM.md §4).

立案审批表 (第五十四条), 行政处罚事先告知书 (第四十四、六十三条), 行政处罚决定书 (第五十九条),
送达回证 (第六十一条). Each document is built from the case alone; nothing is retyped.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.enforcement.choices import PenaltyType, ServiceMethod, Tier
from fazhi.enforcement.models import PenaltyCase

BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"


def _font(obj: Any, cn: str, latin: str = "Times New Roman") -> None:
    obj.font.name = latin
    el = obj.element if hasattr(obj, "element") else obj._element
    el.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), cn)


def _new(title: str, case: PenaltyCase) -> Any:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(25.4)
    sec.left_margin = sec.right_margin = Mm(28)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT)
    normal.font.size = Pt(14)  # type: ignore[attr-defined]
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(case.agency.name)
    _font(r, TITLE_FONT)
    r.font.size = Pt(18)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(title)
    r.bold = True
    r.font.size = Pt(22)
    _font(r, TITLE_FONT)
    return doc


def _para(doc: Any, text: str, *, right: bool = False, bold: bool = False) -> None:
    p = doc.add_paragraph()
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.paragraph_format.first_line_indent = Pt(28)
    r = p.add_run(text)
    r.bold = bold


def _table(doc: Any, rows: list[tuple[str, str]]) -> None:
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in rows:
        cells = t.add_row().cells
        cells[0].text = label
        cells[1].text = value or ""


def _types(types: list[str]) -> str:
    return "、".join(str(PenaltyType(t).label) for t in types if t in PenaltyType.values)


def _due(case: Any, name: str) -> str:
    """An engine due date the selector annotated on the case, marked 待日历确认 when provisional."""
    d = getattr(case, name, None)
    return f"{_d(d)}{'（待日历确认）' if getattr(case, f'{name}_pending', False) else ''}"


def _d(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "    年  月  日"


def filing_form(case: PenaltyCase) -> Any:
    """立案审批表 (行政处罚法第五十四条)."""
    doc = _new("立案审批表", case)
    _para(doc, f"编号：{case.number}", right=True)
    _table(
        doc,
        [
            ("案由", case.title),
            ("案件来源", case.source),
            ("执法事项", f"{case.matter.name}（{case.matter.basis_article}）"),
            ("当事人", case.party_name),
            ("身份证号码/统一社会信用代码", case.party_id_number),
            ("地址", case.party_address),
            ("简要案情", case.facts),
            ("承办人", f"{case.officer_a}、{case.officer_b}"),
            ("立案日期", _d(case.opened_on)),
            ("办案期限", _d(getattr(case, "decision_due_on", None))),
            ("负责人审批意见", ""),
        ],
    )
    return doc


def notice(case: PenaltyCase) -> Any:
    """行政处罚事先告知书 (第四十四、四十五条; 第六十三、六十四条 where a hearing applies)."""
    doc = _new("行政处罚事先告知书", case)
    _para(doc, f"{case.decision_number or case.number}（告）", right=True)
    _para(doc, f"{case.party_name}：")
    fine = f"罚款人民币{case.proposed_fine}元" if case.proposed_fine else ""
    _para(
        doc,
        f"经调查，你（单位）{case.facts or case.title}。上述行为违反了{case.matter.basis_article}的规定。"
        f"依据《中华人民共和国行政处罚法》第四十四条，本机关拟对你（单位）作出如下行政处罚："
        f"{_types(case.proposed_penalty_types)}{('，' + fine) if fine else ''}"
        f"（裁量阶次：{Tier(case.proposed_tier).label if case.proposed_tier else '—'}）。",
    )
    _para(
        doc,
        "你（单位）享有陈述、申辩的权利。本机关不得因你（单位）陈述、申辩而给予更重的处罚（第四十五条）。",
    )
    if not case.hearing_applicable and getattr(case, "statement_due_on", None):
        _para(
            doc,
            f"如需陈述、申辩，请于 {_due(case, 'statement_due_on')} 前（含当日）提出，邮寄的以交邮日期为准；"
            "逾期未提出的，视为放弃陈述、申辩的权利。",
        )
    if case.hearing_applicable:
        _para(
            doc,
            "根据《中华人民共和国行政处罚法》第六十三条、第六十四条，你（单位）有权要求举行听证。"
            f"如要求听证，应当在收到本告知书之日起五个工作日内（即 {_due(case, 'hearing_request_due_on')} 前，含当日）提出；"
            "逾期视为放弃听证权利。",
        )
    _para(doc, case.agency.name, right=True)
    _para(doc, _d(case.notified_on), right=True)
    return doc


def decision(case: PenaltyCase) -> Any:
    """行政处罚决定书 — every item of 第五十九条."""
    doc = _new("行政处罚决定书", case)
    _para(doc, case.decision_number, right=True)
    _para(doc, f"当事人：{case.party_name}")
    if case.party_id_number:
        _para(
            doc,
            f"{'身份证号码' if case.party_is_natural_person else '统一社会信用代码'}：{case.party_id_number}",
        )
    _para(doc, f"地址：{case.party_address}")
    _para(doc, f"违法事实：{case.facts or case.title}")
    _para(doc, f"证据：{case.evidence_summary}")
    _para(doc, f"处罚依据：{case.decision_basis}")
    result = _types(case.penalty_types) or case.get_decision_kind_display()
    if case.fine_amount:
        result += f"，罚款人民币{case.fine_amount}元"
    if case.confiscation_amount:
        result += f"，没收违法所得人民币{case.confiscation_amount}元"
    _para(doc, f"处罚决定：{result}。")
    if case.performance:
        _para(doc, f"履行方式和期限：{case.performance}")
    _para(doc, f"救济途径和期限：{case.remedies}")
    _para(doc, f"{case.agency.name}（印章）", right=True)
    _para(doc, _d(case.decided_on), right=True)
    return doc


def service_receipt(case: PenaltyCase) -> Any:
    """送达回证 (第六十一条)."""
    doc = _new("送达回证", case)
    method = str(ServiceMethod(case.service_method).label) if case.service_method else ""
    _table(
        doc,
        [
            ("送达文书", f"行政处罚决定书 {case.decision_number}"),
            ("受送达人", case.party_name),
            ("送达地点", case.party_address),
            ("送达方式", method),
            ("送达日期", _d(case.served_on)),
            ("受送达人签名", ""),
            ("送达人", f"{case.officer_a}、{case.officer_b}"),
            ("备注", ""),
        ],
    )
    return doc


DOCUMENTS: dict[str, tuple[str, Callable[[PenaltyCase], Any], Callable[[PenaltyCase], bool]]] = {
    "filing": ("立案审批表", filing_form, lambda c: True),
    "notice": ("行政处罚事先告知书", notice, lambda c: c.notified_on is not None),
    "decision": ("行政处罚决定书", decision, lambda c: c.decided_on is not None),
    "service": ("送达回证", service_receipt, lambda c: c.decided_on is not None),
}


def label(kind: str) -> str:
    """The document's Chinese name (for the audit trail), "文书" for an unknown kind."""
    return DOCUMENTS[kind][0] if kind in DOCUMENTS else "文书"


def available(case: PenaltyCase) -> list[tuple[str, str]]:
    return [(kind, label) for kind, (label, _, ready) in DOCUMENTS.items() if ready(case)]


def render(case: PenaltyCase, kind: str) -> tuple[str, bytes]:
    if kind not in DOCUMENTS or not DOCUMENTS[kind][2](case):
        raise Http404("该文书不存在或案件尚未到达该环节。")
    label, build, _ = DOCUMENTS[kind]
    out = io.BytesIO()
    build(case).save(out)
    return f"{case.number}-{label}.docx", out.getvalue()


def docx_response(case: PenaltyCase, kind: str) -> HttpResponse:
    from urllib.parse import quote

    name, content = render(case, kind)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
