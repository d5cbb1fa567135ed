"""When the calendar changes, open deadlines follow (DESIGN.md; Alaveteli #7292): the real path
through workdays.services.enter_holiday_year → procedures.recompute_open_deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.tests.helpers import deadline, new_application
from fazhi.core.workdays import source
from fazhi.core.workdays.services import MakeupDay, RestPeriod, enter_holiday_year

REST_2026 = [
    ((1, 1), (1, 3), "元旦"),
    ((2, 15), (2, 23), "春节"),
    ((4, 4), (4, 6), "清明节"),
    ((5, 1), (5, 5), "劳动节"),
    ((6, 19), (6, 21), "端午节"),
    ((9, 25), (9, 27), "中秋节"),
    ((10, 1), (10, 7), "国庆节"),
]
WORK_2026 = [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    source.reset()
    yield
    source.reset()


def _enter_2026(actor, extra_rest=()):
    rest = [RestPeriod(date(2026, *a), date(2026, *b), name) for a, b, name in REST_2026]
    rest += [RestPeriod(d, d, "更正") for d in extra_rest]
    return enter_holiday_year(
        actor=actor,
        year=2026,
        notice_title="国务院办公厅关于2026年部分节假日安排的通知",
        rest_periods=rest,
        makeup_days=[MakeupDay(date(2026, *md), "调休") for md in WORK_2026],
    )


def test_correcting_a_year_moves_open_deadlines_and_audits_the_change(agency, officer, supervisor):
    # given decision due Mon 2026-04-13 (accepted 2026-02-12) and a met acceptance review
    case = new_application(agency, officer, date(2026, 2, 10))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    procedures.advance(case, "send_copy", actor=officer, on=date(2026, 2, 13))
    # when the justice bureau corrects 2026 so that 04-13 is a rest day
    hy = _enter_2026(supervisor, extra_rest=[date(2026, 4, 13)])
    # then the decision rolls to Tue 04-14; the closed deadlines keep their dates
    assert [d.clock for d in hy.recompute_result.changed] == ["decision"]
    assert deadline(case, "decision").due_date == date(2026, 4, 14)
    assert deadline(case, "acceptance_review").due_date == date(2026, 2, 24)
    entry = AuditEntry.objects.filter(action="procedures.recompute_deadline").get()
    assert (entry.actor, entry.object_id, entry.before["due_date"], entry.after["due_date"]) == (
        supervisor,
        str(case.pk),
        "2026-04-13",
        "2026-04-14",
    )
    assert (
        "期满日 2026-04-13 为休息日，顺延至下一工作日 → 2026-04-14" in deadline(case, "decision").explanation
    )


def test_entering_the_same_arrangement_changes_no_deadline(agency, officer, supervisor):
    # given
    case = new_application(agency, officer, date(2026, 2, 10))
    # when 2026 is entered exactly as published
    hy = _enter_2026(supervisor)
    # then
    assert hy.recompute_result.changed == []
    assert deadline(case, "acceptance_review").due_date == date(2026, 2, 24)
    assert not AuditEntry.objects.filter(action="procedures.recompute_deadline").exists()


def test_a_deadline_reaching_into_an_unknown_year_becomes_provisional_and_is_reported(
    agency, officer, supervisor
):
    # given a stored deadline whose year has no calendar data (e.g. a data row later withdrawn)
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.procedures.models import Deadline

    case = new_application(agency, officer, date(2026, 2, 10))
    stale = Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        procedure_code="testapp.reconsideration",
        clock="decision",
        label="复议决定",
        period_n=60,
        period_unit="cd",
        start_date=date(2031, 3, 3),
        due_date=date(2031, 5, 2),
        explanation="旧说明",
    )
    # when
    result = procedures.recompute_open_deadlines(actor=supervisor)
    # then
    assert [(d.pk, msg) for d, msg in result.failed] == [
        (
            stale.pk,
            "2031年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的2031年节假日安排。",
        )
    ]
    stale.refresh_from_db()
    assert (stale.due_date, stale.calendar_pending) == (date(2031, 5, 2), True)
    assert stale.explanation == (
        "2031-03-03 + 60日 → 2031-05-02（2031年节假日安排尚未录入，暂按双休日推算，待日历确认）"
    )


def test_recompute_command_reports_changes(agency, officer, monkeypatch):
    # given decision due 2026-04-13, then 04-13 becomes a rest day in the calendar source
    from io import StringIO

    from django.core.management import call_command

    from fazhi.core.workdays import calendar

    case = new_application(agency, officer, date(2026, 2, 10))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    procedures.advance(case, "send_copy", actor=officer, on=date(2026, 2, 13))
    real = calendar._source()

    class Corrected:
        def __getattr__(self, name):
            return getattr(real, name)

        def is_workday(self, d):
            return d != date(2026, 4, 13) and real.is_workday(d)

    monkeypatch.setattr(calendar, "_source", Corrected)
    out = StringIO()
    # when
    call_command("procedures", "recompute", stdout=out)
    # then
    assert out.getvalue().splitlines() == [
        f"testapp.reconsideration #{case.pk} 复议决定：届满日改为 2026-04-14",
        "重新计算完成：变更 1 项，无法计算 0 项。",
    ]
    assert AuditEntry.objects.filter(action="procedures.recompute_deadline").get().actor_name == "系统"
