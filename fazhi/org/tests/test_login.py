"""Login security: lockout per username and per address, audited logins, Chinese messages."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.org.models import LoginFailure

PASSWORD = "Fazhi-test-2026"


@pytest.fixture
def limits(settings, db):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    settings.FAZHI_LOGIN_LOCKOUT_SECONDS = 600
    return settings


def login(client, username, password, ip="10.0.0.1"):
    return client.post("/org/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_chinese(client, limits):
    response = client.get("/org/login/")
    assert response.status_code == 200
    assert "10 分钟内连续登录失败 3 次后将暂停登录 10 分钟" in response.content.decode()


def test_success_lands_on_my_tasks_and_is_audited(client, officer):
    # when
    response = login(client, "officer", PASSWORD)
    # then
    assert (response.status_code, response["Location"]) == (302, "/")
    entry = AuditEntry.objects.get(action="org.login")
    assert (entry.actor_id, entry.after) == (officer.pk, {"ip": "10.0.0.1", "via": "web"})


def test_wrong_password_gets_chinese_message_and_is_audited(client, officer):
    # when
    response = login(client, "officer", "wrong-password")
    # then
    assert response.status_code == 200
    assert "用户名或密码不正确，请注意区分大小写。" in response.content.decode()
    entry = AuditEntry.objects.get(action="org.login_failed")
    assert (entry.actor_id, entry.object_id, entry.after, entry.note) == (
        None,
        str(officer.pk),
        {"username": "officer", "ip": "10.0.0.1"},
        "用户名或密码错误",
    )


def test_lockout_after_max_failures_refuses_even_the_right_password(client, officer, limits):
    # given
    for _ in range(3):
        login(client, "officer", "wrong-password")
    # when
    response = login(client, "officer", PASSWORD)
    # then
    assert "登录失败次数过多，请 10 分钟后再试。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="org.login").count() == 0


def test_lockout_is_per_username_across_addresses(client, officer, limits):
    for i in range(3):
        login(client, "OFFICER", "wrong-password", ip=f"10.0.0.{i + 1}")
    response = login(client, "officer", PASSWORD, ip="10.9.9.9")
    assert "登录失败次数过多" in response.content.decode()


def test_lockout_per_address_across_usernames(client, officer, limits):
    for name in ("a", "b", "c"):
        login(client, name, "wrong-password", ip="10.0.0.7")
    assert "登录失败次数过多" in login(client, "officer", PASSWORD, ip="10.0.0.7").content.decode()
    # another address is not affected
    assert login(Client(), "officer", PASSWORD, ip="10.0.0.8").status_code == 302


def test_failures_outside_the_window_do_not_count(client, officer, limits):
    # given: three failures 11 minutes ago
    old = timezone.now() - timedelta(seconds=660)
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="officer", ip="10.0.0.1", at=old) for _ in range(3)]
    )
    # when / then
    assert login(client, "officer", PASSWORD).status_code == 302


def test_success_resets_the_counter(client, officer, limits):
    # given
    login(client, "officer", "wrong-password")
    login(client, "officer", "wrong-password")
    # when
    assert login(client, "officer", PASSWORD).status_code == 302
    # then
    assert LoginFailure.objects.count() == 0
    client.logout()
    login(client, "officer", "wrong-password")
    login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302


def test_inactive_account_message(client, officer):
    officer.is_active = False
    officer.save()
    response = login(client, "officer", PASSWORD)
    assert "该账号已停用，请联系本单位管理员。" in response.content.decode()


def test_logout_url_name_still_resolves(client, officer):
    from django.urls import reverse

    assert (reverse("login"), reverse("logout")) == ("/org/login/", "/org/logout/")
    client.force_login(officer)
    assert client.post("/org/logout/").status_code == 302
