"""我的待办, the case panel and the API for provisional deadlines (2027 not entered: 待日历确认),
and the supervisors' banner when next year's calendar is missing after 1 November."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

import pytest

from fazhi.core import procedures
from fazhi.core.procedures import selectors
from fazhi.core.procedures.selectors import case_panel
from fazhi.core.procedures.tests.helpers import new_application
from fazhi.core.procedures.tests.testapp.procedures import DISCLOSURE, RECONSIDERATION
from fazhi.core.tests.test_procedures_calendar_pending import PENDING_REVIEW, enter_2027
from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)

ON = date(2026, 12, 28)
BADGE = '<span class="badge status-calendar_pending">待日历确认</span>'
BANNER = "2027年节假日安排尚未录入：跨年期限暂无法计算，请在“"


@pytest.fixture(autouse=True)
def _only_test_procedures(monkeypatch, settings):
    monkeypatch.setattr(selectors, "registered", lambda: [RECONSIDERATION, DISCLOSURE])
    settings.FAZHI_DUE_SOON_DAYS = 3


@pytest.fixture
def cases(agency, officer):
    # received 12-28: review provisionally due 2027-01-04; received 12-21: review due 12-28 (today, due soon);
    # accepted 10-12 and suspended 11-02: decision paused (dated 2026-12-11)
    pending = new_application(agency, officer, date(2026, 12, 28), title="甲待录入日历")
    dated = new_application(agency, officer, date(2026, 12, 21), title="乙已计算")
    paused = new_application(agency, officer, date(2026, 10, 9), title="丙中止")
    procedures.advance(paused, "accept", actor=officer, on=date(2026, 10, 12))
    procedures.advance(paused, "send_copy", actor=officer, on=date(2026, 10, 13))
    procedures.advance(paused, "suspend", actor=officer, on=date(2026, 11, 2), data={"ground": "等待解释"})
    return {"pending": pending, "dated": dated, "paused": paused}


def test_pending_steps_sort_a_provisional_date_among_the_running_ones(cases, officer):
    # when
    tasks = procedures.pending_steps(officer, on=ON)
    # then
    assert [
        (str(t.case), [(d.clock, d.due_date, d.days_left, d.status) for d in t.deadlines]) for t in tasks
    ] == [
        ("乙已计算", [("acceptance_review", date(2026, 12, 28), 0, "due_soon")]),
        ("甲待录入日历", [("acceptance_review", date(2027, 1, 4), 7, "calendar_pending")]),
        ("丙中止", [("decision", date(2026, 12, 11), -17, "paused")]),
    ]
    assert tasks[1].deadline.explanation == PENDING_REVIEW
    assert tasks[1].deadline.pending


def test_a_case_with_a_dated_and_a_provisional_deadline_shows_the_sooner_first(agency, officer):
    # given accepted 11-24: copy due 12-03 (dated), decision 60 CD → 2027-01-25 (provisional)
    case = new_application(agency, officer, date(2026, 11, 20), title="丁")
    procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    # when
    (task,) = procedures.pending_steps(officer, on=date(2026, 11, 25))
    # then
    assert [(d.clock, d.status) for d in task.deadlines] == [
        ("copy_to_respondent", "on_time"),
        ("decision", "calendar_pending"),
    ]


def test_my_tasks_page_shows_the_grey_badge_and_the_explanation(cases, officer, client, monkeypatch):
    # given
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: ON)
    client.force_login(officer)
    # when
    response = client.get("/")
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert html.count('<tr class="task') == 3
    assert '<tr class="task row-calendar_pending">' in html
    assert BADGE in html
    assert PENDING_REVIEW in html
    assert html.index("乙已计算") < html.index("甲待录入日历") < html.index("丙中止")
    assert '2027-01-04 <span class="badge status-calendar_pending"' in html
    assert ("calendar_pending", 1) in [(k, n) for k, _, n in response.context["stats"]]
    only = client.get("/", {"status": "calendar_pending"}).content.decode()
    assert only.count('<tr class="task') == 1
    assert "仅显示“待日历确认”的 1 件。" in only
    assert BANNER not in html  # an officer cannot enter the calendar: no banner


def test_my_tasks_api_returns_the_provisional_date_and_calendar_pending(cases, officer, api_client):
    # given
    api_client.force_authenticate(officer)
    # when
    body = api_client.get("/api/v1/core/my-tasks/", {"on": "2026-12-28"}).json()["results"]
    # then
    assert [row["case"] for row in body] == ["乙已计算", "甲待录入日历", "丙中止"]
    assert body[1]["deadlines"] == [
        {
            "clock": "acceptance_review",
            "label": "受理审查",
            "due_date": "2027-01-04",
            "calendar_pending": True,
            "days_left": 7,
            "status": "calendar_pending",
            "explanation": PENDING_REVIEW,
        }
    ]


def test_case_panel_shows_the_provisional_date_with_its_badge(agency, officer, django_assert_num_queries):
    # given accepted 11-24: acceptance review met, decision pending, copy due 12-03
    case = new_application(agency, officer, date(2026, 11, 20))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 11, 24))
    # when
    with django_assert_num_queries(4):
        panel = case_panel(case, officer, on=date(2026, 11, 25))
    html = render_to_string("core/_procedure_panel.html", {"panel": panel})
    # then
    assert sorted((d.clock, info.status) for d, info in panel.deadlines) == [
        ("acceptance_review", "due_soon"),  # closed (met); the panel shows its state, not this
        ("copy_to_respondent", "on_time"),
        ("decision", "calendar_pending"),
    ]
    assert '2027-01-25 <span class="badge status-calendar_pending" title="' in html
    assert "待日历确认</span>" in html
    assert (
        "2026-11-24 + 60日（行政复议法第六十二条）；期满日 2027-01-23 为休息日，顺延至下一工作日 → 2027-01-25"
        "（2027年节假日安排尚未录入，暂按双休日推算，待日历确认）" in html
    )


def test_case_panel_shows_an_undecided_closed_deadline(agency, officer):
    # given accepted in 2027 while 2027 is unknown
    case = new_application(agency, officer, date(2026, 12, 28))
    procedures.advance(case, "accept", actor=officer, on=date(2027, 1, 4))
    # when
    html = render_to_string(
        "core/_procedure_panel.html", {"panel": case_panel(case, officer, on=date(2027, 1, 4))}
    )
    # then
    assert "已结束（待录入日历后判定是否按期）（2027-01-04）" in html


# --- the supervisors' banner --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (date(2026, 11, 23), True),
        (date(2026, 11, 2), True),
        (date(2026, 11, 1), False),
        (date(2026, 10, 30), False),
    ],
)
def test_banner_for_supervisors_when_next_year_is_missing_after_1_november(
    supervisor, client, monkeypatch, today, shown
):
    # given
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: today)
    client.force_login(supervisor)
    # when
    html = client.get("/").content.decode()
    # then
    assert (BANNER in html) is shown
    if shown:
        assert (
            '2027年节假日安排尚未录入：跨年期限暂无法计算，请在“<a href="/calendar/">工作日历</a>”中录入。'
            in html
        )


@pytest.mark.usefixtures("calendar_defaults")
def test_no_banner_once_next_year_is_entered(supervisor, client, monkeypatch):
    # given
    enter_2027(supervisor)
    monkeypatch.setattr("fazhi.core.views.workdays.today", lambda: date(2026, 11, 23))
    client.force_login(supervisor)
    # when / then
    assert BANNER not in client.get("/").content.decode()
