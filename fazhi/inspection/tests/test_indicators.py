"""inspection.* indicators counted by hand on a small year."""

from __future__ import annotations

from datetime import date

from fazhi.core.indicators import Scope, registry
from fazhi.inspection import services
from fazhi.inspection.models import InspectionTask

from .conftest import approved_plan


def test_plan_and_task_figures(officer, supervisor, matter, inspectors, entities, jurisdiction):
    # given one approved plan, one returned then approved, one returned, one terminated, one changed
    a = approved_plan(officer, supervisor, matter)
    values = {
        "title": "抽查",
        "year": 2026,
        "period_start": date(2026, 3, 1),
        "period_end": date(2026, 11, 30),
        "on": date(2026, 2, 2),
        "ratio": "5",
    }
    b = services.create_plan(actor=officer, matter=matter, **values)
    services.submit_plan(actor=officer, plan=b, on=date(2026, 2, 3))
    services.return_plan(actor=supervisor, plan=b, on=date(2026, 2, 4), reasons="范围不清")
    c = approved_plan(officer, supervisor, matter, ratio="5")
    services.request_termination(actor=officer, plan=c, on=date(2026, 3, 2), ground="事项调整")
    services.approve_termination(actor=supervisor, plan=c, on=date(2026, 3, 3))
    services.request_change(
        actor=officer, plan=a, on=date(2026, 3, 2), ground="延期", changes={"period_end": "2026-12-15"}
    )
    services.reject_change(actor=supervisor, plan=a, on=date(2026, 3, 3), reasons="不宜延期")
    # and one batch of 12 tasks, two results: one published on time, one not yet published
    d = services.commit_draw(actor=officer, plan=a, on=date(2026, 3, 4))
    d = services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 4))
    services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 4))
    t1, t2 = InspectionTask.objects.order_by("pk")[:2]
    for t in (t1, t2):
        services.record_result(
            actor=t.inspectors.first().inspector.officer, task=t, on=date(2026, 3, 10), outcome="no_problem"
        )
    services.publish_result(actor=officer, task=t1, on=date(2026, 3, 20))
    scope = Scope(jurisdiction=jurisdiction, year=2026)
    # then
    assert registry.compute("inspection.plans_reviewed", scope).value == 3
    assert registry.compute("inspection.plans_approved", scope).value == 2
    assert registry.compute("inspection.plans_returned", scope).value == 1
    assert registry.compute("inspection.plan_terminations", scope).value == 1
    assert registry.compute("inspection.plan_changes", scope).value == 1
    assert registry.compute("inspection.tasks", scope).value == 1
    assert registry.compute("inspection.entities_inspected", scope).value == 2
    rate = registry.compute("inspection.publicity_rate", scope)
    assert (rate.numerator, rate.denominator, str(rate.value)) == (1, 2, "50.00")
    assert str(registry.compute("inspection.joint_share", scope).value) == "0.00"
    assert registry.compute("inspection.tasks", Scope(jurisdiction=jurisdiction, year=2025)).value == 0
