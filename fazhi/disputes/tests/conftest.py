"""Fixtures of the disputes tests: the reconsideration office of the justice bureau, one applicant."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

from ..services import PartyIn, submit_application


@pytest.fixture
def clerk(justice_bureau):
    return UserFactory(
        username="fuyi1", full_name="复议员甲", role="reconsideration_staff", agency=justice_bureau
    )


@pytest.fixture
def clerk2(justice_bureau):
    return UserFactory(
        username="fuyi2", full_name="复议员乙", role="reconsideration_staff", agency=justice_bureau
    )


@pytest.fixture
def head(justice_bureau):
    return UserFactory(
        username="fuyi_head",
        full_name="复议机构负责人",
        role="reconsideration_staff",
        agency=justice_bureau,
        is_head=True,
    )


@pytest.fixture
def other_county_clerk():
    j = JurisdictionFactory(division_code="620724", name="高台县")
    bureau = AgencyFactory(jurisdiction=j, name="高台县司法局", kind="justice_bureau")
    return UserFactory(username="gt_fuyi", role="reconsideration_staff", agency=bureau, is_head=True)


APPLICANT = PartyIn(
    name="张三", id_number="11010519491231002X", phone="13812345678", address="北京市朝阳区某街道1号"
)


def application(**over):
    """Keyword arguments of a complete application; override any of them."""
    values = {
        "channel": "online",
        "received_on": date(2025, 6, 9),
        "parties": [APPLICANT],
        "challenged_act": "京朝市监罚〔2025〕12号行政处罚决定（罚款2000元）",
        "known_on": date(2025, 6, 2),
        "claim": "撤销该行政处罚决定",
        "facts": "申请人经营的小吃店被处以罚款2000元",
        "reasons": "事实认定不清，处罚明显过重",
        "amount": None,
    }
    values.update(over)
    return values


@pytest.fixture
def apply(jurisdiction, agency):
    """Submit an application online (actor None) against `agency`."""

    def _apply(actor=None, **over):
        return submit_application(
            actor=actor, jurisdiction=jurisdiction, respondent=agency, **application(**over)
        )

    return _apply
