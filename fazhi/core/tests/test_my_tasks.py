"""我的待办: pending_steps (contents, scoping, order, query count), the page at "/" and the API."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import procedures
from fazhi.core.procedures import selectors
from fazhi.core.procedures.tests.helpers import new_application, new_request
from fazhi.core.procedures.tests.testapp.procedures import DISCLOSURE, RECONSIDERATION
from fazhi.org.tests.factories import UserFactory

ON = date(2026, 2, 20)  # inside the 2026 Spring Festival break


@pytest.fixture(autouse=True)
def _only_test_procedures(monkeypatch, settings):
    """Keep the other apps' procedures out, so counts and contents are exact."""
    monkeypatch.setattr(selectors, "registered", lambda: [RECONSIDERATION, DISCLOSURE])
    settings.FAZHI_DUE_SOON_DAYS = 3


@pytest.fixture
def cases(agency, other_agency, officer, other_officer):
    """Four cases of the officer's agency in different states, one of another agency."""
    # review due 2026-02-24 (4 days after ON → on time)
    received = new_application(agency, officer, date(2026, 2, 10), title="甲不服罚款")
    # accepted 2026-01-05: copy due 2026-01-14 (overdue), decision due 2026-03-06
    accepted = new_application(agency, officer, date(2026, 1, 2), title="乙不服吊销许可")
    procedures.advance(accepted, "accept", actor=officer, on=date(2026, 1, 5))
    # suspended: decision paused
    suspended = new_application(agency, officer, date(2026, 1, 2), title="丙不服责令停产")
    procedures.advance(suspended, "accept", actor=officer, on=date(2026, 1, 5))
    procedures.advance(suspended, "send_copy", actor=officer, on=date(2026, 1, 6))
    procedures.advance(
        suspended, "suspend", actor=officer, on=date(2026, 2, 13), data={"ground": "等待有权机关解释"}
    )
    # decided: nothing left to do
    decided = new_application(agency, officer, date(2026, 1, 2), title="丁不服没收")
    procedures.advance(decided, "accept", actor=officer, on=date(2026, 1, 5))
    procedures.advance(decided, "decide", actor=officer, on=date(2026, 2, 2), data={"outcome": "维持"})
    # disclosure request received on a Spring Festival rest day
    request = new_request(agency, officer, date(2026, 2, 16), title="戊申请公开预算")
    foreign = new_application(other_agency, other_officer, date(2026, 2, 10), title="他局案件")
    return {
        "received": received,
        "accepted": accepted,
        "suspended": suspended,
        "decided": decided,
        "request": request,
        "foreign": foreign,
    }


def _rows(tasks):
    return [
        (
            str(t.case),
            t.state,
            [a.name for a in t.actions],
            [(d.clock, d.due_date, d.days_left, d.status) for d in t.deadlines],
        )
        for t in tasks
    ]


def test_pending_steps_lists_actionable_visible_cases_soonest_first(cases, officer):
    # when
    tasks = procedures.pending_steps(officer, on=ON)
    # then
    assert _rows(tasks) == [
        (
            "乙不服吊销许可",
            "accepted",
            ["send_copy", "suspend", "decide", "terminate"],
            [
                ("copy_to_respondent", date(2026, 1, 14), -37, "overdue"),
                ("decision", date(2026, 3, 6), 14, "on_time"),
            ],
        ),
        (
            "甲不服罚款",
            "received",
            ["accept", "reject", "request_amendment", "terminate"],
            [("acceptance_review", date(2026, 2, 24), 4, "on_time")],
        ),
        # request received Mon 02-16 (a rest day): 20 WD = 02-24…02-28 (incl. Sat 02-28), 03-02…03-20
        (
            "戊申请公开预算（示范县市场监督管理局）",
            "received",
            ["ask_applicant", "answer"],
            [("reply", date(2026, 3, 20), 28, "on_time")],
        ),
        (
            "丙不服责令停产",
            "suspended",
            ["resume", "terminate"],
            [("decision", date(2026, 3, 6), 14, "paused")],
        ),
    ]
    assert (
        tasks[0].deadline.explanation
        == "2026-01-05 + 7个工作日（行政复议法第四十八条）；1/10–1/11 休息 → 2026-01-14"
    )
    assert tasks[0].procedure.label == "行政复议（测试）"
    assert tasks[0].state_label == "已受理"
    assert tasks[0].url == f"/test/applications/{cases['accepted'].pk}/"


