"""Reconsideration, litigation and mediation indicators against hand counts on a small fixture
(INDICATORS.md "Administrative reconsideration", "Litigation defence", "Mediation"): records that
count and records that must not (another year, another county, another agency when scoped, the
wrong instance or outcome); the expected figures are written out by hand, and `.records` must be
exactly the records counted. The demo-year test (test_demo_indicators.py) checks every disputes
code against counts of the demo records as well; reconsideration.closed_on_time_rate (statutory
deadlines from the procedure engine) is checked there and in test_calendar_pending.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

import pytest

from fazhi.core.indicators import Scope, registry
from fazhi.core.procedures.models import Step
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory

from ..models import (
    AdvisoryMember,
    EnforcementApplication,
    LitigationHearing,
    Reconsideration,
    ReconsiderationOpinion,
)
from .factories import LitigationCaseFactory, MediationFactory, ReconsiderationFactory

Y = 2025


@pytest.fixture
def far_agency(db):
    far = JurisdictionFactory(division_code="110106", name="邻县")
    return AgencyFactory(jurisdiction=far, name="邻县自然资源局")


def _pks(records) -> set[int]:
    return {r.pk for r in records}


def _suit(agency, **fields):
    return LitigationCaseFactory(jurisdiction=agency.jurisdiction, agency=agency, **fields)


def _hearing(case, on, head_appeared):
    return LitigationHearing.objects.create(
        case=case,
        held_on=on,
        head_appeared=head_appeared,
        head_name="赵局长" if head_appeared else "",
        head_post="局长" if head_appeared else "",
    )


@pytest.fixture
def suits(jurisdiction, agency, other_agency, far_agency):
    s = {
        # new in 2025, finally concluded in 2025 (撤销: a loss); the head appeared at its hearing
        "s1": _suit(agency, served_on=date(Y, 3, 3), judgment="revoke", judgment_on=date(Y, 9, 1)),
        # new in 2025 with the government as defendant; judged, but appealed: not concluded
        "s2": _suit(
            agency,
            served_on=date(Y, 4, 1),
            government_is_defendant=True,
            judgment="dismiss_claim",
            judgment_on=date(Y, 10, 1),
            appealed=True,
        ),
        # another agency's new suit, government defendant, still open
        "s3": _suit(other_agency, served_on=date(Y, 5, 1), government_is_defendant=True),
        # served in 2024, concluded in 2025 (撤诉): carried over and closed; a judicial recommendation
        "s4": _suit(
            agency,
            served_on=date(Y - 1, 6, 1),
            judgment="withdrawn",
            judgment_on=date(Y, 2, 1),
            judicial_recommendation=True,
        ),
        # served and concluded in 2024 (recommendation in 2024): nothing in 2025
        "s5": _suit(
            agency,
            served_on=date(Y - 1, 2, 1),
            judgment="dismiss_claim",
            judgment_on=date(Y - 1, 8, 1),
            judicial_recommendation=True,
        ),
        # served in 2026
        "s6": _suit(agency, served_on=date(Y + 1, 1, 5)),
        # another county: a new suit, lost, with the head at the hearing
        "far": _suit(far_agency, served_on=date(Y, 3, 3), judgment="revoke", judgment_on=date(Y, 9, 1)),
    }
    # the appeal of s2: the same suit (not new), finally concluded in 2025 (驳回: not a loss)
    s["s2b"] = _suit(
        agency,
        instance="second",
        previous=s["s2"],
        court="示范市中级人民法院",
        served_on=date(Y, 10, 20),
        judgment="dismiss_claim",
        judgment_on=date(Y, 12, 10),
    )
    _hearing(s["s1"], date(Y, 6, 1), head_appeared=True)
    _hearing(s["s2"], date(Y, 7, 1), head_appeared=False)
    _hearing(s["s2b"], date(Y, 11, 20), head_appeared=True)
    _hearing(s["s4"], date(Y - 1, 10, 1), head_appeared=True)  # heard in 2024
    _hearing(s["far"], date(Y, 6, 1), head_appeared=True)
    return s


def test_litigation_counts_hand_count(jurisdiction, agency, suits):
    s = suits
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    expected = {
        # code: (county records, agency records)
        "litigation.cases": ({"s1", "s2", "s3"}, {"s1", "s2"}),
        "litigation.gov_defendant_cases": ({"s2", "s3"}, {"s2"}),
        "litigation.closed": ({"s1", "s2b", "s4"}, {"s1", "s2b", "s4"}),
        "litigation.head_appearances": ({"s1", "s2b"}, {"s1", "s2b"}),
        "litigation.losses": ({"s1"}, {"s1"}),
        "litigation.judicial_recommendations": ({"s4"}, {"s4"}),
    }
    for code, (in_county, in_agency) in expected.items():
        for scope, names in ((county, in_county), (one, in_agency)):
            result = registry.compute(code, scope)
            assert result.value == len(names), (code, scope.agency)
            assert _pks(result.records) == {s[n].pk for n in names}, (code, scope.agency)


def test_litigation_rates_hand_count(jurisdiction, agency, suits):
    s = suits
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    # closed / (new + carried over): county 3 / (3 new + s4) = 75.00; the agency 3 / (2 + s4) = 100.00
    rate = registry.compute("litigation.closed_rate", county)
    assert (rate.numerator, rate.denominator, rate.value) == (3, 4, Decimal("75.00"))
    assert _pks(rate.records) == {s[n].pk for n in ("s1", "s2b", "s4")}
    rate = registry.compute("litigation.closed_rate", one)
    assert (rate.numerator, rate.denominator, rate.value) == (3, 3, Decimal("100.00"))
    # head appeared / instances heard in 2025: 2 (s1, s2b) / 3 (s1, s2, s2b)
    for scope in (county, one):
        rate = registry.compute("litigation.head_appearance_rate", scope)
        assert (rate.numerator, rate.denominator, rate.value) == (2, 3, Decimal("66.67"))
        assert _pks(rate.numerator_records) == {s["s1"].pk, s["s2b"].pk}
        assert _pks(rate.denominator_records) == {s[n].pk for n in ("s1", "s2", "s2b")}
    # losses / concluded: 1 (s1) / 3 (s1, s2b, s4)
    for scope in (county, one):
        rate = registry.compute("litigation.loss_rate", scope)
        assert (rate.numerator, rate.denominator, rate.value) == (1, 3, Decimal("33.33"))
        assert _pks(rate.numerator_records) == {s["s1"].pk}
        assert _pks(rate.denominator_records) == {s[n].pk for n in ("s1", "s2b", "s4")}


def test_non_litigation_enforcement_hand_count(jurisdiction, agency, other_agency, far_agency):
    def apply(a, on):
        return EnforcementApplication.objects.create(
            jurisdiction=a.jurisdiction,
            agency=a,
            court="示范县人民法院",
            decision_number=f"罚〔{on.year}〕{on.month}号",
            respondent_name="某公司",
            demand_served_on=date.fromordinal(on.toordinal() - 20),
            applied_on=on,
        )

    mine = apply(agency, date(Y, 3, 1))
    theirs = apply(other_agency, date(Y, 5, 1))
    apply(agency, date(Y - 1, 12, 1))  # 2024
    apply(agency, date(Y + 1, 1, 2))  # 2026
    apply(far_agency, date(Y, 3, 1))  # another county
    county = registry.compute("litigation.non_litigation_enforcement", Scope(jurisdiction, Y))
    one = registry.compute("litigation.non_litigation_enforcement", Scope(jurisdiction, Y, agency=agency))
    assert county.value == 2
    assert _pks(county.records) == {mine.pk, theirs.pk}
    assert one.value == 1
    assert _pks(one.records) == {mine.pk}


# --- mediation, and the pre-trial (诉前) mediation of administrative disputes -----------------------
# INDICATORS.md: mediation.cases = "disputes mediated in Y", mediation.successful = "mediations that
# ended in agreement in Y", mediation.amount = money at stake "in the disputes mediated in Y",
# litigation.pretrial_settled = disputes "resolved ... in Y": the mediations concluded (closed_on) in Y,
# whenever received. litigation.pretrial_referred = disputes "referred by the court ... in Y" and the
# linkage counts = disputes "handled through ... linkage in Y": the disputes received in Y.
@pytest.fixture
def mediations(jurisdiction, agency, other_agency, far_agency):
    def m(a, on, closed=None, **fields):
        return MediationFactory(
            jurisdiction=a.jurisdiction, agency=a, received_on=on, closed_on=closed, **fields
        )

    return {
        "m1": m(
            agency,
            date(Y, 4, 1),
            date(Y, 4, 20),
            outcome="agreed",
            amount=Decimal("12345.67"),
            linkage="police",
        ),
        "m2": m(
            agency,
            date(Y, 5, 1),
            date(Y, 5, 20),
            outcome="failed",
            amount=Decimal("5000.00"),
            linkage="court",
        ),
        "m3": m(
            other_agency,
            date(Y, 6, 1),
            date(Y, 6, 20),
            kind="administrative",
            outcome="agreed",
            linkage="procuratorate",
        ),
        "m4": m(
            agency,
            date(Y, 7, 1),
            date(Y, 7, 20),
            kind="pretrial",
            outcome="agreed",
            amount=Decimal("20000.00"),
            linkage="court",
        ),
        # received in Y, still open: referred / handled in Y, not yet mediated
        "m5": m(other_agency, date(Y, 8, 1), kind="pretrial", outcome="pending", linkage="court"),
        # received in 2024, agreement reached in 2025: mediated and settled in 2025, referred in 2024
        "m9": m(
            agency,
            date(Y - 1, 12, 20),
            date(Y, 1, 10),
            kind="pretrial",
            outcome="agreed",
            amount=Decimal("3000.00"),
            linkage="court",
        ),
        # received in 2025, concluded in 2026: handled through police linkage in 2025, mediated in 2026
        "m10": m(
            agency,
            date(Y, 12, 20),
            date(Y + 1, 1, 8),
            outcome="failed",
            amount=Decimal("700.00"),
            linkage="police",
        ),
        # must not count: received and concluded in 2024 / 2026, another county
        "m6": m(
            agency,
            date(Y - 1, 12, 10),
            date(Y - 1, 12, 31),
            outcome="agreed",
            amount=Decimal("999.00"),
            linkage="police",
        ),
        "m7": m(agency, date(Y + 1, 1, 1), date(Y + 1, 1, 5), outcome="agreed", linkage="police"),
        "m8": m(
            far_agency, date(Y, 4, 1), date(Y, 4, 5), kind="pretrial", outcome="agreed", linkage="police"
        ),
    }


def test_mediation_counts_hand_count(jurisdiction, agency, mediations):
    m = mediations
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    expected = {
        # concluded in Y (m9 received in 2024 counts; m5 open and m10 concluded in 2026 do not)
        "mediation.cases": ({"m1", "m2", "m3", "m4", "m9"}, {"m1", "m2", "m4", "m9"}),
        "mediation.successful": ({"m1", "m3", "m4", "m9"}, {"m1", "m4", "m9"}),
        "litigation.pretrial_settled": ({"m4", "m9"}, {"m4", "m9"}),
        # received in Y (m5 open and m10 concluded in 2026 count; m9 received in 2024 does not)
        "mediation.police_linkage": ({"m1", "m10"}, {"m1", "m10"}),
        "mediation.procuratorate_linkage": ({"m3"}, set()),
        "mediation.court_linkage": ({"m2", "m4", "m5"}, {"m2", "m4"}),
        "litigation.pretrial_referred": ({"m4", "m5"}, {"m4"}),
    }
    for code, (in_county, in_agency) in expected.items():
        for scope, names in ((county, in_county), (one, in_agency)):
            result = registry.compute(code, scope)
            assert result.value == len(names), (code, scope.agency)
            assert _pks(result.records) == {m[n].pk for n in names}, (code, scope.agency)


def test_mediation_rate_and_amount_hand_count(jurisdiction, agency, mediations):
    # mediation.success_rate = successful / cases: one cohort (concluded in Y), so never above 100 %
    m = mediations
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    rate = registry.compute("mediation.success_rate", county)
    assert (rate.numerator, rate.denominator, rate.value) == (4, 5, Decimal("80.00"))
    assert _pks(rate.numerator_records) == {m[n].pk for n in ("m1", "m3", "m4", "m9")}
    rate = registry.compute("mediation.success_rate", one)
    assert (rate.numerator, rate.denominator, rate.value) == (3, 4, Decimal("75.00"))
    # mediated in Y: 12 345.67 + 5 000 + 0 + 20 000 + 3 000 = 40 345.67 元 = 4.03 万元
    # (both scopes: m3 carries no amount; m5 open and m10's 700 concluded in 2026 left out)
    for scope in (county, one):
        amount = registry.compute("mediation.amount", scope)
        assert amount.value == Decimal("4.03")
        assert "40345.67" in amount.note
    assert _pks(registry.compute("mediation.amount", county).records) == {
        m[n].pk for n in ("m1", "m2", "m3", "m4", "m9")
    }


def test_mediation_successful_counts_agreements_reached_in_the_year(jurisdiction, agency):
    # INDICATORS.md: mediation.successful = mediations that ended in agreement in Y; mediation.cases =
    # disputes mediated in Y. given: received 20 December 2024, agreement reached 10 January 2025
    late = MediationFactory(
        jurisdiction=jurisdiction,
        agency=agency,
        received_on=date(Y - 1, 12, 20),
        closed_on=date(Y, 1, 10),
        outcome="agreed",
    )
    # then: it is a 2025 agreement, in numerator and denominator alike, and not a 2024 one
    result = registry.compute("mediation.successful", Scope(jurisdiction, Y))
    assert result.value == 1
    assert _pks(result.records) == {late.pk}
    rate = registry.compute("mediation.success_rate", Scope(jurisdiction, Y))
    assert (rate.numerator, rate.denominator, rate.value) == (1, 1, Decimal("100.00"))
    for code in ("mediation.cases", "mediation.successful"):
        assert registry.compute(code, Scope(jurisdiction, Y - 1)).value == 0


# --- reconsideration (closure fields and acceptance steps written directly) -------------------------
def _application(respondent, received_on, *, accepted_on=None, accept="accept", **fields):
    """An application as the services leave it: the acceptance (受理) as a procedure step."""
    case = ReconsiderationFactory(
        jurisdiction=respondent.jurisdiction,
        respondent=respondent,
        received_on=received_on,
        known_on=received_on,
        application_due=received_on,
        **fields,
    )
    if accepted_on is not None:
        Step.objects.create(
            content_type=ContentType.objects.get_for_model(Reconsideration),
            object_id=case.pk,
            procedure_code=Reconsideration.procedure_code,
            transition=accept,
            from_state="received",
            to_state="accepted",
            on=accepted_on,
        )
    return case


def _decided(respondent, received_on, accepted_on, closed_on, outcome):
    return _application(
        respondent,
        received_on,
        accepted_on=accepted_on,
        state="decided",
        outcome=outcome,
        closed_on=closed_on,
    )


@pytest.fixture
def applications(agency, other_agency, far_agency):
    a, b = agency, other_agency
    return {
        "r1": _decided(a, date(Y, 3, 1), date(Y, 3, 5), date(Y, 5, 1), "revoke"),
        "r2": _decided(a, date(Y, 3, 10), date(Y, 3, 12), date(Y, 6, 1), "uphold"),
        "r3": _decided(a, date(Y, 4, 1), date(Y, 4, 3), date(Y, 7, 1), "dismiss_application"),
        "r4": _decided(b, date(Y, 4, 10), date(Y, 4, 12), date(Y, 8, 1), "alter"),
        "r5": _application(
            a, date(Y, 5, 1), state="rejected", closed_on=date(Y, 5, 5), competent_organ="示范市人民政府"
        ),
        "r6": _application(a, date(Y, 5, 2), state="rejected", closed_on=date(Y, 5, 6)),
        "r7": _application(
            a, date(Y, 6, 1), accepted_on=date(Y, 6, 3), state="mediated", closed_on=date(Y, 9, 1)
        ),
        "r8": _application(  # 和解 then withdrawal (第七十四条): mediated
            a,
            date(Y, 6, 10),
            accepted_on=date(Y, 6, 12),
            state="terminated",
            termination_ground="settled",
            closed_on=date(Y, 9, 10),
        ),
        "r9": _application(
            b,
            date(Y, 6, 15),
            accepted_on=date(Y, 6, 17),
            state="terminated",
            termination_ground="withdrawn",
            closed_on=date(Y, 7, 1),
        ),
        # accepted in 2024, decided in 2025: carried over, closed in 2025
        "r10": _decided(a, date(Y - 1, 11, 1), date(Y - 1, 11, 5), date(Y, 1, 20), "declare_unlawful"),
        # accepted in 2024, still open: carried over and pending
        "r11": _application(a, date(Y - 1, 10, 1), accepted_on=date(Y - 1, 10, 3), state="accepted"),
        # accepted in 2025, decided in 2026: pending at the end of 2025
        "r12": _decided(a, date(Y, 11, 20), date(Y, 11, 25), date(Y + 1, 1, 15), "uphold"),
        # received in 2025, deemed accepted in 2026 (第三十条第三款)
        "r13": _application(
            a, date(Y, 12, 28), accepted_on=date(Y + 1, 1, 5), accept="deem_accepted", state="accepted"
        ),
        # all in 2024; another county
        "r14": _decided(a, date(Y - 1, 3, 1), date(Y - 1, 3, 5), date(Y - 1, 6, 1), "revoke"),
        "r15": _decided(far_agency, date(Y, 3, 1), date(Y, 3, 5), date(Y, 5, 1), "revoke"),
    }


def test_reconsideration_counts_hand_count(jurisdiction, agency, applications):
    r = applications
    county, one = Scope(jurisdiction, Y), Scope(jurisdiction, Y, agency=agency)
    expected = {
        # code: (county records, records of `agency` as respondent)
        "reconsideration.received": (
            {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r12", "r13"},
            {"r1", "r2", "r3", "r5", "r6", "r7", "r8", "r12", "r13"},
        ),
        "reconsideration.accepted": (
            {"r1", "r2", "r3", "r4", "r7", "r8", "r9", "r12"},
            {"r1", "r2", "r3", "r7", "r8", "r12"},
        ),
        "reconsideration.rejected": ({"r5", "r6"}, {"r5", "r6"}),
        "reconsideration.informed": ({"r5"}, {"r5"}),
        "reconsideration.closed": (
            {"r1", "r2", "r3", "r4", "r7", "r8", "r9", "r10"},
            {"r1", "r2", "r3", "r7", "r8", "r10"},
        ),
        "reconsideration.carried_over": ({"r10", "r11"}, {"r10", "r11"}),
        "reconsideration.pending": ({"r11", "r12"}, {"r11", "r12"}),
        "reconsideration.upheld": ({"r2"}, {"r2"}),
        "reconsideration.altered": ({"r4"}, set()),
        "reconsideration.revoked": ({"r1"}, {"r1"}),
        "reconsideration.declared_unlawful": ({"r10"}, {"r10"}),
        "reconsideration.ordered_performance": (set(), set()),
        "reconsideration.declared_void": (set(), set()),
        "reconsideration.dismissed": ({"r3"}, {"r3"}),
        "reconsideration.mediated": ({"r7", "r8"}, {"r7", "r8"}),
        "reconsideration.terminated": ({"r9"}, set()),
    }
    for code, (in_county, in_agency) in expected.items():
        for scope, names in ((county, in_county), (one, in_agency)):
            result = registry.compute(code, scope)
            assert result.value == len(names), (code, scope.agency)
            assert _pks(result.records) == {r[n].pk for n in names}, (code, scope.agency)


def test_reconsideration_correction_rate_hand_count(jurisdiction, agency, applications):
    r = applications
    # corrected (revoke r1, alter r4, declare unlawful r10) / decided on the merits (+ uphold r2, dismiss r3)
    rate = registry.compute("reconsideration.correction_rate", Scope(jurisdiction, Y))
    assert (rate.numerator, rate.denominator, rate.value) == (3, 5, Decimal("60.00"))
    assert _pks(rate.numerator_records) == {r[n].pk for n in ("r1", "r4", "r10")}
    assert _pks(rate.denominator_records) == {r[n].pk for n in ("r1", "r2", "r3", "r4", "r10")}
    rate = registry.compute("reconsideration.correction_rate", Scope(jurisdiction, Y, agency=agency))
    assert (rate.numerator, rate.denominator, rate.value) == (2, 4, Decimal("50.00"))


def test_reconsideration_opinions_and_advisory_members_hand_count(
    jurisdiction, agency, other_agency, far_agency
):
    def opinion(a, on):
        return ReconsiderationOpinion.objects.create(
            jurisdiction=a.jurisdiction,
            agency=a,
            issued_on=on,
            content="规范执法程序",
        )

    mine, theirs = opinion(agency, date(Y, 3, 1)), opinion(other_agency, date(Y, 9, 1))
    opinion(agency, date(Y - 1, 12, 30))  # 2024
    opinion(far_agency, date(Y, 3, 1))  # another county
    county = registry.compute("reconsideration.opinions_issued", Scope(jurisdiction, Y))
    assert (county.value, _pks(county.records)) == (2, {mine.pk, theirs.pk})
    one = registry.compute("reconsideration.opinions_issued", Scope(jurisdiction, Y, agency=agency))
    assert (one.value, _pks(one.records)) == (1, {mine.pk})

    def member(j, name, appointed_on, left_on=None):
        return AdvisoryMember.objects.create(
            jurisdiction=j,
            name=name,
            kind="expert",
            affiliation="示范大学",
            appointed_on=appointed_on,
            left_on=left_on,
        )

    # in office on 31 December 2025: m1, m3 (appointed that day), m5 (left in 2026)
    m1 = member(jurisdiction, "甲", date(2020, 1, 1))
    member(jurisdiction, "乙", date(2023, 1, 1), left_on=date(Y, 6, 30))
    m3 = member(jurisdiction, "丙", date(Y, 12, 31))
    member(jurisdiction, "丁", date(Y + 1, 1, 1))
    m5 = member(jurisdiction, "戊", date(2022, 1, 1), left_on=date(Y + 1, 3, 1))
    member(far_agency.jurisdiction, "己", date(2020, 1, 1))
    result = registry.compute("reconsideration.advisory_members", Scope(jurisdiction, Y))
    assert result.value == 3
    assert _pks(result.records) == {m1.pk, m3.pk, m5.pk}
