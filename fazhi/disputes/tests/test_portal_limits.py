"""The portal's anonymous online application is limited per address and per day (issue 16, point 5)."""

from __future__ import annotations

from django.test import Client

from ..models import Reconsideration
from .test_views import PORTAL_FORM, today_2025  # noqa: F401  (fixture)

URL = "/gongkai/fuyi/shenqing/"


def _apply(agency, ip, **extra):
    data = {
        **PORTAL_FORM,
        "applicant_id_number": "11010519491231002X",
        "respondent": agency.pk,
        "known_on": "2025-06-02",
    }
    return Client().post(URL, data, REMOTE_ADDR=ip, **extra)


def test_one_address_is_limited_per_day_with_a_chinese_message(agency, today_2025, settings):  # noqa: F811
    # given
    settings.FAZHI_PORTAL_LIMIT_PER_ADDRESS = 3
    for _ in range(3):
        assert _apply(agency, "203.0.113.5").status_code == 302
    # when
    response = _apply(agency, "203.0.113.5")
    # then
    assert response.status_code == 429
    assert "同一网络地址每天最多可提交 3 次网上行政复议申请，今天已达上限。" in response.content.decode()
    assert Reconsideration.objects.count() == 3
    # another address may still apply
    assert _apply(agency, "203.0.113.6").status_code == 302


def test_the_day_has_a_limit_for_everyone(agency, today_2025, settings):  # noqa: F811
    settings.FAZHI_PORTAL_LIMIT_PER_DAY = 2
    assert _apply(agency, "198.51.100.1").status_code == 302
    assert _apply(agency, "198.51.100.2").status_code == 302
    response = _apply(agency, "198.51.100.3")
    assert response.status_code == 429
    assert "今天的网上行政复议申请已达 2 次的上限" in response.content.decode()


def test_a_refused_application_does_not_use_up_the_quota(agency, today_2025, settings):  # noqa: F811
    # given
    settings.FAZHI_PORTAL_LIMIT_PER_ADDRESS = 1
    data = {**PORTAL_FORM, "respondent": agency.pk, "known_on": "2025-06-02"}  # wrong ID check digit
    assert Client().post(URL, data, REMOTE_ADDR="203.0.113.7").status_code == 200
    # when / then
    assert _apply(agency, "203.0.113.7").status_code == 302


def test_the_limit_follows_the_trusted_proxy_header(agency, today_2025, settings):  # noqa: F811
    settings.FAZHI_PORTAL_LIMIT_PER_ADDRESS = 1
    settings.FAZHI_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    assert _apply(agency, "10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.8").status_code == 302
    assert _apply(agency, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    assert _apply(agency, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
