"""我的待办 "我承办的" for penalty cases (issue 14): an officer sees the cases they handle as one of
the two officers (行政处罚法第四十二条), with 本单位全部 for the rest; heads and legal reviewers
keep the whole agency's, so nothing waiting for them is hidden."""

from __future__ import annotations

from datetime import date

from fazhi.core.procedures.selectors import handles_cases, task_page
from fazhi.org.tests.factories import UserFactory

from .factories import CertificateFactory

ON = date(2025, 9, 3)


def test_an_officer_sees_own_cases_by_default_and_the_agency_on_request(
    open_case, officer, officer2, head, agency
):
    # given a case of officer + officer2 and one of officer3 + officer2
    officer3 = UserFactory(username="officer3", role="officer", agency=agency, full_name="孙执法")
    CertificateFactory(holder=officer3, number="62000000A003")
    own = open_case(title="甲案")
    other = open_case(title="乙案", actor=officer3, officer_a=officer3)
    # when
    mine = [s.case.pk for s in task_page(officer, ON, mine=True).steps]
    everything = sorted(s.case.pk for s in task_page(officer, ON, mine=False).steps)
    # then
    assert mine == [own.pk]
    assert everything == sorted([own.pk, other.pk])
    assert sorted(s.case.pk for s in task_page(officer2, ON, mine=True).steps) == sorted([own.pk, other.pk])
    assert handles_cases(officer) is True
    # the head is not narrowed to own cases
    assert sorted(s.case.pk for s in task_page(head, ON, mine=True).steps) == sorted(
        s.case.pk for s in task_page(head, ON, mine=False).steps
    )
