"""Staff pages and the portal: Chinese screens, the QR code, the enterprise's anonymous rating."""

from __future__ import annotations

import re
from datetime import date

from django.core.cache import cache
from django.test import Client

import pytest

from fazhi.inspection import draw as algorithm
from fazhi.inspection import services
from fazhi.inspection.models import InspectionTask, Rating


@pytest.fixture
def confirmed(officer, plan):
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    d = services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    return services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 2))


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _no_codes(html: str) -> None:
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|svg)[\s\S]*?</\1>", "", html))
    for code in ("submitted", "approved", "no_problem", "committed", "enterprise", "None"):
        assert not re.search(rf"\b{code}\b", text), code


def test_staff_pages_render_in_chinese(officer, supervisor, plan, confirmed):
    task = InspectionTask.objects.filter(draw=confirmed).first()
    for user, url in (
        (supervisor, "/inspection/"),
        (officer, f"/inspection/plans/{plan.pk}/"),
        (officer, f"/inspection/draws/{confirmed.pk}/"),
        (officer, "/inspection/tasks/"),
        (officer, f"/inspection/tasks/{task.pk}/"),
        (officer, "/inspection/matters/"),
        (officer, "/inspection/entities/"),
        (officer, "/inspection/inspectors/"),
        (supervisor, "/inspection/ratings/"),
    ):
        r = _client(user).get(url)
        assert r.status_code == 200, url
        _no_codes(r.content.decode())


def test_task_page_shows_a_qr_code_pointing_at_the_portal(officer, confirmed):
    task = InspectionTask.objects.filter(draw=confirmed).first()
    html = _client(officer).get(f"/inspection/tasks/{task.pk}/").content.decode()
    assert '<img src="data:image/svg+xml' in html  # an image, not markup put in with |safe (CSP)
    assert f"/gongkai/choujian/renwu/{task.token}/" in html


def test_the_enterprise_sees_the_inspectors_and_rates_anonymously_once(confirmed):
    cache.clear()
    task = InspectionTask.objects.filter(draw=confirmed).first()
    anonymous = Client()
    url = f"/gongkai/choujian/renwu/{task.token}/"
    html = anonymous.get(url).content.decode()
    for ti in task.inspectors.all():
        assert f"{ti.name}（执法证号 {ti.certificate_number}）" in html
    assert task.matter.name in html
    r = anonymous.post(url, {"score": "4", "comment": "程序规范"})
    assert "感谢您的评价" in r.content.decode()
    r = anonymous.post(url, {"score": "1"})
    assert r.status_code == 400
    assert "每个检查二维码只能评价一次" in r.content.decode()
    assert Rating.objects.get().score == 4
    assert anonymous.get("/gongkai/choujian/renwu/not-a-token/").status_code == 404


def test_published_draw_files_verify_and_a_committed_draw_hides_its_seed(
    officer, plan, confirmed, supervisor
):
    anonymous = Client()
    page = anonymous.get(f"/gongkai/choujian/chouqu/{confirmed.pk}/").content.decode()
    assert confirmed.seed_sha256 in page
    files = [
        anonymous.get(f"/gongkai/choujian/chouqu/{confirmed.pk}/{n}").content
        for n in ("eligible.json", "seed.txt", "result.json")
    ]
    assert algorithm.verify(files[0], files[1].decode().strip(), files[2]).ok
    csv_text = anonymous.get(f"/gongkai/choujian/chouqu/{confirmed.pk}/result.csv").content.decode(
        "utf-8-sig"
    )
    assert (
        csv_text.splitlines()[0]
        == "统一社会信用代码/对象编码,信用风险分类,排序值（HMAC-SHA256）,检查人员执法证号"
    )
    assert len(csv_text.splitlines()) == 1 + confirmed.selected_count
    # a draw not yet made publishes only its list and hash
    d2 = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 3))
    page = anonymous.get(f"/gongkai/choujian/chouqu/{d2.pk}/").content.decode()
    assert d2.seed not in page
    assert anonymous.get(f"/gongkai/choujian/chouqu/{d2.pk}/seed.txt").status_code == 404


def test_results_are_published_masked_on_the_portal(confirmed, jurisdiction):
    task = InspectionTask.objects.filter(draw=confirmed).first()
    inspector = task.inspectors.first().inspector.officer
    services.record_result(actor=inspector, task=task, on=date(2026, 3, 10), outcome="no_problem")
    services.publish_result(actor=inspector, task=task, on=date(2026, 3, 11))
    html = Client().get("/gongkai/choujian/").content.decode()
    assert "未发现问题" in html
    assert task.entity.address not in html


def test_directory_import_page_returns_an_error_report(agency_admin):
    c = _client(agency_admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = "名称,对象类型,统一社会信用代码\n甲公司,企业,123\n".encode()
    r = c.post("/inspection/entities/import/", {"file": SimpleUploadedFile("名录.csv", bad)})
    assert r["Content-Disposition"] == 'attachment; filename="import-errors.xlsx"'


def test_verb_tables_cover_every_transition():
    from fazhi.inspection import verbs

    assert verbs.PLAN_VERBS.check() == []
    assert verbs.TASK_VERBS.check() == []


def test_plan_review_through_the_case_page_forms(officer, supervisor, matter):
    # given a submitted plan
    plan = services.create_plan(
        actor=officer,
        matter=matter,
        title="页面审核",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 11, 30),
        on=date(2026, 2, 2),
    )
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    c = _client(supervisor)
    page = c.get(f"/inspection/plans/{plan.pk}/").content.decode()
    assert f'action="/inspection/plans/{plan.pk}/return_plan/"' in page
    # when the reviewer returns it without reasons, the page comes back with the message
    r = c.post(f"/inspection/plans/{plan.pk}/return_plan/", {"on": "2026-02-04", "reasons": ""})
    assert r.status_code == 400
    assert "该字段是必填项。" in r.content.decode()
    # then with reasons
    r = c.post(
        f"/inspection/plans/{plan.pk}/return_plan/", {"on": "2026-02-04", "reasons": "抽查比例依据不足"}
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.state == "returned"
    # the agency may not use the reviewer's form
    r = _client(officer).post(f"/inspection/plans/{plan.pk}/approve/", {"on": "2026-02-05"})
    plan.refresh_from_db()
    assert plan.state == "returned"


def test_result_recorded_through_the_task_page(confirmed):
    task = InspectionTask.objects.filter(draw=confirmed).first()
    inspector = task.inspectors.order_by("certificate_number").first().inspector.officer
    r = _client(inspector).post(
        f"/inspection/tasks/{task.pk}/record_result/",
        {"on": "2026-03-10", "outcome": "no_problem", "findings": ""},
    )
    assert r.status_code == 302
    task.refresh_from_db()
    assert (task.state, task.outcome) == ("recorded", "no_problem")
