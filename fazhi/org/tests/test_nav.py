"""The navigation context processor (fazhi.core.context_processors.nav)."""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

import pytest

from fazhi.core import context_processors


@pytest.fixture
def only_org_nav(monkeypatch):
    """Org's entries only, so other apps' work in progress does not change the expectations."""
    for config in apps.get_app_configs():
        if config.label != "org":
            monkeypatch.setattr(config, "fazhi_nav", [], raising=False)
            monkeypatch.setattr(config, "fazhi_portal_nav", [], raising=False)
    org = apps.get_app_config("org")
    portal = apps.get_app_config("portal")
    monkeypatch.setattr(
        org,
        "fazhi_nav",
        [
            ("机构人员", "org:agency_list"),
            ("尚未实现", "org:no_such_page"),  # unresolvable: skipped
            ("批量导入", "org:agency_import", "org.import_agencies"),  # permission-checked
        ],
    )
    monkeypatch.setattr(
        portal,
        "fazhi_portal_nav",
        [("公开首页", "portal:home", "说明文字"), ("坏链接", "nowhere")],
        raising=False,
    )


def nav_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return context_processors.nav(request)


def test_staff_nav_for_signed_in_user_with_permission_filter(only_org_nav, supervisor, officer):
    sup = [(i.label, i.url) for i in nav_for(supervisor)["nav_items"]]
    off = [(i.label, i.url) for i in nav_for(officer)["nav_items"]]
    assert sup == [("机构人员", "/org/"), ("批量导入", "/org/agencies/import/")]
    assert off == [("机构人员", "/org/")]


def test_no_staff_nav_for_anonymous(only_org_nav, db):
    assert list(nav_for(AnonymousUser())["nav_items"]) == []


def test_portal_nav_skips_unresolvable(only_org_nav, db):
    items = list(nav_for(AnonymousUser())["portal_nav_items"])
    assert [(i.label, i.url, i.description) for i in items] == [("公开首页", "/gongkai/", "说明文字")]


def test_org_declares_its_entry():
    assert apps.get_app_config("org").fazhi_nav == [("机构人员", "org:agency_list")]


def test_base_template_renders_nav(client, officer):
    client.force_login(officer)
    html = client.get("/org/").content.decode()
    assert '<a href="/org/">机构人员</a>' in html