def test_pending_steps_due_soon_on_the_due_day_and_overdue_the_day_after(cases, officer):
    # when / then (review due 2026-02-24)
    statuses = {
        on: next(
            d.status
            for t in procedures.pending_steps(officer, on=on)
            for d in t.deadlines
            if d.clock == "acceptance_review"
        )
        for on in (date(2026, 2, 20), date(2026, 2, 21), date(2026, 2, 24), date(2026, 2, 25))
    }
    assert statuses == {
        date(2026, 2, 20): "on_time",
        date(2026, 2, 21): "due_soon",
        date(2026, 2, 24): "due_soon",
        date(2026, 2, 25): "overdue",
    }


def test_pending_steps_respects_scope_and_permission(cases, other_officer, supervisor, agency, jurisdiction):
    # given the head may also extend; a reconsideration officer sees the whole jurisdiction
    head = UserFactory(username="head", role="officer", agency=agency, is_head=True)
    staff = UserFactory(username="fuyi", role="reconsideration_staff", agency=None, jurisdiction=jurisdiction)
    # when / then
    assert [str(t.case) for t in procedures.pending_steps(other_officer, on=ON)] == ["他局案件"]
    assert procedures.pending_steps(supervisor, on=ON) == []  # sees all, may do nothing
    head_tasks = procedures.pending_steps(head, on=ON)
    assert [a.name for a in head_tasks[0].actions] == [
        "send_copy",
        "suspend",
        "extend",
        "decide",
        "terminate",
    ]
    assert sorted(str(t.case) for t in procedures.pending_steps(staff, on=ON)) == sorted(
        [
            "甲不服罚款",
            "乙不服吊销许可",
            "丙不服责令停产",
            "戊申请公开预算（示范县市场监督管理局）",
            "他局案件",
        ]
    )


def test_pending_steps_for_anonymous_or_inactive_is_empty(cases, officer):
    from django.contrib.auth.models import AnonymousUser

    officer.is_active = False
    assert procedures.pending_steps(AnonymousUser(), on=ON) == []
    assert procedures.pending_steps(officer, on=ON) == []


def test_pending_steps_runs_a_fixed_number_of_queries(agency, officer, django_assert_num_queries):
    # given 1 case, then 12 more
    new_application(agency, officer, date(2026, 2, 10))
    new_request(agency, officer, date(2026, 2, 10))
    procedures.pending_steps(officer, on=ON)  # warm the content-type cache
    # per procedure: the counters (a GROUP BY over the soonest deadlines, a COUNT of the cases
    # without one); the page's keys (UNION); per procedure on the page: its cases and their
    # running deadlines
    with django_assert_num_queries(9):
        assert len(procedures.pending_steps(officer, on=ON)) == 2
    for i in range(6):
        new_application(agency, officer, date(2026, 2, 10), title=f"复议{i}")
        new_request(agency, officer, date(2026, 2, 10), title=f"公开{i}")
    # when / then
    with django_assert_num_queries(9):
        assert len(procedures.pending_steps(officer, on=ON)) == 14


def test_task_page_orders_counts_and_slices_in_the_database(cases, officer, django_assert_num_queries):
    # when: pages of 2 (the order of the whole list is that of pending_steps above)
    with django_assert_num_queries(9):
        first = selectors.task_page(officer, ON, page=1, page_size=2)
    second = selectors.task_page(officer, ON, page=2, page_size=2)
    beyond = selectors.task_page(officer, ON, page=9, page_size=2)  # clamped to the last page
    # then
    assert [str(t.case) for t in first.steps] == ["乙不服吊销许可", "甲不服罚款"]
    assert [str(t.case) for t in second.steps] == ["戊申请公开预算（示范县市场监督管理局）", "丙不服责令停产"]
    assert (first.total, first.num_pages, first.has_previous, first.has_next) == (4, 2, False, True)
    assert (beyond.number, [str(t.case) for t in beyond.steps]) == (2, [str(t.case) for t in second.steps])
    assert first.counts == {
        "overdue": 1,
        "due_soon": 0,
        "on_time": 2,
        "paused": 1,
        "calendar_pending": 0,
        "none": 0,
    }


def test_task_page_status_filter_runs_in_the_database(cases, officer):
    # when
    paused = selectors.task_page(officer, ON, status="paused")
    on_time = selectors.task_page(officer, ON, status="on_time")
    # then: the counters stay those of the whole list
    assert [str(t.case) for t in paused.steps] == ["丙不服责令停产"]
    assert paused.total == 1
    assert paused.counts["on_time"] == 2
    assert [str(t.case) for t in on_time.steps] == ["甲不服罚款", "戊申请公开预算（示范县市场监督管理局）"]


