"""Login security: django-axes lockout per (username, address), growing cool-off, audited logins,
the admin login, the trusted proxy header, Chinese messages."""

from datetime import timedelta

from django.test import Client

import pytest
import time_machine
from axes.models import AccessAttempt

from fazhi.core.audit.models import AuditEntry
from fazhi.org.tests.factories import UserFactory

PASSWORD = "Fazhi-test-2026"


@pytest.fixture
def limits(settings, db):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    settings.FAZHI_LOGIN_LOCKOUT_SECONDS = 600
    return settings


def login(client, username, password, ip="10.0.0.1", **extra):
    return client.post("/org/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def locked(response) -> bool:
    return "登录失败次数过多" in response.content.decode()


def test_login_page_is_chinese(client, limits):
    response = client.get("/org/login/")
    assert response.status_code == 200
    assert "同一账号在同一地址连续登录失败 3 次后将暂停登录 10 分钟" in response.content.decode()


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
    assert response.status_code == 429
    assert "登录失败次数过多，请 10 分钟后再试。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="org.login").count() == 0


def test_failures_from_elsewhere_do_not_lock_the_owner_out(client, officer, limits):
    # given someone tries the officer's account from another address until it locks there
    for _ in range(5):
        login(Client(), "OFFICER", "wrong-password", ip="10.6.6.6")
    assert locked(login(Client(), "officer", PASSWORD, ip="10.6.6.6"))
    # when the officer logs in from their own desk
    response = login(client, "officer", PASSWORD, ip="10.0.0.1")
    # then
    assert response.status_code == 302


def test_own_success_does_not_clear_the_failures_against_a_colleague(client, officer, limits):
    # given an insider guesses a colleague's password twice
    colleague = UserFactory(username="colleague", role="officer", agency=officer.agency)
    login(Client(), "colleague", "guess-1", ip="10.0.0.1")
    login(Client(), "colleague", "guess-2", ip="10.0.0.1")
    # when they log in to their own account from the same address
    assert login(Client(), "officer", PASSWORD, ip="10.0.0.1").status_code == 302
    # then the third guess still locks the colleague's account at that address
    login(Client(), "colleague", "guess-3", ip="10.0.0.1")
    assert locked(login(Client(), "colleague", PASSWORD, ip="10.0.0.1"))
    assert colleague.username == "colleague"


def test_lockout_ends_after_the_cool_off_and_attempts_during_it_do_not_renew_it(officer, limits):
    with time_machine.travel("2025-09-01 09:00:00+08:00", tick=False) as clock:
        for _ in range(3):
            login(Client(), "officer", "wrong-password")
        clock.shift(timedelta(minutes=9))
        assert locked(login(Client(), "officer", "wrong-password"))  # during the lockout
        clock.shift(timedelta(minutes=1, seconds=5))
        assert login(Client(), "officer", PASSWORD).status_code == 302


def test_a_second_lockout_within_a_day_lasts_twice_as_long(officer, limits):
    with time_machine.travel("2025-09-01 09:00:00+08:00", tick=False) as clock:
        for _ in range(3):
            login(Client(), "officer", "wrong-password")
        clock.shift(timedelta(minutes=11))
        for _ in range(3):
            login(Client(), "officer", "wrong-password")
        clock.shift(timedelta(minutes=11))
        response = login(Client(), "officer", PASSWORD)
        assert locked(response)
        assert "请 9 分钟后再试" in response.content.decode()  # 20 minutes from the second lockout
        clock.shift(timedelta(minutes=10))
        assert login(Client(), "officer", PASSWORD).status_code == 302


def test_success_resets_the_counter(client, officer, limits):
    # given
    login(client, "officer", "wrong-password")
    login(client, "officer", "wrong-password")
    # when
    assert login(client, "officer", PASSWORD).status_code == 302
    # then
    assert AccessAttempt.objects.count() == 0
    client.logout()
    login(client, "officer", "wrong-password")
    login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302


def test_trusted_proxy_header_separates_clients_behind_the_proxy(officer, limits):
    # given the site behind a proxy that sets X-Real-IP
    limits.FAZHI_TRUSTED_PROXY_HEADER = "X-Real-IP"
    for _ in range(3):
        login(Client(), "officer", "wrong-password", ip="192.168.0.1", HTTP_X_REAL_IP="203.0.113.9")
    # when the officer logs in through the same proxy from their own address
    response = login(Client(), "officer", PASSWORD, ip="192.168.0.1", HTTP_X_REAL_IP="203.0.113.10")
    # then
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_proxy_header_is_ignored_unless_configured(officer, limits):
    login(Client(), "officer", "wrong-password", ip="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"


def test_admin_login_is_locked_out_and_audited(superuser, limits):
    # given
    superuser.set_password(PASSWORD)
    superuser.save()

    def admin_login(password):
        return Client().post(
            "/admin/login/?next=/admin/",
            {"username": "root", "password": password, "next": "/admin/"},
            REMOTE_ADDR="10.0.0.5",
        )

    # when
    assert admin_login("wrong-password").status_code == 200
    ok = admin_login(PASSWORD)
    # then
    assert ok.status_code == 302
    entry = AuditEntry.objects.filter(action="org.login").get()
    assert (entry.actor_id, entry.after["via"]) == (superuser.pk, "admin")
    assert AuditEntry.objects.filter(action="org.login_failed").count() == 1
    for _ in range(3):
        admin_login("wrong-password")
    refused = admin_login(PASSWORD)
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.content.decode()


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
