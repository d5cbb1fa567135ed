"""Role × scope matrix; the list filter equals the object check (ADR 0002)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.selectors.cases import cases_visible_to
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

from .factories import CertificateFactory, MatterFactory


@pytest.fixture
def two_cases(investigated, other_agency, other_officer):
    mine = investigated(on=date(2025, 9, 1))
    peer = UserFactory(username="peer", role="officer", agency=other_agency)
    CertificateFactory(holder=other_officer, number="T-1")
    CertificateFactory(holder=peer, number="T-2")
    from fazhi.enforcement.services import cases as svc

    theirs = svc.open_case(
        actor=other_officer,
        matter=MatterFactory(agency=other_agency, code="JT-1", name="超限运输"),
        title="超限运输案",
        party_name="某物流公司",
        party_is_natural_person=False,
        opened_on=date(2025, 9, 2),
        officer_a=other_officer,
        officer_b=peer,
    )
    return mine, theirs


@pytest.mark.parametrize(
    ("_case", "user_fixture", "sees", "handles"),
    [
        ("officer of the agency", "officer", {"mine"}, {"mine"}),
        ("officer of another agency", "other_officer", {"theirs"}, {"theirs"}),
        ("justice bureau sees all, handles none", "supervisor", {"mine", "theirs"}, set()),
        ("legal reviewer reviews but does not handle", "reviewer", {"mine"}, set()),
        ("other county", "far_officer", set(), set()),
    ],
)
def test_visibility_list_equals_object_check(_case, user_fixture, sees, handles, two_cases, request):
    # given
    user = request.getfixturevalue(user_fixture)
    names = dict(zip(("mine", "theirs"), two_cases, strict=True))
    # when
    listed = {n for n, c in names.items() if c in set(cases_visible_to(user))}
    checked = {n for n, c in names.items() if user.has_perm("enforcement.view_case", c)}
    handled = {n for n, c in names.items() if user.has_perm("enforcement.handle_case", c)}
    # then
    assert listed == checked == sees
    assert handled == handles
    assert PenaltyCase.objects.count() == 2


@pytest.fixture
def far_officer(db):
    far = JurisdictionFactory(division_code="620723", name="远方县")
    return UserFactory(
        username="far", role="supervisor", agency=AgencyFactory(jurisdiction=far, name="远方县司法局")
    )
