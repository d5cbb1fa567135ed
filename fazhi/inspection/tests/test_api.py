"""API: scoping (an agency sees its own plans, the justice bureau its jurisdiction), the verbs, errors."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.inspection import services
from fazhi.inspection.models import InspectionPlan

from .conftest import approved_plan

API = "/api/v1/inspection"


@pytest.fixture
def two_plans(officer, other_officer, supervisor, matter, other_matter):
    a = approved_plan(officer, supervisor, matter, ratio="5")
    b = services.create_plan(
        actor=other_officer,
        matter=other_matter,
        title="运输企业抽查",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 6, 30),
        on=date(2026, 2, 2),
    )
    return a, b


@pytest.mark.parametrize(
    ("_case", "user_fixture", "expected"),
    [
        ("market bureau sees its own plan", "officer", ["a"]),
        ("transport bureau sees its own plan", "other_officer", ["b"]),
        ("justice bureau sees every plan of its county", "supervisor", ["a", "b"]),
        ("another county's justice bureau sees none", "other_county_supervisor", []),
    ],
)
def test_plan_list_is_scoped(_case, user_fixture, expected, two_plans, api_client, request):
    # given
    user = request.getfixturevalue(user_fixture)
    api_client.force_authenticate(user)
    names = dict(zip(("a", "b"), two_plans, strict=True))
    # when
    response = api_client.get(f"{API}/plans/")
    # then
    assert response.status_code == 200
    assert sorted(r["number"] for r in response.json()["results"]) == sorted(
        names[k].number for k in expected
    )
    # the list filter equals the object check
    assert sorted(
        p.pk for p in InspectionPlan.objects.all() if user.has_perm("inspection.view_plan", p)
    ) == sorted(names[k].pk for k in expected)


def test_plan_list_query_count_is_fixed(two_plans, supervisor, api_client, django_assert_max_num_queries):
    api_client.force_authenticate(supervisor)
    with django_assert_max_num_queries(6):
        assert api_client.get(f"{API}/plans/").status_code == 200


def test_anonymous_gets_no_plans(two_plans, api_client):
    assert api_client.get(f"{API}/plans/").status_code in (401, 403)


def test_full_flow_through_the_api(officer, supervisor, matter, inspectors, entities, api_client):
    # given a plan created and submitted by the agency
    api_client.force_authenticate(officer)
    r = api_client.post(
        f"{API}/plans/",
        {
            "matter": matter.pk,
            "title": "2026年度食品抽查",
            "year": 2026,
            "period_start": "2026-03-01",
            "period_end": "2026-11-30",
            "on": "2026-02-02",
            "ratio": "10",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert (
        api_client.post(f"{API}/plans/{pk}/submit/", {"on": "2026-02-03"}, format="json").status_code == 200
    )
    # the agency may not approve
    r = api_client.post(f"{API}/plans/{pk}/approve/", {"on": "2026-02-04"}, format="json")
    assert r.status_code == 403
    api_client.force_authenticate(supervisor)
    r = api_client.post(f"{API}/plans/{pk}/approve/", {"on": "2026-02-04"}, format="json")
    assert (r.status_code, r.json()["state_label"]) == (200, "已通过")
    # when the agency commits, draws and confirms
    api_client.force_authenticate(officer)
    r = api_client.post(f"{API}/plans/{pk}/commit-draw/", {"on": "2026-03-02"}, format="json")
    assert r.status_code == 200
    draw = r.json()
    assert draw["seed"] is None  # not revealed before the draw
    r = api_client.post(f"{API}/draws/{draw['id']}/draw/", {"on": "2026-03-02"}, format="json")
    assert (r.json()["state"], r.json()["selected_count"], len(r.json()["seed"])) == ("drawn", 12, 64)
    r = api_client.post(f"{API}/draws/{draw['id']}/confirm/", {"on": "2026-03-02"}, format="json")
    assert r.json()["state"] == "confirmed"
    # then the tasks exist and the files are downloadable
    tasks = api_client.get(f"{API}/tasks/").json()
    assert tasks["count"] == 12
    assert api_client.get(f"{API}/draws/{draw['id']}/files/result.json").status_code == 200
    task = tasks["results"][0]
    inspector_officer = next(
        i for i in inspectors if i.officer.full_name == task["inspectors"][0]["name"]
    ).officer
    api_client.force_authenticate(inspector_officer)
    r = api_client.post(
        f"{API}/tasks/{task['id']}/record-result/",
        {"on": "2026-09-24", "outcome": "no_problem"},
        format="json",
    )
    assert (r.status_code, r.json()["publicity_due"]) == (200, "2026-10-29")


def test_bad_input_gets_the_error_shape_and_nothing_is_saved(officer, matter, api_client):
    api_client.force_authenticate(officer)
    r = api_client.post(
        f"{API}/plans/",
        {
            "matter": matter.pk,
            "title": "超比例",
            "year": 2026,
            "period_start": "2026-03-01",
            "period_end": "2026-11-30",
            "on": "2026-02-02",
            "ratio": "150",
        },
        format="json",
    )
    assert r.status_code == 400
    body = r.json()
    assert set(body) >= {"message", "code", "fields"}
    assert body["fields"]["ratio"] == ["抽查比例：应大于0%且不超过100%。"]
    assert InspectionPlan.objects.count() == 0
    assert not AuditEntry.objects.filter(action="inspection.create_plan").exists()


def test_draw_on_unapproved_plan_via_api(officer, matter, api_client):
    plan = services.create_plan(
        actor=officer,
        matter=matter,
        title="草拟",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 11, 30),
        on=date(2026, 2, 2),
    )
    api_client.force_authenticate(officer)
    r = api_client.post(f"{API}/plans/{plan.pk}/commit-draw/", {"on": "2026-03-02"}, format="json")
    assert (r.status_code, r.json()["code"]) == (400, "plan_not_approved")


def test_ratings_reach_the_justice_bureau_only(officer, supervisor, api_client):
    api_client.force_authenticate(officer)
    assert api_client.get(f"{API}/ratings/").json()["count"] == 0
    api_client.force_authenticate(supervisor)
    assert api_client.get(f"{API}/ratings/").status_code == 200


def _confirmed(officer, plan, seed=None):
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2), seed=seed)
    d = services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    return services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 2))


def test_task_and_draw_lists_have_a_fixed_number_of_queries(
    officer, plan, api_client, django_assert_max_num_queries
):
    _confirmed(officer, plan)
    api_client.force_authenticate(officer)
    with django_assert_max_num_queries(6):
        r = api_client.get(f"{API}/tasks/")
    assert r.json()["count"] == 12
    with django_assert_max_num_queries(5):
        assert api_client.get(f"{API}/draws/").json()["count"] == 1


def test_tasks_are_scoped_to_the_agency_and_its_drawn_partner_inspectors(
    officer, other_officer, supervisor, other_county_supervisor, plan, api_client
):
    _confirmed(officer, plan)
    counts = {}
    for name, user in (
        ("own", officer),
        ("other agency", other_officer),
        ("bureau", supervisor),
        ("other county", other_county_supervisor),
    ):
        api_client.force_authenticate(user)
        counts[name] = api_client.get(f"{API}/tasks/").json()["count"]
    assert counts == {"own": 12, "other agency": 0, "bureau": 12, "other county": 0}


def test_a_partner_inspector_of_a_joint_inspection_sees_and_records_the_task(
    officer, other_officer, supervisor, matter, other_matter, other_agency, inspectors, entities, api_client
):
    # given the transport bureau's plan merged into the market bureau's joint inspection, one object
    from .conftest import make_inspectors

    admin = other_agency.staff.get(username="other_admin")
    partner_pool = make_inspectors(other_agency, admin, 6, start=50)
    lead = approved_plan(officer, supervisor, matter, ratio="1", industry="餐饮")
    other = services.create_plan(
        actor=other_officer,
        matter=other_matter,
        title="运输",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 6, 30),
        on=date(2026, 2, 2),
    )
    services.submit_plan(actor=other_officer, plan=other, on=date(2026, 2, 3))
    services.merge_plans(actor=supervisor, lead=lead, other=other, on=date(2026, 2, 6))
    d = _confirmed(officer, lead, seed="joint-inspection-test-seed-0001")
    partner_ids = {i.pk for i in partner_pool}
    task = next(
        (t for t in d.tasks.all() if t.inspectors.filter(inspector_id__in=partner_ids).exists()), None
    )
    assert task is not None  # rotation over the joint pool draws partner inspectors too
    partner = task.inspectors.filter(inspector_id__in=partner_ids).first().inspector.officer
    # when / then
    api_client.force_authenticate(partner)
    assert [t["id"] for t in api_client.get(f"{API}/tasks/").json()["results"]] == [task.pk]
    assert api_client.get(f"{API}/tasks/").json()["results"][0]["is_joint"] is True
    r = api_client.post(
        f"{API}/tasks/{task.pk}/record-result/", {"on": "2026-03-10", "outcome": "no_problem"}, format="json"
    )
    assert r.status_code == 200


def test_a_partner_agency_sees_the_joint_plan_it_was_merged_into(
    officer, other_officer, supervisor, matter, other_matter, api_client
):
    lead = approved_plan(officer, supervisor, matter, ratio="5")
    other = services.create_plan(
        actor=other_officer,
        matter=other_matter,
        title="运输",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 6, 30),
        on=date(2026, 2, 2),
    )
    services.submit_plan(actor=other_officer, plan=other, on=date(2026, 2, 3))
    services.merge_plans(actor=supervisor, lead=lead, other=other, on=date(2026, 2, 6))
    api_client.force_authenticate(other_officer)
    numbers = sorted(r["number"] for r in api_client.get(f"{API}/plans/").json()["results"])
    assert numbers == sorted([lead.number, other.number])
    assert all(other_officer.has_perm("inspection.view_plan", p) for p in InspectionPlan.objects.all())
    # seeing is not deciding: the partner cannot draw on the lead's plan
    r = api_client.post(f"{API}/plans/{lead.pk}/commit-draw/", {"on": "2026-03-02"}, format="json")
    assert r.status_code == 403
