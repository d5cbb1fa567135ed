"""Selectors and the engine's "my tasks" for reconsideration."""

from __future__ import annotations

from datetime import date

from fazhi.core import procedures

from .. import selectors
from ..services import accept_application, send_copy


def test_my_tasks_show_the_acceptance_review_to_the_office_and_the_reply_to_the_respondent(
    apply, clerk, officer, other_officer
):
    # given
    waiting = apply()
    replying = apply()
    accept_application(actor=clerk, case=replying, on=date(2025, 6, 10))
    send_copy(actor=clerk, case=replying, on=date(2025, 6, 11), received_on=date(2025, 6, 11))
    # when
    clerk_tasks = procedures.pending_steps(clerk, on=date(2025, 6, 13))
    officer_tasks = procedures.pending_steps(officer, on=date(2025, 6, 13))
    # then: soonest due first — the review (6/16) before the reply (6/25) and the decision (8/11)
    assert [(t.case.pk, t.deadline.clock, t.deadline.due_date, t.deadline.status) for t in clerk_tasks] == [
        (waiting.pk, "acceptance_review", date(2025, 6, 16), "due_soon"),
        (replying.pk, "reply", date(2025, 6, 25), "on_time"),
    ]
    assert [(t.case.pk, [a.name for a in t.actions]) for t in officer_tasks] == [
        (replying.pk, ["receive_reply"])
    ]
    assert procedures.pending_steps(other_officer, on=date(2025, 6, 13)) == []


def test_overdue_selector(apply, clerk):
    case = apply()
    assert list(selectors.reconsiderations_overdue(clerk, date(2025, 6, 16))) == []
    assert [c.pk for c in selectors.reconsiderations_overdue(clerk, date(2025, 6, 17))] == [case.pk]
