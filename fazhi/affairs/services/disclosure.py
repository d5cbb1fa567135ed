"""Disclosure requests (依申请公开) — 《政府信息公开条例》(2019修订) 第二十九至四十二条.

One service per transition, named like it. The engine checks permission, state, `requires` and the
guards; a service locks, checks dates after today, sets the case fields and calls `advance`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import ids, procedures, workdays
from fazhi.core.procedures.models import Deadline, DeadlineState
from fazhi.org.models import Agency, User

from ..choices import ApplicantKind, DisclosureChannel
from ..models import DisclosureRequest
from .common import check_dates, locked, may, may_take, next_number

__all__ = [
    "abandon_request",
    "consult_third_party",
    "extend_reply",
    "fee_unpaid",
    "notify_fee",
    "pay_fee",
    "receive_request",
    "receive_third_party_opinion",
    "reply_request",
    "request_amendment",
    "statutory_receipt_date",
    "supply_amendment",
    "withdraw_request",
]

MAIL = (DisclosureChannel.REGISTERED_MAIL, DisclosureChannel.ORDINARY_MAIL)


def statutory_receipt_date(
    channel: str,
    *,
    submitted_on: date | None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """第三十一条: in person, the day submitted; registered post, the day the office signs for it;
    ordinary mail, the day of confirmation with the applicant; online or fax, the day both sides confirm."""
    if channel == DisclosureChannel.IN_PERSON:
        if submitted_on is None:
            raise _err("submitted_on", "当面提交的，应填写提交日期（第三十一条第一项）。")
        return submitted_on
    if channel == DisclosureChannel.REGISTERED_MAIL:
        if signed_on is None:
            raise _err(
                "signed_on",
                "以邮寄方式提交、需要签收的，以签收之日为收到申请之日，请填写签收日期（第三十一条第二项）。",
            )
        return signed_on
    if channel in (DisclosureChannel.ORDINARY_MAIL, DisclosureChannel.ONLINE, DisclosureChannel.FAX):
        if confirmed_on is None:
            what = (
                "平常信函等无需签收的邮寄方式"
                if channel == DisclosureChannel.ORDINARY_MAIL
                else "互联网渠道或者传真"
            )
            raise _err(
                "confirmed_on",
                f"以{what}提交的，以与申请人确认之日为收到申请之日，请填写确认日期（第三十一条）。",
            )
        return confirmed_on
    raise _err("channel", f"提交方式“{channel}”无效。")


def _err(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def receive_request(
    *,
    actor: User,
    agency: Agency,
    applicant_kind: str,
    applicant_name: str,
    applicant_contact: str,
    description: str,
    channel: str,
    submitted_on: date | None,
    posted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    applicant_id_number: str = "",
    applicant_uscc: str = "",
    form_wanted: str = "",
) -> DisclosureRequest:
    """收到政府信息公开申请 (第二十九、三十一条): the receipt date by channel starts the 20-WD reply
    period; the date posted is kept apart (time in the post is never the agency's)."""
    may(actor, "affairs.handle_disclosure", agency, "您无权登记该机关收到的政府信息公开申请。")
    errors: dict[str, ValidationError] = {}
    for key, value, label in (
        ("applicant_name", applicant_name, "申请人姓名或名称"),
        ("applicant_contact", applicant_contact, "联系方式"),
        ("description", description, "所需政府信息的描述"),
    ):
        if not (value or "").strip():
            errors[key] = ValidationError(
                f"{label}：不能为空（政府信息公开条例第二十九条）。", code="required"
            )
    if applicant_kind not in ApplicantKind.values:
        errors["applicant_kind"] = ValidationError(f"申请人类型“{applicant_kind}”无效。", code="invalid")
    try:
        if applicant_id_number.strip():
            applicant_id_number = ids.validate_id_number(applicant_id_number, field="身份证件号码").value
        if applicant_uscc.strip():
            applicant_uscc = ids.validate_uscc(applicant_uscc, field="统一社会信用代码").value
    except ValidationError as exc:
        errors["applicant_id"] = ValidationError(exc.messages, code="invalid_id")
    if channel in MAIL and posted_on is None:
        posted_on = submitted_on
    try:
        received_on = statutory_receipt_date(
            channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)  # type: ignore[arg-type]
        received_on = None
    if received_on and submitted_on and submitted_on > received_on:
        errors["submitted_on"] = ValidationError("提交（寄出）日期不能晚于收到申请日期。", code="date_order")
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    assert submitted_on is not None
    check_dates(
        submitted_on=(submitted_on, "提交日期"),
        posted_on=(posted_on, "交邮日期"),
        signed_on=(signed_on, "签收日期"),
        confirmed_on=(confirmed_on, "确认日期"),
    )
    case = DisclosureRequest.objects.create(
        number=next_number(
            DisclosureRequest, f"{agency.short_name or agency.name}依申请", received_on.year, agency=agency
        ),
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name.strip(),
        applicant_id_number=applicant_id_number,
        applicant_uscc=applicant_uscc,
        applicant_contact=applicant_contact.strip(),
        description=description.strip(),
        form_wanted=form_wanted.strip(),
        channel=channel,
        submitted_on=submitted_on,
        posted_on=posted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        received_on=received_on,
    )
    procedures.start(case, actor=actor, on=received_on, data={"channel": channel})
    return case


def _advance(
    actor: User, case: DisclosureRequest, name: str, on: date, data: dict[str, Any], note: str = ""
) -> DisclosureRequest:
    check_dates(on=(on, "办理日期"))
    procedures.advance(case, name, actor=actor, on=on, data={**data, "on": on}, note=note)
    return case


@transaction.atomic
def request_amendment(
    *, actor: User, case: DisclosureRequest, on: date, items: str, period_days: int | None = None
) -> DisclosureRequest:
    """告知补正 (第三十条): once, within 7 WD of receipt, with a reasonable period for the applicant."""
    case = locked(case)
    may_take(actor, case, "request_amendment")
    if period_days is not None and not 1 <= period_days <= 60:
        raise _err("period_days", "补正期限：应为1至60个工作日。")
    case.amendment_items = (items or "").strip()
    case.amendment_period_days = period_days
    return _advance(actor, case, "request_amendment", on, {"items": case.amendment_items})


@transaction.atomic
def supply_amendment(
    *, actor: User, case: DisclosureRequest, on: date, posted_on: date | None = None, late_reason: str = ""
) -> DisclosureRequest:
    """收到补正申请 (第三十条): the 20-WD reply period runs again from this day."""
    case = locked(case)
    may_take(actor, case, "supply_amendment")
    check_dates(posted_on=(posted_on, "交邮日期"))
    if posted_on and posted_on > on:
        raise _err("posted_on", "交邮日期不能晚于收到补正的日期。")
    case.supplemented_on, case.supplement_posted_on = on, posted_on
    return _advance(actor, case, "supply_amendment", on, {"posted_on": posted_on, "late_reason": late_reason})


@transaction.atomic
def abandon_request(*, actor: User, case: DisclosureRequest, on: date) -> DisclosureRequest:
    """第三十条: no correction in time without good reason — the request counts as abandoned."""
    case = locked(case)
    may_take(actor, case, "abandon")
    case.closed_on = on
    return _advance(actor, case, "abandon", on, {})


@transaction.atomic
def consult_third_party(
    *, actor: User, case: DisclosureRequest, on: date, third_party: str
) -> DisclosureRequest:
    """第三十二条: written consultation; the time is excluded from the reply period (第三十三条第三款)."""
    case = locked(case)
    may_take(actor, case, "consult_third_party")
    case.third_party = (third_party or "").strip()
    return _advance(
        actor, case, "consult_third_party", on, {"third_party": case.third_party, "ground": "征求第三方意见"}
    )


@transaction.atomic
def receive_third_party_opinion(
    *, actor: User, case: DisclosureRequest, on: date, note: str = ""
) -> DisclosureRequest:
    case = locked(case)
    may_take(actor, case, "receive_third_party_opinion")
    return _advance(actor, case, "receive_third_party_opinion", on, {}, note)


@transaction.atomic
def notify_fee(
    *, actor: User, case: DisclosureRequest, on: date, fee_amount: Decimal | None, ground: str
) -> DisclosureRequest:
    """第四十二条: a processing fee where requests clearly exceed a reasonable number or frequency."""
    case = locked(case)
    may_take(actor, case, "notify_fee")
    case.fee_amount = fee_amount if fee_amount is not None and Decimal(fee_amount) > 0 else None
    return _advance(actor, case, "notify_fee", on, {"fee_amount": fee_amount, "ground": ground})


@transaction.atomic
def pay_fee(*, actor: User, case: DisclosureRequest, on: date) -> DisclosureRequest:
    case = locked(case)
    may_take(actor, case, "pay_fee")
    case.fee_paid_on = on
    return _advance(actor, case, "pay_fee", on, {})


@transaction.atomic
def fee_unpaid(*, actor: User, case: DisclosureRequest, on: date) -> DisclosureRequest:
    case = locked(case)
    may_take(actor, case, "fee_unpaid")
    case.closed_on = on
    return _advance(actor, case, "fee_unpaid", on, {})


@transaction.atomic
def extend_reply(
    *, actor: User, case: DisclosureRequest, on: date, ground: str, working_days: int | None = None
) -> DisclosureRequest:
    """延长答复期限 (第三十三条第二款): approved by the head of the disclosure office, ≤ 20 WD, before expiry."""
    case = locked(case)
    name = "extend_processing" if case.state == "processing" else "extend"
    may_take(actor, case, name)
    data: dict[str, Any] = {"ground": ground}
    if working_days is not None:
        data["period"] = {"working_days": working_days}
    return _advance(actor, case, name, on, data)


def _response_working_days(case: DisclosureRequest, on: date) -> int | None:
    """Working days of the agency's own time: from the (re)start of the reply period to the reply,
    paused intervals (补正, 第三方, 缴费) left out (Alaveteli #1369)."""
    d = (
        Deadline.objects.filter(
            content_type__model="disclosurerequest",
            content_type__app_label="affairs",
            object_id=case.pk,
            clock="reply",
        )
        .exclude(state=DeadlineState.SUPERSEDED)
        .prefetch_related("pauses")
        .order_by("-id")
        .first()
    )
    if d is None:
        return None
    try:
        total = workdays.workdays_between(d.start_date, on)
        paused = sum(workdays.workdays_between(p.start, p.end or on) for p in d.pauses.all())
    except workdays.CalendarUnknown:
        return None
    return max(total - paused, 0)


@transaction.atomic
def reply_request(
    *, actor: User, case: DisclosureRequest, on: date, reply_type: str, reply_text: str = ""
) -> DisclosureRequest:
    """作出答复 (第三十六条): one of the statutory reply types, within the period."""
    case = locked(case)
    may_take(actor, case, "reply")
    case.reply_type, case.reply_text, case.closed_on = reply_type, (reply_text or "").strip(), on
    _advance(actor, case, "reply", on, {"reply_type": reply_type})
    closed = (
        Deadline.objects.filter(
            content_type__app_label="affairs",
            content_type__model="disclosurerequest",
            object_id=case.pk,
            clock="reply",
        )
        .order_by("-id")
        .values_list("state", flat=True)
        .first()
    )
    case.closed_on_time = {DeadlineState.MET: True, DeadlineState.MISSED: False}.get(closed)  # type: ignore[call-overload]
    case.response_working_days = _response_working_days(case, on)
    case.save(update_fields=["closed_on_time", "response_working_days"])
    return case


@transaction.atomic
def withdraw_request(
    *, actor: User, case: DisclosureRequest, on: date, reason: str = ""
) -> DisclosureRequest:
    """申请人撤回 — counted under （六）3 其他 (DISCLOSURE_REPORT.md §8)."""
    case = locked(case)
    may_take(actor, case, "withdraw")
    case.closed_on = on
    return _advance(actor, case, "withdraw", on, {}, reason)
