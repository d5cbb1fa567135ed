"""Shared fixtures: a jurisdiction with agencies and one user per role, an API client, fixed dates."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory


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
