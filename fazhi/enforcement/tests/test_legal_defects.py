"""Legal defects of issue 13 §5 for enforcement: the party's ID number / USCC validated as in
reconsideration (fazhi.core.ids), dates after today refused, filings posted in time are on time."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures, workdays
from fazhi.core.ids import uscc_check_char
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.services import cases as svc


def codes(exc: ValidationError) -> set[str]:
    return {e.code for errs in exc.error_dict.values() for e in errs}


# --- GB 32100 / GB 11643 (LEGAL_RULES §12) -------------------------------------------------------
def test_a_company_party_with_a_bad_uscc_check_character_is_refused_and_nothing_saved(open_case):
    with pytest.raises(ValidationError) as exc:
        open_case(party_id_number="91620000MA00000000")
    assert exc.value.message_dict["party_id_number"] == [
        "当事人的统一社会信用代码校验位错误：第18位应为“7”，实际为“0”。请核对后重新输入。"
    ]
    assert PenaltyCase.objects.count() == 0


def test_a_lower_case_uscc_is_stored_upper_case(open_case):
    code = "91620000MA0000001" + uscc_check_char("91620000MA0000001")
    case = open_case(party_id_number=code.lower())
    assert case.party_id_number == code


def test_a_natural_persons_id_number_is_checked_and_a_lower_case_x_stored_as_x(open_case):
    with pytest.raises(ValidationError) as exc:
        open_case(party_is_natural_person=True, party_name="张三", party_id_number="110101199003070000")
    assert codes(exc.value) == {"id_checksum"} or "校验" in exc.value.message_dict["party_id_number"][0]
    case = open_case(party_is_natural_person=True, party_name="张三", party_id_number="11010519491231002x")
    assert case.party_id_number == "11010519491231002X"


def test_completing_the_id_number_later_is_validated_too(investigated, officer):
    case = investigated()
    with pytest.raises(ValidationError) as exc:
        svc.update_case_details(actor=officer, case=case, party_id_number="9162000")
    assert "应为18位" in exc.value.message_dict["party_id_number"][0]


def test_a_blank_id_number_may_be_completed_later(open_case):
    assert open_case(party_id_number="").party_id_number == ""


# --- dates after today are refused (issue 13 §5) ---------------------------------------------------
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda officer, case, day: svc.notify_intended_penalty(
            actor=officer, case=case, on=day, tier="lenient", penalty_types=["warning"]), "on"),
        (lambda officer, case, day: svc.suspend_case(actor=officer, case=case, on=day, ground="鉴定"), "on"),
    ],
)  # fmt: skip
def test_a_step_dated_after_today_is_refused_with_a_clear_message(investigated, officer, call, field):
    case = investigated()
    tomorrow = workdays.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        call(officer, case, tomorrow)
    assert codes(exc.value) == {"date_in_future"}
    assert exc.value.message_dict[field][0].startswith(f"办理日期 {tomorrow.isoformat()} 晚于今天")
    case.refresh_from_db()
    assert case.state == "investigating"


def test_a_case_opened_tomorrow_or_a_violation_in_the_future_is_refused(open_case):
    tomorrow = workdays.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        open_case(on=tomorrow)
    assert exc.value.message_dict["opened_on"][0].startswith(f"立案日期 {tomorrow.isoformat()} 晚于今天")
    with pytest.raises(ValidationError) as exc:
        open_case(violation_on=tomorrow)
    assert codes(exc.value) == {"date_in_future"}
    assert PenaltyCase.objects.count() == 0


def test_a_hearing_may_be_scheduled_for_a_future_day(investigated, officer, agency):
    # the date of the hearing itself lies ahead; only the notice date must have happened
    from fazhi.org.tests.factories import UserFactory

    chair = UserFactory(username="chair2", role="officer", agency=agency)
    case = investigated(on=date(2026, 1, 20))
    case = svc.notify_intended_penalty(
        actor=officer, case=case, on=date(2026, 2, 2), tier="standard", penalty_types=["fine"], fine="100000"
    )
    case = svc.request_hearing(actor=officer, case=case, on=date(2026, 2, 3))
    hearing_on = workdays.today() + timedelta(days=30)
    case = svc.schedule_hearing(
        actor=officer, case=case, on=workdays.today(), hearing_on=hearing_on, chair=chair
    )
    assert case.hearing_on == hearing_on


# --- time in the post (LEGAL_RULES §13): the statement ----------------------------------------------
def test_a_statement_posted_within_the_period_is_on_time_though_received_later(investigated, officer):
    # notice Tue 2025-09-30 without hearing rights: + 3 WD → 2025-10-11 (Sat, make-up working day)
    case = svc.notify_intended_penalty(
        actor=officer, case=investigated(on=date(2025, 9, 20)), on=date(2025, 9, 30), tier="lenient",
        penalty_types=["warning"],
    )  # fmt: skip
    # the statement is posted on the last day and arrives on Tue 10-14
    case = svc.make_statement(
        actor=officer, case=case, on=date(2025, 10, 14), posted_on=date(2025, 10, 11), text="请求从轻"
    )
    d = procedures.deadlines(case).get(clock="statement")
    assert (d.due_date, d.state, d.closed_on) == (date(2025, 10, 11), "met", date(2025, 10, 11))
    assert (case.statement_posted_on, case.statement_on) == (date(2025, 10, 11), date(2025, 10, 14))
