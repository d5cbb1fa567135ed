"""A staff member logs in through the Chinese login form and lands on 我的待办; the public portal
needs no login. Assertions are on headings and URLs, not layout, so page redesigns do not break them."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Fazhi-e2e-2026!"


def test_officer_logs_in_and_lands_on_my_tasks(live_server, page: Page, screenshot_dir: Path) -> None:
    agency = AgencyFactory(
        jurisdiction=JurisdictionFactory(),
        name="示范县市场监督管理局",
        has_enforcement_authority=True,
    )
    user = UserFactory(username="e2e_officer", full_name="李执法", role="officer", agency=agency)
    user.set_password(PASSWORD)
    user.save()

    # An anonymous visit to the home page is sent to the login page.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^zh"))

    # The form speaks Chinese (labels contain CJK characters, whatever their exact wording).
    chinese = re.compile(r"[\u4e00-\u9fff]")
    expect(page.locator("label[for=id_username]")).to_have_text(chinese)
    expect(page.locator("label[for=id_password]")).to_have_text(chinese)

    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.locator("input[name=username]").fill("e2e_officer")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")

    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    expect(page).to_have_title(re.compile("我的待办"))
    assert urlsplit(page.url).path == reverse("core:my_tasks")
    page.wait_for_load_state("networkidle")
    assert not failed, f"requests failed while logging in and loading 我的待办: {failed}"
    page.screenshot(path=str(screenshot_dir / "my-tasks.png"), full_page=True)


def test_wrong_password_stays_on_login_page(live_server, page: Page) -> None:
    UserFactory(username="e2e_wrong", role="officer")
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill("e2e_wrong")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("input[name=password]").press("Enter")

    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    expect(page.get_by_role("heading", name="我的待办")).to_have_count(0)


def test_public_portal_needs_no_login(live_server, page: Page, screenshot_dir: Path) -> None:
    response = page.goto(live_server.url + "/gongkai/")

    assert response is not None
    assert response.status == 200
    assert urlsplit(page.url).path == "/gongkai/"  # not redirected to the login page
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_role("heading", name="登录")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "gongkai.png"), full_page=True)


def test_api_docs_load_without_any_cdn(live_server, page: Page) -> None:
    """Swagger UI comes from our own static files (drf-spectacular-sidecar): no request leaves the server."""
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + "/api/v1/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    assert hosts == {urlsplit(live_server.url).netloc}


@pytest.mark.parametrize("role", ["supervisor", "officer"])
def test_every_page_in_the_main_menu_loads(live_server, page: Page, role: str) -> None:
    """Click through the main menu: every page answers without an error, has a heading, and runs
    no script that throws. Follows whatever menu items exist, so new modules are covered too."""
    jurisdiction = JurisdictionFactory()
    kind = "justice_bureau" if role == "supervisor" else "department"
    agency = AgencyFactory(jurisdiction=jurisdiction, kind=kind, has_enforcement_authority=True)
    user = UserFactory(username=f"e2e_{role}", role=role, agency=agency)
    user.set_password(PASSWORD)
    user.save()
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()

    links = page.locator("header nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links, "the main menu has no links"
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    problems = []
    for href in dict.fromkeys(links):
        response = page.goto(live_server.url + href if href.startswith("/") else href)
        status = response.status if response else 0
        if status >= 400:
            problems.append(f"{href} → HTTP {status}")
        elif page.locator("h1").count() == 0:
            problems.append(f"{href} has no <h1>")
    assert not problems, problems
    assert not script_errors, script_errors
