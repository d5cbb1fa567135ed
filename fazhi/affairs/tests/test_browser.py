"""Browser journey (Playwright): an officer registers a disclosure request at the counter, sees its
20-working-day reply period explained, and answers it with a statutory reply type; the justice
bureau sees it on the overview. Assertions on headings and texts, not layout."""

from __future__ import annotations

import re

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Fazhi-e2e-2026!"


def _login(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()


def test_disclosure_request_from_counter_to_reply(live_server, page: Page) -> None:
    agency = AgencyFactory(jurisdiction=JurisdictionFactory(), name="示范县市场监督管理局")
    officer = UserFactory(username="e2e_gongkai", role="officer", agency=agency)
    officer.set_password(PASSWORD)
    officer.save()
    _login(page, live_server, "e2e_gongkai")

    # register the request received at the counter on Fri 2025-09-26, before National Day
    page.goto(live_server.url + reverse("affairs:disclosure_create"))
    expect(page.get_by_role("heading", name="登记政府信息公开申请")).to_be_visible()
    page.locator("select[name=agency]").select_option(label="示范县市场监督管理局")
    page.locator("input[name=applicant_name]").fill("张三")
    page.locator("input[name=applicant_contact]").fill("13800000000")
    page.locator("textarea[name=description]").fill("2024年度农贸市场抽检结果")
    page.locator("select[name=channel]").select_option(label="当面提交")
    page.locator("input[name=submitted_on]").fill("2025-09-26")
    page.get_by_role("button", name="登记").click()

    # the case page explains the period: 20 working days, National Day and make-up days → 2025-10-30
    expect(page.locator("h1")).to_contain_text("政府信息公开申请")
    expect(page.get_by_text(re.compile("2025-09-26 \\+ 20个工作日.*→ 2025-10-30")).first).to_be_visible()

    # answer with a reply type from the statutory list
    page.get_by_text("作出答复", exact=True).first.click()
    form = page.locator("form[action$='/do/reply/']")
    form.locator("input[name=on]").fill("2025-10-09")
    form.locator("select[name=reply_type]").select_option(value="provided")
    form.get_by_role("button", name="作出答复").click()
    expect(page.get_by_text("已办理：作出答复。")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("已答复")
