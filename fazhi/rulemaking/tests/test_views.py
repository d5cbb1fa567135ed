"""Staff pages and the public portal (Chinese, no codes shown, refusals keep the form)."""

from __future__ import annotations

import time
from datetime import date

from django.core import signing

from fazhi.core import workdays
from fazhi.rulemaking import services
from fazhi.rulemaking.models import PublicComment

from .flow import to_published, to_review
from .texts import OUTDOOR_ADS


def test_staff_pages_render_for_the_drafter_and_the_bureau(client, register, drafter, reviewer):
    doc = to_review(register(text=OUTDOOR_ADS, requires_comment=False), drafter)
    for user in (drafter, reviewer):
        client.force_login(user)
        for url in (
            "/rulemaking/",
            f"/rulemaking/wenjian/{doc.pk}/",
            "/rulemaking/qingli/",
            "/rulemaking/juece/",
            "/rulemaking/shencha/",
            "/rulemaking/guwen/",
        ):
            r = client.get(url)
            assert r.status_code == 200, url
    body = client.get(f"/rulemaking/wenjian/{doc.pk}/").content.decode()
    assert "设定行政许可" in body
    assert "《中华人民共和国行政处罚法》第十六条" in body
    assert "legality_review" not in body


def test_an_action_form_refusal_is_shown_in_chinese_and_keeps_the_input(client, register, drafter):
    doc = register(on=date(2025, 9, 26))
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 26), assessment="必要")
    client.force_login(drafter)
    r = client.post(
        f"/rulemaking/wenjian/{doc.pk}/do/open_comment/", {"on": "2025-09-26", "ends_on": "2025-10-10"}
    )
    assert r.status_code == 400
    assert "征求意见期限不足" in r.content.decode()
    doc.refresh_from_db()
    assert doc.state == "assessed"


def test_the_public_catalogue_and_full_text_need_no_account(client, register, drafter, reviewer):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 2))
    r = client.get("/gongkai/guifan/", {"q": "窗口"})
    assert r.status_code == 200
    assert "示政规〔2025〕1号" in r.content.decode()
    assert "一次性告知" in client.get(f"/gongkai/guifan/wenjian/{doc.pk}/").content.decode()
    assert "暂无数据" in client.get("/gongkai/guifan/", {"q": "不存在的文件"}).content.decode()


def test_a_visitor_comments_on_a_clause_and_a_bot_filling_the_honeypot_does_not(
    client, register, drafter, settings
):
    today = workdays.today()
    doc = register(text=OUTDOOR_ADS, on=today)
    services.assess_document(actor=drafter, document=doc, on=today, assessment="必要")
    services.open_comment(actor=drafter, document=doc, on=today, ends_on=date(today.year + 1, 12, 31))
    url = f"/gongkai/guifan/zhengqiu/wenjian/{doc.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    clause = doc.versions.get().clauses.get(heading="第四条")
    started = signing.dumps(str(time.time() - 60), salt="rulemaking.comment.started")
    bot = client.post(
        url, {"clause": clause.pk, "text": "广告", "website": "http://spam", "started": started}
    )
    assert bot.status_code == 400
    r = client.post(
        url, {"clause": clause.pk, "text": "建议明确占用费减免情形。", "name": "李小龙", "started": started}
    )
    assert r.status_code == 302
    c = PublicComment.objects.get()
    assert (c.clause.heading, c.name) == ("第四条", "李小龙")
    services.answer_comment(actor=drafter, comment=c, answer="adopted", reason="", on=today)
    feedback = client.get(
        f"/gongkai/guifan/zhengqiu/wenjian/{doc.pk}/fankui/", {"answer": "adopted"}
    ).content.decode()
    assert "李**" in feedback
    assert "李小龙" not in feedback
    assert (
        client.get(f"/gongkai/guifan/zhengqiu/wenjian/{doc.pk}/fankui/", {"answer": "not_adopted"})
        .content.decode()
        .count("暂无数据")
        == 1
    )


def test_the_cleanup_sheet_downloads_and_the_adviser_list_exports(
    client, reviewer, jurisdiction, register, drafter
):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 2))
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=jurisdiction,
        title="全面清理",
        kind="comprehensive",
        started_on=date(2025, 11, 3),
    )
    client.force_login(reviewer)
    r = client.get(f"/rulemaking/qingli/{campaign.pk}/sheet.xlsx")
    assert (r.status_code, r["Content-Type"]) == (
        200,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert client.get("/rulemaking/guwen/?format=xlsx").status_code == 200
    assert client.get(f"/rulemaking/qingli/{campaign.pk}/").status_code == 200


def test_the_printable_filing_set_lists_the_filing_period(client, register, drafter, reviewer):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 1))
    client.force_login(drafter)
    body = client.get(f"/rulemaking/wenjian/{doc.pk}/beian/").content.decode()
    assert "行政规范性文件备案报告" in body
    assert "2025年10月9日" in body  # 2025-09-01 + 30 days → National Day → 10-09
    assert "经审核，该文件制定主体适格" in body