def test_task_page_query_count_is_the_same_for_3_and_30_cases(agency, officer, django_assert_num_queries):
    # given
    for i in range(3):
        new_application(agency, officer, date(2026, 2, 10), title=f"复议{i}")
        new_request(agency, officer, date(2026, 2, 10), title=f"公开{i}")
    selectors.task_page(officer, ON)
    with django_assert_num_queries(9):
        assert len(selectors.task_page(officer, ON, page_size=20).steps) == 6
    for i in range(3, 30):
        new_application(agency, officer, date(2026, 2, 10), title=f"复议{i}")
        new_request(agency, officer, date(2026, 2, 10), title=f"公开{i}")
    # when / then: 60 cases; page 1 holds applications only (due 02-24, before the requests), so
    # one procedure's cases and deadlines are loaded; page 2 holds both again
    with django_assert_num_queries(7):
        page = selectors.task_page(officer, ON, page_size=20)
    with django_assert_num_queries(9):
        deep = selectors.task_page(officer, ON, page=2, page_size=20)
    assert (len(page.steps), page.total, len(deep.steps)) == (20, 60, 20)


def test_mine_keeps_the_cases_the_officer_handles_and_those_nobody_handles_yet(agency, officer):
    # given the request model says who handles it (the optional handled_by hook); applications do not
    colleague = UserFactory(username="colleague", role="officer", agency=agency)
    new_request(agency, officer, date(2026, 2, 10), title="本人承办", officer=officer)
    new_request(agency, officer, date(2026, 2, 10), title="同事承办", officer=colleague)
    new_request(agency, officer, date(2026, 2, 10), title="尚未分配")
    new_application(agency, officer, date(2026, 2, 10), title="复议申请")
    # when
    mine = selectors.task_page(officer, ON, mine=True)
    everything = selectors.task_page(officer, ON, mine=False)
    # then: applications have no hook, so the whole agency's stay in both lists
    assert sorted(t.case.title for t in mine.steps) == ["复议申请", "尚未分配", "本人承办"]
    assert sorted(t.case.title for t in everything.steps) == ["同事承办", "复议申请", "尚未分配", "本人承办"]
    assert selectors.handles_cases(officer) is True


# --- the page ---------------------------------------------------------------------------------
def test_my_tasks_page_shows_rows_with_status_colours(cases, officer, client, monkeypatch):
    # given
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    client.force_login(officer)
    # when
    response = client.get("/")
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<tr class="task') == 4
    assert '<tr class="task row-overdue">' in html
    assert "超期 37 日" in html
    assert '<span class="badge status-overdue">已超期</span>' in html
    assert '<span class="badge status-on_time">正常</span>' in html
    assert '<span class="badge status-paused">中止计时</span>' in html
    assert "2026-01-05 + 7个工作日（行政复议法第四十八条）；1/10–1/11 休息 → 2026-01-14" in html
    assert "丁不服没收" not in html
    assert "他局案件" not in html
    assert html.index("乙不服吊销许可") < html.index("甲不服罚款") < html.index("丙不服责令停产")


def test_my_tasks_page_query_count_does_not_grow_with_rows(agency, officer, client, monkeypatch):
    # given
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    client.force_login(officer)
    new_request(agency, officer, date(2026, 2, 10), title="公开申请")
    new_application(agency, officer, date(2026, 2, 10), title="复议申请")
    client.get("/")  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(8):
        new_request(agency, officer, date(2026, 2, 10), title=f"公开申请{i}")
        new_application(agency, officer, date(2026, 2, 10), title=f"复议申请{i}")
    # when
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    # then
    assert html.count('<tr class="task') == 18
    assert len(many) == len(few)


def test_my_tasks_page_due_soon_colour(agency, officer, client, monkeypatch):
    # given review due 2026-02-24, today 2026-02-23
    new_application(agency, officer, date(2026, 2, 10))
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: date(2026, 2, 23))
    client.force_login(officer)
    # when
    html = client.get("/").content.decode()
    # then
    assert '<tr class="task row-due_soon">' in html
    assert '<span class="badge status-due_soon">即将到期</span>' in html


def test_my_tasks_page_empty_state(officer, client):
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert "目前没有需要您办理的事项。" in html


def test_my_tasks_page_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "next=/" in response["Location"]


