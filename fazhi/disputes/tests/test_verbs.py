"""The reconsideration verb table: every transition has its endpoint, named like the transition, and
every action of 我的待办 maps to a real endpoint (issue 13 §4)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from fazhi.core import procedures
from fazhi.core.procedures import verbs

from ..procedures import RECONSIDERATION
from ..services import accept_application, request_amendment
from ..verbs import RECONSIDERATION_VERBS


def test_the_table_covers_every_transition():
    assert RECONSIDERATION_VERBS.check() == []
    for t in RECONSIDERATION.transitions:
        if t.by_system:
            continue
        url = reverse(f"disputes-reconsideration-{verbs.slug(t.name)}", args=[7])
        assert url == f"/api/v1/disputes/reconsiderations/7/{t.name.replace('_', '-')}/"


def test_every_action_in_my_tasks_maps_to_a_real_endpoint(api_client, apply, clerk):
    # given: cases in the received, amendment-requested and accepted states
    apply()
    requested = apply()
    request_amendment(actor=clerk, case=requested, on=date(2025, 6, 10), items=["身份证明"])
    accepted = apply()
    accept_application(actor=clerk, case=accepted, on=date(2025, 6, 10))
    api_client.force_authenticate(clerk)
    # when
    rows = api_client.get("/api/v1/core/my-tasks/", {"on": "2025-06-11"}).json()[
        "results"
    ]  # one page (issue 14)
    actions = [(row["case_id"], a) for row in rows for a in row["actions"]]
    # then: each has the URL of its verb, and posting an empty body reaches it (400: the date is missing)
    assert {a["name"] for _, a in actions} >= {
        "accept",
        "request_amendment",
        "receive_amendment_notice",
        "decide",
    }
    for pk, a in actions:
        assert a["url"] == f"/api/v1/disputes/reconsiderations/{pk}/{verbs.slug(a['name'])}/"
        response = api_client.post(a["url"], {}, format="json")
        assert response.status_code == 400, (a["name"], response.json())


def test_case_page_shows_a_blocked_step_with_its_reason(apply, clerk):
    # given: accepted, the copy not yet sent, one handler missing
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    case.refresh_from_db()
    # when
    actions = {a.name: a for a in RECONSIDERATION_VERBS.html_actions(case, clerk)}
    # then: the same steps as the engine's options; decide is offered greyed out with the reason
    assert set(actions) - {"hearing", "advisory_opinion"} == {o.name for o in procedures.options(case, clerk)}
    assert (actions["decide"].allowed, actions["decide"].form) == (False, None)
    assert "应当由2名以上行政复议人员承办" in actions["decide"].reason
    assert actions["send_copy"].allowed
