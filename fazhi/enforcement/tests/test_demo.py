"""The demo year: thousands of cases, a handful of irregular ones the dashboard catches."""

from __future__ import annotations

import io
from datetime import date

from django.db.models import F

import pytest

from fazhi.enforcement import demo
from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS, irregularity_counts
from fazhi.org import demo as org_demo
from fazhi.org.models import User


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_generates_a_realistic_year_with_flagged_irregular_cases():
    # given the demo county
    ctx = org_demo.DemoContext(seed=1, stdout=io.StringIO(), today=date(2026, 11, 23))
    org_demo.generate(ctx)
    ctx.reseed("enforcement")
    # when
    demo.generate(ctx)
    # then
    year_cases = PenaltyCase.objects.filter(opened_on__year=2025)
    assert year_cases.count() == 3000
    assert PenaltyCase.objects.filter(opened_on__year=2026, state="investigating").count() == 48
    decided = year_cases.filter(decided_on__isnull=False)
    assert PublicityRecord.objects.filter(case__in=decided).count() == decided.count()
    supervisor = User.objects.get(username="sfj_jiandu")
    rows = irregularity_counts(supervisor, 2025)
    assert sum(r["irregular"] for r in rows) == 35
    assert {flag: sum(r[flag] for r in rows) for flag in IRREGULARITY_FLAGS} == dict.fromkeys(
        IRREGULARITY_FLAGS, 5
    )
    # every decided ordinary case that is not flagged kept its statutory order of dates
    clean = year_cases.filter(is_irregular=False, procedure_kind="ordinary", decided_on__isnull=False)
    assert not clean.filter(decided_on__gt=F("decision_due_on")).exists()
    assert not clean.filter(served_on__gt=F("service_due_on")).exists()
