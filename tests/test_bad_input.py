"""No 5xx on bad input (issue 16, point 4): years, dates and agencies in query strings and bodies are
refused with a Chinese message in the one error shape; CSRF refusals are in Chinese too."""

from __future__ import annotations

from django.test import Client, RequestFactory

import pytest
from rest_framework.test import APIClient

from fazhi.core.middleware import BadDateMiddleware
from fazhi.disputes.models import Reconsideration
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

ERROR_KEYS = {"message", "code", "fields"}


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def county(db):
    j = JurisdictionFactory()
    bureau = AgencyFactory(jurisdiction=j, name="示范县司法局", kind="justice_bureau")
    agency = AgencyFactory(jurisdiction=j, name="示范县市场监督管理局", has_enforcement_authority=True)
    supervisor = UserFactory(username="jiandu", role="supervisor", agency=bureau)
    clerk = UserFactory(username="fuyi", role="reconsideration_staff", agency=bureau)
    return j, bureau, agency, supervisor, clerk


YEAR_ENDPOINTS = [
    "/api/v1/enforcement/supervision/dashboard/",
    "/api/v1/enforcement/supervision/statistics/",
    "/api/v1/enforcement/officers/training-shortfall/",
    "/api/v1/reporting/indicators/",
    "/api/v1/reporting/submissions/",
]


@pytest.mark.parametrize("url", YEAR_ENDPOINTS)
@pytest.mark.parametrize("year", ["0", "abc", "-5", "null", "99999"])
def test_a_bad_year_is_refused_in_chinese(api_client, county, url, year):
    # given
    api_client.force_authenticate(county[3])
    # when
    response = api_client.get(url, {"year": year})
    # then
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["fields"]["year"] == [f"年度“{year}”无效，应为 1949—2100 之间的四位数字。"]


def test_a_bad_agency_is_refused(api_client, county):
    api_client.force_authenticate(county[3])
    response = api_client.get("/api/v1/reporting/indicators/", {"year": "2025", "agency": "abc"})
    assert response.status_code == 400
    assert response.json()["fields"]["agency"] == ["“abc”不是有效的编号。"]


def test_a_date_far_in_the_future_on_acceptance_is_refused_and_nothing_changes(api_client, county):
    # given a registered application
    _, _, agency, _, clerk = county
    api_client.force_authenticate(clerk)
    payload = {
        "respondent": agency.pk,
        "channel": "counter_written",
        "received_on": "2025-06-09",
        "parties": [{"name": "张三"}],
        "challenged_act": "罚款决定",
        "known_on": "2025-06-01",
        "claim": "撤销",
        "facts": "事实",
        "reasons": "理由",
    }
    case_id = api_client.post("/api/v1/disputes/reconsiderations/", payload, format="json").json()["id"]
    # when
    response = api_client.post(
        f"/api/v1/disputes/reconsiderations/{case_id}/accept/", {"on": "9999-12-31"}, format="json"
    )
    # then
    assert response.status_code == 400
    assert response.json() == {
        "message": "日期“9999-12-31”超出范围，应在 1949—2100 年之间。",
        "code": "date_out_of_range",
        "fields": {"on": ["日期“9999-12-31”超出范围，应在 1949—2100 年之间。"]},
    }
    assert Reconsideration.objects.get(pk=case_id).state == "received"


def test_a_registration_dated_9999_saves_nothing(api_client, county):
    _, _, agency, _, clerk = county
    api_client.force_authenticate(clerk)
    payload = {
        "respondent": agency.pk,
        "channel": "counter_written",
        "received_on": "9999-12-31",
        "parties": [{"name": "张三"}],
        "challenged_act": "罚款决定",
        "known_on": "9999-12-30",
        "claim": "撤销",
        "facts": "事实",
        "reasons": "理由",
    }
    response = api_client.post("/api/v1/disputes/reconsiderations/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "date_out_of_range"
    assert Reconsideration.objects.count() == 0


def test_a_far_date_reaching_date_arithmetic_in_a_page_answers_400(county):
    def view(request):
        raise OverflowError("date value out of range")

    request = RequestFactory().get("/x/")
    request.user = county[3]
    response = BadDateMiddleware(view).process_exception(request, OverflowError("date value out of range"))
    assert response is not None
    assert response.status_code == 400
    assert "日期超出可处理的范围" in response.content.decode()


def test_api_csrf_failure_is_in_chinese(county):
    # given a session login and no CSRF token
    client = Client(enforce_csrf_checks=True)
    client.force_login(county[4])
    # when
    response = client.post("/api/v1/org/token/revoke/")
    # then
    assert response.status_code == 403
    assert response.json()["message"].startswith("CSRF 校验失败")


def test_page_csrf_failure_is_in_chinese(county):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/org/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "CSRF 校验失败" in response.content.decode()


def test_anonymous_api_call_is_401_with_the_error_shape(api_client, db):
    response = api_client.get("/api/v1/disputes/reconsiderations/")
    assert response.status_code == 401
    assert set(response.json()) == ERROR_KEYS


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("2026-02-30", "日期“2026-02-30”格式错误，应为 YYYY-MM-DD。"),
        ("9999-12-31", "日期“9999-12-31”超出范围，应在 1949—2100 年之间。"),
    ],
)
def test_a_bad_date_parameter_is_refused(api_client, county, on, message):
    api_client.force_authenticate(county[3])
    response = api_client.get("/api/v1/core/my-tasks/", {"on": on})
    assert response.status_code == 400
    assert response.json()["fields"] == {"on": [message]}
