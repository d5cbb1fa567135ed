"""The demo drives the services: a county year, nothing after the demo date, figures consistent."""

from __future__ import annotations

import io
from datetime import date

import pytest

from fazhi.core.indicators import Scope, registry
from fazhi.org import demo as org_demo

from .. import demo
from .. import disclosure_report as dr
from ..models import DisclosureRequest, LegalAidCase, Petition, Suggestion


@pytest.fixture
def demo_year(db, monkeypatch):
    monkeypatch.setattr(
        demo,
        "SIZES",
        {
            "disclosure": 40,
            "npc": 6,
            "cppcc": 3,
            "petitions": 15,
            "legal_aid": 20,
            "consultations": 5,
            "events": 10,
            "study": 5,
            "current": 4,
        },
    )
    ctx = org_demo.DemoContext(seed=11)
    ctx.today = date(2026, 3, 2)
    ctx.stdout = io.StringIO()
    org_demo.generate(ctx)
    ctx.reseed("affairs")
    demo.generate(ctx)
    return ctx


def test_demo_year_is_generated_through_the_engine(demo_year):
    today = demo_year.today
    assert DisclosureRequest.objects.count() == 44
    assert Suggestion.objects.count() == 9
    assert Petition.objects.count() == 15
    assert LegalAidCase.objects.count() == 20
    assert not DisclosureRequest.objects.filter(received_on__gt=today).exists()
    assert not DisclosureRequest.objects.filter(closed_on__gt=today).exists()
    # every request has its engine steps and deadlines (none written by hand)
    assert all(
        r.procedure_steps.exists() and r.procedure_deadlines.exists() for r in DisclosureRequest.objects.all()
    )


def test_demo_disclosure_report_cross_sums_hold(demo_year):
    report = dr.build(demo_year.jurisdiction, 2025)
    assert report.errors == []
    assert (
        sum(report.table3.new)
        == registry.compute("disclosure.requests_received", Scope(demo_year.jurisdiction, 2025)).value
    )


def test_demo_suggestions_are_all_answered(demo_year):
    rate = registry.compute("supervision.reply_rate", Scope(demo_year.jurisdiction, 2025))
    assert (rate.numerator, rate.denominator) == (9, 9)
