"""Fixtures of the rulemaking tests: a drafting agency's officer, the justice bureau's reviewer."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.rulemaking import services

from .texts import CLEAN, OUTDOOR_ADS, PRIVATE_ECONOMY


@pytest.fixture
def drafter(officer):
    """An officer of the drafting agency (示范县市场监督管理局)."""
    return officer


@pytest.fixture
def reviewer(supervisor):
    """The justice bureau's legality reviewer."""
    return supervisor


@pytest.fixture
def register(drafter, agency):
    def _register(text: str = CLEAN, on: date = date(2025, 9, 1), **over):
        values = {
            "actor": drafter,
            "agency": agency,
            "title": "示范县政务服务窗口管理规定",
            "issuing_organ": "示范县人民政府",
            "registered_on": on,
            "text": text,
        }
        values.update(over)
        return services.register_document(**values)

    return _register


@pytest.fixture
def outdoor_ads():
    return OUTDOOR_ADS


@pytest.fixture
def private_economy():
    return PRIVATE_ECONOMY
