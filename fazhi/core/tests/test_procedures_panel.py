"""The case-page procedure block: selectors.case_panel and core/_procedure_panel.html."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from fazhi.core import procedures
from fazhi.core.procedures.selectors import case_panel
from fazhi.core.procedures.tests.helpers import new_application


def test_case_panel_shows_deadlines_pauses_and_history(agency, officer, django_assert_num_queries):
    # given accepted 2026-01-05, suspended 02-13, resumed 02-24
    case = new_application(agency, officer, date(2026, 1, 2))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 1, 5))
    procedures.advance(case, "suspend", actor=officer, on=date(2026, 2, 13), data={"ground": "等待解释"})
    procedures.advance(case, "resume", actor=officer, on=date(2026, 2, 24))
    # when
    with django_assert_num_queries(4):
        panel = case_panel(case, officer, on=date(2026, 3, 16))
    html = render_to_string("core/_procedure_panel.html", {"panel": panel})
    # then
    assert (panel.state_label, panel.ever_suspended, panel.ever_extended) == ("已受理", True, False)
    assert [(d.clock, d.state, info.status) for d, info in panel.deadlines] == [
        ("acceptance_review", "met", "overdue"),
        ("decision", "open", "due_soon"),
        ("copy_to_respondent", "open", "overdue"),
    ]
    assert [s.transition for s in panel.steps] == ["start", "accept", "suspend", "resume"]
    assert "本案曾中止计时。" in html
    assert '<span class="badge status-due_soon">即将到期</span>' in html
    assert "2026-02-13 中止至 2026-02-24 恢复（等待解释），不计入 11 日 → 2026-03-17" in html
    assert "按期办结（2026-01-05）" in html


def test_admin_lists_deadlines_read_only(agency, officer, client, django_user_model):
    # given
    case = new_application(agency, officer, date(2026, 2, 10))
    admin_user = django_user_model.objects.create_superuser("root", password="Fazhi-test-2026")
    client.force_login(admin_user)
    d = procedures.deadlines(case).get()
    # when
    listing = client.get("/admin/procedures/deadline/")
    detail = client.get(f"/admin/procedures/deadline/{d.pk}/change/")
    # then
    assert listing.status_code == 200
    assert "受理审查" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get("/admin/procedures/deadline/add/").status_code == 403


def test_deadline_summary_counts_met_missed_running_and_overdue(
    agency, other_agency, officer, other_officer, django_assert_num_queries
):
    # given review due 2026-02-24 for each case
    from fazhi.core.procedures.selectors import DeadlineSummary, deadline_summary
    from fazhi.core.procedures.tests.testapp.models import Application

    in_time = new_application(agency, officer, date(2026, 2, 10), title="按期")
    procedures.advance(in_time, "accept", actor=officer, on=date(2026, 2, 24))
    late = new_application(agency, officer, date(2026, 2, 10), title="逾期")
    procedures.advance(late, "accept", actor=officer, on=date(2026, 2, 25))
    new_application(agency, officer, date(2026, 2, 10), title="未审查")
    new_application(agency, officer, date(2026, 3, 2), title="新收")  # due 2026-03-09
    foreign = new_application(other_agency, other_officer, date(2026, 2, 10), title="他局")
    procedures.advance(foreign, "accept", actor=other_officer, on=date(2026, 3, 2))
    cases = Application.objects.visible_to(officer)
    # when
    with django_assert_num_queries(1):
        summary = deadline_summary(cases, "acceptance_review", on=date(2026, 3, 3))
    february = deadline_summary(
        cases, "acceptance_review", on=date(2026, 3, 3), closed_between=(date(2026, 2, 1), date(2026, 2, 24))
    )
    # then
    assert summary == DeadlineSummary(met=1, missed=1, running=2, overdue=1)
    assert (summary.closed, february.met, february.missed) == (2, 1, 0)


def test_options_say_what_is_possible_now_and_why_not(agency, officer):
    # given an accepted case with one handler: 作出决定 needs two (行政复议法第四十五条)
    case = new_application(agency, officer, date(2025, 6, 3), handlers=1)
    procedures.advance(case, "accept", actor=officer, on=date(2025, 6, 4))
    # when
    opts = {o.name: o for o in procedures.options(case, officer)}
    # then the guard's reason is given, nothing is saved, the others are possible
    assert opts["decide"].allowed is False
    assert opts["decide"].reasons == ("作出复议决定前须有至少两名承办人员（行政复议法第四十五条）。",)
    assert opts["suspend"].allowed is True
    assert [s.transition for s in procedures.steps(case)] == ["start", "accept"]
    html = render_to_string(
        "core/_procedure_panel.html", {"panel": case_panel(case, officer, on=date(2025, 6, 5))}
    )
    assert "作出决定 — 暂不能办理：作出复议决定前须有至少两名承办人员（行政复议法第四十五条）。" in html
    # when a second handler joins
    case.handlers = 2
    case.save()
    assert {o.name: o.allowed for o in procedures.options(case, officer)}["decide"] is True


def test_options_leave_out_what_the_user_may_not_do(agency, officer):
    # given an officer of another agency
    from fazhi.org.tests.factories import AgencyFactory, UserFactory

    other = UserFactory(
        username="other", role="officer", agency=AgencyFactory(jurisdiction=agency.jurisdiction)
    )
    case = new_application(agency, officer, date(2025, 6, 3))
    # when / then
    assert procedures.options(case, other) == []
    assert {o.name for o in procedures.options(case, officer)} >= {"accept", "reject"}
