"""Deadlines reaching into a year without holiday data (ADR 0003 "Awaiting calendar data"): a decision
served in late December 2026 is never refused; the publicity deadline (7 WD, 118号 二(三)) and the
engine's service and payment deadlines wait with a NULL due date until 2027 is entered through
workdays.services.enter_holiday_year, which computes them.

Real 2026 dates (known: 12-28…12-31 are working days). The 2027 arrangement below is made-up test
data (元旦 01-01…01-03, 春节 02-06…02-14), not the State Council's notice: with it, 2026-12-25 + 7 WD
= 12-28, 12-29, 12-30, 12-31, 01-04, 01-05, 01-06 → 2027-01-06.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.core.workdays.services import RestPeriod, enter_holiday_year
from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)
from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import guards
from fazhi.enforcement.services import publicity as pub
from fazhi.enforcement.tests.factories import annotated, due, pending

pytestmark = pytest.mark.usefixtures("calendar_defaults")

PENDING = (
    "2026-12-25 + 7个工作日（国办发〔2018〕118号 二(三)）：2027年节假日安排尚未录入，"
    "录入后自动计算期限（待录入日历后计算）"
)


@pytest.fixture(autouse=True)
def _today_in_2027(monkeypatch):
    """These cases happen at the turn of 2026/2027: 'today' is in 2027, so their dates are not future."""
    from fazhi.core import workdays

    monkeypatch.setattr(workdays, "today", lambda: date(2027, 3, 1))


def enter_2027(actor, capture):
    """Made-up 2027 arrangement; the enforcement hook runs when the calendar entry commits."""
    with capture(execute=True):
        return enter_holiday_year(
            actor=actor,
            year=2027,
            notice_title="国务院办公厅关于2027年部分节假日安排的通知（测试数据）",
            rest_periods=[
                RestPeriod(date(2027, 1, 1), date(2027, 1, 3), "元旦"),
                RestPeriod(date(2027, 2, 6), date(2027, 2, 14), "春节"),
            ],
            makeup_days=[],
        )


def _on_the_spot(open_case, officer, *, on=date(2026, 12, 25), fine=None):
    case = open_case(on=on, procedure_kind="on_the_spot")
    return svc.decide_on_the_spot(
        actor=officer,
        case=case,
        on=on,
        decision_number=f"当场〔2026〕{on.day}号",
        penalty_types=["fine"] if fine else ["warning"],
        fine_amount=fine,
        performance="十五日内到指定银行缴纳" if fine else "",
        decision_basis="《食品安全法》第一百二十四条",
        evidence_summary="现场检查笔录",
        remedies="可在六十日内申请行政复议或六个月内提起行政诉讼",
    )


def test_a_decision_of_2026_12_25_is_not_refused_and_its_publicity_waits_for_the_2027_calendar(
    open_case, officer
):
    # when decided on Fri 2026-12-25: 7 WD reach into 2027, which nobody has entered
    case = _on_the_spot(open_case, officer)
    # then the decision stands, the publicity record has a provisional date (weekends only: 12-28..31,
    # 01-01, 01-04, 01-05) marked 待日历确认 — an engine deadline like every other
    assert case.decided_on == date(2026, 12, 25)
    record = annotated(PublicityRecord.objects.get(case=case))
    assert (record.due_on, record.calendar_pending) == (date(2027, 1, 5), True)
    assert "2027年节假日安排尚未录入" in record.due_explanation
    assert AuditEntry.objects.get(action="enforcement.create_publicity").after["calendar_pending"] is True


def test_entering_2027_computes_the_pending_publicity_deadline(
    open_case, officer, supervisor, django_capture_on_commit_callbacks
):
    # given a decision of 2026-12-25 whose publicity deadline awaits 2027
    case = _on_the_spot(open_case, officer)
    record = PublicityRecord.objects.get(case=case)
    assert annotated(record).calendar_pending

    # when a supervisor enters the 2027 arrangement
    enter_2027(supervisor, django_capture_on_commit_callbacks)
    # then
    record.refresh_from_db()
    assert (annotated(record).due_on, annotated(record).calendar_pending) == (date(2027, 1, 6), False)
    assert annotated(record).due_explanation.endswith("2027-01-06")
    # the engine recomputed it and audited the change (no enforcement listener for it)
    entry = AuditEntry.objects.filter(action="procedures.recompute_deadline").order_by("-id").first()
    assert entry is not None
    assert entry.actor == supervisor


@pytest.mark.parametrize(
    ("published_on", "on_time_before", "on_time_after", "late_flag"),
    [
        (date(2026, 12, 30), True, True, False),  # before 2027: on time whatever the 2027 calendar
        (date(2027, 1, 6), None, True, False),  # the computed due day itself
        (date(2027, 1, 7), None, False, True),  # one working day late
    ],
)
def test_published_while_the_deadline_waits_is_judged_when_2027_is_entered(
    open_case,
    officer,
    supervisor,
    django_capture_on_commit_callbacks,
    published_on,
    on_time_before,
    on_time_after,
    late_flag,
):
    # given a pending publicity record published before the year is entered
    case = _on_the_spot(open_case, officer)
    record = pub.publish_record(actor=officer, record=PublicityRecord.objects.get(case=case), on=published_on)
    assert annotated(record).on_time is on_time_before
    assert PenaltyCase.objects.get(pk=case.pk).flag_late_publicity is False
    # when
    enter_2027(supervisor, django_capture_on_commit_callbacks)
    # then
    record.refresh_from_db()
    assert annotated(record).on_time is on_time_after
    case.refresh_from_db()
    assert case.flag_late_publicity is late_flag
    assert case.is_irregular is late_flag


def test_late_service_is_flagged_once_2027_settles_the_undecided_service_deadline(
    open_case, officer, supervisor, django_capture_on_commit_callbacks
):
    # given decided 2026-12-25 (service: 7 WD, pending) and served 2027-01-07, before 2027 is entered
    case = _on_the_spot(open_case, officer)
    case = svc.serve_decision(actor=officer, case=case, on=date(2027, 1, 7), method="direct")
    assert pending(case, "service") is True  # a provisional date, 待日历确认
    assert case.flag_late_service is False  # undecided: not flagged on a guess
    # when
    enter_2027(supervisor, django_capture_on_commit_callbacks)
    # then the case takes the computed date and the flag (ADR 0003: undecided → missed)
    case.refresh_from_db()
    assert due(case, "service") == date(2027, 1, 6)
    assert case.flag_late_service is True
    assert case.is_irregular is True


def test_served_on_time_in_2026_is_not_flagged(
    open_case, officer, supervisor, django_capture_on_commit_callbacks
):
    case = _on_the_spot(open_case, officer)
    case = svc.serve_decision(actor=officer, case=case, on=date(2026, 12, 28), method="direct")
    enter_2027(supervisor, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert (due(case, "service"), case.flag_late_service) == (date(2027, 1, 6), False)


def test_late_surcharge_cannot_be_computed_without_the_payment_due_date():
    assert guards.late_surcharge(Decimal("500"), None, date(2027, 1, 20)) is None
    assert guards.late_surcharge(None, None, date(2027, 1, 20)) == Decimal("0.00")
    assert guards.late_surcharge(Decimal("500"), date(2027, 1, 4), date(2027, 1, 6)) == Decimal("30.00")


def test_payment_above_the_fine_is_refused_while_the_payment_deadline_waits(open_case, officer):
    # given a fine of 500 yuan served 2026-12-20: 15 CD → 2027-01-04, pending
    case = _on_the_spot(open_case, officer, on=date(2026, 12, 18), fine="500")
    case = svc.serve_decision(actor=officer, case=case, on=date(2026, 12, 20), method="direct")
    assert pending(case, "payment") is True  # a provisional date, 待日历确认
    # when / then: a surcharge cannot be verified
    with pytest.raises(ValidationError) as exc:
        svc.record_payment(actor=officer, case=case, on=date(2027, 1, 10), amount="518")
    error = exc.value.error_dict["amount"][0]
    assert error.code == "calendar_unknown"
    assert error.messages[0].startswith("缴款期限跨入尚未录入节假日安排的年度，加处罚款暂无法计算")
    # the fine itself is accepted
    case = svc.record_payment(actor=officer, case=case, on=date(2027, 1, 10), amount="500")
    assert case.paid_amount == Decimal("500.00")


def test_case_page_shows_the_pending_deadlines(client, open_case, officer):
    case = _on_the_spot(open_case, officer, on=date(2026, 12, 18), fine="500")
    svc.serve_decision(actor=officer, case=case, on=date(2026, 12, 20), method="direct")
    client.force_login(officer)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "待日历确认" in html
    assert "暂无法计算（缴款期限待录入日历后计算）" in html
    assert " 0.00 元（行政处罚法第七十二条" not in html


def test_a_pending_record_published_inside_the_missing_year_stays_undecided(open_case, officer):
    # given a decision of 2026-12-25 (publicity pending on 2027), published 2027-01-05 before 2027 is entered
    case = _on_the_spot(open_case, officer)
    record = pub.publish_record(
        actor=officer, record=PublicityRecord.objects.get(case=case), on=date(2027, 1, 5)
    )
    # then it is neither on time nor late yet
    assert annotated(record).on_time is None
    assert PenaltyCase.objects.get(pk=case.pk).flag_late_publicity is False


def test_payment_within_the_bare_15_days_needs_no_surcharge_while_pending(open_case, officer):
    # given served 2026-12-20, payment due pending (2026-12-20 + 15 CD = 2027-01-04 or later)
    case = _on_the_spot(open_case, officer, on=date(2026, 12, 18), fine="500")
    case = svc.serve_decision(actor=officer, case=case, on=date(2026, 12, 20), method="direct")
    # when paid 2027-01-04 with a (made-up) surcharge: refused, nothing can be late yet
    with pytest.raises(ValidationError) as exc:
        svc.record_payment(actor=officer, case=case, on=date(2027, 1, 4), amount="515")
    assert exc.value.error_dict["amount"][0].code == "money_too_large"
