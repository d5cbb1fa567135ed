"""Annual enforcement statistics (118号 二(三): published by 31 January), their Excel export with the
indicator codes, and the supervision indicators of INDICATORS.md."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from openpyxl import load_workbook

from fazhi.core.indicators import Scope, registry
from fazhi.disputes.tests.factories import ReconsiderationFactory
from fazhi.enforcement.models import AnnualStatistics, CriminalReferral
from fazhi.enforcement.models.supervision import CHECKLIST
from fazhi.enforcement.selectors import supervision as sel
from fazhi.enforcement.services import supervision as svc
from fazhi.enforcement.supervision import excel as excel_supervision
from fazhi.enforcement.tests.factories import annotated
from fazhi.org.tests.factories import UserFactory

from .supervision_factories import decided, make_case

FULL = {code: points for code, _g, _l, points in CHECKLIST}


@pytest.mark.parametrize(
    ("_case", "year", "due"),
    [
        ("31 Jan 2024 is a Wednesday", 2023, date(2024, 1, 31)),
        ("31 Jan 2025 is inside the Spring Festival break (1-28…2-04)", 2024, date(2025, 2, 5)),
        ("31 Jan 2026 is a Saturday", 2025, date(2026, 2, 2)),
    ],
)
def test_statistics_are_due_by_31_january_with_roll_over(_case, year, due):
    assert svc.statistics_deadline(year).due == due


@pytest.fixture
def year_2025(agency, other_agency):
    """Agency: 3 penalties (one on the spot, one challenged), 1 no-penalty, 1 hearing, 1 review, 1 referral,
    1 still open; a 2024 case closed in 2025. Other agency: 1 penalty."""
    decided(agency, 1, date(2025, 4, 1), fine="5000.00", confiscation_amount=Decimal("1200.50"))
    decided(agency, 2, date(2025, 5, 1), fine="200.00", procedure_kind="on_the_spot")
    decided(
        agency,
        3,
        date(2025, 6, 2),
        fine="120000.00",
        hearing_on=date(2025, 5, 20),
        legal_reviewed_on=date(2025, 5, 28),
        legal_review_status="approved",
    )
    decided(
        agency,
        4,
        date(2025, 6, 3),
        fine="0",
        decision_kind="no_penalty_minor",
        penalty_types=[],
        fine_amount=None,
    )
    open_case = make_case(agency, 5, opened_on=date(2025, 10, 8))
    decided(
        agency, 6, date(2025, 1, 10), fine="3000.00", opened_on=date(2024, 11, 4)
    )  # opened 2024, decided 2025
    decided(other_agency, 1, date(2025, 7, 1), fine="800.00")
    ReconsiderationFactory(
        jurisdiction=agency.jurisdiction, respondent=agency, act_document_number=f"{agency.pk}罚〔2025〕3号"
    )
    ReconsiderationFactory(
        jurisdiction=agency.jurisdiction,
        respondent=other_agency,
        act_document_number=f"{agency.pk}罚〔2025〕1号",
    )
    officer = open_case.officer_a
    svc.refer_case(
        actor=UserFactory(role="officer", agency=agency),
        case=open_case,
        on=date(2025, 10, 20),
        number="移〔2025〕1号",
        receiving_organ="示范县公安局",
        suspected_crime="非法经营罪",
    )
    return officer


def test_statistics_rows_per_agency(supervisor, agency, other_agency, year_2025):
    # when
    rows = {r["agency_id"]: r for r in sel.statistics_rows(supervisor, 2025)}
    # then
    a = rows[agency.pk]
    assert {k: a[k] for k, _l, _c in sel.STATISTICS_COLUMNS} == {
        "cases_opened": 5,
        "cases_closed": 5,
        "penalty_cases": 4,
        "on_the_spot": 1,
        "no_penalty": 1,
        "transferred": 0,
        "fines_yuan": Decimal("128200.00"),
        "confiscations_yuan": Decimal("1200.50"),
        "hearings": 1,
        "legal_reviews": 1,
        "challenged": 1,
        "criminal_referrals": 1,
    }
    assert rows[other_agency.pk]["penalty_cases"] == 1
    assert rows[other_agency.pk]["challenged"] == 0  # the reconsideration names another agency's number


def test_statistics_agree_with_the_indicator_registry(jurisdiction, supervisor, agency, year_2025):
    # given
    scope = Scope(jurisdiction, 2025, agency=agency)
    row = next(r for r in sel.statistics_rows(supervisor, 2025) if r["agency_id"] == agency.pk)
    # then
    assert registry.compute("enforcement.cases_opened", scope).value == row["cases_opened"]
    assert registry.compute("enforcement.cases_closed", scope).value == row["cases_closed"]
    assert registry.compute("enforcement.penalty_cases", scope).value == row["penalty_cases"]
    assert registry.compute("enforcement.legal_reviews", scope).value == row["legal_reviews"]
    assert registry.compute("enforcement.criminal_referrals", scope).value == row["criminal_referrals"]
    assert registry.compute("enforcement.fines", scope).value == Decimal(
        "12.94"
    )  # (128200 + 1200.50) / 10000


def test_agency_staff_see_their_own_statistics_only(officer, agency, year_2025):
    assert [r["agency_id"] for r in sel.statistics_rows(officer, 2025)] == [agency.pk]


def test_publish_snapshot_on_time_and_late(agency_admin, agency, year_2025):
    # when: published on the last day (2026-02-02, 31 Jan being a Saturday)
    stats = svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=2025, on=date(2026, 2, 2))
    # then
    assert (annotated(stats).due_on, annotated(stats).on_time) == (date(2026, 2, 2), True)
    assert stats.figures["penalty_cases"] == 4
    assert stats.figures["fines_yuan"] == "128200.00"
    assert annotated(stats).due_explanation.endswith("2026-02-02")


def test_publish_after_the_deadline_is_late(supervisor, other_agency, year_2025):
    stats = svc.publish_annual_statistics(
        actor=supervisor, agency=other_agency, year=2025, on=date(2026, 2, 3)
    )
    assert annotated(stats).on_time is False


@pytest.mark.parametrize(
    ("_case", "year", "on", "code"),
    [
        ("the year is not over", 2025, date(2025, 12, 31), "year_not_over"),
        ("a year far in the past", 1999, date(2026, 1, 5), "year_not_over"),
    ],
)
def test_publish_refuses_bad_years(_case, year, on, code, agency_admin, agency):
    with pytest.raises(ValidationError) as exc:
        svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=year, on=on)
    assert exc.value.error_dict["year"][0].code == code
    assert AnnualStatistics.objects.count() == 0


def test_publish_once(agency_admin, agency, year_2025):
    svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=2025, on=date(2026, 1, 20))
    with pytest.raises(ValidationError) as exc:
        svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=2025, on=date(2026, 1, 21))
    assert exc.value.error_dict["year"][0].code == "duplicate"


@pytest.mark.parametrize("user_fixture", ["officer", "other_officer", "other_county_supervisor"])
def test_publish_denied(user_fixture, agency, request):
    with pytest.raises(PermissionDenied):
        svc.publish_annual_statistics(
            actor=request.getfixturevalue(user_fixture), agency=agency, year=2025, on=date(2026, 1, 20)
        )
    assert AnnualStatistics.objects.count() == 0


def test_export_carries_the_indicator_codes(supervisor, agency, year_2025):
    content = excel_supervision.export_statistics(sel.statistics_rows(supervisor, 2025), 2025)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("执法主体", "立案数", "结案数", "作出行政处罚决定数")
    assert rows[1][:4] == (
        "指标代码",
        "enforcement.cases_opened",
        "enforcement.cases_closed",
        "enforcement.penalty_cases",
    )
    row = next(r for r in rows[2:] if r[0] == agency.name)
    assert row[3] == 4
    assert Decimal(str(row[7])) == Decimal("128200")


def test_statistics_page_and_publish_button(client, agency_admin, agency, year_2025):
    client.force_login(agency_admin)
    html = client.get("/enforcement/supervision/statistics/", {"year": 2025}).content.decode()
    assert "2025 年度行政执法统计" in html
    assert "2026-02-02" in html


# --- supervision indicators ------------------------------------------------------------------
def test_supervision_indicators(jurisdiction, supervisor, officer, agency, other_agency):
    # given two review rounds in 2025 (one scored), an opinion, a referral; one round in 2024
    for n in range(1, 4):
        decided(agency, n, date(2024, 3, n), opened_on=date(2024, 2, 1))
    decided(other_agency, 1, date(2024, 3, 1), opened_on=date(2024, 2, 1))
    review = svc.draw_case_files(
        actor=supervisor,
        jurisdiction=jurisdiction,
        title="2024年度评查",
        year=2024,
        per_agency=2,
        on=date(2025, 3, 3),
        seed=7,
    )
    svc.draw_case_files(
        actor=supervisor,
        jurisdiction=jurisdiction,
        title="复查",
        year=2024,
        per_agency=1,
        on=date(2025, 6, 3),
        seed=8,
        agencies=[other_agency],
    )
    for f in review.files.filter(agency=agency):
        svc.score_case_file(
            actor=supervisor,
            file=f,
            scores=FULL | {"doc_complete": 5, "facts_clear": 9},
            on=date(2025, 3, 20),
        )
    svc.issue_opinion(
        actor=supervisor,
        agency=agency,
        kind="feedback",
        number="评〔2025〕1号",
        findings="文书不全",
        requirements="整改",
        on=date(2025, 4, 1),
        review=review,
    )
    svc.refer_case(
        actor=officer,
        case=make_case(agency, 9),
        on=date(2025, 5, 5),
        number="移1",
        receiving_organ="公安局",
        suspected_crime="非法经营罪",
    )
    scope = Scope(jurisdiction, 2025)
    # then
    values = {
        code: registry.compute(code, scope).value
        for code in (
            "enforcement.supervision_checks",
            "enforcement.agencies_reviewed",
            "enforcement.case_files_reviewed",
            "enforcement.case_review_issues",
            "enforcement.supervision_opinions",
            "enforcement.criminal_referrals",
        )
    }
    assert values == {
        "enforcement.supervision_checks": 2,
        "enforcement.agencies_reviewed": 1,
        "enforcement.case_files_reviewed": 2,
        "enforcement.case_review_issues": 4,
        "enforcement.supervision_opinions": 1,
        "enforcement.criminal_referrals": 1,
    }
    assert (
        registry.compute(
            "enforcement.supervision_checks", Scope(jurisdiction, 2025, agency=other_agency)
        ).value
        == 2
    )
    assert registry.compute("enforcement.supervision_checks", Scope(jurisdiction, 2024)).value == 0
    assert list(registry.compute("enforcement.criminal_referrals", scope).records) == list(
        CriminalReferral.objects.all()
    )


def test_an_agency_without_cases_publishes_zeros(agency_admin, agency):
    stats = svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=2025, on=date(2026, 1, 20))
    assert stats.figures == {
        k: ("0.00" if k.endswith("_yuan") else 0) for k, _l, _c in sel.STATISTICS_COLUMNS
    }


def test_deadline_in_a_year_without_calendar_is_provisional_and_never_refuses(
    agency_admin, agency, monkeypatch
):
    from fazhi.core import workdays

    monkeypatch.setattr(workdays, "today", lambda: date(2031, 2, 1))
    # 2030's statistics are due 2031-01-31; nobody has entered 2031's holidays: the publication is
    # recorded, the deadline is provisional (Fri 2031-01-31, 待日历确认) and on time is not guessed
    stats = svc.publish_annual_statistics(actor=agency_admin, agency=agency, year=2030, on=date(2031, 1, 20))
    stats = annotated(stats)
    assert (stats.due_on, stats.statistics_pending, stats.on_time) == (date(2031, 1, 31), True, None)
    assert AnnualStatistics.objects.count() == 1
