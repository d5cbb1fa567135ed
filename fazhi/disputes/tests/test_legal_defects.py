"""Issue 13 legal defects, on real dates: time in the post (LEGAL_RULES §13), the amendment period
from the applicant's receipt of the notice (复议法第三十一条第二款), the copy sent once (第四十八条),
and dates after today refused."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest

from fazhi.api import validation_error_detail
from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry

from ..models import LitigationCase, Reconsideration
from ..services import (
    accept_application,
    decide_case,
    file_reply,
    receive_amendment_notice,
    receive_copy,
    register_litigation_case,
    request_amendment,
    send_copy,
    supply_amendment,
)


def _code(exc):
    return validation_error_detail(exc.value)["code"]


def _clock(case, clock):
    return list(procedures.deadlines(case).filter(clock=clock).values_list("state", "start_date", "due_date"))


def _trace(case):
    """What a refusal must leave untouched: state, steps, deadlines and audit entries of the case."""
    case.refresh_from_db()
    return (
        case.state,
        procedures.steps(case).count(),
        procedures.deadlines(case).count(),
        AuditEntry.objects.filter(object_id=str(case.pk)).count(),
    )


# --- time in the post (民事诉讼法第八十五条第四款; 行诉解释第四十八条) -----------------------------------
def test_application_posted_on_the_last_day_is_on_time_though_received_after(apply, clerk):
    # given: known 2025-08-04 + 60 days = 10-03, inside National Day → rolls to Thursday 2025-10-09;
    # posted on 10-09, the letter arrives on Monday 10-13
    case = apply(
        actor=clerk,
        channel="post",
        known_on=date(2025, 8, 4),
        posted_on=date(2025, 10, 9),
        received_on=date(2025, 10, 13),
    )
    # then: the period is checked on the postmark, and the case is accepted without any justification
    assert (case.posted_on, case.received_on, case.application_due) == (
        date(2025, 10, 9),
        date(2025, 10, 13),
        date(2025, 10, 9),
    )
    assert case.application_due_explanation == (
        "2025-08-04 + 60日（行政复议法第二十条第一款）；期满日 2025-10-03 为休息日，顺延至下一工作日 → 2025-10-09；"
        "申请于2025-10-09交邮（在途时间不计入期间）"
    )
    accept_application(actor=clerk, case=case, on=date(2025, 10, 14))
    case.refresh_from_db()
    assert case.state == "accepted"


def test_application_posted_after_the_last_day_is_late(apply, clerk):
    # given: the same period (→ 2025-10-09), posted on Friday 10-10
    case = apply(
        actor=clerk,
        channel="post",
        known_on=date(2025, 8, 4),
        posted_on=date(2025, 10, 10),
        received_on=date(2025, 10, 13),
    )
    # when / then
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2025, 10, 14))
    assert _code(exc) == "application_late"
    assert exc.value.message_dict["late_justification"][0].startswith(
        "超过申请期限的正当理由：申请于2025-10-10交邮，已超过申请期限"
    )


def test_handed_in_application_is_checked_on_its_receipt(apply, clerk):
    # a counter application received on 10-13 after the period ending 10-09 is late
    case = apply(
        actor=clerk, channel="counter_written", known_on=date(2025, 8, 4), received_on=date(2025, 10, 13)
    )
    with pytest.raises(ValidationError) as exc:
        accept_application(actor=clerk, case=case, on=date(2025, 10, 14))
    assert _code(exc) == "application_late"


@pytest.mark.parametrize(
    ("_case", "over", "field", "message"),
    [
        (
            "posted without a postmark date",
            {"channel": "post"},
            "posted_on",
            "交邮日期：邮寄申请的，应填写邮戳日期；在途时间不计入申请期限（民事诉讼法第八十五条第四款）。",
        ),
        (
            "postmark after receipt",
            {"channel": "post", "posted_on": date(2025, 6, 10)},
            "posted_on",
            "交邮日期：不能晚于收到申请的日期。",
        ),
        (
            "postmark on an application handed in",
            {"channel": "counter_written", "posted_on": date(2025, 6, 5)},
            "posted_on",
            "交邮日期：只有邮寄的申请才填写交邮日期。",
        ),
    ],
)
def test_bad_postmark_is_refused_and_nothing_saved(apply, clerk, _case, over, field, message):
    with pytest.raises(ValidationError) as exc:
        apply(actor=clerk, **over)
    assert exc.value.message_dict[field] == [message]
    assert Reconsideration.objects.count() == 0


def test_supplement_posted_in_time_reopens_an_application_deemed_abandoned(apply, clerk):
    # given: notice received 2025-06-10 → 10 WD → 6-24; the tick of 6-25 deems the application abandoned
    case = apply()
    request_amendment(
        actor=clerk, case=case, on=date(2025, 6, 10), items=["身份证明"], notice_received_on=date(2025, 6, 10)
    )
    call_command("procedures", "tick", "--on", "2025-06-25")
    case.refresh_from_db()
    assert case.state == "abandoned"
    # when: the supplement posted on the last day (6-24) arrives on 6-26
    supply_amendment(actor=clerk, case=case, on=date(2025, 6, 26), posted_on=date(2025, 6, 24))
    # then: the acceptance review runs again from receipt (第三十一条第三款): 6-26 + 5 WD → 7-03
    case.refresh_from_db()
    assert case.state == "received"
    assert _clock(case, "acceptance_review")[-1] == ("open", date(2025, 6, 26), date(2025, 7, 3))
    amendment = case.amendments.get()
    assert (amendment.supplied_on, amendment.supplied_posted_on) == (date(2025, 6, 26), date(2025, 6, 24))


@pytest.mark.parametrize("posted_on", [date(2025, 6, 25), None])
def test_supplement_posted_late_cannot_reopen_the_application(apply, clerk, posted_on):
    # given: abandoned after the period ending 2025-06-24
    case = apply()
    request_amendment(
        actor=clerk, case=case, on=date(2025, 6, 10), items=["身份证明"], notice_received_on=date(2025, 6, 10)
    )
    call_command("procedures", "tick", "--on", "2025-06-25")
    before = _trace(case)
    # when / then
    with pytest.raises(ValidationError) as exc:
        supply_amendment(actor=clerk, case=case, on=date(2025, 6, 26), posted_on=posted_on)
    assert exc.value.message_dict["posted_on"] == [
        "交邮日期：申请人无正当理由逾期不补正，视为放弃申请（行政复议法第三十一条第二款）（补正期限届满日2025-06-24）；"
        "只有在补正期限届满前交邮的补正材料才能恢复审查。"
    ]
    assert _trace(case) == before
    assert case.amendments.get().supplied_on is None


def test_reply_by_post_keeps_its_postmark(apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12))
    file_reply(actor=clerk, case=case, on=date(2025, 6, 30), posted_on=date(2025, 6, 26), text="答复及证据")
    case.refresh_from_db()
    assert (case.reply_posted_on, case.reply_received_on) == (date(2025, 6, 26), date(2025, 6, 30))
    assert procedures.steps(case).last().data == {"posted_on": "2025-06-26"}


# --- 第三十一条第二款: the amendment period runs from the applicant's receipt of the notice ----------
def test_amendment_period_starts_when_the_applicant_receives_the_notice(apply, clerk):
    # given: notice sent on Monday 2025-09-29, received by the applicant only after National Day
    case = apply(received_on=date(2025, 9, 26), known_on=date(2025, 9, 1))
    request_amendment(actor=clerk, case=case, on=date(2025, 9, 29), items=["身份证明"])
    # then: no clock runs before the receipt, so the tick cannot deem the application abandoned
    assert _clock(case, "amendment") == []
    call_command("procedures", "tick", "--on", "2025-10-21")
    case.refresh_from_db()
    assert case.state == "amendment_requested"
    # when: the return receipt says Thursday 10-09
    receive_amendment_notice(actor=clerk, case=case, on=date(2025, 10, 9))
    # then: 10 WD from 10-09: Saturday 10-11 is a make-up working day → 10-22 (not 10-20 from sending)
    d = procedures.deadlines(case).get(clock="amendment")
    assert (d.start_date, d.due_date) == (date(2025, 10, 9), date(2025, 10, 22))
    assert d.explanation == (
        "2025-10-09 + 10个工作日（行政复议法第三十一条第二款）；10/12、10/18–10/19 休息；10/11 调休上班 → 2025-10-22"
    )
    assert case.amendments.get().notice_received_on == date(2025, 10, 9)


def test_amendment_period_across_the_2026_spring_festival(apply, clerk):
    # notice received Friday 2026-02-13: 2/14 make-up, 2/15–2/23 rest, 2/28 make-up → 2026-03-05
    case = apply(received_on=date(2026, 2, 9), known_on=date(2026, 2, 2))
    request_amendment(
        actor=clerk, case=case, on=date(2026, 2, 12), items=["委托书"], notice_received_on=date(2026, 2, 13)
    )
    assert _clock(case, "amendment") == [("open", date(2026, 2, 13), date(2026, 3, 5))]


def test_receipt_of_the_notice_is_recorded_once(apply, clerk):
    # given
    case = apply()
    request_amendment(
        actor=clerk, case=case, on=date(2025, 6, 10), items=["身份证明"], notice_received_on=date(2025, 6, 11)
    )
    before = _trace(case)
    # when / then: a second receipt would restart the applicant's period
    with pytest.raises(ValidationError) as exc:
        receive_amendment_notice(actor=clerk, case=case, on=date(2025, 6, 16))
    assert exc.value.messages == [
        "申请人已于2025-06-11收到补正通知，补正期限自该日起计算，不能重复登记（行政复议法第三十一条第二款）。"
    ]
    assert _trace(case) == before
    assert _clock(case, "amendment") == [("open", date(2025, 6, 11), date(2025, 6, 25))]


def test_notice_cannot_be_received_before_it_was_sent(apply, clerk):
    case = apply()
    request_amendment(actor=clerk, case=case, on=date(2025, 6, 10), items=["身份证明"])
    with pytest.raises(ValidationError) as exc:
        receive_amendment_notice(actor=clerk, case=case, on=date(2025, 6, 9))
    assert _code(exc) == "date_before_previous_step"
    assert _clock(case, "amendment") == []


# --- 第四十八条: the copy is sent once -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("simplified", "reply_clock", "reply_due"),
    [
        # ordinary: 10 WD from 2025-06-12 → 6-26
        ("", "reply", date(2025, 6, 26)),
        # simplified (第五十四条): 5 WD from 6-12 → 6-19
        ("small_amount", "reply_simplified", date(2025, 6, 19)),
    ],
)
def test_second_copy_is_refused_and_starts_no_second_reply_period(
    apply, clerk, simplified, reply_clock, reply_due
):
    # given: accepted 2025-06-10, the copy sent on 6-12
    case = apply(amount=500)
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground=simplified)
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12), received_on=date(2025, 6, 12))
    before = _trace(case)
    # when / then
    with pytest.raises(ValidationError) as exc:
        send_copy(actor=clerk, case=case, on=date(2025, 6, 16))
    assert exc.value.messages == [
        "申请书副本已于2025-06-12发送给被申请人，不能重复发送（行政复议法第四十八条）。"
    ]
    assert _code(exc) == "copy_already_sent"
    assert _trace(case) == before
    assert _clock(case, reply_clock) == [("open", date(2025, 6, 12), reply_due)]


def test_second_copy_through_the_api_is_a_400_with_the_message(api_client, apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12))
    api_client.force_authenticate(clerk)
    r = api_client.post(
        f"/api/v1/disputes/reconsiderations/{case.pk}/send-copy/", {"on": "2025-06-13"}, format="json"
    )
    assert (r.status_code, r.json()["code"]) == (400, "copy_already_sent")
    assert (
        r.json()["message"]
        == "申请书副本已于2025-06-12发送给被申请人，不能重复发送（行政复议法第四十八条）。"
    )


# --- dates after today are refused -------------------------------------------------------------------
@pytest.fixture
def today_2025_06_20(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 6, 20))


@pytest.mark.usefixtures("today_2025_06_20")
def test_application_received_or_posted_after_today_is_refused(apply, clerk):
    with pytest.raises(ValidationError) as exc:
        apply(actor=clerk, channel="post", posted_on=date(2025, 6, 21), received_on=date(2025, 6, 23))
    assert exc.value.message_dict == {
        "received_on": ["收到申请日期 2025-06-23 晚于今天（2025-06-20），请核对：只能登记已经发生的事项。"],
        "posted_on": ["交邮日期 2025-06-21 晚于今天（2025-06-20），请核对：只能登记已经发生的事项。"],
    }
    assert Reconsideration.objects.count() == 0


@pytest.mark.usefixtures("today_2025_06_20")
def test_decision_dated_after_today_is_refused(apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    before = _trace(case)
    with pytest.raises(ValidationError) as exc:
        decide_case(
            actor=clerk,
            case=case,
            on=date(2025, 6, 21),
            outcome="uphold",
            reasons="事实清楚",
            approved_by="负责人同意",
        )
    assert exc.value.message_dict == {
        "on": ["办理日期 2025-06-21 晚于今天（2025-06-20），请核对：只能登记已经发生的事项。"]
    }
    assert _trace(case) == before


@pytest.mark.usefixtures("today_2025_06_20")
def test_litigation_served_after_today_is_refused(officer, agency):
    with pytest.raises(ValidationError) as exc:
        register_litigation_case(
            actor=officer,
            agency=agency,
            court="示范县人民法院",
            case_number="（2025）京0105行初99号",
            plaintiff="李四",
            cause="行政处罚",
            served_on=date(2025, 6, 23),
        )
    assert exc.value.message_dict == {
        "served_on": [
            "收到起诉状副本日期 2025-06-23 晚于今天（2025-06-20），请核对：只能登记已经发生的事项。"
        ]
    }
    assert LitigationCase.objects.count() == 0


@pytest.mark.usefixtures("today_2025_06_20")
def test_step_dated_today_is_accepted(apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 20))
    case.refresh_from_db()
    assert case.state == "accepted"


def test_after_the_copy_the_case_page_says_why_it_cannot_be_sent_again(apply, clerk):
    # given
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    send_copy(actor=clerk, case=case, on=date(2025, 6, 12))
    case.refresh_from_db()
    # when
    option = next(o for o in procedures.options(case, clerk) if o.transition.name == "send_copy")
    # then
    assert (option.allowed, option.reasons) == (
        False,
        ("申请书副本已于2025-06-12发送给被申请人，不能重复发送（行政复议法第四十八条）。",),
    )


# --- 第四十八条、第五十四条: the reply period runs from the respondent's receipt of the copy ----------
def test_reply_period_starts_when_the_respondent_receives_the_copy(apply, clerk):
    # given: accepted Friday 2026-02-13, the copy posted on Monday 2026-02-24 (after the Spring Festival)
    case = apply(received_on=date(2026, 2, 9), known_on=date(2026, 2, 2))
    accept_application(actor=clerk, case=case, on=date(2026, 2, 13))
    send_copy(actor=clerk, case=case, on=date(2026, 2, 24))
    # then: no reply period runs before the receipt
    assert _clock(case, "reply") == []
    # when: the return receipt says Friday 02-27
    receive_copy(actor=clerk, case=case, on=date(2026, 2, 27))
    # then: 10 WD from 02-27: Saturday 02-28 is a make-up working day → 2026-03-12 (not 03-09 from sending)
    assert _clock(case, "reply") == [("open", date(2026, 2, 27), date(2026, 3, 12))]
    case.refresh_from_db()
    assert case.copy_received_on == date(2026, 2, 27)
    # and the receipt is recorded once
    before = _trace(case)
    with pytest.raises(ValidationError) as exc:
        receive_copy(actor=clerk, case=case, on=date(2026, 3, 2))
    assert exc.value.messages == [
        "被申请人已于2026-02-27收到申请书副本，答复期限自该日起计算，不能重复登记（行政复议法第四十八条）。"
    ]
    assert _trace(case) == before


def test_copy_cannot_be_received_before_it_is_sent(apply, clerk):
    case = apply()
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10))
    with pytest.raises(ValidationError) as exc:
        receive_copy(actor=clerk, case=case, on=date(2025, 6, 11))
    assert exc.value.messages == ["尚未向被申请人发送申请书副本。"]
