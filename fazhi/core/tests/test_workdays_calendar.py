"""core.workdays on real dates: every 2025 and 2026 rest-period edge and make-up working day of
LEGAL_RULES.md §13, the counting rules (start day excluded, roll-over, 民法典第二百零二条), the
explanation line, deadline_status and paused intervals."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from fazhi.core import workdays
from fazhi.core.workdays import CalendarUnknown, cd, months, wd
from fazhi.core.workdays import source as calendar_source

D = date


@pytest.fixture(autouse=True)
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


# (date, is a working day) — LEGAL_RULES §13 "2025 data" and "2026 data": the day before each rest
# period, its first and last day, the day after, and every make-up working day.
CALENDAR_TABLE = [
    # 2025 — 国办发明电〔2024〕12号
    (D(2024, 12, 31), True),
    (D(2025, 1, 1), False),
    (D(2025, 1, 2), True),
    (D(2025, 1, 26), True),  # Sun, make-up (春节)
    (D(2025, 1, 27), True),
    (D(2025, 1, 28), False),
    (D(2025, 2, 4), False),
    (D(2025, 2, 5), True),
    (D(2025, 2, 8), True),  # Sat, make-up (春节)
    (D(2025, 4, 3), True),
    (D(2025, 4, 4), False),
    (D(2025, 4, 6), False),
    (D(2025, 4, 7), True),
    (D(2025, 4, 27), True),  # Sun, make-up (劳动节)
    (D(2025, 4, 30), True),
    (D(2025, 5, 1), False),
    (D(2025, 5, 5), False),
    (D(2025, 5, 6), True),
    (D(2025, 5, 30), True),
    (D(2025, 5, 31), False),
    (D(2025, 6, 2), False),
    (D(2025, 6, 3), True),
    (D(2025, 9, 28), True),  # Sun, make-up (国庆节)
    (D(2025, 9, 30), True),
    (D(2025, 10, 1), False),
    (D(2025, 10, 8), False),
    (D(2025, 10, 9), True),
    (D(2025, 10, 11), True),  # Sat, make-up (国庆节)
    (D(2025, 10, 12), False),  # the Sunday after it is an ordinary rest day
    # 2026 — notice of 2025-11-04
    (D(2025, 12, 31), True),
    (D(2026, 1, 1), False),
    (D(2026, 1, 3), False),
    (D(2026, 1, 4), True),  # Sun, make-up (元旦)
    (D(2026, 2, 13), True),
    (D(2026, 2, 14), True),  # Sat, make-up (春节)
    (D(2026, 2, 15), False),
    (D(2026, 2, 23), False),  # Mon, last day of the 9-day break
    (D(2026, 2, 24), True),
    (D(2026, 2, 28), True),  # Sat, make-up (春节)
    (D(2026, 4, 3), True),
    (D(2026, 4, 4), False),
    (D(2026, 4, 6), False),
    (D(2026, 4, 7), True),
    (D(2026, 4, 30), True),
    (D(2026, 5, 1), False),
    (D(2026, 5, 5), False),
    (D(2026, 5, 6), True),
    (D(2026, 5, 9), True),  # Sat, make-up (劳动节)
    (D(2026, 6, 18), True),
    (D(2026, 6, 19), False),
    (D(2026, 6, 21), False),
    (D(2026, 6, 22), True),
    (D(2026, 9, 20), True),  # Sun, make-up (国庆节)
    (D(2026, 9, 24), True),
    (D(2026, 9, 25), False),
    (D(2026, 9, 27), False),
    (D(2026, 9, 28), True),
    (D(2026, 9, 30), True),
    (D(2026, 10, 1), False),
    (D(2026, 10, 7), False),
    (D(2026, 10, 8), True),
    (D(2026, 10, 10), True),  # Sat, make-up (国庆节)
]


@pytest.mark.parametrize(("day", "working"), CALENDAR_TABLE, ids=[d.isoformat() for d, _ in CALENDAR_TABLE])
def test_statutory_calendar_edges(day, working):
    assert workdays.is_workday(day) is working
    assert workdays.is_rest_day(day) is (not working)


def test_data_file_agrees_with_the_package_on_every_day_of_2025_and_2026():
    # given the file's years (which override the package) and the package itself
    file_years = calendar_source._file_years()
    assert sorted(file_years) == [2025, 2026]
    src = calendar_source.CalendarSource(file_years)
    # then every single day agrees
    disagreements = []
    for year in (2025, 2026):
        d = D(year, 1, 1)
        while d.year == year:
            if src.is_workday(d) != chinese_calendar.is_workday(d):
                disagreements.append(d)
            d = D.fromordinal(d.toordinal() + 1)
    assert disagreements == []
    assert workdays.workdays_between(D(2024, 12, 31), D(2025, 12, 31)) == 248
    assert workdays.workdays_between(D(2025, 12, 31), D(2026, 12, 31)) == 248


def test_years_known_are_2004_to_2026_and_the_file_years_come_from_the_file():
    src = calendar_source.calendar_source()
    assert workdays.known_years() == list(range(2004, 2027))
    assert (src.years[2024].source, src.years[2025].source, src.years[2026].source) == (
        "package",
        "file",
        "file",
    )
    assert src.years[2025].notice_number == "国办发明电〔2024〕12号"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2025, 10, 4), "国庆节、中秋节"),
        (D(2025, 10, 11), "国庆节、中秋节调休上班"),
        (D(2026, 2, 28), "春节调休上班"),
        (D(2024, 2, 10), "春节"),  # from the package
        (D(2025, 10, 13), ""),
    ],
)
def test_day_name(day, name):
    assert workdays.day_name(day) == name


@pytest.mark.parametrize(
    ("_case", "start", "period", "due"),
    [
        ("plain week", D(2025, 6, 9), wd(5), D(2025, 6, 16)),
        ("National Day 2025; Sat 10-11 worked", D(2025, 9, 30), wd(5), D(2025, 10, 14)),
        ("Spring Festival 2026; Sat 02-14 worked", D(2026, 2, 13), wd(5), D(2026, 2, 27)),
        ("Sat 02-28 counts", D(2026, 2, 26), wd(2), D(2026, 2, 28)),
        ("year end into the 2026 New Year; Sun 01-04 worked", D(2025, 12, 31), wd(1), D(2026, 1, 4)),
        ("start on a rest day: counting starts the next day", D(2025, 10, 4), wd(1), D(2025, 10, 9)),
        ("zero working days", D(2025, 10, 4), wd(0), D(2025, 10, 4)),
        ("last day of the known calendar", D(2026, 12, 30), wd(1), D(2026, 12, 31)),
        ("60 days ending in the National Day break roll over", D(2025, 8, 4), cd(60), D(2025, 10, 9)),
        ("calendar days ending on a make-up Saturday do not move", D(2025, 10, 1), cd(10), D(2025, 10, 11)),
        ("calendar days ending on an ordinary Saturday move to Monday", D(2025, 6, 6), cd(1), D(2025, 6, 9)),
        ("calendar days ending on a working day", D(2025, 6, 9), cd(15), D(2025, 6, 24)),
        ("31 Jan + 1 month = 28 Feb (民法典第二百零二条)", D(2025, 1, 31), months(1), D(2025, 2, 28)),
        ("leap year: 31 Jan + 1 month = 29 Feb", D(2024, 1, 31), months(1), D(2024, 2, 29)),
        ("31 Mar + 1 month = 30 Apr", D(2025, 3, 31), months(1), D(2025, 4, 30)),
        ("month ending on 1 Oct rolls over the break", D(2025, 9, 1), months(1), D(2025, 10, 9)),
        ("month ending on make-up Sat 2026-02-28 does not move", D(2025, 12, 31), months(2), D(2026, 2, 28)),
        ("month ending on a Saturday moves", D(2025, 5, 14), months(1), D(2025, 6, 16)),
        ("month ending in Labour Day break moves", D(2025, 4, 5), months(1), D(2025, 5, 6)),
    ],
)
def test_add(_case, start, period, due):
    assert workdays.add(start, period) == due
    assert workdays.explain(start, period).due == due


@pytest.mark.parametrize(
    ("start", "period"),
    [
        (D(2026, 12, 30), wd(2)),  # 2026-12-31 counts, the second day is in 2027
        (D(2026, 12, 1), cd(31)),  # 2027-01-01
        (D(2026, 12, 31), months(1)),
        (D(2027, 3, 1), wd(1)),
    ],
)
def test_2027_is_unknown_and_never_guessed(start, period):
    with pytest.raises(CalendarUnknown) as exc:
        workdays.add(start, period)
    assert exc.value.year == 2027
    assert exc.value.code == "calendar_unknown"
    assert exc.value.messages == [
        "2027年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的2027年节假日安排。"
    ]


@pytest.mark.parametrize("day", [D(2027, 1, 1), D(2027, 6, 15), D(2003, 12, 31)])
def test_is_workday_in_an_unknown_year_raises(day):
    with pytest.raises(CalendarUnknown) as exc:
        workdays.is_workday(day)
    assert exc.value.year == day.year


def test_calendar_unknown_is_a_validation_error():
    from django.core.exceptions import ValidationError

    assert isinstance(CalendarUnknown(2027), ValidationError)


def test_calendar_days_may_start_in_an_unknown_year_when_they_end_in_a_known_one():
    # only the days that matter must be known: 2003-12-01 + 60 CD = 2004-01-30 (Fri)
    assert workdays.add(D(2003, 12, 1), cd(60)) == D(2004, 1, 30)


@pytest.mark.parametrize("period", [wd(-1), cd(-5), months(-1)])
def test_negative_period_is_refused(period):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        workdays.add(D(2025, 6, 9), period)
    assert exc.value.code == "negative_period"
    assert "非负整数" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("start", "period", "line"),
    [
        (
            D(2025, 9, 30),
            wd(5),
            "2025-09-30 + 5个工作日；10/1–10/8、10/12 休息；10/11 调休上班 → 2025-10-14",
        ),
        (
            D(2025, 9, 30),
            wd(5, "行政复议法第三十条"),
            "2025-09-30 + 5个工作日（行政复议法第三十条）；10/1–10/8、10/12 休息；10/11 调休上班 → 2025-10-14",
        ),
        (D(2025, 6, 9), wd(5), "2025-06-09 + 5个工作日；6/14–6/15 休息 → 2025-06-16"),
        (D(2026, 2, 26), wd(2), "2026-02-26 + 2个工作日；2/28 调休上班 → 2026-02-28"),
        (
            D(2025, 8, 4),
            cd(60),
            "2025-08-04 + 60日；期满日 2025-10-03 为休息日，顺延至下一工作日 → 2025-10-09",
        ),
        (D(2025, 6, 9), cd(15), "2025-06-09 + 15日 → 2025-06-24"),
        (D(2025, 1, 31), months(1), "2025-01-31 + 1个月 → 2025-02-28"),
    ],
)
def test_explanation_line(start, period, line):
    assert workdays.explain(start, period).describe() == line


def test_explain_keeps_what_it_skipped():
    c = workdays.explain(D(2025, 9, 30), wd(5))
    assert c.skipped_rest_days == tuple(D(2025, 10, d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 12))
    assert c.makeup_days == (D(2025, 10, 11),)
    assert c.rolled_from is None


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (D(2025, 10, 9), "on_time"),  # 5 days before
        (D(2025, 10, 10), "on_time"),  # 4 days before
        (D(2025, 10, 11), "due_soon"),  # 3 days before
        (D(2025, 10, 14), "due_soon"),  # the due day itself: the period ends at 24:00
        (D(2025, 10, 15), "overdue"),
    ],
)
def test_deadline_status_around_the_due_date(settings, on, status):
    settings.FAZHI_DUE_SOON_DAYS = 3
    assert workdays.deadline_status(D(2025, 10, 14), on=on) == status


def test_deadline_status_defaults_to_today(settings, monkeypatch):
    settings.FAZHI_DUE_SOON_DAYS = 3
    monkeypatch.setattr("fazhi.core.workdays.calendar.today", lambda: D(2025, 10, 15))
    assert workdays.deadline_status(D(2025, 10, 14)) == "overdue"


@pytest.mark.parametrize(
    ("a", "b", "n"),
    [
        (D(2025, 9, 30), D(2025, 10, 14), 5),
        (D(2025, 9, 30), D(2025, 10, 8), 0),
        (D(2025, 10, 14), D(2025, 9, 30), 0),
        (D(2026, 2, 13), D(2026, 2, 28), 6),  # 02-14, 24, 25, 26, 27, 28
    ],
)
def test_workdays_between(a, b, n):
    assert workdays.workdays_between(a, b) == n


def test_workdays_between_into_2027_raises():
    with pytest.raises(CalendarUnknown):
        workdays.workdays_between(D(2026, 12, 1), D(2027, 1, 5))


@pytest.mark.parametrize(
    ("day", "expected"), [(D(2025, 10, 1), D(2025, 10, 9)), (D(2025, 10, 9), D(2025, 10, 9))]
)
def test_next_workday(day, expected):
    assert workdays.next_workday(day) == expected


# --- paused clocks (suspension etc.; LEGAL_RULES §13 "suspension and extension") ---------------


@pytest.mark.parametrize(
    ("_case", "start", "period", "paused", "due"),
    [
        # Wed–Thu paused: two working days do not count, so 2025-06-16 becomes 06-18
        ("WD: paused working days", D(2025, 6, 9), wd(5), [(D(2025, 6, 11), D(2025, 6, 12))], D(2025, 6, 18)),
        # a pause over a weekend costs no working days
        ("WD: paused weekend", D(2025, 6, 9), wd(5), [(D(2025, 6, 14), D(2025, 6, 15))], D(2025, 6, 16)),
        # 60 CD + 7 paused calendar days: raw 2025-10-10 (Fri) is a working day
        (
            "CD: paused calendar days",
            D(2025, 8, 4),
            cd(60),
            [(D(2025, 8, 10), D(2025, 8, 16))],
            D(2025, 10, 10),
        ),
        # 5 paused days: raw 2025-10-08 is in the break, roll over to 10-09
        ("CD: then the roll-over", D(2025, 8, 4), cd(60), [(D(2025, 8, 10), D(2025, 8, 14))], D(2025, 10, 9)),
        # 1 month = 28 days here; 3 paused days → 2025-03-03 (Mon)
        (
            "months: by calendar days",
            D(2025, 1, 31),
            months(1),
            [(D(2025, 2, 10), D(2025, 2, 12))],
            D(2025, 3, 3),
        ),
        (
            "pause before the start is ignored",
            D(2025, 6, 9),
            wd(5),
            [(D(2025, 6, 1), D(2025, 6, 9))],
            D(2025, 6, 16),
        ),
        ("no pause", D(2025, 9, 30), wd(5), [], D(2025, 10, 14)),
    ],
)
def test_add_excluding(_case, start, period, paused, due):
    assert workdays.add_excluding(start, period, paused) == due


def test_explain_excluding_names_the_paused_days():
    c = workdays.explain_excluding(D(2025, 6, 9), wd(5), [(D(2025, 6, 11), D(2025, 6, 12))])
    assert (
        c.describe()
        == "2025-06-09 + 5个工作日；6/14–6/15 休息；6/11–6/12 暂停计算（不计入期限） → 2025-06-18"
    )


@pytest.mark.parametrize(
    ("paused", "code"),
    [([(D(2025, 6, 12), D(2025, 6, 11))], "bad_pause"), ([(D(2025, 6, 11), None)], "pause_open")],
)
def test_add_excluding_refuses_bad_intervals(paused, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        workdays.add_excluding(D(2025, 6, 9), wd(5), paused)
    assert exc.value.code == code


def test_calendar_unknown_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(CalendarUnknown(2027)))
    assert (type(err), err.year, err.code) == (CalendarUnknown, 2027, "calendar_unknown")


def test_without_database_access_the_calendar_still_works_from_package_and_file(settings):
    # the production setting reads the database; here pytest-django forbids it (no `db` fixture)
    settings.FAZHI_CALENDAR_CHECK_SECONDS = 5
    calendar_source.reset()
    assert workdays.add(D(2025, 9, 30), wd(5)) == D(2025, 10, 14)
    assert calendar_source.calendar_source().years[2026].source == "file"


def test_a_year_added_to_the_data_file_is_picked_up_when_the_file_changes(settings, tmp_path):
    # given a data file (setting FAZHI_HOLIDAYS_FILE) with MADE-UP 2027 data, in production mode
    import json
    import os

    path = tmp_path / "holidays.json"
    doc = {
        "years": {"2027": {"notice_title": "测试", "rest": [{"start": "2027-01-01", "end": "2027-01-03"}]}}
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    settings.FAZHI_HOLIDAYS_FILE = str(path)
    settings.FAZHI_CALENDAR_CHECK_SECONDS = 0
    calendar_source.reset()
    assert workdays.add(D(2026, 12, 31), wd(1)) == D(2027, 1, 4)
    assert workdays.is_workday(D(2025, 10, 8)) is False  # 2025 now from the package
    # when the file is edited (another deploy) — no reset() in this process
    doc["years"]["2027"]["rest"] = [{"start": "2027-01-01", "end": "2027-01-04"}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime whatever the clock resolution
    # then
    assert workdays.add(D(2026, 12, 31), wd(1)) == D(2027, 1, 5)
