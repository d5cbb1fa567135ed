"""Due dates of records that are not procedure cases — the litigation defence (《行政诉讼法》第六十七条)
and the reconsideration opinion's report (复议法第七十六条) — are engine standalone clocks: explained,
read through one annotation, provisional (待日历确认) in a year without holiday data, and moved by a
calendar entry or correction like every other deadline (issue 13)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.workdays.services import RestPeriod, enter_holiday_year
from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)

from .. import selectors
from ..procedures import LITIGATION, OPINION
from ..services import (
    accept_application,
    close_litigation_instance,
    file_defence,
    issue_opinion,
    receive_opinion,
    register_litigation_case,
    report_opinion,
)


def _register(actor, agency, n=1, **over):
    values = {
        "court": "示范县人民法院",
        "case_number": f"（2026）京0105行初{n}号",
        "plaintiff": "李四",
        "cause": "行政处罚",
        "served_on": date(2026, 12, 20),
    }
    values.update(over)
    return register_litigation_case(actor=actor, agency=agency, **values)


@pytest.fixture
def after_new_year(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 1, 20))


def _enter_2027(actor, new_year_end=date(2027, 1, 3)):
    return enter_holiday_year(
        actor=actor,
        year=2027,
        notice_title="国务院办公厅关于2027年部分节假日安排的通知（测试数据）",
        rest_periods=[
            RestPeriod(date(2027, 1, 1), new_year_end, "元旦"),
            RestPeriod(date(2027, 2, 6), date(2027, 2, 14), "春节"),
        ],
        makeup_days=[],
    )


# --- 第六十七条: the defence clock ---------------------------------------------------------------------
@pytest.mark.usefixtures("after_new_year")
def test_suit_served_late_in_december_is_registered_with_a_provisional_date(client: Client, officer, agency):
    # given: 2027 has no holiday data; served Sunday 2026-12-20 + 15 days = Monday 2027-01-04
    # when
    case = _register(officer, agency)
    # then: registered, never refused; the due date is provisional (weekends only) and marked
    d = procedures.open_deadline(case, LITIGATION, "defence")
    assert (d.start_date, d.due_date, d.calendar_pending) == (date(2026, 12, 20), date(2027, 1, 4), True)
    row = selectors.litigation_cases_visible_to(officer).get(pk=case.pk)
    assert (row.defence_due, row.defence_pending) == (date(2027, 1, 4), True)
    client.force_login(officer)
    badge = '2027-01-04 <span class="badge status-calendar_pending" title="'
    assert badge in client.get("/disputes/yingsu/").content.decode()
    assert badge in client.get(case.get_absolute_url()).content.decode()
    body = client.get(f"/api/v1/disputes/litigation/{case.pk}/").json()
    assert (body["defence_due"], body["defence_pending"]) == ("2027-01-04", True)


@pytest.mark.usefixtures("after_new_year", "calendar_defaults")
def test_entering_and_correcting_the_year_replaces_the_provisional_date(officer, agency, supervisor):
    # given: the provisional 2027-01-04
    case = _register(officer, agency)
    # when: 2027 is entered (New Year 1/1–1/3): the exact date is the same Monday, no longer pending
    _enter_2027(supervisor)
    d = procedures.open_deadline(case, LITIGATION, "defence")
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 4), False)
    # when: the year is corrected (the rest now ends on 1/4): the due date follows, audited
    _enter_2027(supervisor, new_year_end=date(2027, 1, 4))
    d = procedures.open_deadline(case, LITIGATION, "defence")
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 5), False)
    assert d.explanation.endswith("→ 2027-01-05")
    changes = AuditEntry.objects.filter(action="procedures.recompute_deadline", object_id=str(case.pk))
    assert changes.count() == 2
    assert selectors.litigation_cases_visible_to(officer).get(pk=case.pk).defence_due == date(2027, 1, 5)


@pytest.mark.usefixtures("after_new_year", "calendar_defaults")
def test_reconsideration_deadlines_follow_a_calendar_correction(apply, clerk, supervisor):
    # given: accepted 2026-12-29 → 60 days reach 2027 (provisional 2027-02-27 → Monday 03-01)
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    accept_application(actor=clerk, case=case, on=date(2026, 12, 29))
    decision = procedures.deadlines(case).get(clock="decision")
    assert decision.calendar_pending is True
    # when
    _enter_2027(supervisor)
    # then: the exact date, through the engine (no disputes-specific listener)
    decision.refresh_from_db()
    assert (decision.due_date, decision.calendar_pending) == (date(2027, 3, 1), False)


def test_defence_filed_in_time_is_met_and_late_is_missed(officer, agency):
    # 2025-09-22 + 15 = 10-07 in the National Day break → 2025-10-09
    on_time = _register(officer, agency, 1, served_on=date(2025, 9, 22))
    late = _register(officer, agency, 2, served_on=date(2025, 9, 22))
    file_defence(actor=officer, case=on_time, on=date(2025, 10, 9))
    file_defence(actor=officer, case=late, on=date(2025, 10, 10))
    states = [procedures.deadlines(c).get(clock="defence").state for c in (on_time, late)]
    assert states == ["met", "missed"]


def test_judgment_without_a_defence_closes_the_clock(officer, agency):
    case = _register(officer, agency, served_on=date(2025, 9, 22))
    close_litigation_instance(actor=officer, case=case, judgment="revoke", on=date(2025, 11, 20))
    assert procedures.open_deadline(case, LITIGATION, "defence") is None
    assert procedures.deadlines(case).get(clock="defence").state == "missed"


def test_defence_is_filed_once(officer, agency):
    case = _register(officer, agency, served_on=date(2025, 9, 22))
    file_defence(actor=officer, case=case, on=date(2025, 10, 9))
    with pytest.raises(ValidationError) as exc:
        file_defence(actor=officer, case=case, on=date(2025, 10, 10))
    assert exc.value.message_dict["on"] == ["提交日期：答辩状已于2025-10-09提交，不能重复登记。"]
    assert procedures.deadlines(case).get(clock="defence").closed_on == date(2025, 10, 9)


def test_litigation_list_runs_a_fixed_number_of_queries(api_client, officer, agency):
    api_client.force_authenticate(officer)
    _register(officer, agency, 1, served_on=date(2025, 9, 22))
    with CaptureQueriesContext(connection) as one:
        assert api_client.get("/api/v1/disputes/litigation/").json()["count"] == 1
    for n in range(2, 6):
        _register(officer, agency, n, served_on=date(2025, 9, 22))
    with CaptureQueriesContext(connection) as five:
        body = api_client.get("/api/v1/disputes/litigation/").json()
    assert body["count"] == 5
    assert {r["defence_due"] for r in body["results"]} == {"2025-10-09"}
    assert len(five.captured_queries) == len(one.captured_queries)


# --- 第七十六条: the opinion's report clock ------------------------------------------------------------
def test_opinion_report_late_is_missed_and_listed_overdue_until_reported(clerk, agency, officer):
    # 2025-08-04 + 60 = 10-03 (National Day) → 2025-10-09
    opinion = issue_opinion(
        actor=clerk, agency=agency, on=date(2025, 8, 4), content="规范罚款程序", received_on=date(2025, 8, 4)
    )
    assert [o.pk for o in selectors.opinions_overdue(clerk, date(2025, 10, 10))] == [opinion.pk]
    report_opinion(actor=officer, opinion=opinion, on=date(2025, 10, 13), report="已整改")
    assert procedures.deadlines(opinion).get(clock="report").state == "missed"
    assert list(selectors.opinions_overdue(clerk, date(2025, 10, 14))) == []


@pytest.mark.usefixtures("after_new_year")
def test_opinion_issued_in_december_gets_a_provisional_date(clerk, agency):
    # 2026-12-01 + 60 = Saturday 2027-01-30 → provisional Monday 2027-02-01
    opinion = issue_opinion(
        actor=clerk,
        agency=agency,
        on=date(2026, 12, 1),
        content="规范执法程序",
        received_on=date(2026, 12, 1),
    )
    row = selectors.opinions_visible_to(clerk).get(pk=opinion.pk)
    assert (row.report_due, row.report_pending) == (date(2027, 2, 1), True)
    assert procedures.open_deadline(opinion, OPINION, "report").calendar_pending is True


def test_opinion_report_period_runs_from_the_recipients_receipt(clerk, agency, officer):
    # given: issued Monday 2025-08-04, not yet received — no period runs, nothing is overdue
    opinion = issue_opinion(actor=clerk, agency=agency, on=date(2025, 8, 4), content="规范罚款程序")
    assert procedures.deadlines(opinion).count() == 0
    assert list(selectors.opinions_overdue(clerk, date(2025, 12, 1))) == []
    with pytest.raises(ValidationError) as exc:
        report_opinion(actor=officer, opinion=opinion, on=date(2025, 9, 1), report="已整改")
    assert exc.value.messages == [
        "请先登记收件机关收到意见书的日期：六十日反馈期限自收到之日起计算（行政复议法第七十六条）。"
    ]
    # when: the return receipt says Monday 08-11 (recorded by the recipient itself)
    receive_opinion(actor=officer, opinion=opinion, on=date(2025, 8, 11))
    # then: 08-11 + 60 days = Friday 2025-10-10 (not 10-09 from the issue date)
    d = procedures.open_deadline(opinion, OPINION, "report")
    assert (d.start_date, d.due_date) == (date(2025, 8, 11), date(2025, 10, 10))
    assert list(selectors.opinions_overdue(clerk, date(2025, 10, 10))) == []
    # and the receipt is recorded once
    with pytest.raises(ValidationError) as exc:
        receive_opinion(actor=clerk, opinion=opinion, on=date(2025, 8, 12))
    assert exc.value.message_dict["on"] == [
        "收到日期：收件机关已于2025-08-11收到该意见书，反馈期限自该日起计算，不能重复登记。"
    ]
    assert procedures.deadlines(opinion).count() == 1
