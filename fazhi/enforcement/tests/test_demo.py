"""The demo year: thousands of cases, a handful of irregular ones the dashboard catches."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.db.models import F

import pytest

from fazhi.enforcement import demo
from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS, annotate_due, irregularity_counts
from fazhi.org import demo as org_demo
from fazhi.org.models import User


def supervisor_user() -> User:
    return User.objects.get(username="sfj_jiandu")


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
    # the current year to the demo date: the open cases are recent, a handful overdue
    today = ctx.today
    assert 2400 < PenaltyCase.objects.filter(opened_on__year=2026).count() < 2900
    open_cases = PenaltyCase.objects.filter(state="investigating")
    assert not open_cases.filter(opened_on__year=2025).exists()
    assert open_cases.filter(opened_on__gte=today - timedelta(days=90)).count() >= 0.9 * open_cases.count()
    assert 3 <= annotate_due(open_cases).filter(decision_due_on__lt=today).count() <= 12
    assert not PenaltyCase.objects.filter(closed_on__gt=today).exists()
    assert sum(r["irregular"] for r in irregularity_counts(supervisor_user(), 2026)) == 21
    decided = year_cases.filter(decided_on__isnull=False)
    assert PublicityRecord.objects.filter(case__in=decided).count() == decided.count()
    rows = irregularity_counts(supervisor_user(), 2025)
    assert sum(r["irregular"] for r in rows) == 35
    assert {flag: sum(r[flag] for r in rows) for flag in IRREGULARITY_FLAGS} == dict.fromkeys(
        IRREGULARITY_FLAGS, 5
    )
    # every decided ordinary case that is not flagged kept its statutory order of dates
    clean = annotate_due(year_cases).filter(
        is_irregular=False, procedure_kind="ordinary", decided_on__isnull=False
    )
    assert not clean.filter(decided_on__gt=F("decision_due_on")).exists()
    assert not clean.filter(served_on__gt=F("service_due_on")).exists()
