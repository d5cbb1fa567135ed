"""Indicators roll up the jurisdiction tree (issue 14 §1): a prefecture's figure is the sum of its
own and its counties' counts; a rate is recomputed from the summed numerators and denominators,
never the average of the counties' rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.core.indicators import IndicatorValue, Scope, indicator, registry
from fazhi.core.procedures.tests.testapp.models import Application
from fazhi.core.tests.test_indicators import FREE_CODE, FREE_COUNT_CODE, clean_registry, free_codes  # noqa: F401
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, make_uscc


@pytest.fixture
def prefecture(db, free_codes):  # noqa: F811
    """湖州市 with 安吉县 (3 applications, 1 handled: 33.33%) and 长兴县 (1, 1 handled: 100%);
    杭州市 outside the tree (5 applications)."""
    huzhou = JurisdictionFactory(division_code="330500", name="湖州市", level="prefecture")
    counties = {
        "anji": (JurisdictionFactory(division_code="330523", name="安吉县", parent=huzhou), 3, 1),
        "changxing": (JurisdictionFactory(division_code="330522", name="长兴县", parent=huzhou), 1, 1),
        "hangzhou": (JurisdictionFactory(division_code="330100", name="杭州市", level="prefecture"), 5, 5),
    }
    for i, (j, n, handled) in enumerate(counties.values()):
        a = AgencyFactory(jurisdiction=j, name=f"{j.name}局", uscc=make_uscc(300 + i, j.division_code))
        for k in range(n):
            Application.objects.create(
                title=f"{j.name}{k}", agency=a, jurisdiction=j, handlers=1 if k < handled else 0
            )

    @indicator(FREE_COUNT_CODE)
    def received(scope: Scope) -> IndicatorValue:
        qs = Application.objects.filter(jurisdiction=scope.jurisdiction)
        return IndicatorValue(value=qs.count(), records=qs)

    @indicator(FREE_CODE)
    def handled_rate(scope: Scope) -> IndicatorValue:
        qs = Application.objects.filter(jurisdiction=scope.jurisdiction)
        return IndicatorValue.rate(qs.filter(handlers=1), qs)

    return huzhou, counties


def test_counts_are_summed_over_the_counties(prefecture):
    huzhou, _ = prefecture
    # when
    result = registry.compute_rollup(FREE_COUNT_CODE, Scope(huzhou, 2025))
    # then
    assert result.value == 4
    assert sorted(a.title for a in result.records) == ["安吉县0", "安吉县1", "安吉县2", "长兴县0"]


def test_rates_are_recomputed_from_numerators_and_denominators(prefecture):
    huzhou, counties = prefecture
    # given: the counties' rates are 33.33% and 100% (their average would be 66.67%)
    assert registry.compute(FREE_CODE, Scope(counties["anji"][0], 2025)).value == Decimal("33.33")
    # when
    result = registry.compute_rollup(FREE_CODE, Scope(huzhou, 2025))
    # then: 2 of 4
    assert (result.numerator, result.denominator, result.value) == (2, 4, Decimal("50.00"))


def test_a_county_rolls_up_to_itself(prefecture):
    _, counties = prefecture
    anji = counties["anji"][0]
    assert registry.compute_rollup(FREE_COUNT_CODE, Scope(anji, 2025)).value == 3
    assert registry.compute_rollup(FREE_CODE, Scope(anji, 2025)).value == Decimal("33.33")
