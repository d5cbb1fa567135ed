"""Disclosure requests on real dates — 《政府信息公开条例》第三十、三十一、三十二、三十三、三十六条."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.models import Deadline

from .. import services
from ..choices import DisclosureChannel, ReplyType
from ..models import DisclosureRequest

pytestmark = pytest.mark.django_db


def _deadline(case, clock):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()


@pytest.mark.parametrize(
    ("_case", "received", "due"),
    [
        ("plain June weeks", date(2025, 6, 9), date(2025, 7, 7)),
        (
            "before National Day; Sun 09-28 and Sat 10-11 are make-up working days",
            date(2025, 9, 26),
            date(2025, 10, 30),
        ),
        (
            "Spring Festival 2026; Sat 02-14 and 02-28 are make-up working days",
            date(2026, 2, 13),
            date(2026, 3, 19),
        ),
    ],
)
def test_reply_is_due_20_working_days_after_receipt(_case, received, due, make_request):
    # when
    case = make_request(received)
    # then
    reply = _deadline(case, "reply")
    assert (reply.start_date, reply.due_date) == (received, due)
    assert "政府信息公开条例第三十三条第二款" in reply.basis


def test_amendment_notice_is_due_7_working_days_after_receipt_across_national_day(make_request):
    case = make_request(date(2025, 9, 26))
    assert _deadline(case, "amendment_notice").due_date == date(2025, 10, 13)


@pytest.mark.parametrize(
    ("channel", "dates", "received"),
    [
        ("in_person", {"submitted_on": date(2025, 9, 26)}, date(2025, 9, 26)),
        (
            "registered_mail",
            {"submitted_on": date(2025, 9, 24), "signed_on": date(2025, 9, 26)},
            date(2025, 9, 26),
        ),
        (
            "ordinary_mail",
            {"submitted_on": date(2025, 9, 22), "confirmed_on": date(2025, 9, 26)},
            date(2025, 9, 26),
        ),
        ("online", {"submitted_on": date(2025, 9, 25), "confirmed_on": date(2025, 9, 26)}, date(2025, 9, 26)),
    ],
)
def test_receipt_date_follows_the_channel_and_the_posting_date_is_kept_apart(
    channel, dates, received, make_request
):
    # when
    case = make_request(channel=channel, **dates)
    # then: 第三十一条 — the period starts on the statutory receipt date, not the day posted
    assert case.received_on == received
    assert _deadline(case, "reply").start_date == received
    if channel in ("registered_mail", "ordinary_mail"):
        assert case.posted_on == dates["submitted_on"]


def test_registered_mail_without_signing_date_is_refused_and_nothing_saved(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(channel=DisclosureChannel.REGISTERED_MAIL, submitted_on=date(2025, 9, 24))
    assert "以签收之日为收到申请之日" in exc.value.message_dict["signed_on"][0]
    assert DisclosureRequest.objects.count() == 0


def test_date_after_today_is_refused(make_request, settings):
    with pytest.raises(ValidationError) as exc:
        make_request(date(2099, 1, 5))
    assert "晚于今天" in exc.value.message_dict["submitted_on"][0]
    assert DisclosureRequest.objects.count() == 0


def test_amendment_restarts_the_reply_period_from_the_supplement(officer, make_request):
    # given: received Fri 2025-09-26, amendment requested Mon 09-29
    case = make_request(date(2025, 9, 26))
    services.request_amendment(actor=officer, case=case, on=date(2025, 9, 29), items="请写明信息名称")
    # then: the applicant's period (15 WD by default) runs, the agency's reply clock pauses
    assert _deadline(case, "applicant_amendment").due_date == date(2025, 10, 27)
    assert _deadline(case, "reply").state == "paused"
    # when: the supplement arrives in time, on Mon 2025-10-20
    services.supply_amendment(actor=officer, case=case, on=date(2025, 10, 20))
    # then: a fresh 20 WD from 10-20; the first run is kept as superseded
    runs = list(procedures.deadlines(case).filter(clock="reply").order_by("id"))
    assert [r.state for r in runs] == ["superseded", "open"]
    assert (runs[1].start_date, runs[1].due_date) == (date(2025, 10, 20), date(2025, 11, 17))


def test_supplement_posted_in_time_is_in_time_even_when_it_arrives_late(officer, make_request):
    # given: the applicant's period ends 2026-01-26 (2026-01-05 + 15 WD)
    case = make_request(date(2026, 1, 2))
    services.request_amendment(actor=officer, case=case, on=date(2026, 1, 5), items="请写明文号")
    assert _deadline(case, "applicant_amendment").due_date == date(2026, 1, 26)
    # when: posted on the last day, received two days later
    services.supply_amendment(actor=officer, case=case, on=date(2026, 1, 28), posted_on=date(2026, 1, 26))
    # then
    case.refresh_from_db()
    assert case.state == "processing"
    assert case.supplement_posted_on == date(2026, 1, 26)


def test_supplement_posted_after_the_period_is_refused_and_leaves_no_trace(officer, make_request):
    case = make_request(date(2026, 1, 2))
    services.request_amendment(actor=officer, case=case, on=date(2026, 1, 5), items="请写明文号")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.supply_amendment(actor=officer, case=case, on=date(2026, 1, 29), posted_on=date(2026, 1, 27))
    assert "补正期限已于 2026-01-26 届满" in exc.value.message_dict["on"][0]
    case.refresh_from_db()
    assert case.state == "amendment_requested"
    assert AuditEntry.objects.count() == before


def test_abandonment_only_after_the_applicants_period(officer, make_request):
    case = make_request(date(2026, 1, 2))
    services.request_amendment(actor=officer, case=case, on=date(2026, 1, 5), items="请写明文号")
    with pytest.raises(ValidationError) as exc:
        services.abandon_request(actor=officer, case=case, on=date(2026, 1, 26))
    assert "尚未届满" in exc.value.message_dict["on"][0]
    services.abandon_request(actor=officer, case=case, on=date(2026, 1, 27))
    case.refresh_from_db()
    assert case.state == "abandoned"


def test_amendment_is_requested_once_only(officer, make_request):
    case = make_request(date(2026, 1, 2))
    services.request_amendment(actor=officer, case=case, on=date(2026, 1, 5), items="请写明文号")
    services.supply_amendment(actor=officer, case=case, on=date(2026, 1, 9))
    with pytest.raises(ValidationError) as exc:
        services.request_amendment(actor=officer, case=case, on=date(2026, 1, 12), items="再补")
    assert exc.value.code == "transition_not_allowed"


def test_third_party_consultation_pauses_the_reply_period(officer, make_request):
    # given: received 2025-09-26, due 2025-10-30
    case = make_request(date(2025, 9, 26))
    # when: consultation from Mon 10-13 to Fri 10-17 (5 working days excluded)
    services.consult_third_party(actor=officer, case=case, on=date(2025, 10, 13), third_party="某某公司")
    assert _deadline(case, "third_party").due_date == date(2025, 11, 3)
    services.receive_third_party_opinion(actor=officer, case=case, on=date(2025, 10, 17))
    # then: the 4 working days after 10-13 up to and including 10-17 do not count
    reply = _deadline(case, "reply")
    assert reply.due_date == date(2025, 11, 5)
    assert reply.pauses.count() == 1
    # and the response time counts only the agency's own working days
    services.reply_request(actor=officer, case=case, on=date(2025, 11, 5), reply_type=ReplyType.PROVIDED)
    case.refresh_from_db()
    assert case.closed_on_time is True
    assert case.response_working_days == 20


def test_requesters_time_is_left_out_of_response_time(officer, make_request):
    case = make_request(date(2026, 1, 2))
    services.request_amendment(actor=officer, case=case, on=date(2026, 1, 5), items="请写明文号")
    services.supply_amendment(actor=officer, case=case, on=date(2026, 1, 20))
    services.reply_request(
        actor=officer, case=case, on=date(2026, 1, 23), reply_type=ReplyType.ALREADY_PUBLIC
    )
    case.refresh_from_db()
    # 01-20 → 01-23: 3 working days, the 11 days waiting for the applicant not counted
    assert case.response_working_days == 3


def test_extension_approved_by_the_head_adds_20_working_days(head, officer, make_request):
    case = make_request(date(2025, 9, 26))
    services.extend_reply(actor=head, case=case, on=date(2025, 10, 28), ground="需调取档案")
    reply = _deadline(case, "reply")
    assert reply.due_date == date(2025, 11, 27)
    ext = reply.extensions.get()
    assert (ext.approved_by, ext.old_due, ext.new_due) == (head, date(2025, 10, 30), date(2025, 11, 27))


def test_extension_without_approval_is_refused(officer, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(PermissionDenied, match="您无权办理“延长答复期限”"):
        services.extend_reply(actor=officer, case=case, on=date(2025, 10, 28), ground="需调取档案")
    assert _deadline(case, "reply").extensions.count() == 0


def test_extension_after_expiry_is_refused(head, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(ValidationError) as exc:
        services.extend_reply(actor=head, case=case, on=date(2025, 10, 31), ground="需调取档案")
    assert exc.value.message_dict["on"] == [
        "“答复”期限已于 2025-10-30 届满，延长须在期限届满前批准，2025-10-31 不能再延长。"
    ]
    assert _deadline(case, "reply").due_date == date(2025, 10, 30)


def test_extension_longer_than_20_working_days_is_refused(head, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(ValidationError) as exc:
        services.extend_reply(actor=head, case=case, on=date(2025, 10, 20), ground="复杂", working_days=25)
    assert exc.value.error_dict["period"][0].code == "extension_too_long"


def test_only_one_extension(head, make_request):
    case = make_request(date(2025, 9, 26))
    services.extend_reply(actor=head, case=case, on=date(2025, 10, 20), ground="复杂", working_days=10)
    with pytest.raises(ValidationError) as exc:
        services.extend_reply(actor=head, case=case, on=date(2025, 10, 21), ground="复杂", working_days=10)
    assert exc.value.code == "extension_limit_reached"


def test_reply_type_outside_the_statutory_list_is_refused(officer, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(ValidationError) as exc:
        services.reply_request(actor=officer, case=case, on=date(2025, 10, 9), reply_type="ignored")
    assert "不是政府信息公开条例第三十六条规定的答复类型" in exc.value.message_dict["reply_type"][0]
    case.refresh_from_db()
    assert (case.state, case.reply_type) == ("received", "")


def test_late_reply_is_recorded_as_not_on_time(officer, make_request):
    case = make_request(date(2025, 9, 26))
    services.reply_request(actor=officer, case=case, on=date(2025, 10, 31), reply_type=ReplyType.NOT_HELD)
    case.refresh_from_db()
    assert case.closed_on_time is False
    assert _deadline(case, "reply").state == "missed"


def test_fee_notice_pauses_and_must_be_a_positive_amount(officer, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(ValidationError) as exc:
        services.notify_fee(
            actor=officer, case=case, on=date(2025, 10, 9), fee_amount=Decimal("0"), ground="超出合理范围"
        )
    assert exc.value.message_dict["fee_amount"] == ["收费金额：应为大于0的金额（元）。"]
    services.notify_fee(
        actor=officer, case=case, on=date(2025, 10, 9), fee_amount=Decimal("100"), ground="超出合理范围"
    )
    assert _deadline(case, "reply").state == "paused"
    services.pay_fee(actor=officer, case=case, on=date(2025, 10, 14))
    # 10-10, Sat 10-11 (make-up day), 10-13 and 10-14 do not count
    assert _deadline(case, "reply").due_date == date(2025, 11, 5)


def test_other_agency_staff_may_not_handle(other_officer, make_request):
    case = make_request(date(2025, 9, 26))
    with pytest.raises(PermissionDenied):
        services.reply_request(
            actor=other_officer, case=case, on=date(2025, 10, 9), reply_type=ReplyType.PROVIDED
        )
    assert Deadline.objects.filter(object_id=case.pk, state="open", clock="reply").exists()


def test_amendment_after_7_working_days_is_refused(officer, make_request):
    # received 2025-09-26: the window ends 2025-10-13 (National Day and make-up days counted)
    case = make_request(date(2025, 9, 26))
    with pytest.raises(ValidationError) as exc:
        services.request_amendment(actor=officer, case=case, on=date(2025, 10, 14), items="请写明名称")
    assert "已于 2025-10-13 届满" in exc.value.message_dict["on"][0]
    services.request_amendment(actor=officer, case=case, on=date(2025, 10, 13), items="请写明名称")


def test_reply_reaching_a_year_without_holiday_data_is_provisional_not_refused(make_request):
    # received 2026-12-04: 20 working days reach into 2027, whose holidays are not entered yet
    from fazhi.core import workdays

    if 2027 in workdays.known_years():
        pytest.skip("2027 holidays have been entered")
    case = make_request(date(2026, 12, 4))
    reply = _deadline(case, "reply")
    assert reply.calendar_pending is True
    assert reply.due_date is not None
