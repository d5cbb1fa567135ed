"""The /calendar/ staff screens. 2027 data here is MADE UP for the test only."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import workdays
from fazhi.core.audit.models import AuditEntry
from fazhi.core.workdays import CalendarUnknown
from fazhi.core.workdays import source as calendar_source
from fazhi.core.workdays.models import CalendarDay, HolidayYear


@pytest.fixture(autouse=True)
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


VALID_POST = {
    "year": "2027",
    "notice_title": "测试用：国务院办公厅关于2027年部分节假日安排的通知",
    "notice_number": "测试〔2026〕1号",
    "published_on": "2026-11-05",
    "source_url": "",
    "rest_periods": "2027-01-01 至 2027-01-03 元旦\n\n2027-02-06 至 2027-02-13 春节\n2027-04-05 清明节",
    "makeup_days": "2027-02-20 春节",
    "note": "",
}


def test_index_lists_the_years_with_their_source(client, officer):
    client.force_login(officer)
    response = client.get("/calendar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "国务院办公厅关于2026年部分节假日安排的通知" in html
    assert "国办发明电〔2024〕12号" in html
    assert "国务院办公厅通知（系统内置数据）" in html
    assert "holidays.json" not in html
    assert "chinesecalendar" not in html
    assert "LEGAL_RULES" not in html
    assert [y.year for y in response.context["years"]][:3] == [2026, 2025, 2024]
    assert response.context["years"][-1].year == 2004
    assert response.context["may_enter"] is False
    assert "录入新年度" not in html


def test_index_warns_when_next_year_is_missing(client, officer, monkeypatch):
    monkeypatch.setattr("fazhi.core.workdays.calendar.today", lambda: date(2026, 11, 23))
    client.force_login(officer)
    response = client.get("/calendar/")
    assert response.context["missing"] == [2027]
    assert "2027年的节假日安排尚未录入" in response.content.decode()


def test_calculator_and_day_check(client, officer):
    client.force_login(officer)
    response = client.get(
        "/calendar/", {"start": "2025-09-30", "n": "5", "unit": "wd", "check": "2025-10-11"}
    )
    html = response.content.decode()
    assert "2025-09-30 + 5个工作日；10/1–10/8、10/12 休息；10/11 调休上班 → 2025-10-14" in html
    assert response.context["checked"] == {
        "date": date(2025, 10, 11),
        "workday": True,
        "name": "国庆节、中秋节调休上班",
    }


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"start": "2025-13-01", "n": "5"}, "日期格式错误，应为 YYYY-MM-DD 的有效日期。"),
        ({"start": "2025-09-30", "n": "-5"}, "期限数值必须是非负整数。"),
        (
            {"check": "2027-01-04"},
            "2027年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的2027年节假日安排。",
        ),
    ],
)
def test_calculator_errors_in_chinese(client, officer, params, error):
    client.force_login(officer)
    response = client.get("/calendar/", params)
    assert response.status_code == 200
    assert response.context["calc_error"] == error


def test_year_detail(client, officer):
    client.force_login(officer)
    response = client.get("/calendar/2026/")
    assert response.status_code == 200
    assert response.context["rest_lines"][1] == "2026-02-15 至 2026-02-23 春节"
    assert client.get("/calendar/2027/").status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_supervisor_adds_a_year(client, supervisor):
    # given
    client.force_login(supervisor)
    assert client.get("/calendar/enter/?year=2027").status_code == 200
    # when
    response = client.post("/calendar/enter/", VALID_POST)
    # then
    assert response.status_code == 302
    assert response["Location"] == "/calendar/2027/"
    hy = HolidayYear.objects.get()
    assert (hy.year, hy.entered_by, hy.published_on) == (2027, supervisor, date(2026, 11, 5))
    assert CalendarDay.objects.filter(kind="rest").count() == 12
    assert list(CalendarDay.objects.filter(kind="work").values_list("date", "name")) == [
        (date(2027, 2, 20), "春节")
    ]
    assert AuditEntry.objects.filter(action="workdays.enter_holiday_year").count() == 1
    assert workdays.is_workday(date(2027, 2, 20)) is True
    assert workdays.is_workday(date(2027, 4, 5)) is False
    # and the list shows who entered it
    html = client.get("/calendar/").content.decode()
    assert "工作人员录入" in html


def test_correction_form_is_prefilled_from_the_known_year(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/calendar/enter/?year=2026")
    form = response.context["form"]
    assert form.initial["notice_title"] == "国务院办公厅关于2026年部分节假日安排的通知"
    assert form.initial["rest_periods"].splitlines()[0] == "2026-01-01 至 2026-01-03 元旦"
    assert form.initial["makeup_days"].splitlines()[0] == "2026-01-04 元旦"


@pytest.mark.parametrize("method", ["get", "post"])
def test_officer_gets_403_and_nothing_is_saved(client, officer, method):
    client.force_login(officer)
    response = getattr(client, method)("/calendar/enter/", VALID_POST if method == "post" else None)
    assert response.status_code == 403
    assert HolidayYear.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"makeup_days": "2027-02-07 春节"},
            "makeup_days",
            "2027-02-07 不能既是放假日又是调休上班日。",
        ),
        (
            {"rest_periods": "2026-12-31 至 2027-01-02 元旦"},
            "rest_periods",
            "放假时段 2026-12-31–2027-01-02：日期不在2027年内。",
        ),
        (
            {"rest_periods": "2027-02-30 春节"},
            "rest_periods",
            "第 1 行：“2027-02-30”不是有效日期。",
        ),
        (
            {"rest_periods": "春节 二月六日"},
            "rest_periods",
            "第 1 行：“春节 二月六日”格式不对，应为“开始日期 至 结束日期 节日名称”，例如“2027-02-06 至 2027-02-13 春节”。",
        ),
        (
            {"makeup_days": "2027-02-22 春节"},
            "makeup_days",
            "调休上班日 2027-02-22 是星期一，本来就是工作日；调休上班日应为周六或周日。",
        ),
        ({"notice_title": ""}, "notice_title", "请填写通知标题。"),
        ({"rest_periods": ""}, "rest_periods", "请至少录入一个放假时段。"),
    ],
)
def test_invalid_input_shows_chinese_errors_and_saves_nothing(client, supervisor, changes, field, message):
    client.force_login(supervisor)
    response = client.post("/calendar/enter/", {**VALID_POST, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert HolidayYear.objects.count() == 0
    assert CalendarDay.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    with pytest.raises(CalendarUnknown):
        workdays.is_workday(date(2027, 3, 1))


def test_admin_lists_entered_years_read_only(client, jurisdiction, supervisor):
    from fazhi.org.tests.factories import UserFactory

    root = UserFactory(
        username="root",
        role="viewer",
        is_superuser=True,
        is_staff=True,
        agency=None,
        jurisdiction=jurisdiction,
    )
    client.force_login(supervisor)
    client.post("/calendar/enter/", VALID_POST)
    client.force_login(root)
    response = client.get("/admin/workdays/holidayyear/")
    assert response.status_code == 200
    assert "测试用：国务院办公厅关于2027年部分节假日安排的通知" in response.content.decode()
    assert client.get("/admin/workdays/holidayyear/add/").status_code == 403


def test_correction_form_for_a_package_year_suggests_the_standard_title(client, supervisor):
    client.force_login(supervisor)
    form = client.get("/calendar/enter/?year=2024").context["form"]
    assert form.initial["notice_title"] == "国务院办公厅关于2024年部分节假日安排的通知"
    assert form.initial["rest_periods"].splitlines()[0] == "2024-01-01 元旦"
    assert form.initial["makeup_days"].splitlines()[0] == "2024-02-04 春节"


def test_correction_keeps_the_publication_date_in_a_format_the_browser_reads(client, supervisor):
    # given a year entered with its publication date
    client.force_login(supervisor)
    assert client.post("/calendar/enter/", VALID_POST).status_code == 302
    # when 更正本年度 opens the form
    html = client.get("/calendar/enter/?year=2027").content.decode()
    # then <input type="date"> carries YYYY-MM-DD (anything else the browser shows as empty)
    assert 'type="date" name="published_on" value="2026-11-05"' in html


def test_year_detail_shows_the_year_month_by_month(client, officer):
    # given 2026 (Spring Festival 02-15..23, make-up working days 02-14 and 02-28)
    client.force_login(officer)
    # when the year's page is opened
    response = client.get("/calendar/2026/")
    months = response.context["months"]
    # then twelve months, each day marked as the calendar has it
    assert [m.month for m in months] == list(range(1, 13))
    feb = {d["date"]: d["kind"] for week in months[1].weeks for d in week if d}
    assert feb[date(2026, 2, 14)] == "makeup"
    assert feb[date(2026, 2, 16)] == "holiday"
    assert feb[date(2026, 2, 28)] == "makeup"
    assert feb[date(2026, 2, 24)] == "workday"
    assert feb[date(2026, 2, 7)] == "weekend"
    assert len(feb) == 28
    html = response.content.decode()
    assert "逐月核对" in html
    assert 'class="day-makeup" title="春节调休上班"' in html
    assert "chinesecalendar" not in html
