"""Generated .docx documents: A4, Chinese fonts via w:eastAsia, every field of 第五十九条."""

from __future__ import annotations

import io
from datetime import date

from django.http import Http404

import pytest
from docx import Document
from docx.oxml.ns import qn

from fazhi.enforcement import documents
from fazhi.enforcement.services import cases as svc


def test_decision_document_is_a4_with_chinese_fonts_and_required_fields(investigated, officer):
    case = investigated()
    case = svc.notify_intended_penalty(
        actor=officer,
        case=case,
        on=date(2025, 9, 10),
        tier="lenient",
        penalty_types=["warning", "fine"],
        fine="3000.00",
    )
    case = svc.make_statement(actor=officer, case=case, on=case.notified_on)
    case = svc.decide_case(
        actor=officer,
        case=case,
        on=date(2025, 9, 15),
        decision_kind="penalty",
        decision_number="示范县市监罚〔2025〕5号",
        penalty_types=["warning", "fine"],
        fine_amount="3000.00",
        decision_basis="《食品安全法》第一百二十四条",
        evidence_summary="现场检查笔录",
        performance="十五日内缴纳",
        remedies="六十日内申请行政复议",
    )
    name, content = documents.render(case, "decision")
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    text = "\n".join(p.text for p in doc.paragraphs)
    for needed in (
        "示范县好又多超市有限公司",
        "示范县城关镇人民路1号",
        "现场检查笔录",
        "《食品安全法》第一百二十四条",
        "罚款人民币3000.00元",
        "十五日内缴纳",
        "六十日内申请行政复议",
        "示范县市场监督管理局（印章）",
        "2025年9月15日",
    ):
        assert needed in text
    assert name == f"{case.number}-行政处罚决定书.docx"


def test_documents_follow_the_stage_of_the_case(investigated):
    case = investigated()
    assert documents.available(case) == [("filing", "立案审批表")]
    with pytest.raises(Http404):
        documents.render(case, "decision")
    name, _ = documents.render(case, "filing")
    assert name.endswith("立案审批表.docx")


def test_notice_states_the_statement_deadline_from_the_engine(investigated, officer):
    # given a notice on Tue 2025-09-30 without hearing rights: + 3 WD over National Day → 2025-10-11
    from fazhi.enforcement.tests.factories import annotated

    case = svc.notify_intended_penalty(
        actor=officer, case=investigated(on=date(2025, 9, 20)), on=date(2025, 9, 30), tier="lenient",
        penalty_types=["warning"],
    )  # fmt: skip
    # when the notice is rendered from the case as the selector reads it
    _, content = documents.render(annotated(case), "notice")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    # then the party reads the last day of its statement period
    assert "如需陈述、申辩，请于 2025年10月11日 前（含当日）提出" in text
