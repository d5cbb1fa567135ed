"""Token and session authentication both work on the API, and anonymous callers are refused.

The check uses a test-only view that inherits the project's REST_FRAMEWORK defaults, so it does not
depend on any module's endpoints; a second test walks every API route that exists."""

from __future__ import annotations

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, path, reverse

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from fazhi.org.tests.factories import UserFactory


class WhoAmIApi(APIView):
    """Uses the project's default authentication and permission classes."""

    def get(self, request):
        return Response({"username": request.user.username})

    def post(self, request):
        return Response({"username": request.user.username})


urlpatterns = [path("api/v1/test-whoami/", WhoAmIApi.as_view())]

URL = "/api/v1/test-whoami/"
# API routes that are public by design (the schema and its docs).
PUBLIC_API_PATHS = {"/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"}


@pytest.fixture
def user(db):
    return UserFactory(username="api_user", role="officer")


@pytest.mark.urls(__name__)
def test_anonymous_is_refused(db) -> None:
    response = APIClient().get(URL)
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"message", "code", "fields"}  # ADR 0001 error shape


@pytest.mark.urls(__name__)
def test_token_authentication(user) -> None:
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(URL).json() == {"username": "api_user"}
    assert client.post(URL, {}, format="json").status_code == 200  # no CSRF for token clients

    client.credentials(HTTP_AUTHORIZATION="Token not-a-valid-token")
    assert client.get(URL).status_code in (401, 403)


@pytest.mark.urls(__name__)
def test_session_authentication_with_csrf(user) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(URL).json() == {"username": "api_user"}
    assert client.post(URL, {}, format="json").status_code == 403  # a session write needs the CSRF token


@pytest.mark.parametrize("how", ["token", "session"])
def test_real_endpoint_me_accepts_token_and_session(user, how: str) -> None:
    """The same on a real endpoint: /api/v1/org/me/ (skipped if the org API does not have it)."""
    try:
        url = reverse("org-me")
    except NoReverseMatch:
        pytest.skip("no org-me endpoint")
    client = APIClient()
    assert client.get(url).status_code in (401, 403)
    if how == "token":
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    else:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert "api_user" in response.content.decode()


def _api_paths(patterns, prefix: str = "") -> list[str]:
    """Every API route without path parameters (list endpoints, `me`, …)."""
    found = []
    for p in patterns:
        route = str(p.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(p, URLResolver):
            found += _api_paths(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            found.append("/" + prefix + route)
    return found


def test_every_api_endpoint_refuses_anonymous_callers(db) -> None:
    paths = [p for p in _api_paths(get_resolver().url_patterns) if p.startswith("/api/v1/")]
    client = APIClient()
    open_to_anyone = []
    for p in sorted(set(paths) - PUBLIC_API_PATHS):
        status = client.get(p).status_code
        if status not in (401, 403, 404, 405):
            open_to_anyone.append(f"{p} → {status}")
    assert not open_to_anyone, (
        "API endpoints answer anonymous callers (if one is public by design, add it to "
        f"PUBLIC_API_PATHS in tests/test_api_auth.py): {open_to_anyone}"
    )
