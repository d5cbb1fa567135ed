"""The demo drives the services: plans through review, a merged joint inspection, a redraw kept
visible, verifiable published draws, nothing dated after the demo date."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest

from fazhi.inspection import demo
from fazhi.inspection import draw as algorithm
from fazhi.inspection.models import Draw, Entity, InspectionPlan, InspectionTask
from fazhi.org import demo as org_demo

TODAY = date(2025, 12, 15)


@pytest.mark.django_db(transaction=False)
def test_demo_builds_a_year_of_random_inspections():
    # given the demo county
    ctx = org_demo.DemoContext(seed=1, stdout=StringIO(), today=TODAY)
    org_demo.generate(ctx)
    # when
    demo.generate(ctx)
    # then
    assert Entity.objects.count() == sum(demo.SIZES.values())
    states = set(InspectionPlan.objects.values_list("state", flat=True))
    assert {"approved", "returned", "merged", "terminated"} <= states
    assert Draw.objects.filter(state="superseded").count() == 1
    assert Draw.objects.filter(plan__partners__isnull=False).exists()
    for d in Draw.objects.exclude(state="committed"):
        assert algorithm.verify(d.eligible_file.encode(), d.seed, d.result_file.encode()).ok
    assert not InspectionTask.objects.filter(inspected_on__gt=TODAY).exists()
    assert not InspectionTask.objects.filter(published_on__gt=TODAY).exists()
    assert InspectionTask.objects.filter(state="published").count() > 0
