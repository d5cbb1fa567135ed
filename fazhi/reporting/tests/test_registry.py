"""Issue 8 §1: every catalogue code is registered once — a computation or a department submission."""

from __future__ import annotations

import pytest

from fazhi.core.indicators import IndicatorNotComputedError, Scope, registry
from fazhi.reporting.submissions.services import submission_codes


def test_every_catalogue_code_is_either_computed_or_submitted_exactly_once():
    # given
    catalogue = [e.code for e in registry.catalogue() if e.normally != "not_stored"]
    computed = registry.computed_codes()
    submitted = submission_codes()
    # then
    assert len(catalogue) == len(set(catalogue)) == 245
    assert sorted(computed + submitted) == sorted(catalogue)
    assert set(computed).isdisjoint(submitted)


def test_a_submission_code_has_no_computation(jurisdiction):
    # given
    code = submission_codes()[0]
    # when / then
    with pytest.raises(IndicatorNotComputedError):
        registry.compute(code, Scope(jurisdiction, 2025))


def test_every_registered_rate_states_numerator_and_denominator(jurisdiction):
    # given
    rates = [c for c in registry.computed_codes() if registry.entry(c).kind == "rate"]
    # when
    results = {c: registry.compute(c, Scope(jurisdiction, 2025)) for c in rates}
    # then: no records → 0/0, value None, numerator and denominator kept
    assert rates
    assert {c: (r.numerator, r.denominator, r.value) for c, r in results.items()} == dict.fromkeys(
        rates, (0, 0, None)
    )


def test_the_other_code_is_never_registered():
    assert "other" not in registry.computed_codes()
    assert "other" not in submission_codes()
