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