# --- the API ----------------------------------------------------------------------------------
def test_my_tasks_api(cases, officer, api_client):
    # given
    api_client.force_authenticate(officer)
    # when
    response = api_client.get("/api/v1/core/my-tasks/", {"on": "2026-02-20"})
    # then
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["page"], page["page_size"], page["num_pages"]) == (4, 1, 20, 1)
    assert page["counts"] == {
        "overdue": 1,
        "due_soon": 0,
        "on_time": 2,
        "paused": 1,
        "calendar_pending": 0,
        "none": 0,
    }
    body = page["results"]
    assert [row["case"] for row in body] == [
        "乙不服吊销许可",
        "甲不服罚款",
        "戊申请公开预算（示范县市场监督管理局）",
        "丙不服责令停产",
    ]
    assert body[1] == {
        "procedure": "testapp.reconsideration",
        "procedure_label": "行政复议（测试）",
        "case_type": "procedures_testapp.application",
        "case_id": cases["received"].pk,
        "case": "甲不服罚款",
        "url": f"/test/applications/{cases['received'].pk}/",
        "state": "received",
        "state_label": "待审查",
        "actions": [
            # no URLconf routes the test procedure's verb table here (see test_procedures_verbs.py)
            {"name": "accept", "label": "受理", "url": ""},
            {"name": "reject", "label": "不予受理", "url": ""},
            {"name": "request_amendment", "label": "通知补正", "url": ""},
            {"name": "terminate", "label": "终止", "url": ""},
        ],
        "deadlines": [
            {
                "clock": "acceptance_review",
                "label": "受理审查",
                "due_date": "2026-02-24",
                "calendar_pending": False,
                "days_left": 4,
                "status": "on_time",
                "explanation": "2026-02-10 + 5个工作日（行政复议法第三十条）；2/15–2/23 休息；2/14 调休上班 → 2026-02-24",
            }
        ],
    }


def test_my_tasks_api_bad_date_and_anonymous(officer, api_client):
    # anonymous
    assert api_client.get("/api/v1/core/my-tasks/").status_code in (401, 403)
    # bad date
    api_client.force_authenticate(officer)
    response = api_client.get("/api/v1/core/my-tasks/", {"on": "2026-02-30"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"on": ["日期“2026-02-30”格式错误，应为 YYYY-MM-DD。"]}
    # bad page size, bad status: a Chinese message, never a 5xx
    response = api_client.get("/api/v1/core/my-tasks/", {"page_size": "1000"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"page_size": ["“1000”无效，应为1 至 100 之间的整数。"]}
    response = api_client.get("/api/v1/core/my-tasks/", {"status": "bogus"})
    assert response.json()["fields"] == {"status": ["状态“bogus”无效。"]}


def test_my_tasks_api_pages(cases, officer, api_client):
    # given
    api_client.force_authenticate(officer)
    # when
    page = api_client.get("/api/v1/core/my-tasks/", {"on": "2026-02-20", "page": 2, "page_size": 3}).json()
    # then
    assert (page["count"], page["page"], page["num_pages"]) == (4, 2, 2)
    assert [row["case"] for row in page["results"]] == ["丙不服责令停产"]


def test_my_tasks_page_counts_and_status_filter(cases, officer, client, monkeypatch):
    # given
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    client.force_login(officer)
    # when
    everything = client.get("/")
    overdue = client.get("/", {"status": "overdue"}).content.decode()
    due_soon = client.get("/", {"status": "due_soon"}).content.decode()
    # then
    assert [(k, n) for k, _, n in everything.context["stats"]] == [
        ("overdue", 1),
        ("due_soon", 0),
        ("on_time", 2),
        ("paused", 1),
    ]
    assert overdue.count('<tr class="task') == 1
    assert "乙不服吊销许可" in overdue
    assert "仅显示“已超期”的 1 件。" in overdue
    assert "没有“即将到期”的待办事项。" in due_soon
    assert client.get("/", {"status": "bogus"}).content.decode().count('<tr class="task') == 4


def test_my_tasks_page_paginates_with_a_page_size_choice(agency, officer, client, monkeypatch):
    # given 25 requests
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    client.force_login(officer)
    for i in range(25):
        new_request(agency, officer, date(2026, 2, 10), title=f"公开申请{i}")
    # when
    first = client.get("/").content.decode()
    second = client.get("/", {"page": 2}).content.decode()
    fifty = client.get("/", {"page_size": 50}).content.decode()
    bogus = client.get("/", {"page": "x", "page_size": "7"}).content.decode()
    # then
    assert first.count('<tr class="task') == 20
    assert "第 1 / 2 页" in first
    assert "下一页" in first
    assert second.count('<tr class="task') == 5
    assert "上一页" in second
    assert fifty.count('<tr class="task') == 25
    assert '<option value="50" selected>' in fifty
    assert bogus.count('<tr class="task') == 20


def test_my_tasks_page_defaults_to_mine_with_a_filter_for_the_whole_agency(
    agency, officer, client, monkeypatch
):
    # given
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    colleague = UserFactory(username="colleague", role="officer", agency=agency)
    new_request(agency, officer, date(2026, 2, 10), title="本人承办", officer=officer)
    new_request(agency, officer, date(2026, 2, 10), title="同事承办", officer=colleague)
    client.force_login(officer)
    # when
    mine = client.get("/").content.decode()
    everything = client.get("/", {"scope": "all"}).content.decode()
    # then
    assert "<strong>我承办的</strong>" in mine
    assert "本人承办" in mine
    assert "同事承办" not in mine
    assert "<strong>本单位全部</strong>" in everything
    assert "同事承办" in everything
