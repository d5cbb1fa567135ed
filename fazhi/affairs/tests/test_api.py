"""API: verbs at /api/v1/affairs/<plural>/{id}/<verb>/, one error shape, scoped lists, fixed queries."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEntry

from ..choices import ReplyType
from ..models import DisclosureRequest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/affairs"


def test_create_and_reply_through_the_api(api_client, officer, agency):
    api_client.force_authenticate(officer)
    # when
    response = api_client.post(
        f"{BASE}/disclosure-requests/",
        {
            "agency": agency.pk,
            "applicant_kind": "person",
            "applicant_name": "张三",
            "applicant_contact": "13800000000",
            "description": "抽检结果",
            "channel": "registered_mail",
            "submitted_on": "2025-09-24",
            "signed_on": "2025-09-26",
        },
        format="json",
    )
    # then
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["received_on"], body["posted_on"]) == ("2025-09-26", "2025-09-24")
    reply = next(d for d in body["deadlines"] if d["clock"] == "reply")
    assert reply["due_date"] == "2025-10-30"
    pk = body["id"]
    ok = api_client.post(
        f"{BASE}/disclosure-requests/{pk}/reply/",
        {"on": "2025-10-09", "reply_type": ReplyType.PROVIDED},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["state"] == "replied"


def test_reply_type_outside_the_list_gets_the_chinese_error_shape(api_client, officer, make_request):
    case = make_request(date(2025, 9, 26))
    api_client.force_authenticate(officer)
    before = AuditEntry.objects.count()
    response = api_client.post(
        f"{BASE}/disclosure-requests/{case.pk}/reply/",
        {"on": "2025-10-09", "reply_type": "whatever"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"message", "code", "fields"}
    assert "第三十六条" in body["fields"]["reply_type"][0]
    assert AuditEntry.objects.count() == before


def test_extension_without_approval_is_403(api_client, officer, make_request):
    case = make_request(date(2025, 9, 26))
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"{BASE}/disclosure-requests/{case.pk}/extend/", {"on": "2025-10-20", "ground": "复杂"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "您无权办理“延长答复期限”。"


def test_date_after_today_is_refused(api_client, officer, make_request):
    case = make_request(date(2025, 9, 26))
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"{BASE}/disclosure-requests/{case.pk}/reply/",
        {"on": "2099-01-05", "reply_type": "provided"},
        format="json",
    )
    assert response.status_code == 400
    assert "晚于今天" in response.json()["fields"]["on"][0]


@pytest.mark.parametrize(
    ("_case", "user_fixture", "visible"),
    [
        ("anonymous", None, None),
        ("officer of the receiving agency", "officer", 1),
        ("officer of another agency", "other_officer", 0),
        ("justice bureau of the county", "supervisor", 1),
        ("justice bureau of another county", "other_county_supervisor", 0),
    ],
)
def test_list_is_scoped(_case, user_fixture, visible, api_client, make_request, request):
    make_request(date(2025, 9, 26))
    if user_fixture:
        api_client.force_authenticate(request.getfixturevalue(user_fixture))
    response = api_client.get(f"{BASE}/disclosure-requests/")
    if visible is None:
        assert response.status_code in (401, 403)
    else:
        assert response.json()["count"] == visible


def test_list_runs_a_fixed_number_of_queries(
    api_client, officer, make_request, django_assert_max_num_queries
):
    for day in (1, 2, 3):
        make_request(date(2025, 9, day))
    api_client.force_authenticate(officer)
    with django_assert_max_num_queries(6) as one:
        api_client.get(f"{BASE}/disclosure-requests/")
    for day in (8, 9, 10, 11, 12):
        make_request(date(2025, 9, day))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = api_client.get(f"{BASE}/disclosure-requests/")
    assert response.json()["count"] == 8


def test_suggestion_reply_before_assignment_refused_over_the_api(
    api_client, supervisor, superuser, jurisdiction
):
    api_client.force_authenticate(supervisor)
    created = api_client.post(
        f"{BASE}/suggestions/",
        {"kind": "npc", "title": "建议", "proposers": "王代表", "received_on": "2025-03-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    api_client.force_authenticate(superuser)
    response = api_client.post(
        f"{BASE}/suggestions/{created.json()['id']}/reply/",
        {"on": "2025-03-05", "category": "A", "reply_text": "已办"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "transition_not_allowed"


def test_report_and_overview_endpoints(api_client, supervisor, officer, make_request):
    make_request(date(2025, 9, 26))
    api_client.force_authenticate(supervisor)
    report = api_client.get(f"{BASE}/disclosure-report/?year=2025").json()
    assert report["table3"]["new"][-1] == 1
    assert report["cross_sum_errors"] == []
    overview = api_client.get(f"{BASE}/overview/?on=2025-10-29").json()
    assert [(r["deadline_label"], r["status"]) for r in overview] == [("答复", "due_soon")]
    api_client.force_authenticate(officer)
    assert api_client.get(f"{BASE}/overview/").status_code == 403
    assert DisclosureRequest.objects.count() == 1


def test_registry_create_over_the_api(api_client, officer):
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"{BASE}/study-sessions/",
        {"held_on": "2025-05-01", "kind": "exec_meeting", "topic": "行政处罚法"},
        format="json",
    )
    assert response.status_code == 201
    assert api_client.get(f"{BASE}/study-sessions/").json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "-3.7773555594127935e-255"}, "year"),  # found by the fuzz stage: was a 500
        ({"year": "0"}, "year"),
        ({"agency": "2.2250738585e-313"}, "agency"),
    ],
)
def test_the_disclosure_report_answers_bad_parameters_with_a_chinese_400(
    api_client, supervisor, query, field
):
    api_client.force_authenticate(supervisor)
    response = api_client.get("/api/v1/affairs/disclosure-report/", query)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
