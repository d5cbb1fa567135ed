"""我的待办 "我承办的" for reconsiderations (issue 14): a reconsideration officer sees the cases
assigned to them and those nobody is assigned to yet; 本单位全部 shows the rest; the respondent
agency's staff are not narrowed."""

from __future__ import annotations

from datetime import date

from fazhi.core.procedures.selectors import task_page
from fazhi.disputes.services.handling import assign_handlers

ON = date(2025, 6, 11)


def test_assigned_and_unassigned_cases_for_the_officer(apply, clerk, clerk2):
    # given three applications: one assigned to clerk, one to clerk2, one to nobody
    mine, theirs, nobody = apply(), apply(), apply()
    assign_handlers(actor=clerk, case=mine, handlers=[clerk])
    assign_handlers(actor=clerk, case=theirs, handlers=[clerk2])
    # when
    own = sorted(s.case.pk for s in task_page(clerk, ON, mine=True).steps)
    everything = sorted(s.case.pk for s in task_page(clerk, ON, mine=False).steps)
    # then
    assert own == sorted([mine.pk, nobody.pk])
    assert everything == sorted([mine.pk, theirs.pk, nobody.pk])
