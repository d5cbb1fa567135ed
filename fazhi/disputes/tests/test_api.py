"""Disputes API: verb endpoints, the error shape, scoping, documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.core.audit.models import AuditEntry

from ..models import Reconsideration
from ..services import accept_application, assign_handlers, file_reply, record_hearing, send_copy

BASE = "/api/v1/disputes/reconsiderations/"


@pytest.mark.parametrize(
    ("_case", "user_fixture", "allowed"),
    [
        ("anonymous", None, False),
        ("respondent agency may view but not accept", "officer", False),
        ("reconsideration staff of another county", "other_county_clerk", False),
        ("reconsideration staff of this county", "clerk", True),
    ],
)
def test_accept(_case, user_fixture, allowed, api_client, apply, request):
    # given
    case = apply()
    if user_fixture:
        api_client.force_authenticate(request.getfixturevalue(user_fixture))
    # when
    response = api_client.post(f"{BASE}{case.pk}/accept/", {"on": "2025-06-10"}, format="json")
    # then
    case.refresh_from_db()
    assert (response.status_code == 200) is allowed
    assert case.state == ("accepted" if allowed else "received")
    assert AuditEntry.objects.filter(action="disputes.reconsideration.accept").exists() is allowed
    if allowed:
        clocks = {d["clock"]: (d["due_date"], d["explanation"]) for d in response.json()["deadlines"]}
        assert clocks["decision"] == (
            "2025-08-11",
            "2025-06-10 + 60日（行政复议法第六十二条第一款）；期满日 2025-08-09 为休息日，顺延至下一工作日 → 2025-08-11",
        )


def test_counter_application_with_a_person_as_respondent_is_refused_in_chinese(api_client, clerk):
    api_client.force_authenticate(clerk)
    payload = {
        "respondent": 999999,
        "channel": "counter_written",
        "received_on": "2025-06-09",
        "parties": [{"name": "张三"}],
        "challenged_act": "罚款决定",
        "known_on": "2025-06-01",
        "claim": "撤销",
        "facts": "事实",
        "reasons": "理由",
    }
    response = api_client.post(BASE, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_application"
    assert body["fields"]["respondent"] == [
        "被申请人：必须是行政机关（从本级人民政府所属部门和下级人民政府中选择），不能填写个人或其他主体。"
    ]
    assert Reconsideration.objects.count() == 0


def test_counter_application_created(api_client, clerk, agency):
    api_client.force_authenticate(clerk)
    payload = {
        "respondent": agency.pk,
        "channel": "counter_oral",
        "received_on": "2025-06-09",
        "parties": [{"name": "张三", "id_number": "11010519491231002X"}],
        "challenged_act": "罚款决定",
        "known_on": "2025-06-01",
        "claim": "撤销",
        "facts": "事实",
        "reasons": "理由",
        "oral_record": "申请人张三口述……",
    }
    response = api_client.post(BASE, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["number"], body["next_due"]) == (
        "received",
        "示范县复申〔2025〕1号",
        "2025-06-16",
    )


def test_list_is_scoped_and_runs_a_fixed_number_of_queries(
    api_client, apply, clerk, officer, other_officer, django_assert_max_num_queries
):
    for _ in range(5):
        apply()
    api_client.force_authenticate(officer)
    assert api_client.get(BASE).json()["count"] == 5  # the respondent agency sees its cases
    api_client.force_authenticate(other_officer)
    assert api_client.get(BASE).json()["count"] == 0
    api_client.force_authenticate(clerk)
    with django_assert_max_num_queries(8):
        response = api_client.get(BASE)
    assert response.json()["count"] == 5


def test_query_count_does_not_grow_with_rows(api_client, apply, clerk, django_assert_num_queries):
    api_client.force_authenticate(clerk)
    apply()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        api_client.get(BASE)
    for _ in range(4):
        apply()
    with django_assert_num_queries(len(one.captured_queries)):
        api_client.get(BASE)


def test_decide_with_one_handler_returns_the_error_shape(api_client, apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 12), text="答复")
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2025, 6, 20))
    api_client.force_authenticate(clerk)
    response = api_client.post(
        f"{BASE}{case.pk}/decide/",
        {"on": "2025-07-01", "outcome": "uphold", "reasons": "理由", "approved_by": "集体讨论"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_few_handlers"
    case.refresh_from_db()
    assert case.state == "accepted"


def test_acceptance_notice_docx(api_client, apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    api_client.force_authenticate(clerk)
    response = api_client.get(f"{BASE}{case.pk}/documents/acceptance.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "行政复议受理通知书" in text
    assert "本机关决定自2025年06月10日起受理，适用普通程序审理。" in text
    assert "本机关将于2025年08月11日前作出行政复议决定" in text
    # a decision document does not exist before the decision
    assert api_client.get(f"{BASE}{case.pk}/documents/decision.docx").status_code == 404


def test_enforcement_application_via_api(api_client, officer, agency, other_officer):
    api_client.force_authenticate(officer)
    payload = {
        "agency": agency.pk,
        "court": "示范县人民法院",
        "decision_number": "京朝罚〔2025〕3号",
        "respondent_name": "某公司",
        "demand_served_on": "2025-09-26",
        "applied_on": "2025-10-16",
    }
    response = api_client.post("/api/v1/disputes/enforcement-applications/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "demand_period_running"
    response = api_client.post(
        "/api/v1/disputes/enforcement-applications/", {**payload, "applied_on": "2025-10-17"}, format="json"
    )
    assert response.status_code == 201
    api_client.force_authenticate(other_officer)
    assert api_client.get("/api/v1/disputes/enforcement-applications/").json()["count"] == 0
