"""One verb table per procedure (issue 13 §4): the API, the case page and 我的待办 share names, and
every action a user is offered maps to a real endpoint."""

from __future__ import annotations

from datetime import date

from django.test import override_settings

from fazhi.core import procedures
from fazhi.core.procedures import verbs
from fazhi.core.procedures.tests.helpers import new_application
from fazhi.core.procedures.tests.testapp.api import TABLE

URLS = "fazhi.core.procedures.tests.testapp.api"


def test_every_declared_table_covers_its_procedure():
    # given every verb table the project declares (the apps' API urls declare theirs)
    import fazhi.urls  # noqa: F401

    # then no transition lacks a verb and no extra verb lacks its permission and states
    assert {t.procedure: t.check() for t in verbs.tables()} == {t.procedure: [] for t in verbs.tables()}


def test_a_missing_transition_is_reported():
    # given a table that forgets 作出决定
    table = verbs.VerbTable(
        procedure="testapp.reconsideration",
        basename="x",
        route="x",
        queryset=lambda u: None,
        output=None,
        verbs=[v for v in TABLE.verbs if v.name != "decide"],
    )
    try:
        # then
        assert "transition “decide” of testapp.reconsideration has no verb" in table.check()
    finally:
        verbs._TABLES["testapp.reconsideration"] = TABLE


def test_slugs_follow_the_transition_names():
    assert [p.pattern._route for p in TABLE.api_urls() if "request-amendment" in str(p.pattern)] == [
        "applications/<int:pk>/request-amendment/"
    ]


@override_settings(ROOT_URLCONF=URLS)
def test_the_api_verb_runs_the_engine_and_answers_in_the_error_shape(agency, officer, api_client):
    # given
    case = new_application(agency, officer, date(2025, 6, 3), handlers=1)
    api_client.force_authenticate(officer)
    # when
    ok = api_client.post(
        f"/api/v1/testapp/applications/{case.pk}/accept/", {"on": "2025-06-04"}, format="json"
    )
    blocked = api_client.post(
        f"/api/v1/testapp/applications/{case.pk}/decide/",
        {"on": "2025-06-05", "outcome": "维持"},
        format="json",
    )
    bad = api_client.post(f"/api/v1/testapp/applications/{case.pk}/suspend/", {"on": "明天"}, format="json")
    # then
    assert (ok.status_code, ok.json()["state"]) == (200, "accepted")
    assert blocked.status_code == 400
    assert blocked.json()["message"] == "作出复议决定前须有至少两名承办人员（行政复议法第四十五条）。"
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["on"])
    assert [s.transition for s in procedures.steps(case)] == ["start", "accept"]


@override_settings(ROOT_URLCONF=URLS)
def test_another_agencys_case_is_not_found(agency, officer, api_client):
    from fazhi.org.tests.factories import AgencyFactory, UserFactory

    other = UserFactory(
        username="other", role="officer", agency=AgencyFactory(jurisdiction=agency.jurisdiction)
    )
    case = new_application(agency, officer, date(2025, 6, 3))
    api_client.force_authenticate(other)
    response = api_client.post(
        f"/api/v1/testapp/applications/{case.pk}/accept/", {"on": "2025-06-04"}, format="json"
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == "received"


@override_settings(ROOT_URLCONF=URLS)
def test_every_action_in_my_tasks_maps_to_a_real_endpoint(agency, officer, api_client, monkeypatch):
    # given cases in each actionable state of the test procedure
    from fazhi.core.procedures import selectors

    monkeypatch.setattr(
        selectors, "registered", lambda: [procedures.get_procedure("testapp.reconsideration")]
    )
    received = new_application(agency, officer, date(2025, 6, 3), title="甲")
    accepted = new_application(agency, officer, date(2025, 6, 3), title="乙")
    procedures.advance(accepted, "accept", actor=officer, on=date(2025, 6, 4))
    api_client.force_authenticate(officer)
    # when
    rows = api_client.get("/api/v1/core/my-tasks/", {"on": "2025-06-05"}).json()["results"]
    # then every action has a URL, and posting to it reaches the verb (not a 404 or 405)
    actions = [(row["case_id"], a) for row in rows for a in row["actions"]]
    assert {r["case_id"] for r in rows} == {received.pk, accepted.pk}
    assert actions
    assert all(a["url"] == f"/api/v1/testapp/applications/{pk}/{verbs.slug(a['name'])}/" for pk, a in actions)
    for _pk, a in actions:
        assert api_client.post(a["url"], {}, format="json").status_code == 400  # the date is missing


def test_the_case_page_offers_the_same_verbs_blocked_ones_with_their_reason(agency, officer):
    # given
    case = new_application(agency, officer, date(2025, 6, 3), handlers=1)
    procedures.advance(case, "accept", actor=officer, on=date(2025, 6, 4))
    # when
    actions = {a.name: a for a in TABLE.html_actions(case, officer)}
    # then
    assert set(actions) == {o.name for o in procedures.options(case, officer)}
    assert (actions["decide"].allowed, actions["decide"].form) == (False, None)
    assert "至少两名承办人员" in actions["decide"].reason
    assert actions["suspend"].allowed
    assert actions["suspend"].form is not None
