"""Staff UI and public portal pages."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.utils import timezone

import pytest

from ..models import Reconsideration
from ..services import (
    accept_application,
    assign_handlers,
    decide_case,
    file_reply,
    publish_decision,
    record_hearing,
    send_copy,
)

PORTAL_FORM = {
    "applicant_kind": "person",
    "applicant_name": "张三",
    "applicant_id_number": "110105194912310021",  # wrong check digit
    "applicant_phone": "13812345678",
    "act_kind": "act",
    "challenged_act": "京朝市监罚〔2025〕12号行政处罚决定",
    "rights_notified": "on",
    "claim": "撤销该决定",
    "facts": "被处以罚款",
    "reasons": "处罚过重",
}


@pytest.fixture
def today_2025(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 6, 9))


def test_portal_application_keeps_input_on_error_and_saves_nothing(client: Client, agency, today_2025):
    # when: anonymous, wrong ID check digit
    data = {**PORTAL_FORM, "respondent": agency.pk, "known_on": "2025-06-02"}
    response = client.post("/gongkai/fuyi/shenqing/", data)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "第1名申请人的居民身份证号码校验位错误：第18位应为“X”，实际为“1”。" in html
    assert 'value="京朝市监罚〔2025〕12号行政处罚决定"' in html
    assert 'value="110105194912310021"' in html
    assert Reconsideration.objects.count() == 0


def test_portal_application_succeeds_and_shows_the_review_deadline(client: Client, agency, today_2025):
    data = {
        **PORTAL_FORM,
        "applicant_id_number": "11010519491231002X",
        "respondent": agency.pk,
        "known_on": "2025-06-02",
    }
    response = client.post("/gongkai/fuyi/shenqing/", data, follow=True)
    html = response.content.decode()
    case = Reconsideration.objects.get()
    assert (case.channel, case.state, case.received_on) == ("online", "received", date(2025, 6, 9))
    assert case.number in html
    assert "2025-06-16 前完成审查" in html


def test_staff_pages(client: Client, apply, clerk, clerk2):
    # given
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    client.force_login(clerk)
    # then
    html = client.get("/disputes/").content.decode()
    assert case.number in html
    assert "发送申请书副本 2025-06-19" in html
    html = client.get(f"/disputes/fuyi/{case.pk}/").content.decode()
    assert (
        "2025-06-10 + 60日（行政复议法第六十二条第一款）；期满日 2025-08-09 为休息日，顺延至下一工作日 → 2025-08-11"
        in html
    )
    assert "行政复议受理通知书（.docx）" in html
    # an extension by someone who is not the head: refused, nothing changed
    response = client.post(
        f"/disputes/fuyi/{case.pk}/do/extend/", {"on": "2025-07-01", "ground": "复杂", "days": "30"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == "accepted"


def test_staff_decide_with_one_handler_shows_the_message(client: Client, apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 12), text="答复")
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2025, 6, 20))
    client.force_login(clerk)
    response = client.post(
        f"/disputes/fuyi/{case.pk}/do/decide/",
        {"on": "2025-07-01", "outcome": "uphold", "reasons": "事实清楚", "approved_by": "集体讨论"},
    )
    assert response.status_code == 400
    assert "本案目前只有1名（行政复议法第四十五条）" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "accepted"


def test_published_decision_on_the_portal_is_redacted(client: Client, apply, clerk, clerk2):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assign_handlers(actor=clerk, case=case, handlers=[clerk, clerk2])
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 12), text="答复")
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2025, 6, 20))
    decide_case(
        actor=clerk,
        case=case,
        on=date(2025, 7, 1),
        outcome="uphold",
        reasons="张三所称不成立",
        approved_by="集体讨论",
    )
    # not public before publication
    assert client.get(f"/gongkai/fuyi/jueding/{case.pk}/").status_code == 404
    publish_decision(actor=clerk, case=case, on=date(2025, 7, 2))
    html = client.get("/gongkai/fuyi/").content.decode()
    assert "示范县复决字〔2025〕1号" in html
    html = client.get(f"/gongkai/fuyi/jueding/{case.pk}/").content.decode()
    assert "张*所称不成立" in html
    assert "张三" not in html


def test_counter_form_registers_an_oral_application(client: Client, clerk, agency):
    client.force_login(clerk)
    assert client.get("/disputes/fuyi/new/").status_code == 200
    data = {
        **PORTAL_FORM,
        "applicant_id_number": "11010519491231002X",
        "respondent": agency.pk,
        "known_on": "2025-06-02",
        "channel": "counter_oral",
        "received_on": "2025-06-09",
        "oral_record": "",
    }
    # an oral application without its record is refused, typed input kept
    response = client.post("/disputes/fuyi/new/", data)
    assert "口头申请笔录：口头申请的，应当当场记录" in response.content.decode()
    assert Reconsideration.objects.count() == 0
    response = client.post("/disputes/fuyi/new/", {**data, "oral_record": "申请人张三口述，要求撤销罚款。"})
    case = Reconsideration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/disputes/fuyi/{case.pk}/"
    assert (case.channel, case.oral_record) == ("counter_oral", "申请人张三口述，要求撤销罚款。")


def test_litigation_and_mediation_pages(client: Client, officer, agency):
    client.force_login(officer)
    response = client.post(
        "/disputes/yingsu/",
        {
            "agency": agency.pk,
            "court": "示范县人民法院",
            "case_number": "（2025）京0105行初5号",
            "instance": "first",
            "plaintiff": "李四",
            "cause": "行政处罚",
            "served_on": "2025-09-22",
        },
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert (
        "2025-09-22 + 15日（行政诉讼法第六十七条）；期满日 2025-10-07 为休息日，顺延至下一工作日 → 2025-10-09"
        in html
    )
    response = client.post(response["Location"], {"form": "hearing", "held_on": "2025-11-03"})
    assert "未出庭理由：负责人未出庭的，应当说明理由（2020规定第八条）。" in response.content.decode()
    assert client.get("/disputes/tiaojie/").status_code == 200
    assert client.get("/disputes/fuyi/opinions/").status_code == 200


def test_respondent_uploads_reply_evidence_with_its_hash(client: Client, apply, officer, settings, tmp_path):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.evidence.models import EvidenceFile

    settings.FAZHI_EVIDENCE_ROOT = tmp_path
    case = apply()
    client.force_login(officer)
    content = b"%PDF-1.4 reply evidence"
    response = client.post(
        f"/disputes/fuyi/{case.pk}/do/evidence/",
        {
            "file": SimpleUploadedFile("答复证据.pdf", content, content_type="application/pdf"),
            "description": "答复证据",
        },
    )
    assert response.status_code == 302
    f = EvidenceFile.objects.get()
    assert (f.sha256, f.original_name, f.agency_id) == (
        hashlib.sha256(content).hexdigest(),
        "答复证据.pdf",
        case.respondent_id,
    )
    assert "答复证据.pdf" in client.get(f"/disputes/fuyi/{case.pk}/").content.decode()


def test_statistics_page(client: Client, apply, clerk):
    apply()
    apply()
    client.force_login(clerk)
    response = client.get("/disputes/tongji/?year=2025")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'title="reconsideration.received"><div class="value">2<small> 件</small>' in html


def test_counter_form_registers_a_posted_application_and_the_notice_receipt(client: Client, clerk, agency):
    # given: posted on 2025-10-09, the last day of the period (8/4 + 60 → 10/3, National Day → 10/9)
    client.force_login(clerk)
    data = {
        **PORTAL_FORM,
        "applicant_id_number": "11010519491231002X",
        "respondent": agency.pk,
        "known_on": "2025-08-04",
        "channel": "post",
        "received_on": "2025-10-13",
        "oral_record": "",
    }
    # when: the postmark is missing, the form says so and nothing is saved
    response = client.post("/disputes/fuyi/new/", data)
    assert "交邮日期：邮寄申请的，应填写邮戳日期" in response.content.decode()
    assert Reconsideration.objects.count() == 0
    # when: with the postmark
    response = client.post("/disputes/fuyi/new/", {**data, "posted_on": "2025-10-09"})
    case = Reconsideration.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert "<strong>交邮日期：</strong>2025-10-09（在途时间不计入申请期限）" in html
    assert 'status-overdue">超过申请期限' not in html
    # and an amendment notice whose receipt is recorded later (第三十一条第二款)
    client.post(f"/disputes/fuyi/{case.pk}/do/request_amendment/", {"on": "2025-10-14", "items": "身份证明"})
    html = client.get(f"/disputes/fuyi/{case.pk}/").content.decode()
    assert "申请人收到：尚未登记（补正期限自收到之日起计算）" in html
    response = client.post(f"/disputes/fuyi/{case.pk}/do/receive_amendment_notice/", {"on": "2025-10-16"})
    assert response.status_code == 302
    html = client.get(f"/disputes/fuyi/{case.pk}/").content.decode()
    assert "申请人收到：2025-10-16" in html
    assert "2025-10-16 + 10个工作日（行政复议法第三十一条第二款）" in html


def test_opinion_receipt_is_recorded_from_the_list(client: Client, clerk, agency):
    from ..services import issue_opinion

    opinion = issue_opinion(actor=clerk, agency=agency, on=date(2025, 8, 4), content="规范罚款程序")
    client.force_login(clerk)
    assert "登记收到" in client.get("/disputes/fuyi/opinions/").content.decode()
    # a date after today is refused with the message, nothing recorded
    response = client.post(
        f"/disputes/fuyi/opinions/{opinion.pk}/receive/", {"on": "2099-01-01"}, follow=True
    )
    assert "收到日期 2099-01-01 晚于今天" in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.received_on is None
    # 08-11 + 60 days → Friday 2025-10-10
    response = client.post(
        f"/disputes/fuyi/opinions/{opinion.pk}/receive/", {"on": "2025-08-11"}, follow=True
    )
    html = response.content.decode()
    assert "<td>2025-08-11</td>" in html
    assert "2025-10-10" in html
