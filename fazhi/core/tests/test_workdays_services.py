"""Entering a year of the holiday calendar (services.enter_holiday_year), LEGAL_RULES §13.

2027 data in these tests is MADE UP for the test only; it is not the State Council's arrangement.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import workdays
from fazhi.core.audit.models import AuditEntry
from fazhi.core.workdays import CalendarUnknown, cd, wd
from fazhi.core.workdays import source as calendar_source
from fazhi.core.workdays.models import CalendarDay, HolidayYear
from fazhi.core.workdays.services import MakeupDay, RestPeriod, enter_holiday_year
from fazhi.org.tests.factories import UserFactory

D = date


@pytest.fixture(autouse=True)
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


def made_up_2027(**overrides):
    kwargs = {
        "year": 2027,
        "notice_title": "测试用：国务院办公厅关于2027年部分节假日安排的通知",
        "notice_number": "测试〔2026〕1号",
        "published_on": D(2026, 11, 5),
        "rest_periods": [
            RestPeriod(D(2027, 1, 1), D(2027, 1, 3), "元旦"),
            RestPeriod(D(2027, 2, 6), D(2027, 2, 13), "春节"),
        ],
        "makeup_days": [MakeupDay(D(2027, 2, 20), "春节")],
    }
    kwargs.update(overrides)
    return kwargs


def test_2027_unknown_until_a_supervisor_enters_it(supervisor):
    # given
    with pytest.raises(CalendarUnknown):
        workdays.add(D(2026, 12, 30), wd(5))
    # when
    hy = enter_holiday_year(actor=supervisor, **made_up_2027())
    # then: 12-31 (1); 2027-01-01..03 rest; 01-04 Mon (2) … 01-07 Thu (5)
    assert workdays.add(D(2026, 12, 30), wd(5)) == D(2027, 1, 7)
    assert workdays.is_workday(D(2027, 2, 20)) is True  # made-up make-up Saturday
    assert workdays.is_workday(D(2027, 2, 8)) is False
    assert workdays.day_name(D(2027, 2, 8)) == "春节"
    assert workdays.add(D(2027, 2, 5), cd(1)) == D(2027, 2, 15)  # rolled over the break
    assert (hy.year, hy.entered_by, hy.notice_number) == (2027, supervisor, "测试〔2026〕1号")
    assert CalendarDay.objects.filter(holiday_year=hy, kind="rest").count() == 11
    assert list(CalendarDay.objects.filter(kind="work").values_list("date", flat=True)) == [D(2027, 2, 20)]
    assert 2027 in workdays.known_years()
    # 2028 is still unknown
    with pytest.raises(CalendarUnknown) as exc:
        workdays.add(D(2027, 12, 31), wd(1))
    assert exc.value.year == 2028


def test_entering_a_year_is_audited(supervisor):
    hy = enter_holiday_year(actor=supervisor, **made_up_2027())
    entry = AuditEntry.objects.get(action="workdays.enter_holiday_year")
    assert (entry.actor_id, entry.object_id, entry.before) == (supervisor.pk, str(hy.pk), None)
    assert entry.after["work"] == [["2027-02-20", "春节"]]
    assert entry.after["rest"][0] == ["2027-01-01", "元旦"]
    assert len(entry.after["rest"]) == 11


def test_correcting_a_year_replaces_it_and_audits_before_and_after(supervisor):
    # given
    enter_holiday_year(actor=supervisor, **made_up_2027())
    assert workdays.is_workday(D(2027, 2, 12)) is False
    # when the (made-up) notice is corrected: the Spring Festival break ends on 02-11
    hy = enter_holiday_year(
        actor=supervisor,
        **made_up_2027(rest_periods=[RestPeriod(D(2027, 2, 6), D(2027, 2, 11), "春节")], makeup_days=[]),
    )
    # then
    assert HolidayYear.objects.count() == 1
    assert CalendarDay.objects.filter(holiday_year=hy).count() == 6
    assert workdays.is_workday(D(2027, 2, 12)) is True
    assert workdays.is_workday(D(2027, 1, 1)) is True  # the corrected year has no New Year entry any more
    assert workdays.is_workday(D(2027, 2, 20)) is False  # a plain Saturday again
    entry = AuditEntry.objects.get(action="workdays.correct_holiday_year")
    assert len(entry.before["rest"]) == 11
    assert len(entry.after["rest"]) == 6


def test_a_year_entered_by_staff_overrides_the_package_and_the_file(supervisor):
    # given 2025 from the data file: 2025-06-09 (Mon) is a working day
    assert workdays.is_workday(D(2025, 6, 9)) is True
    # when a supervisor enters 2025 with that day as a rest day (made up)
    enter_holiday_year(
        actor=supervisor,
        year=2025,
        notice_title="测试更正",
        rest_periods=[RestPeriod(D(2025, 6, 9), D(2025, 6, 9), "测试")],
        makeup_days=[],
    )
    # then the whole year comes from the entry
    assert workdays.is_workday(D(2025, 6, 9)) is False
    assert workdays.is_workday(D(2025, 10, 1)) is True
    assert calendar_source.calendar_source().years[2025].source == "db"
    assert calendar_source.calendar_source().years[2024].source == "package"


def test_officer_may_not_enter_a_year_and_nothing_changes(officer):
    with pytest.raises(PermissionDenied):
        enter_holiday_year(actor=officer, **made_up_2027())
    assert HolidayYear.objects.count() == 0
    assert CalendarDay.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    with pytest.raises(CalendarUnknown):
        workdays.is_workday(D(2027, 1, 4))


def test_superuser_may_enter_a_year(jurisdiction):
    admin = UserFactory(
        username="root", role="viewer", is_superuser=True, agency=None, jurisdiction=jurisdiction
    )
    enter_holiday_year(actor=admin, **made_up_2027())
    assert HolidayYear.objects.get().entered_by == admin


def test_system_may_enter_a_year_without_a_user(db):
    hy = enter_holiday_year(actor=None, **made_up_2027())
    assert hy.entered_by is None
    assert AuditEntry.objects.get().actor_name == "系统"


@pytest.mark.parametrize(
    ("_case", "overrides", "field", "code", "message"),
    [
        (
            "rest day outside the year",
            {"rest_periods": [RestPeriod(D(2026, 12, 31), D(2027, 1, 2), "元旦")]},
            "rest_periods",
            "date_outside_year",
            "放假时段 2026-12-31–2027-01-02：日期不在2027年内。",
        ),
        (
            "make-up day outside the year",
            {"makeup_days": [MakeupDay(D(2026, 12, 26), "元旦")]},
            "makeup_days",
            "date_outside_year",
            "调休上班日 2026-12-26 不在2027年内。",
        ),
        (
            "both rest and work",
            {"makeup_days": [MakeupDay(D(2027, 2, 6), "春节")]},
            "makeup_days",
            "rest_and_work",
            "2027-02-06 不能既是放假日又是调休上班日。",
        ),
        (
            "make-up day on a weekday",
            {"makeup_days": [MakeupDay(D(2027, 2, 22), "春节")]},
            "makeup_days",
            "makeup_not_weekend",
            "调休上班日 2027-02-22 是星期一，本来就是工作日；调休上班日应为周六或周日。",
        ),
        (
            "end before start",
            {"rest_periods": [RestPeriod(D(2027, 2, 13), D(2027, 2, 6), "春节")]},
            "rest_periods",
            "end_before_start",
            "放假时段 2027-02-13–2027-02-06：结束日期早于开始日期。",
        ),
        (
            "overlapping rest periods",
            {
                "rest_periods": [
                    RestPeriod(D(2027, 2, 6), D(2027, 2, 13), "春节"),
                    RestPeriod(D(2027, 2, 13), D(2027, 2, 14), "春节"),
                ]
            },
            "rest_periods",
            "duplicate_date",
            "2027-02-13 在多个放假时段中重复出现。",
        ),
        (
            "no rest period",
            {"rest_periods": []},
            "rest_periods",
            "required",
            "请至少录入一个放假时段（2027年的元旦、春节等）。",
        ),
        (
            "no title",
            {"notice_title": "  "},
            "notice_title",
            "required",
            "请填写通知标题，例如《国务院办公厅关于2027年部分节假日安排的通知》。",
        ),
        (
            "published after the year",
            {"published_on": D(2028, 1, 1)},
            "published_on",
            "bad_published_on",
            "发布日期 2028-01-01 晚于2027年，请检查。",
        ),
    ],
)
def test_bad_arrangements_are_refused_in_chinese_and_nothing_is_saved(
    supervisor, _case, overrides, field, code, message
):
    with pytest.raises(ValidationError) as exc:
        enter_holiday_year(actor=supervisor, **made_up_2027(**overrides))
    errors = exc.value.error_dict[field]
    assert [e.message for e in errors] == [message]
    assert [e.code for e in errors] == [code]
    assert HolidayYear.objects.count() == 0
    assert CalendarDay.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    with pytest.raises(CalendarUnknown):
        workdays.is_workday(D(2027, 3, 1))


def test_open_deadlines_are_recomputed_after_a_year_is_entered(supervisor, monkeypatch):
    # given a stand-in for the procedure engine that records what it saw
    from fazhi.core import procedures

    seen = []

    def fake_recompute(*, actor):
        seen.append((actor, workdays.add(D(2026, 12, 30), wd(5))))
        return "result"

    monkeypatch.setattr(procedures, "recompute_open_deadlines", fake_recompute, raising=False)
    # when
    hy = enter_holiday_year(actor=supervisor, **made_up_2027())
    # then it ran once, with the actor, and already saw the new year
    assert seen == [(supervisor, D(2027, 1, 7))]
    assert hy.recompute_result == "result"


def test_a_failing_recompute_rolls_everything_back(supervisor, monkeypatch):
    from fazhi.core import procedures

    def broken(*, actor):
        raise ValidationError("测试：重新计算失败。", code="test")

    monkeypatch.setattr(procedures, "recompute_open_deadlines", broken, raising=False)
    with pytest.raises(ValidationError):
        enter_holiday_year(actor=supervisor, **made_up_2027())
    assert HolidayYear.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    with pytest.raises(CalendarUnknown):
        workdays.is_workday(D(2027, 3, 1))


def test_calendar_listeners_run_in_the_same_transaction_and_a_failure_saves_nothing(supervisor, monkeypatch):
    # given a registered listener (records holding statutory dates outside the engine use this hook)
    from fazhi.core.workdays import services

    calls = []

    def listener(*, actor):
        calls.append((actor, workdays.add(D(2026, 12, 30), wd(5))))

    monkeypatch.setattr(services, "_calendar_listeners", [])
    services.on_calendar_changed(listener)
    services.on_calendar_changed(listener)  # registering twice runs it once
    # when a year is entered, then the listener saw the new year, with the actor
    enter_holiday_year(actor=supervisor, **made_up_2027())
    assert calls == [(supervisor, D(2027, 1, 7))]

    # given a listener that fails
    def broken(*, actor):
        raise ValidationError("测试：监听失败。", code="test")

    services.on_calendar_changed(broken)
    # when the year is corrected, then nothing of the correction is saved
    audit_count = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        enter_holiday_year(actor=supervisor, **made_up_2027(notice_title="更正后的通知"))
    assert HolidayYear.objects.get(year=2027).notice_title != "更正后的通知"
    assert AuditEntry.objects.count() == audit_count


def test_another_process_sees_a_new_year_through_the_fingerprint(settings, supervisor):
    # given a process with the production setting (check the fingerprint on every call here)
    settings.FAZHI_CALENDAR_CHECK_SECONDS = 0
    calendar_source.reset()
    with pytest.raises(CalendarUnknown):
        workdays.is_workday(D(2027, 1, 4))
    # when another process writes the year (simulated: rows written without this process's reset)
    hy = HolidayYear.objects.create(year=2027, notice_title="测试")
    CalendarDay.objects.create(holiday_year=hy, date=D(2027, 1, 4), kind="rest", name="测试")
    # then this process notices on its next check
    assert workdays.is_workday(D(2027, 1, 4)) is False
    assert workdays.is_workday(D(2027, 1, 5)) is True


def test_cached_source_is_not_reread_within_the_check_interval(settings, django_assert_num_queries, db):
    settings.FAZHI_CALENDAR_CHECK_SECONDS = 3600
    calendar_source.reset()
    workdays.add(D(2025, 9, 30), wd(5))  # builds once
    with django_assert_num_queries(0):
        for _ in range(100):
            workdays.add(D(2025, 9, 30), wd(5))
            workdays.explain(D(2025, 8, 4), cd(60))


def test_correcting_a_year_moves_open_deadlines_of_the_procedure_engine(supervisor):
    # given an open 5-working-day deadline started 2026-09-30: 10/10 (Sat) is worked, so it is due 10-13
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core import procedures

    if not hasattr(procedures, "recompute_open_deadlines"):
        pytest.skip("procedure engine not available")
    from fazhi.core.procedures.models import Deadline

    start = D(2026, 9, 30)
    c = workdays.explain(start, wd(5))
    assert c.due == D(2026, 10, 13)
    deadline = Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(supervisor),
        object_id=supervisor.pk,
        procedure_code="test.procedure",
        clock="review",
        label="审查",
        period_n=5,
        period_unit="wd",
        start_date=start,
        due_date=c.due,
        explanation=c.describe(),
    )
    # when 2026 is corrected without the 10/10 make-up working day (made-up correction)
    doc = json.loads(calendar_source.DEFAULT_FILE.read_text(encoding="utf-8"))
    (year_2026,) = calendar_source.parse_year_document({"years": {"2026": doc["years"]["2026"]}})
    year_2026["makeup_days"] = [m for m in year_2026["makeup_days"] if m.date != D(2026, 10, 10)]
    hy = enter_holiday_year(actor=supervisor, **year_2026)
    # then the open deadline follows, and the change is audited
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 10, 14)
    assert deadline.explanation == "2026-09-30 + 5个工作日；10/1–10/7、10/10–10/11 休息 → 2026-10-14"
    assert [d.pk for d in hy.recompute_result.changed] == [deadline.pk]
    assert AuditEntry.objects.filter(action="procedures.recompute_deadline").count() == 1
