"""Rulemaking indicators against hand counts on fixture data (INDICATORS.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.indicators import Scope, registry
from fazhi.rulemaking import services

from .flow import to_published, to_review


@pytest.fixture
def county_year(register, drafter, reviewer, jurisdiction, agency):
    # C: a 2024 provisional document, repealed by the 2025 cleanup
    c = to_review(
        register(on=date(2024, 2, 1), requires_comment=False, title="示范县户外广告管理暂行办法"),
        drafter,
        on=date(2024, 2, 1),
    )
    to_published(c, drafter, reviewer, on=date(2024, 3, 1), number="示政规〔2024〕1号", months=24)
    # A: commented, published 2025-10-14, filed on time and compliant
    a = to_review(
        register(on=date(2025, 9, 1), title="示范县政务服务窗口管理规定"), drafter, on=date(2025, 9, 1)
    )
    to_published(a, drafter, reviewer, on=date(2025, 10, 14), number="示政规〔2025〕2号")
    services.file_document(
        actor=drafter, document=a, on=date(2025, 11, 5), filed_with="县人大常委会、市人民政府"
    )
    services.review_filing(actor=reviewer, document=a, on=date(2025, 11, 6), compliant=True)
    # B: no comment needed, published 2025-09-02, filed late with a reason
    b = to_review(
        register(on=date(2025, 9, 2), requires_comment=False, title="示范县政务服务评价办法"),
        drafter,
        on=date(2025, 9, 2),
    )
    to_published(b, drafter, reviewer, on=date(2025, 9, 2), number="示政规〔2025〕1号")
    services.file_document(
        actor=drafter, document=b, on=date(2025, 10, 10), filed_with="县人大常委会", late_reason="材料延误"
    )
    # D: failed review in 2025
    d = to_review(
        register(on=date(2025, 9, 3), requires_comment=False, title="示范县某某管理办法"),
        drafter,
        on=date(2025, 9, 3),
    )
    services.fail_review(actor=reviewer, document=d, on=date(2025, 9, 4), opinion_text="无上位法依据")
    # cleanup of 2025
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="2025年全面清理",
        kind="comprehensive",
        started_on=date(2025, 11, 10),
    )
    conclusions = {"示政规〔2025〕2号": "retain", "示政规〔2025〕1号": "amend", "示政规〔2024〕1号": "repeal"}
    for r in campaign.results.select_related("document"):
        services.record_cleanup_result(
            actor=reviewer,
            result=r,
            conclusion=conclusions[r.document.number],
            reason="依上位法",
            on=date(2025, 11, 20),
        )
    services.conclude_cleanup(actor=reviewer, campaign=campaign, on=date(2025, 11, 25))
    # advisers and a contract review
    adviser = services.engage_adviser(
        actor=reviewer,
        jurisdiction=jurisdiction,
        name="赵律师",
        kind="lawyer",
        organisation="某律所",
        engaged_from=date(2025, 1, 1),
        engaged_to=date(2026, 12, 31),
    )
    services.engage_adviser(
        actor=reviewer,
        jurisdiction=jurisdiction,
        name="钱教授",
        kind="expert",
        organisation="某大学",
        engaged_from=date(2023, 1, 1),
        engaged_to=date(2024, 12, 31),
    )
    services.record_adviser_meeting(
        actor=reviewer, adviser=adviser, on=date(2025, 6, 3), meeting="县政府第10次常务会议"
    )
    paper = services.submit_paper(
        actor=drafter, agency=agency, kind="contract", title="采购合同", received_on=date(2025, 5, 6)
    )
    services.assign_paper(actor=reviewer, paper=paper, on=date(2025, 5, 6), adviser=adviser)
    services.give_opinion(
        actor=reviewer, paper=paper, on=date(2025, 5, 9), conclusion="lawful", opinion="可以签署"
    )
    services.submit_paper(
        actor=drafter, agency=agency, kind="reply", title="复函", received_on=date(2025, 5, 7)
    )  # still open
    return jurisdiction


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("normative_docs.issued", 2),
        ("normative_docs.reviewed", 3),
        ("normative_docs.review_rate", Decimal("100.00")),
        ("normative_docs.filed", 2),
        ("normative_docs.filing_rate", Decimal("100.00")),
        ("normative_docs.filing_timely_rate", Decimal("50.00")),
        ("normative_docs.filing_compliance_rate", Decimal("50.00")),
        ("normative_docs.public_comment", 1),
        ("normative_docs.public_comment_rate", Decimal("100.00")),
        ("normative_docs.cleanup_campaigns", 1),
        ("normative_docs.cleaned", 3),
        ("normative_docs.retained", 1),
        ("normative_docs.amended", 1),
        ("normative_docs.repealed", 1),
        ("normative_docs.valid", 2),
        ("legality.papers_reviewed", 1),
        ("legal_advisor.engaged", 1),
        ("legal_advisor.opinions", 1),
        ("legal_advisor.meetings_attended", 1),
    ],
)
def test_2025_figures_match_the_hand_count(code, value, county_year):
    assert registry.compute(code, Scope(county_year, 2025)).value == value


def test_the_2024_stock_is_the_one_document_then_in_force(county_year):
    assert registry.compute("normative_docs.valid", Scope(county_year, 2024)).value == 1
    assert registry.compute("normative_docs.issued", Scope(county_year, 2024)).value == 1


def test_decision_figures_match_the_hand_count(drafter, reviewer, agency, jurisdiction):
    catalogue = services.create_catalogue(actor=reviewer, jurisdiction=jurisdiction, year=2025)
    done = services.register_decision(
        actor=drafter,
        agency=agency,
        title="停车收费调整",
        summary="调整",
        registered_on=date(2025, 8, 1),
        catalogue=catalogue,
        text="第一条 收费标准。",
    )
    services.register_decision(
        actor=drafter,
        agency=agency,
        title="老旧小区改造计划",
        summary="改造",
        registered_on=date(2025, 8, 1),
        catalogue=catalogue,
    )
    services.approve_catalogue(
        actor=reviewer, catalogue=catalogue, on=date(2025, 8, 2), approval_note="县委同意"
    )
    services.publish_catalogue(actor=reviewer, catalogue=catalogue, on=date(2025, 8, 3))
    services.open_participation(actor=drafter, decision=done, on=date(2025, 8, 4), ends_on=date(2025, 9, 3))
    services.close_participation(actor=drafter, decision=done, on=date(2025, 9, 3), adoption="无意见")
    services.record_expert_review(
        actor=drafter, decision=done, on=date(2025, 9, 4), experts="专家", opinion="可行"
    )
    services.record_risk_assessment(
        actor=drafter, decision=done, on=date(2025, 9, 5), risk_level="low", report="低风险"
    )
    services.submit_decision_review(actor=drafter, decision=done, on=date(2025, 9, 8))
    services.pass_decision_review(actor=reviewer, decision=done, on=date(2025, 9, 17), opinion_text="合法")
    services.decide(
        actor=drafter,
        decision=done,
        on=date(2025, 9, 18),
        meeting_kind="executive",
        meeting_name="常务会议",
        minutes="同意",
        outcome="通过",
    )
    figures = {
        c: registry.compute(c, Scope(jurisdiction, 2025)).value
        for c in (
            "major_decisions.catalogued",
            "major_decisions.decided",
            "major_decisions.procedures_complete_rate",
            "major_decisions.collective_rate",
        )
    }
    assert figures == {
        "major_decisions.catalogued": 2,
        "major_decisions.decided": 1,
        "major_decisions.procedures_complete_rate": Decimal("100.00"),
        "major_decisions.collective_rate": Decimal("100.00"),
    }
