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