def test_the_case_page_shows_deliberation_blocked_until_the_fair_competition_review(
    client, register, drafter, reviewer
):
    # given: a market document that passed legality review, no fair-competition review yet
    doc = to_review(register(requires_comment=False, touches_market=True), drafter)
    services.pass_review(actor=reviewer, document=doc, on=date(2025, 9, 3), opinion_text="合法")
    client.force_login(drafter)
    # when
    body = client.get(f"/rulemaking/wenjian/{doc.pk}/").content.decode()
    # then
    assert "集体审议</strong>（暂不能办理：该文件涉及经营者经济活动，未经公平竞争审查" in body
    r = client.post(
        f"/rulemaking/wenjian/{doc.pk}/do/deliberate/",
        {"on": "2025-09-04", "meeting_kind": "executive", "meeting_name": "常务会议", "minutes": "通过"},
    )
    assert r.status_code == 400
    doc.refresh_from_db()
    assert doc.state == "reviewed"


def test_the_document_list_page_runs_the_same_queries_for_one_or_many(client, register, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reviewer)
    counts = []
    for i in range(2):
        for k in range(1 if i == 0 else 8):
            register(title=f"文件{i}-{k}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/rulemaking/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_thematic_cleanup_is_started_from_the_page_with_its_documents(client, register, drafter, reviewer):
    from fazhi.rulemaking.models import CleanupCampaign

    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 2))
    client.force_login(reviewer)
    r = client.post(
        "/rulemaking/qingli/",
        {
            "title": "优化营商环境专项清理",
            "kind": "thematic",
            "topic": "妨碍统一市场和公平竞争",
            "started_on": "2025-11-03",
            "documents": [doc.pk],
        },
    )
    assert r.status_code == 302
    campaign = CleanupCampaign.objects.get()
    assert list(campaign.documents.all()) == [doc]
    r = client.post(
        "/rulemaking/qingli/",
        {"title": "空专项", "kind": "thematic", "topic": "x", "started_on": "2025-11-03"},
    )
    assert "清理范围：专项清理应选择纳入清理的文件。" in r.content.decode()


def test_the_public_comments_on_a_major_decision_draft(client, drafter, agency):
    today = workdays.today()
    decision = services.register_decision(
        actor=drafter,
        agency=agency,
        title="城区停车收费调整",
        summary="调整",
        registered_on=today,
        text="第一条 收费标准。\n第二条 实施时间。",
    )
    services.open_participation(
        actor=drafter, decision=decision, on=today, ends_on=date(today.year + 1, 3, 31)
    )
    url = f"/gongkai/guifan/zhengqiu/juece/{decision.pk}/"
    assert "城区停车收费调整" in client.get("/gongkai/guifan/zhengqiu/").content.decode()
    started = signing.dumps(str(time.time() - 30), salt="rulemaking.comment.started")
    clause = decision.versions.get().clauses.get(heading="第一条")
    assert (
        client.post(
            url, {"clause": clause.pk, "text": "建议对新能源车减半收费。", "started": started}
        ).status_code
        == 302
    )
    c = PublicComment.objects.get()
    services.answer_comment(
        actor=drafter, comment=c, answer="not_adopted", reason="新能源车已享受首小时免费。", on=today
    )
    feedback = client.get(f"{url}fankui/").content.decode()
    assert "新能源车已享受首小时免费。" in feedback
    assert "匿名" in feedback


def test_only_the_justice_bureau_decides_a_pre_review_flag(register, drafter):
    from django.core.exceptions import PermissionDenied

    import pytest

    from fazhi.rulemaking.models import PreReviewFlag

    doc = to_review(register(text=OUTDOOR_ADS, requires_comment=False), drafter)
    flag = PreReviewFlag.objects.filter(clause__version__document=doc).first()
    with pytest.raises(PermissionDenied):
        services.decide_flag(
            actor=drafter, flag=flag, decision="dismissed", note="自己排除", on=date(2025, 9, 2)
        )
    flag.refresh_from_db()
    assert flag.decision == "pending"
