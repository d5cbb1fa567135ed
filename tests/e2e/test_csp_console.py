"""The Content-Security-Policy holds in a real browser: the staff pages with charts, htmx forms, the
API docs (Swagger UI from our static files) and the portal load with no console error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Fazhi-e2e-2026!"
PAGES = [
    "/",
    "/reporting/",
    "/reporting/compare/",
    "/reporting/compare/upload/",
    "/enforcement/supervision/",
    "/disputes/tongji/",
    "/api/v1/docs/",
    "/gongkai/",
    "/gongkai/fuyi/shenqing/",
]


def test_pages_load_without_console_errors_under_the_policy(live_server, page: Page) -> None:
    # given a supervisor of the county
    jurisdiction = JurisdictionFactory()
    bureau = AgencyFactory(jurisdiction=jurisdiction, name="示范县司法局", kind="justice_bureau")
    user = UserFactory(username="e2e_supervisor", role="supervisor", agency=bureau, is_head=True)
    user.set_password(PASSWORD)
    user.save()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # when
    page.goto(live_server.url + "/org/login/")
    page.fill("#id_username", "e2e_supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # then
    assert errors == [], failed
    page.goto(live_server.url + "/")
    assert page.evaluate("typeof htmx") == "object"  # our static htmx ran under the policy
