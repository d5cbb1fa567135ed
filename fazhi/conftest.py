"""Shared fixtures: a jurisdiction with agencies and one user per role, an API client, fixed dates."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory, make_uscc


@pytest.fixture
def jurisdiction(db):
    return JurisdictionFactory()


@pytest.fixture
def justice_bureau(jurisdiction):
    return AgencyFactory(jurisdiction=jurisdiction, name="示范县司法局", kind="justice_bureau")


@pytest.fixture
def agency(jurisdiction):
    return AgencyFactory(
        jurisdiction=jurisdiction, name="示范县市场监督管理局", has_enforcement_authority=True
    )


@pytest.fixture
def other_agency(jurisdiction):
    return AgencyFactory(jurisdiction=jurisdiction, name="示范县交通运输局", has_enforcement_authority=True)


@pytest.fixture
def supervisor(justice_bureau):
    return UserFactory(username="supervisor", role="supervisor", agency=justice_bureau)


@pytest.fixture
def officer(agency):
    return UserFactory(username="officer", role="officer", agency=agency)


@pytest.fixture
def other_officer(other_agency):
    return UserFactory(username="other_officer", role="officer", agency=other_agency)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def agency_admin(agency):
    return UserFactory(username="agency_admin", role="agency_admin", agency=agency)


@pytest.fixture
def legal_reviewer(agency):
    return UserFactory(username="legal_reviewer", role="legal_reviewer", agency=agency)


@pytest.fixture
def reconsideration_staff(justice_bureau):
    return UserFactory(username="reconsideration_staff", role="reconsideration_staff", agency=justice_bureau)


@pytest.fixture
def reconsideration_head(justice_bureau):
    return UserFactory(
        username="reconsideration_head", role="reconsideration_staff", agency=justice_bureau, is_head=True
    )


@pytest.fixture
def viewer(agency):
    return UserFactory(username="viewer", role="viewer", agency=agency)


@pytest.fixture
def other_jurisdiction(db):
    return JurisdictionFactory(division_code="330522", name="长兴县")


@pytest.fixture
def other_county_agency(other_jurisdiction):
    return AgencyFactory(
        jurisdiction=other_jurisdiction,
        name="长兴县市场监督管理局",
        uscc=make_uscc(900, "330522"),
        has_enforcement_authority=True,
    )


@pytest.fixture
def other_county_supervisor(other_jurisdiction):
    bureau = AgencyFactory(
        jurisdiction=other_jurisdiction,
        name="长兴县司法局",
        kind="justice_bureau",
        uscc=make_uscc(901, "330522"),
    )
    return UserFactory(username="other_county_supervisor", role="supervisor", agency=bureau)


@pytest.fixture
def other_county_officer(other_county_agency):
    return UserFactory(username="other_county_officer", role="officer", agency=other_county_agency)


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="root", role="viewer", agency=None, jurisdiction=None, is_superuser=True, is_staff=True
    )
