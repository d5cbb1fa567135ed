"""Fixtures of the affairs tests: disclosure staff and the head of the disclosure office."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.tests.factories import UserFactory

from .. import services
from ..choices import ApplicantKind, DisclosureChannel


@pytest.fixture
def head(agency):
    return UserFactory(
        username="gongkai_head", full_name="公开办负责人", role="officer", agency=agency, is_head=True
    )


@pytest.fixture
def bureau_head(justice_bureau):
    return UserFactory(username="sfj_head", role="supervisor", agency=justice_bureau, is_head=True)


@pytest.fixture
def make_request(officer, agency):
    def make(on: date = date(2025, 9, 26), *, actor=None, **kw):
        values = {
            "applicant_kind": ApplicantKind.PERSON,
            "applicant_name": "张三",
            "applicant_contact": "13800000000",
            "description": "2024年度本县农贸市场抽检结果",
            "channel": DisclosureChannel.IN_PERSON,
            "submitted_on": on,
        }
        values.update(kw)
        return services.receive_request(actor=actor or officer, agency=agency, **values)

    return make
