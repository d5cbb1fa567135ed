"""API tokens: they expire, can be revoked, die with a password change; the admin cannot mint them."""

from datetime import timedelta

from django.utils import timezone

from rest_framework.authtoken.models import Token

from fazhi.core.audit.models import AuditEntry
from fazhi.org import services

PASSWORD = "Fazhi-test-2026"


def get_token(api_client) -> str:
    response = api_client.post(
        "/api/v1/org/token/", {"username": "officer", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.json()
    return response.json()["token"]


def me(api_client, key):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api_client.get("/api/v1/org/me/")


def test_anonymous_call_answers_401_with_the_error_shape(api_client, db):
    response = api_client.get("/api/v1/org/me/")
    assert response.status_code == 401
    assert set(response.json()) == {"message", "code", "fields"}
    assert response["WWW-Authenticate"] == "Token"


def test_token_expires_after_the_configured_days(api_client, officer, settings):
    # given
    settings.FAZHI_TOKEN_TTL_DAYS = 30
    key = get_token(api_client)
    assert me(api_client, key).status_code == 200
    # when the token is 31 days old
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=31))
    response = me(api_client, key)
    # then
    assert response.status_code == 401
    assert response.json()["message"] == "API 令牌已过期，请重新获取。"
    api_client.credentials()
    assert get_token(api_client) != key  # a new key is issued


def test_revoked_token_no_longer_works(api_client, officer):
    key = get_token(api_client)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.post("/api/v1/org/token/revoke/").status_code == 204
    assert me(api_client, key).status_code == 401
    assert AuditEntry.objects.filter(action="org.token_revoked", actor=officer).exists()


def test_password_change_deletes_the_tokens(api_client, officer, agency_admin):
    # given
    key = get_token(api_client)
    # when the agency admin resets the password
    services.update_user(actor=agency_admin, user=officer, password="Another-pass-2026")
    # then
    assert me(api_client, key).status_code == 401
    assert not Token.objects.filter(user=officer).exists()


def test_deactivation_deletes_the_tokens(api_client, officer, agency_admin):
    get_token(api_client)
    services.deactivate_user(actor=agency_admin, user=officer)
    assert not Token.objects.filter(user=officer).exists()


def test_admin_cannot_mint_a_token_for_another_user_and_revocation_is_audited(client, superuser, officer):
    # given
    token = Token.objects.create(user=officer)
    client.force_login(superuser)
    # when / then: no add page, the key is not shown
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code == 403
    listing = client.get("/admin/authtoken/tokenproxy/").content.decode()
    assert token.key not in listing
    # when the superuser revokes it
    response = client.post(f"/admin/authtoken/tokenproxy/{officer.pk}/delete/", {"post": "yes"})
    # then
    assert response.status_code == 302
    assert not Token.objects.filter(user=officer).exists()
    entry = AuditEntry.objects.get(action="org.token_revoked")
    assert (entry.actor_id, entry.object_id) == (superuser.pk, str(officer.pk))


def test_the_token_throttle_cannot_be_dodged_with_a_forged_forwarded_for(api_client, officer, settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 100
    statuses = [
        api_client.post(
            "/api/v1/org/token/",
            {"username": f"u{i}", "password": "x"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(11)
    ]
    assert statuses[-1] == 429
