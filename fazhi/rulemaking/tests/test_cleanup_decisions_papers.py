"""Cleanup campaigns, major decisions (国务院令第713号) and legality reviews of other papers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.rulemaking import services
from fazhi.rulemaking.models import MajorDecision, NormativeDocument, PaperReview

from .flow import to_published, to_review


def _deadline(case, clock):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()


# --- cleanup ----------------------------------------------------------------------------------------
@pytest.fixture
def three_valid(register, drafter, reviewer):
    docs = []
    for i, title in enumerate(
        ("示范县政务服务窗口管理规定", "示范县政务服务评价办法", "示范县政务公开工作规定"), start=1
    ):
        d = to_review(register(requires_comment=False, title=title), drafter)
        docs.append(to_published(d, drafter, reviewer, on=date(2025, 9, 2), number=f"示政规〔2025〕{i}号"))
    return docs


def test_a_cleanup_concludes_only_when_every_document_has_a_conclusion(three_valid, reviewer, jurisdiction):
    # given
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="2025年度规范性文件全面清理",
        kind="comprehensive",
        started_on=date(2025, 11, 3),
    )
    results = {r.document.number: r for r in campaign.results.select_related("document")}
    services.record_cleanup_result(
        actor=reviewer,
        result=results["示政规〔2025〕1号"],
        conclusion="retain",
        reason="符合上位法",
        on=date(2025, 11, 10),
    )
    # when / then: two without conclusion
    with pytest.raises(ValidationError) as exc:
        services.conclude_cleanup(actor=reviewer, campaign=campaign, on=date(2025, 11, 20))
    assert exc.value.code == "results_missing"
    assert exc.value.messages[0].startswith("还有2件文件没有清理结论和理由")
    services.record_cleanup_result(
        actor=reviewer,
        result=results["示政规〔2025〕2号"],
        conclusion="repeal",
        reason="上位法已废止",
        on=date(2025, 11, 10),
    )
    services.record_cleanup_result(
        actor=reviewer,
        result=results["示政规〔2025〕3号"],
        conclusion="amend",
        reason="与新修订的条例不一致",
        on=date(2025, 11, 10),
    )
    services.conclude_cleanup(actor=reviewer, campaign=campaign, on=date(2025, 11, 20))
    states = dict(NormativeDocument.objects.values_list("number", "state"))
    assert states == {
        "示政规〔2025〕1号": "in_force",
        "示政规〔2025〕2号": "repealed",
        "示政规〔2025〕3号": "in_force",
    }
    assert NormativeDocument.objects.get(number="示政规〔2025〕3号").to_amend is True


def test_the_cleanup_result_sheet_round_trips_and_a_bad_row_saves_nothing(
    three_valid, reviewer, jurisdiction
):
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="全面清理",
        kind="comprehensive",
        started_on=date(2025, 11, 3),
    )
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(services.result_sheet(campaign)))
    ws = wb.worksheets[0]
    for row, (conclusion, reason) in zip(
        range(2, 5), (("继续有效", "合法"), ("废止", "过时"), ("作废", "x")), strict=True
    ):
        ws.cell(row, 3, conclusion)
        ws.cell(row, 4, reason)
    buf = io.BytesIO()
    wb.save(buf)
    result = services.import_cleanup_results(
        actor=reviewer, campaign=campaign, content=buf.getvalue(), on=date(2025, 11, 10)
    )
    assert [(e.row, e.column) for e in result.errors] == [(4, "清理结论")]
    assert campaign.results.exclude(conclusion="").count() == 0


def test_only_the_justice_bureau_runs_cleanups(three_valid, drafter, jurisdiction):
    with pytest.raises(PermissionDenied):
        services.start_cleanup(
            actor=drafter,
            jurisdiction=jurisdiction,
            title="x",
            kind="comprehensive",
            started_on=date(2025, 11, 3),
        )


# --- major decisions --------------------------------------------------------------------------------
@pytest.fixture
def decision(drafter, agency):
    return services.register_decision(
        actor=drafter,
        agency=agency,
        title="示范县城区停车收费标准调整",
        summary="调整城区公共停车场收费标准。",
        registered_on=date(2025, 8, 1),
        text="第一条 城区一类区域白天首小时收费5元。\n第二条 本方案自2026年1月1日起实施。",
    )


def test_participation_shorter_than_30_days_needs_a_written_reason(decision, drafter):
    # 2025-08-01 + 30 days = 08-31 (Sunday) → 09-01
    with pytest.raises(ValidationError) as exc:
        services.open_participation(
            actor=drafter, decision=decision, on=date(2025, 8, 1), ends_on=date(2025, 8, 29)
        )
    assert "截止日期不得早于2025-09-01" in exc.value.messages[0]
    services.open_participation(
        actor=drafter, decision=decision, on=date(2025, 8, 1), ends_on=date(2025, 9, 1)
    )
    decision.refresh_from_db()
    assert decision.state == "consulting"


def _through_review(decision, drafter, reviewer, *, expert=True, risk="low"):
    services.open_participation(
        actor=drafter, decision=decision, on=date(2025, 8, 1), ends_on=date(2025, 9, 1)
    )
    services.close_participation(
        actor=drafter, decision=decision, on=date(2025, 9, 1), adoption="收到意见12条，采纳5条。"
    )
    if expert:
        services.record_expert_review(
            actor=drafter,
            decision=decision,
            on=date(2025, 9, 2),
            experts="李教授、王工程师",
            opinion="方案可行。",
        )
    if risk:
        services.record_risk_assessment(
            actor=drafter,
            decision=decision,
            on=date(2025, 9, 3),
            risk_level=risk,
            report="风险点3个，均有防范措施。",
        )
    services.submit_decision_review(actor=drafter, decision=decision, on=date(2025, 9, 25))
    decision.refresh_from_db()
    return decision


def test_legality_review_of_a_decision_gets_7_working_days(decision, drafter, reviewer):
    decision = _through_review(decision, drafter, reviewer)
    # 2025-09-25 + 7 WD: 9/28 (Sun) worked, 10/1–10/8 off, 10/11 (Sat) worked → 10-11
    assert _deadline(decision, "legality_review").due_date == date(2025, 10, 11)


def test_a_decision_without_expert_review_cannot_go_to_review(decision, drafter, reviewer):
    with pytest.raises(ValidationError) as exc:
        _through_review(decision, drafter, reviewer, expert=False)
    assert exc.value.code == "expert_review_missing"
    assert "第十九条" in exc.value.messages[0]


def test_a_decision_needs_minutes_and_a_government_meeting(decision, drafter, reviewer):
    decision = _through_review(decision, drafter, reviewer)
    services.pass_decision_review(
        actor=reviewer, decision=decision, on=date(2025, 9, 26), opinion_text="合法"
    )
    with pytest.raises(ValidationError) as exc:
        services.decide(
            actor=drafter,
            decision=decision,
            on=date(2025, 10, 9),
            meeting_kind="executive",
            meeting_name="县政府第20次常务会议",
            minutes="",
            outcome="通过",
        )
    assert exc.value.error_dict["minutes"][0].messages == ["办理“集体讨论决定”必须填写“会议纪要”。"]
    with pytest.raises(ValidationError) as exc:
        services.decide(
            actor=drafter,
            decision=decision,
            on=date(2025, 10, 9),
            meeting_kind="office",
            meeting_name="局务会",
            minutes="同意",
            outcome="通过",
        )
    assert exc.value.error_dict["meeting_kind"][0].code == "not_government_meeting"
    services.decide(
        actor=drafter,
        decision=decision,
        on=date(2025, 10, 9),
        meeting_kind="executive",
        meeting_name="县政府第20次常务会议",
        minutes="会议同意。",
        outcome="通过",
        dissent="李副县长建议暂缓实施。",
    )
    decision.refresh_from_db()
    assert (decision.state, decision.dissent) == ("decided", "李副县长建议暂缓实施。")


def test_an_uncontrollable_risk_blocks_the_decision(decision, drafter, reviewer):
    decision = _through_review(decision, drafter, reviewer, risk="high")
    services.pass_decision_review(
        actor=reviewer, decision=decision, on=date(2025, 9, 26), opinion_text="合法"
    )
    with pytest.raises(ValidationError) as exc:
        services.decide(
            actor=drafter,
            decision=decision,
            on=date(2025, 10, 9),
            meeting_kind="executive",
            meeting_name="常务会议",
            minutes="同意",
            outcome="通过",
        )
    assert exc.value.code == "risk_not_controllable"


def test_departing_from_the_majority_needs_the_heads_explanation(decision, drafter, reviewer):
    decision = _through_review(decision, drafter, reviewer)
    services.pass_decision_review(
        actor=reviewer, decision=decision, on=date(2025, 9, 26), opinion_text="合法"
    )
    with pytest.raises(ValidationError) as exc:
        services.decide(
            actor=drafter,
            decision=decision,
            on=date(2025, 10, 9),
            meeting_kind="executive",
            meeting_name="常务会议",
            minutes="多数人不同意",
            outcome="通过",
            departs_from_majority=True,
        )
    assert exc.value.error_dict["head_explanation"][0].code == "explanation_missing"


def test_the_catalogue_is_published_only_after_party_approval(decision, reviewer, jurisdiction):
    catalogue = services.create_catalogue(actor=reviewer, jurisdiction=jurisdiction, year=2025)
    services.adjust_catalogue(
        actor=reviewer,
        catalogue=catalogue,
        decision=decision,
        added=True,
        on=date(2025, 8, 2),
        reason="年初遗漏",
    )
    with pytest.raises(ValidationError) as exc:
        services.publish_catalogue(actor=reviewer, catalogue=catalogue, on=date(2025, 8, 3))
    assert exc.value.code == "not_approved"
    services.approve_catalogue(
        actor=reviewer, catalogue=catalogue, on=date(2025, 8, 3), approval_note="县委常委会同意"
    )
    services.publish_catalogue(actor=reviewer, catalogue=catalogue, on=date(2025, 8, 4))
    catalogue.refresh_from_db()
    assert (catalogue.state, list(catalogue.decisions.all())) == ("published", [decision])


# --- papers and advisers ----------------------------------------------------------------------------
def test_a_contract_review_runs_on_the_local_period_and_an_adviser_gives_the_opinion(
    drafter, reviewer, agency, jurisdiction
):
    adviser = services.engage_adviser(
        actor=reviewer,
        jurisdiction=jurisdiction,
        name="赵律师",
        kind="lawyer",
        organisation="浙江某某律师事务所",
        engaged_from=date(2025, 1, 1),
        engaged_to=date(2026, 12, 31),
    )
    paper = services.submit_paper(
        actor=drafter,
        agency=agency,
        kind="contract",
        title="城区智慧停车项目特许经营协议",
        received_on=date(2025, 9, 26),
        counterparty="某某停车管理有限公司",
        amount=Decimal("3200000.00"),
    )
    # 2025-09-26 + 7 WD (local rule) → 2025-10-13
    assert _deadline(paper, "review").due_date == date(2025, 10, 13)
    services.assign_paper(actor=reviewer, paper=paper, on=date(2025, 9, 28), adviser=adviser)
    services.give_opinion(
        actor=reviewer,
        paper=paper,
        on=date(2025, 10, 13),
        conclusion="with_changes",
        opinion="第十二条违约责任约定不对等，建议修改。",
    )
    paper.refresh_from_db()
    assert (paper.state, paper.adviser, paper.opinion_on, _deadline(paper, "review").state) == (
        "opined",
        adviser,
        date(2025, 10, 13),
        "met",
    )


def test_an_adviser_outside_the_engagement_cannot_be_assigned(drafter, reviewer, agency, jurisdiction):
    adviser = services.engage_adviser(
        actor=reviewer,
        jurisdiction=jurisdiction,
        name="钱教授",
        kind="expert",
        organisation="某大学法学院",
        engaged_from=date(2024, 1, 1),
        engaged_to=date(2024, 12, 31),
    )
    paper = services.submit_paper(
        actor=drafter, agency=agency, kind="agreement", title="征收补偿协议", received_on=date(2025, 9, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.assign_paper(actor=reviewer, paper=paper, on=date(2025, 9, 2), adviser=adviser)
    assert exc.value.error_dict["adviser"][0].code == "adviser_not_engaged"
    paper.refresh_from_db()
    assert paper.state == "received"


def test_a_submitting_agency_sees_its_own_papers_only(drafter, other_officer, reviewer, agency):
    paper = services.submit_paper(
        actor=drafter, agency=agency, kind="reply", title="关于某事项的复函", received_on=date(2025, 9, 1)
    )
    assert list(PaperReview.objects.visible_to(drafter)) == [paper]
    assert list(PaperReview.objects.visible_to(other_officer)) == []
    assert list(PaperReview.objects.visible_to(reviewer)) == [paper]
    with pytest.raises(PermissionDenied):
        services.assign_paper(actor=drafter, paper=paper, on=date(2025, 9, 2), reviewer=reviewer)
    assert MajorDecision.objects.count() == 0


def test_a_concluded_comprehensive_cleanup_starts_the_two_year_clock(three_valid, reviewer, jurisdiction):
    # given
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="2025年全面清理",
        kind="comprehensive",
        started_on=date(2025, 11, 3),
    )
    for r in campaign.results.all():
        services.record_cleanup_result(
            actor=reviewer, result=r, conclusion="retain", reason="合法", on=date(2025, 11, 10)
        )
    # when
    services.conclude_cleanup(actor=reviewer, campaign=campaign, on=date(2025, 11, 28))
    # then: 2027-11-28 is a Sunday; 2027 has no holiday data yet → provisional 2027-11-29 (待日历确认)
    d = procedures.open_deadline(campaign, "rulemaking.cleanup", "next_comprehensive")
    assert (d.due_date, d.calendar_pending, d.period_n, d.period_unit) == (date(2027, 11, 29), True, 24, "m")
    # and the next comprehensive cleanup stops it
    services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="2026年全面清理",
        kind="comprehensive",
        started_on=date(2026, 11, 2),
    )
    assert procedures.open_deadline(campaign, "rulemaking.cleanup", "next_comprehensive") is None


def test_hearing_materials_reach_participants_seven_days_before(decision, drafter):
    # materials sent 2025-09-26: + 7 days = 10-03 (National Day) → the hearing may be held from 10-09
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            actor=drafter,
            decision=decision,
            hearing_on=date(2025, 10, 8),
            record="笔录",
            materials_sent_on=date(2025, 9, 26),
        )
    assert exc.value.error_dict["hearing_on"][0].code == "hearing_too_early"
    services.record_hearing(
        actor=drafter,
        decision=decision,
        hearing_on=date(2025, 10, 9),
        record="参加人已确认签字。",
        materials_sent_on=date(2025, 9, 26),
    )
    decision.refresh_from_db()
    assert decision.hearing_on == date(2025, 10, 9)


def test_asking_for_the_decision_review_in_under_7_working_days_needs_a_reason(decision, drafter):
    services.open_participation(
        actor=drafter, decision=decision, on=date(2025, 8, 1), ends_on=date(2025, 9, 1)
    )
    services.close_participation(actor=drafter, decision=decision, on=date(2025, 9, 1), adoption="无")
    services.record_expert_review(
        actor=drafter, decision=decision, on=date(2025, 9, 2), experts="专家", opinion="可行"
    )
    services.record_risk_assessment(
        actor=drafter, decision=decision, on=date(2025, 9, 3), risk_level="low", report="可控"
    )
    # 2025-09-25 + 7 WD = 2025-10-11 (make-up Saturday)
    with pytest.raises(ValidationError) as exc:
        services.submit_decision_review(
            actor=drafter, decision=decision, on=date(2025, 9, 25), needed_by=date(2025, 10, 10)
        )
    assert exc.value.error_dict["needed_by"][0].code == "review_period_too_short"
    services.submit_decision_review(
        actor=drafter, decision=decision, on=date(2025, 9, 25), needed_by=date(2025, 10, 11)
    )
    decision.refresh_from_db()
    assert decision.state == "legality_review"
