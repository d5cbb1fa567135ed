"""Deadlines awaiting calendar data (ADR 0003 "Awaiting calendar data"): 2027 has no holiday data in
the tests, so a period ending in 2027 has no due date yet. Nothing may crash, sort differently on
SQLite and PostgreSQL, or guess; the 第二十条 application period is decided without the calendar
whenever only a roll-over (which can only move the end later) is unknown."""

from __future__ import annotations

import io
from datetime import date

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import pytest
from docx import Document

from fazhi.api import validation_error_detail
from fazhi.core import procedures
from fazhi.core.indicators import Scope, registry
from fazhi.core.procedures.models import Deadline

from .. import documents, selectors
from ..api.serializers import ReconsiderationDeadlineOut
from ..services import (
    accept_application,
    assess_application_period,
    assign_handlers,
    decide_case,
    file_reply,
    is_late,
    mediate_case,
    record_hearing,
    request_amendment,
    send_copy,
)


@pytest.fixture(autouse=True)
def _today_in_2027(monkeypatch):
    """These cases happen around the 2026/2027 new year: "today" is after them (dates after today
    are refused); a test that needs another day sets its own."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 1, 29))


def _code(exc):
    return validation_error_detail(exc.value)["code"]


def _text(case, kind):
    case.refresh_from_db()
    _, content = documents.render(case, kind)
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _deadline(case, clock):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id")[0]


# --- 第二十条: the application period without the calendar -------------------------------------------
def test_application_received_in_late_december_is_on_time_and_accepted(apply, clerk):
    # known 2026-12-20 + 60 days = raw end 2027-02-18: a roll-over could only move it later, so an
    # application received on 2026-12-28 is on time whatever the 2027 calendar says
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    assert case.application_due is None
    assert case.application_due_explanation == (
        "2026-12-20 + 60日（行政复议法第二十条第一款）：2027年节假日安排尚未录入，届满日是否顺延待录入后确定，"
        "但不早于2027-02-18；申请于2026-12-28收到，未超过申请期限"
    )
    assert is_late(case) is False
    review = _deadline(case, "acceptance_review")
    # 12-28 + 5 WD reaches 2027: a provisional date (weekends only)
    assert (review.due_date, review.calendar_pending) == (date(2027, 1, 4), True)
    accept_application(actor=clerk, case=case, on=date(2026, 12, 29))
    case.refresh_from_db()
    assert case.state == "accepted"
    assert "late_justification" not in procedures.steps(case).get(transition="accept").data


def test_application_period_needs_the_calendar_only_when_the_outcome_depends_on_it(apply, clerk):
    # known 2026-11-10: raw end 2027-01-09 (a Saturday in a year without data); received the day
    # after, it is on time only if 2027's calendar rolls the end over — never guessed
    case = apply(received_on=date(2027, 1, 10), known_on=date(2026, 11, 10))
    assert (case.application_due, is_late(case)) == (None, False)
    assert case.application_due_explanation.startswith("申请期限暂无法计算：2026-11-10 + 60日")
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2027, 1, 11))
    assert _code(exc) == "calendar_unknown"
    assert "请先在“工作日历”中录入2027年节假日安排" in exc.value.message_dict["late_justification"][0]
    case.refresh_from_db()
    assert (case.state, procedures.steps(case).count()) == ("received", 1)
    # a recorded just cause (第二十条第二款) makes the outcome independent of the calendar
    accept_application(actor=clerk, case=case, on=date(2027, 1, 11), late_justification="申请人住院")
    step = procedures.steps(case).get(transition="accept")
    assert step.data["late_justification"] == "申请人住院"


def test_a_limb_already_known_to_have_run_out_makes_the_application_late(apply, clerk):
    # rights not notified: 60 days from learning them (2026-12-20 → 2027, unknown) but at most one
    # year from knowing the act (2025-12-01 → 2026-12-01, known): received 2026-12-28 is late
    case = apply(
        received_on=date(2026, 12, 28),
        known_on=date(2025, 12, 1),
        rights_notified=False,
        rights_learned_on=date(2026, 12, 20),
    )
    assert is_late(case) is True
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2026, 12, 29))
    assert _code(exc) == "application_late"


def test_assessment_without_calendar_uses_every_limbs_raw_end():
    on_time = assess_application_period(
        known_on=date(2026, 6, 1),
        received_on=date(2026, 12, 28),
        rights_notified=False,
        rights_learned_on=date(2026, 12, 1),
    )
    # 12-01 + 60 = 2027-01-30 and 2026-06-01 + 12 months = 2027-06-01: both raw ends after receipt
    assert (on_time.due, on_time.late, on_time.unknown_year) == (None, False, 2027)
    assert "不早于2027-01-30" in on_time.explanation
    known = assess_application_period(known_on=date(2026, 6, 1), received_on=date(2026, 6, 20))
    assert (known.due, known.late, known.unknown_year) == (date(2026, 7, 31), False, None)


def test_absolute_bar_reaching_an_unknown_year_does_not_refuse(apply, clerk):
    # 第二十一条: act of 2024-06-01 + 5 years = 2029 (no data): received long before → not barred
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20), act_date=date(2024, 6, 1))
    accept_application(actor=clerk, case=case, on=date(2026, 12, 29))
    case.refresh_from_db()
    assert case.state == "accepted"


# --- documents, pages, API -------------------------------------------------------------------------
def test_documents_print_a_provisional_deadline_as_its_period(apply, clerk):
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    request_amendment(
        actor=clerk,
        case=case,
        on=date(2026, 12, 29),
        items=["身份证明"],
        notice_received_on=date(2026, 12, 29),
    )
    assert "请自2026年12月29日起10个工作日内（届满日暂计为2027年01月12日，待日历确认）补正。" in _text(
        case, "amendment"
    )

    other = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    accept_application(actor=clerk, case=other, on=date(2026, 12, 29))
    assert _deadline(other, "decision").calendar_pending  # 12-29 + 60 days reaches 2027
    assert (
        "本机关将自2026年12月29日起60日内（届满日暂计为2027年03月01日，待日历确认）作出行政复议决定（依法中止、延长的除外）。"
        in _text(other, "acceptance")
    )


def test_dated_deadlines_still_print_as_dates(apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    assert "本机关将于2025年08月11日前作出行政复议决定" in _text(case, "acceptance")


def test_pages_and_api_show_a_pending_deadline(client: Client, apply, clerk, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 28))
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    client.force_login(clerk)
    html = client.get(f"/disputes/fuyi/{case.pk}/").content.decode()
    assert '<td>2027-01-04 <span class="badge status-calendar_pending" title="' in html
    assert "2027年节假日安排尚未录入，暂按双休日推算，待日历确认" in html
    listing = client.get("/disputes/").content.decode()
    assert '受理审查 2027-01-04 <span class="badge status-calendar_pending"' in listing
    row = ReconsiderationDeadlineOut(_deadline(case, "acceptance_review")).data
    assert (row["due_date"], row["calendar_pending"]) == ("2027-01-04", True)
    response = client.get(f"/api/v1/disputes/reconsiderations/{case.pk}/")
    assert response.status_code == 200
    assert response.json()["deadlines"][0]["due_date"] == "2027-01-04"
    assert response.json()["deadlines"][0]["calendar_pending"] is True


def test_portal_confirmation_with_a_provisional_date(client: Client, agency, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 28))
    data = {
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13812345678",
        "act_kind": "act",
        "challenged_act": "京朝市监罚〔2026〕12号行政处罚决定",
        "rights_notified": "on",
        "claim": "撤销该决定",
        "facts": "被处以罚款",
        "reasons": "处罚过重",
        "respondent": agency.pk,
        "known_on": "2026-12-20",
    }
    html = client.post("/gongkai/fuyi/shenqing/", data, follow=True).content.decode()
    assert "收到申请后5个工作日内（暂计为 2027-01-04，具体日期待日历确认）完成审查" in html


# --- sorting and overdue lists: the same on SQLite and PostgreSQL -------------------------------------
def test_next_due_is_the_soonest_deadline_on_every_database(apply, clerk):
    # accepted 2026-11-24: copy to the respondent 7 WD → 2026-12-03; decision 60 days → 2027 (provisional)
    case = apply(received_on=date(2026, 11, 23), known_on=date(2026, 11, 20))
    accept_application(actor=clerk, case=case, on=date(2026, 11, 24))
    assert _deadline(case, "decision").calendar_pending
    row = selectors.reconsiderations_visible_to(clerk).get(pk=case.pk)
    assert (row.next_due, row.next_due_label) == (date(2026, 12, 3), "发送申请书副本")
    assert list(selectors.reconsiderations_overdue(clerk, date(2026, 12, 3))) == []
    assert [c.pk for c in selectors.reconsiderations_overdue(clerk, date(2026, 12, 4))] == [case.pk]


def test_a_case_with_only_provisional_deadlines_is_never_overdue(apply, clerk):
    case = apply(received_on=date(2026, 12, 28), known_on=date(2026, 12, 20))
    row = selectors.reconsiderations_visible_to(clerk).get(pk=case.pk)
    assert (row.next_due, row.next_due_label, row.next_due_pending) == (date(2027, 1, 4), "受理审查", True)
    assert list(selectors.reconsiderations_overdue(clerk, date(2027, 6, 1))) == []


# --- closed on time ----------------------------------------------------------------------------------
def test_closed_on_time_waits_for_the_calendar(client: Client, apply, clerk, clerk2):
    # accepted 2026-11-24, decision due in 2027 (pending); decided 2027-01-05 → undecided
    case = apply(received_on=date(2026, 11, 23), known_on=date(2026, 11, 20))
    accept_application(actor=clerk, case=case, on=date(2026, 11, 24))
    assign_handlers(actor=clerk, case=case, handlers=[clerk, clerk2])
    send_copy(actor=clerk, case=case, on=date(2026, 11, 25))
    file_reply(actor=clerk, case=case, on=date(2026, 11, 30), text="答复")
    record_hearing(actor=clerk, case=case, kind="views", held_on=date(2026, 12, 1))
    decide_case(
        actor=clerk,
        case=case,
        on=date(2027, 1, 5),
        outcome="uphold",
        reasons="事实清楚",
        approved_by="集体讨论",
    )
    case.refresh_from_db()
    assert (case.state, case.closed_on_time) == ("decided", None)
    assert _deadline(case, "decision").state == "undecided"
    scope = Scope(jurisdiction=case.jurisdiction, year=2027)
    value = registry.compute("reconsideration.closed_on_time_rate", scope)
    assert (value.value, value.numerator, value.denominator) == (None, 0, 0)
    assert value.note == "另有1件结案时审理期限待录入节假日安排后判定是否按期，未计入"
    client.force_login(clerk)
    html = client.get(f"/disputes/fuyi/{case.pk}/").content.decode()
    assert "（2027-01-05，待录入日历后判定是否按期）" in html
    assert "已结束（待录入日历后判定是否按期） 2027-01-05" in html
    # once 2027 is entered the engine settles the deadline; the indicator follows it
    Deadline.objects.filter(pk=_deadline(case, "decision").pk).update(
        state="met", due_date=date(2027, 1, 25), calendar_pending=False
    )
    value = registry.compute("reconsideration.closed_on_time_rate", scope)
    assert (value.value, value.numerator, value.denominator, value.note) == (100, 1, 1, "")
    assert "（2027-01-05，按期办结）" in client.get(f"/disputes/fuyi/{case.pk}/").content.decode()


def test_closed_before_the_unknown_year_is_on_time(apply, clerk, clerk2):
    case = apply(received_on=date(2026, 11, 23), known_on=date(2026, 11, 20))
    accept_application(actor=clerk, case=case, on=date(2026, 11, 24))
    assign_handlers(actor=clerk, case=case, handlers=[clerk, clerk2])
    mediate_case(actor=clerk, case=case, on=date(2026, 12, 30), agreement="双方达成调解协议")
    case.refresh_from_db()
    assert case.closed_on_time is True
