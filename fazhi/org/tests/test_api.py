"""Org API: scoping, no secrets, me/, token auth with the lockout."""

import pytest

from fazhi.core.audit.models import AuditEntry

PASSWORD = "Fazhi-test-2026"


def names(response):
    return sorted(row["name"] for row in response.json()["results"])


def test_anonymous_is_refused(api_client, db):
    response = api_client.get("/api/v1/org/agencies/")
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"message", "code", "fields"}


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [
        ("supervisor", ["示范县交通运输局", "示范县司法局", "示范县市场监督管理局"]),
        ("officer", ["示范县市场监督管理局"]),
        ("other_county_officer", ["长兴县市场监督管理局"]),
    ],
)
def test_agencies_are_scoped(
    user_fixture, expected, api_client, request, agency, other_agency, justice_bureau, other_county_agency
):
    api_client.force_authenticate(request.getfixturevalue(user_fixture))
    assert names(api_client.get("/api/v1/org/agencies/")) == expected


def test_agency_outside_scope_is_404(api_client, officer, other_agency):
    api_client.force_authenticate(officer)
    response = api_client.get(f"/api/v1/org/agencies/{other_agency.pk}/")
    assert (response.status_code, response.json()["message"]) == (404, "未找到该记录，或您无权查看。")


def test_users_scoped_and_without_secrets(api_client, officer, other_officer, legal_reviewer):
    # given
    legal_reviewer.id_number = "11010519491231002X"
    legal_reviewer.save()
    api_client.force_authenticate(officer)
    # when
    rows = api_client.get("/api/v1/org/users/").json()["results"]
    # then
    assert sorted(r["username"] for r in rows) == ["legal_reviewer", "officer"]
    assert not {"password", "id_number"} & set(rows[0])


def test_user_list_query_count_is_fixed(
    api_client, supervisor, officer, other_officer, legal_reviewer, django_assert_num_queries
):
    api_client.force_authenticate(supervisor)
    with django_assert_num_queries(2):  # count + page (session auth is forced)
        api_client.get("/api/v1/org/users/")


def test_me(api_client, agency_admin):
    api_client.force_authenticate(agency_admin)
    data = api_client.get("/api/v1/org/me/").json()
    assert (data["username"], data["role"], data["agency"]["name"]) == (
        "agency_admin",
        "agency_admin",
        "示范县市场监督管理局",
    )
    assert "org.import_staff" in data["permissions"]
    assert "org.import_agencies" not in data["permissions"]


def test_jurisdictions(api_client, officer, other_jurisdiction):
    api_client.force_authenticate(officer)
    rows = api_client.get("/api/v1/org/jurisdictions/").json()["results"]
    assert [r["division_code"] for r in rows] == ["110105", "330522"]


def test_token_then_token_auth(api_client, officer):
    # when
    response = api_client.post(
        "/api/v1/org/token/", {"username": "officer", "password": PASSWORD}, format="json"
    )
    # then
    assert response.status_code == 200
    token = response.json()["token"]
    assert AuditEntry.objects.get(action="org.login").after["via"] == "api_token"
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/org/me/").json()["username"] == "officer"


def test_session_auth_works(client, officer):
    client.force_login(officer)
    assert client.get("/api/v1/org/me/").json()["username"] == "officer"


def test_token_wrong_password_then_lockout(api_client, officer, settings):
    # given
    settings.FAZHI_LOGIN_MAX_FAILURES = 2
    bad = {"username": "officer", "password": "nope-nope-nope"}
    # when
    first = api_client.post("/api/v1/org/token/", bad, format="json")
    api_client.post("/api/v1/org/token/", bad, format="json")
    locked = api_client.post(
        "/api/v1/org/token/", {"username": "officer", "password": PASSWORD}, format="json"
    )
    # then
    assert (first.status_code, first.json()["message"]) == (400, "用户名或密码不正确，请注意区分大小写。")
    assert locked.status_code == 429
    assert locked.json()["message"].startswith("登录失败次数过多，请 ")
    assert "token" not in locked.json()


def test_token_endpoint_rate_throttled(api_client, officer, settings):
    # given: the login rate is 10/min (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"])
    settings.FAZHI_LOGIN_MAX_FAILURES = 100
    statuses = [
        api_client.post(
            "/api/v1/org/token/", {"username": f"u{i}", "password": "x"}, format="json"
        ).status_code
        for i in range(11)
    ]
    assert statuses == [400] * 10 + [429]
