"""Enforcement indicators against hand counts on a small fixture (INDICATORS.md "Enforcement cases and
enforcement supervision"): each fixture holds records that must count and records that must not
(another year, another jurisdiction, another agency when scoped, the wrong outcome or state); the
expected figures are written out by hand, and `.records` must be exactly the records counted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.indicators import Scope, registry
from fazhi.enforcement.services import cases as svc
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory

from .factories import BenchmarkFactory, MatterFactory
from .supervision_factories import decided, make_case

Y = 2025


@pytest.fixture
def far_agency(db):
    """An agency of another county: nothing of it may count in `jurisdiction`."""
    far = JurisdictionFactory(division_code="110106", name="邻县")
    return AgencyFactory(jurisdiction=far, name="邻县市场监督管理局", has_enforcement_authority=True)


def _pks(records) -> set[int]:
    return {r.pk for r in records}


# --- enforcement.lenient_cases -------------------------------------------------------------------
def test_lenient_cases_hand_count(jurisdiction, agency, other_agency, far_agency):
    # given: closed in 2025 with no penalty (第三十三条) or a mitigated penalty (第三十二条) — they count
    no_penalty = decided(
        agency, 1, date(Y, 4, 1), fine="0", decision_kind="no_penalty_minor", penalty_types=[]
    )
    mitigated = decided(agency, 2, date(Y, 5, 1), proposed_tier="mitigated")
    other_agencys = decided(
        other_agency,
        1,
        date(Y, 6, 1),
        fine="0",
        decision_kind="no_penalty_minor",
        penalty_types=[],
        proposed_tier="no_penalty",
    )
    # and: cases that must not count
    decided(agency, 3, date(Y, 5, 2), proposed_tier="lenient")  # 从轻 is not 减轻
    decided(agency, 4, date(Y, 5, 3), proposed_tier="standard")
    decided(agency, 5, date(Y, 5, 4), fine="0", decision_kind="no_penalty_facts", penalty_types=[])
    decided(  # closed in 2024
        agency,
        6,
        date(Y - 1, 12, 20),
        fine="0",
        decision_kind="no_penalty_minor",
        penalty_types=[],
        opened_on=date(Y - 1, 11, 1),
    )
    decided(  # decided in 2025 but not closed by 31 December
        agency,
        7,
        date(Y, 12, 20),
        fine="0",
        decision_kind="no_penalty_minor",
        penalty_types=[],
        state="decided",
        closed_on=None,
    )
    decided(  # closed in 2026
        agency, 8, date(Y + 1, 1, 5), fine="0", decision_kind="no_penalty_minor", penalty_types=[]
    )
    decided(far_agency, 1, date(Y, 4, 1), fine="0", decision_kind="no_penalty_minor", penalty_types=[])
    make_case(agency, 9, proposed_tier="mitigated")  # still investigating
    # when
    county = registry.compute("enforcement.lenient_cases", Scope(jurisdiction, Y))
    one = registry.compute("enforcement.lenient_cases", Scope(jurisdiction, Y, agency=agency))
    # then: county 3 (no_penalty, mitigated, other_agencys); the agency 2
    assert county.value == 3
    assert _pks(county.records) == _pks([no_penalty, mitigated, other_agencys])
    assert one.value == 2
    assert _pks(one.records) == _pks([no_penalty, mitigated])
    assert registry.compute("enforcement.lenient_cases", Scope(jurisdiction, Y - 1)).value == 1


# --- enforcement.platform_agencies ---------------------------------------------------------------
def test_platform_agencies_hand_count(jurisdiction, agency, other_agency, far_agency):
    # given: agency opens a case in 2025; other_agency closes in 2025 a case opened in 2024
    make_case(agency, 1, opened_on=date(Y, 3, 3))
    decided(other_agency, 1, date(Y, 2, 10), opened_on=date(Y - 1, 11, 1))
    # and: agencies that must not count
    idle_2024 = AgencyFactory(
        jurisdiction=jurisdiction, name="示范县应急管理局", has_enforcement_authority=True
    )
    decided(idle_2024, 1, date(Y - 1, 6, 1), opened_on=date(Y - 1, 3, 1))  # all in 2024
    AgencyFactory(jurisdiction=jurisdiction, name="示范县林业局", has_enforcement_authority=True)  # no case
    make_case(far_agency, 1, opened_on=date(Y, 3, 3))  # another county
    # when
    county = registry.compute("enforcement.platform_agencies", Scope(jurisdiction, Y))
    one = registry.compute("enforcement.platform_agencies", Scope(jurisdiction, Y, agency=agency))
    # then: 2 agencies (agency, other_agency)
    assert county.value == 2
    assert _pks(county.records) == _pks([agency, other_agency])
    assert one.value == 1
    assert _pks(one.records) == {agency.pk}
    assert _pks(
        registry.compute("enforcement.platform_agencies", Scope(jurisdiction, Y - 1)).records
    ) == _pks([other_agency, idle_2024])


def test_platform_agencies_counts_an_agency_working_on_an_older_case(
    jurisdiction, agency, officer, investigated
):
    # given: a case opened in December 2024, its 告知 (第四十四条) given in January 2025, still open
    case = investigated(on=date(Y - 1, 12, 2))
    svc.notify_intended_penalty(
        actor=officer, case=case, on=date(Y, 1, 10), tier="lenient", penalty_types=["fine"], fine="1000"
    )
    scope = Scope(jurisdiction, Y)
    assert _pks(registry.compute("enforcement.cases_handled", scope).records) == {case.pk}
    # then: the agency handled a case on the platform in 2025
    result = registry.compute("enforcement.platform_agencies", scope)
    assert result.value == 1
    assert _pks(result.records) == {agency.pk}


# --- enforcement.no_penalty_items ----------------------------------------------------------------
def test_no_penalty_items_hand_count(jurisdiction, agency, other_agency, far_agency):
    # given: an active matter of agency with a 不予处罚 and a 减轻处罚 item, and 从轻 / 一般 items
    m = MatterFactory(agency=agency)
    first_offence = BenchmarkFactory(
        matter=m, tier="no_penalty", fine_min=None, fine_max=None, no_penalty_list="first_offence"
    )
    mitigated = BenchmarkFactory(matter=m, tier="mitigated", fine_min="500.00", fine_max="1000.00")
    BenchmarkFactory(matter=m, tier="lenient", fine_min="1000.00", fine_max="5000.00")
    BenchmarkFactory(matter=m, tier="standard")
    # another agency's active matter with a 减轻处罚 item
    other = BenchmarkFactory(
        matter=MatterFactory(agency=other_agency), tier="mitigated", fine_min="100.00", fine_max="200.00"
    )
    # and: items that must not count — a repealed matter, another county's matter
    BenchmarkFactory(
        matter=MatterFactory(agency=agency, is_active=False), tier="no_penalty", fine_min=None, fine_max=None
    )
    BenchmarkFactory(matter=MatterFactory(agency=far_agency), tier="no_penalty", fine_min=None, fine_max=None)
    # when
    county = registry.compute("enforcement.no_penalty_items", Scope(jurisdiction, Y))
    one = registry.compute("enforcement.no_penalty_items", Scope(jurisdiction, Y, agency=agency))
    # then: county 3, the agency 2
    assert county.value == 3
    assert _pks(county.records) == _pks([first_offence, mitigated, other])
    assert one.value == 2
    assert _pks(one.records) == _pks([first_offence, mitigated])


# --- enforcement.legal_review_rate ---------------------------------------------------------------
def _reviewed(agency, n, on, **fields):
    """A decision of `on` that required 法制审核 (第五十八条), approved three days before."""
    values = {
        "legal_review_required": True,
        "legal_review_status": "approved",
        "legal_reviewed_on": date.fromordinal(on.toordinal() - 3),
    }
    values.update(fields)
    return decided(agency, n, on, **values)


def test_legal_review_rate_hand_count(jurisdiction, agency, other_agency, far_agency):
    # given: decisions of 2025 that required review — approved before the decision (numerator) or not
    ok1 = _reviewed(agency, 1, date(Y, 3, 5))
    ok2 = _reviewed(agency, 2, date(Y, 8, 5))
    missing = _reviewed(  # decided without review (应审未审)
        agency,
        3,
        date(Y, 9, 5),
        legal_review_status="missing",
        legal_reviewed_on=None,
        flag_missing_review=True,
    )
    pending = _reviewed(  # decided while the review was still pending
        agency,
        4,
        date(Y, 10, 5),
        legal_review_status="pending",
        legal_reviewed_on=None,
        flag_missing_review=True,
    )
    ok_other = _reviewed(other_agency, 1, date(Y, 4, 5))
    # and: decisions outside both numerator and denominator
    decided(agency, 5, date(Y, 5, 5))  # did not require review
    _reviewed(agency, 6, date(Y - 1, 12, 5), opened_on=date(Y - 1, 11, 1))  # decided in 2024
    _reviewed(agency, 7, date(Y + 1, 1, 5))  # decided in 2026
    _reviewed(far_agency, 1, date(Y, 3, 5))  # another county
    # when
    county = registry.compute("enforcement.legal_review_rate", Scope(jurisdiction, Y))
    one = registry.compute("enforcement.legal_review_rate", Scope(jurisdiction, Y, agency=agency))
    # then: county 3 / 5 = 60.00 %; the agency 2 / 4 = 50.00 %
    assert (county.numerator, county.denominator, county.value) == (3, 5, Decimal("60.00"))
    assert _pks(county.numerator_records) == _pks([ok1, ok2, ok_other])
    assert _pks(county.records) == _pks([ok1, ok2, missing, pending, ok_other])
    assert (one.numerator, one.denominator, one.value) == (2, 4, Decimal("50.00"))
    assert _pks(one.numerator_records) == _pks([ok1, ok2])
    assert _pks(one.records) == _pks([ok1, ok2, missing, pending])
    # no decision requiring review: no rate
    empty = registry.compute("enforcement.legal_review_rate", Scope(jurisdiction, Y - 2))
    assert (empty.numerator, empty.denominator, empty.value) == (0, 0, None)


# --- case counts and fines -----------------------------------------------------------------------
def test_case_counts_and_fines_hand_count(jurisdiction, agency, other_agency, far_agency):
    # given
    c = {
        "c1": decided(  # opened, decided (罚款 5 000 + 没收 1 200.50), reviewed and closed in 2025
            agency,
            1,
            date(Y, 4, 1),
            confiscation_amount=Decimal("1200.50"),
            legal_reviewed_on=date(Y, 3, 28),
            legal_review_required=True,
            legal_review_status="approved",
        ),
        "c2": make_case(agency, 2, opened_on=date(Y, 5, 1)),  # opened in 2025, open
        "c3": decided(  # opened in 2024, decided and closed in 2025
            agency, 3, date(Y, 1, 10), fine="20000.00", opened_on=date(Y - 1, 11, 1), closed_on=date(Y, 2, 1)
        ),
        "c4": decided(  # decided (and reviewed) in 2024, closed in 2025
            agency,
            4,
            date(Y - 1, 12, 20),
            fine="3000.00",
            opened_on=date(Y - 1, 6, 1),
            closed_on=date(Y, 1, 5),
            legal_reviewed_on=date(Y - 1, 12, 18),
        ),
        "c5": decided(  # 不予处罚 in 2025: closed, not a penalty
            agency,
            5,
            date(Y, 7, 1),
            fine="0",
            decision_kind="no_penalty_minor",
            penalty_types=[],
            opened_on=date(Y, 6, 1),
        ),
        "c6": decided(  # other_agency: decided 30 December, not closed by 31 December
            other_agency,
            1,
            date(Y, 12, 30),
            fine="800.00",
            opened_on=date(Y, 8, 1),
            state="decided",
            closed_on=None,
            legal_reviewed_on=date(Y, 12, 29),
        ),
        "c8": make_case(agency, 8, opened_on=date(Y + 1, 1, 5)),  # 2026
        "c9": decided(agency, 9, date(Y - 1, 1, 1), opened_on=date(Y - 3, 1, 1)),  # closed in 2024
        "c10": make_case(agency, 10, opened_on=date(Y - 1, 9, 1)),  # opened in 2024, still open
        "far": decided(far_agency, 1, date(Y, 4, 1), fine="99999.00", legal_reviewed_on=date(Y, 3, 30)),
    }
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    expected = {
        # code: (county records, agency records)
        "enforcement.cases_opened": ({"c1", "c2", "c5", "c6"}, {"c1", "c2", "c5"}),
        "enforcement.cases_closed": ({"c1", "c3", "c4", "c5"}, {"c1", "c3", "c4", "c5"}),
        "enforcement.cases_pending": ({"c2", "c6", "c10"}, {"c2", "c10"}),
        "enforcement.penalty_cases": ({"c1", "c3", "c6"}, {"c1", "c3"}),
        "enforcement.legal_reviews": ({"c1", "c6"}, {"c1"}),
    }
    for code, (in_county, in_agency) in expected.items():
        for scope, names in ((county, in_county), (one, in_agency)):
            result = registry.compute(code, scope)
            assert result.value == len(names), (code, scope.agency)
            assert _pks(result.records) == {c[n].pk for n in names}, (code, scope.agency)
    # 罚没款 of the penalty decisions of 2025, in 万元: county 5 000 + 1 200.50 + 20 000 + 800 = 27 000.50
    fines = registry.compute("enforcement.fines", county)
    assert (fines.value, fines.note) == (Decimal("2.70"), "合计 27000.50 元")
    assert _pks(fines.records) == {c[n].pk for n in ("c1", "c3", "c6")}
    fines = registry.compute("enforcement.fines", one)  # 26 200.50
    assert (fines.value, fines.note) == (Decimal("2.62"), "合计 26200.50 元")
