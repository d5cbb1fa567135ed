"""The public portal base: anonymous, read-only, no staff navigation."""

import pytest


@pytest.fixture
def county(db):
    from fazhi.org.tests.factories import JurisdictionFactory

    return JurisdictionFactory(division_code="330523", name="安吉县")


def test_anonymous_gets_the_home_page_with_the_county_header(client, county):
    # when
    response = client.get("/gongkai/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "安吉县人民政府 · 法治政府建设信息公开" in html
    assert "退出" not in html
    assert "我的待办" not in html
    assert "机构人员" not in html


def test_post_is_refused(client, county):
    assert client.post("/gongkai/").status_code == 405


def test_signed_in_staff_still_see_no_staff_nav(client, county, officer):
    client.force_login(officer)
    html = client.get("/gongkai/").content.decode()
    assert "机构人员" not in html
    assert "我的待办" not in html


def test_sections_from_portal_nav_are_listed(client, county, monkeypatch):
    from django.apps import apps

    for config in apps.get_app_configs():
        monkeypatch.setattr(config, "fazhi_portal_nav", [], raising=False)
    monkeypatch.setattr(
        apps.get_app_config("portal"),
        "fazhi_portal_nav",
        [("测试栏目", "portal:home", "栏目说明")],
        raising=False,
    )
    html = client.get("/gongkai/").content.decode()
    assert '<h2><a href="/gongkai/">测试栏目</a></h2><p>栏目说明</p>' in html
