"""The demo, driven through the services: what the brief asks for is there."""

from __future__ import annotations

import io
from datetime import date

import pytest

from fazhi.core.indicators import Scope, registry
from fazhi.org import demo as org_demo
from fazhi.rulemaking import demo
from fazhi.rulemaking.models import (
    CleanupCampaign,
    MajorDecision,
    NormativeDocument,
    PaperReview,
    PreReviewFlag,
    PublicComment,
)


@pytest.fixture
def demo_county(db):
    ctx = org_demo.DemoContext(seed=7)
    ctx.today = date(2026, 3, 2)
    ctx.stdout = io.StringIO()
    org_demo.generate(ctx)
    ctx.reseed("rulemaking")
    demo.generate(ctx)
    return ctx


def test_the_demo_has_what_the_issue_asks_for(demo_county):
    docs = NormativeDocument.objects.filter(jurisdiction=demo_county.jurisdiction)
    assert docs.valid().count() == 16  # 18 published, one repealed and one declared expired by the cleanup
    assert docs.filter(state="legality_review").count() == 3
    assert PreReviewFlag.objects.filter(clause__version__document__state="legality_review").count() >= 6
    assert docs.filter(filed_late=True).count() == 1
    assert CleanupCampaign.objects.count() == 1
    assert sorted(MajorDecision.objects.values_list("state", flat=True)) == [
        "consulting",
        "decided",
        "legality_review",
        "registered",
        "reviewed",
    ]
    assert PublicComment.objects.filter(answer="pending").count() == 2
    assert PublicComment.objects.exclude(answer="pending").count() == 10
    assert PaperReview.objects.count() == 60
    assert not NormativeDocument.objects.filter(published_on__gt=demo_county.today).exists()


def test_the_demo_figures_reach_the_registry(demo_county):
    scope = Scope(demo_county.jurisdiction, 2025)
    figures = {
        c: registry.compute(c, scope).value
        for c in (
            "normative_docs.cleanup_campaigns",
            "normative_docs.repealed",
            "normative_docs.amended",
            "major_decisions.catalogued",
            "major_decisions.decided",
        )
    }
    assert figures == {
        "normative_docs.cleanup_campaigns": 1,
        "normative_docs.repealed": 2,
        "normative_docs.amended": 1,
        "major_decisions.catalogued": 5,
        "major_decisions.decided": 1,
    }
