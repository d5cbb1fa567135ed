"""Headless Chromium: a department officer takes a penalty case from opening to publicity."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

from .factories import CertificateFactory, MatterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Fazhi-e2e-2026!"
# Chromium, its arguments and the ORM-beside-Playwright switch come from the root conftest.py.


def test_officer_takes_a_case_to_publicity_in_the_browser(live_server, page) -> None:
    from playwright.sync_api import expect

    from fazhi.enforcement.models import PenaltyCase

    # given a certified pair of officers and a penalty matter
    agency = AgencyFactory(
        jurisdiction=JurisdictionFactory(), name="示范县市场监督管理局", has_enforcement_authority=True
    )
    me = UserFactory(username="e2e_zf", full_name="张执法", role="officer", agency=agency)
    me.set_password(PASSWORD)
    me.save()
    mate = UserFactory(username="e2e_zf2", full_name="李执法", role="officer", agency=agency)
    CertificateFactory(holder=me, number="E2E-1", valid_from=date(2020, 1, 1))
    CertificateFactory(holder=mate, number="E2E-2", valid_from=date(2020, 1, 1))
    matter = MatterFactory(agency=agency, code="CF-1")
    page.goto(live_server.url + "/enforcement/cases/open/")  # redirected to the login page
    page.locator("input[name=username]").fill("e2e_zf")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    # open the case
    page.wait_for_url("**/enforcement/cases/open/")
    page.select_option("#matter", str(matter.pk))
    page.fill("#title", "销售过期食品案")
    page.fill("#party_name", "王五")
    page.check("input[name=party_is_natural_person]")
    page.fill("#party_address", "示范县城关镇人民路3号")
    page.fill("#opened_on", "2025-09-01")
    page.select_option("#officer_a", str(me.pk))
    page.select_option("#officer_b", str(mate.pk))
    page.click("#open-form button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("立案调查")
    expect(page.locator(".procedure-panel")).to_contain_text("2025-09-01 + 90日（行政处罚法第六十条）")
    # investigate
    page.click("#investigation summary")
    page.select_option("#step-kind", "inquiry")
    page.fill("#step-on", "2025-09-02")
    page.fill("#step-summary", "询问笔录：当事人承认销售过期食品。")
    page.click("#form-step button")
    expect(page.locator("#investigation")).to_contain_text("E2E-1")
    # notify (with a three-decimal fine first: refused, input kept)
    page.click("text=告知拟处罚决定（第四十四条）")
    page.fill("#notify-on", "2025-09-10")
    page.select_option("#notify-tier", "lenient")
    page.check("#form-notify input[value=fine]")
    page.fill("#notify-fine", "150.005")
    page.click("#form-notify button[type=submit]")
    expect(page.locator("#form-notify .errorlist")).to_contain_text("最多保留两位小数")
    page.fill("#notify-fine", "150.00")
    page.click("#form-notify button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("已告知（陈述申辩）")
    # the party states its case (ends the statement period, 第四十五条)
    page.click('summary:text-is("当事人陈述申辩")')
    page.fill("#make-statement-on", "2025-09-11")
    page.fill("#make-statement-text", "对事实无异议")
    page.click("#form-make-statement button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("已告知（陈述申辩）")
    # decide
    page.click("text=作出处罚决定（第五十七、五十九条）")
    page.fill("#decide-on", "2025-09-15")
    page.select_option("#decide-decision_kind", "penalty")
    page.fill("#decide-decision_number", "示范县市监罚〔2025〕21号")
    page.check("#form-decide input[value=fine]")
    page.fill("#decide-fine_amount", "150.00")
    page.click("#form-decide button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("已作出决定")
    # serve and publish
    page.click("text=送达处罚决定书（七个工作日内）")
    page.fill("#serve-on", "2025-09-16")
    page.select_option("#serve-method", "direct")
    page.click("#form-serve button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("已送达")
    page.fill("#publicity input[name=on]", "2025-09-17")
    page.click("#publish-btn")
    expect(page.locator("#publicity")).to_contain_text("（按期）")
    # then the portal lists it, masked
    page.goto(live_server.url + "/gongkai/zhifa/")
    expect(page.locator("#public-decisions")).to_contain_text("王*")
    expect(page.locator("#public-decisions")).not_to_contain_text("王五")
    assert PenaltyCase.objects.get().state == "served"
