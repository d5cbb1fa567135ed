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
    _act(page, "作出答复", {"on": "2025-10-09"}, {"reply_type": "provided"})
    expect(page.locator("h1")).to_contain_text("已答复")


def _act(page: Page, label: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    """Open the action block named `label`, fill it and submit it."""
    page.locator("summary", has_text=label).first.click()
    form = page.locator("details[open] form").first
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    for name, value in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(value=value)
    form.get_by_role("button", name=label).click()
    expect(page.get_by_text(f"已办理：{label}。")).to_be_visible()


def test_suggestion_assigned_answered_and_rated(live_server, page: Page) -> None:
    jurisdiction = JurisdictionFactory()
    bureau = AgencyFactory(jurisdiction=jurisdiction, name="示范县司法局", kind="justice_bureau")
    agency = AgencyFactory(jurisdiction=jurisdiction, name="示范县交通运输局")
    for username, role, a in (("e2e_office", "supervisor", bureau), ("e2e_lead", "officer", agency)):
        u = UserFactory(username=username, role=role, agency=a)
        u.set_password(PASSWORD)
        u.save()
    _login(page, live_server, "e2e_office")
    page.goto(live_server.url + reverse("affairs:suggestion_create"))
    page.locator("input[name=title]").fill("关于完善城区停车设施的建议")
    page.locator("input[name=proposers]").fill("王代表")
    page.locator("input[name=received_on]").fill("2025-01-15")
    page.get_by_role("button", name="登记").click()
    expect(page.locator("h1")).to_contain_text("待交办")
    _act(page, "交办", {"on": "2025-03-10"}, {"lead": str(agency.pk)})
    expect(page.get_by_text(re.compile("2025-03-10 \\+ 3个月.*→ 2025-06-10")).first).to_be_visible()
    url = page.url

    page.context.clear_cookies()
    _login(page, live_server, "e2e_lead")
    page.goto(url)
    _act(page, "答复", {"on": "2025-05-06", "reply_text": "已纳入城区停车规划"}, {"category": "B"})
    expect(page.locator("h1")).to_contain_text("已答复")

    page.context.clear_cookies()
    _login(page, live_server, "e2e_office")
    page.goto(url)
    _act(page, "代表委员反馈满意，办结", {"on": "2025-05-20"}, {"satisfaction": "satisfied"})
    expect(page.locator("h1")).to_contain_text("办结")


def test_petition_accepted_and_answered(live_server, page: Page) -> None:
    agency = AgencyFactory(jurisdiction=JurisdictionFactory(), name="示范县人力资源和社会保障局")
    officer = UserFactory(username="e2e_xinfang", role="officer", agency=agency)
    officer.set_password(PASSWORD)
    officer.save()
    _login(page, live_server, "e2e_xinfang")
    page.goto(live_server.url + reverse("affairs:petition_create"))
    page.locator("select[name=agency]").select_option(label="示范县人力资源和社会保障局")
    page.locator("select[name=channel]").select_option(label="来信")
    page.locator("input[name=petitioner]").fill("赵六")
    page.locator("textarea[name=content]").fill("反映拖欠农民工工资问题")
    page.locator("input[name=received_on]").fill("2025-09-16")
    page.get_by_role("button", name="登记").click()
    # 15 days run into National Day: the notice is due on the first working day after it
    expect(page.get_by_text(re.compile("→ 2025-10-09")).first).to_be_visible()
    _act(page, "受理（调查核实）", {"on": "2025-09-19"})
    _act(page, "出具信访处理意见书", {"on": "2025-11-03"}, {"outcome": "support"})
    expect(page.locator("h1")).to_contain_text("已出具处理意见")
