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
    with django_assert_num_queries(4):  # per procedure: cases + their running deadlines
        assert len(procedures.pending_steps(officer, on=ON)) == 2
    for i in range(6):
        new_application(agency, officer, date(2026, 2, 10), title=f"复议{i}")
        new_request(agency, officer, date(2026, 2, 10), title=f"公开{i}")
    # when / then
    with django_assert_num_queries(4):
        assert len(procedures.pending_steps(officer, on=ON)) == 14


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
    body = response.json()
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
