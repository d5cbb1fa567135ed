"""Staff and portal pages: Chinese, scoped, a refusal leaves no trace."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from .. import excel, services
from ..choices import ReplyType, SuggestionKind
from ..models import LegalEducationEvent

pytestmark = pytest.mark.django_db


def test_lists_and_detail_render_in_chinese(client, officer, make_request):
    case = make_request(date(2025, 9, 26))
    client.force_login(officer)
    for url in (
        "/affairs/",
        "/affairs/gongkai/",
        "/affairs/jianyi/",
        "/affairs/xinfang/",
        "/affairs/taizhang/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/affairs/gongkai/{case.pk}/").content.decode()
    assert "政府信息公开条例第三十三条第二款" in page
    assert "作出答复" in page
    assert "reply_type" not in page.split("<form")[0]  # no codes in the facts


def test_reply_through_the_page_and_a_refused_type_shows_the_message(client, officer, make_request):
    case = make_request(date(2025, 9, 26))
    client.force_login(officer)
    url = f"/affairs/disclosure/{case.pk}/do/reply/"
    bad = client.post(url, {"on": "2025-10-09", "reply_type": "ignored"})
    assert bad.status_code == 400
    case.refresh_from_db()
    assert case.state == "received"
    ok = client.post(url, {"on": "2025-10-09", "reply_type": ReplyType.PROVIDED, "reply_text": "已提供"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied"


def test_other_agency_cannot_see_the_request(client, other_officer, make_request):
    case = make_request(date(2025, 9, 26))
    client.force_login(other_officer)
    assert client.get(f"/affairs/gongkai/{case.pk}/").status_code == 404


def test_overview_lists_overdue_deadlines_and_sends_a_reminder(client, supervisor, officer, make_request):
    case = make_request(date(2025, 9, 26))
    client.force_login(supervisor)
    page = client.get("/affairs/").content.decode()
    assert case.number in page
    assert "已超期" in page
    deadline = case.procedure_deadlines.get(clock="reply")
    response = client.post(f"/affairs/remind/{deadline.pk}/")
    assert response.status_code == 302
    client.force_login(officer)
    assert "请抓紧办理" in client.get("/affairs/").content.decode()


def test_officer_may_not_send_reminders(client, officer, make_request):
    from ..models import Reminder

    case = make_request(date(2025, 9, 26))
    client.force_login(officer)
    client.post(f"/affairs/remind/{case.procedure_deadlines.get(clock='reply').pk}/")
    assert Reminder.objects.count() == 0


def test_report_page_docx_and_portal(client, supervisor, officer, make_request):
    make_request(date(2025, 9, 26))
    client.force_login(supervisor)
    page = client.get("/affairs/gongkai/report/?year=2025").content.decode()
    assert "示范县人民政府2025年政府信息公开工作年度报告" in page
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in page
    docx = client.get("/affairs/gongkai/report.docx?year=2025")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    client.logout()
    portal = client.get("/gongkai/affairs/?year=2025").content.decode()
    assert "示范县市场监督管理局" in portal
    assert "暂无数据" in portal  # no request closed yet: no rate, not 0
    # an unpublished report is not public; once published, it is
    assert client.get("/gongkai/affairs/nianbao/2025/").status_code == 404
    client.force_login(supervisor)
    assert client.post("/affairs/gongkai/report/publish/?year=2025").status_code == 302
    client.logout()
    public = client.get("/gongkai/affairs/nianbao/2025/").content.decode()
    assert "示范县人民政府2025年政府信息公开工作年度报告" in public


def test_report_table_entries_are_saved_and_audited(client, supervisor):
    client.force_login(supervisor)
    response = client.post(
        "/affairs/gongkai/report/?year=2025",
        {"t4:行政复议:0": "2", "t4:行政复议:1": "1", "t2:rules:0": "1", "problems": "答复质量有待提高"},
    )
    assert response.status_code == 302
    page = client.get("/affairs/gongkai/report/?year=2025").content.decode()
    assert "答复质量有待提高" in page


def test_registry_import_is_all_or_nothing(client, officer):
    client.force_login(officer)
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in excel.COLUMNS["education"]])
    ws.append(["2025-03-15", "普法宣传活动", "宪法宣传周", "社会公众", "300", "500", "100"])
    ws.append(["2099-03-15", "普法宣传活动", "未来活动", "社会公众", "1", "1", "1"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "events.xlsx"
    response = client.post("/affairs/taizhang/education/import/", {"file": buf}, follow=True)
    assert "第3行" in response.content.decode()
    assert LegalEducationEvent.objects.count() == 0


def test_suggestion_register_and_assign_pages(client, supervisor, agency):
    client.force_login(supervisor)
    response = client.post(
        "/affairs/jianyi/new/",
        {"kind": SuggestionKind.NPC, "title": "建议", "proposers": "王代表", "received_on": "2025-03-01"},
    )
    assert response.status_code == 302
    from ..models import Suggestion

    case = Suggestion.objects.get()
    response = client.post(
        f"/affairs/suggestion/{case.pk}/do/assign/", {"on": "2025-03-10", "lead": agency.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "assigned"
    assert services  # the pages call the services


def test_petition_page_offers_linking_to_an_enforcement_case(client, officer, agency):
    from ..choices import PetitionChannel

    case = services.receive_petition(
        actor=officer,
        agency=agency,
        channel=PetitionChannel.HOTLINE,
        petitioner="赵六",
        content="投诉执法",
        received_on=date(2025, 9, 16),
    )
    client.force_login(officer)
    page = client.get(f"/affairs/xinfang/{case.pk}/").content.decode()
    assert "关联执法案件（12345、信访投诉作为监督线索）" in page
    assert "告知是否受理" in page
    assert "信访工作条例第二十三条" in page


def test_petition_list_filters_supervision_leads(client, officer, agency):
    from ..choices import PetitionChannel

    for content, lead in (("投诉执法人员", True), ("邻里纠纷", False)):
        services.receive_petition(
            actor=officer,
            agency=agency,
            channel=PetitionChannel.HOTLINE,
            petitioner="赵六",
            content=content,
            received_on=date(2025, 9, 16),
            is_enforcement_complaint=lead,
        )
    client.force_login(officer)
    page = client.get("/affairs/xinfang/?lead=1").content.decode()
    assert "共 1 件" in page
