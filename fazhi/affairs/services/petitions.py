"""Petitions (信访事项) — 《信访工作条例》(2022) 第二十三、三十一至三十六条; 12345 complaints about
enforcement recorded as supervision leads and linked to the agency's enforcement case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, ids, procedures
from fazhi.core.procedures.models import Deadline, DeadlineState
from fazhi.org.models import Agency, User

from ..choices import PetitionChannel, PetitionRoute
from ..models import Petition
from .common import check_dates, locked, may, may_take, next_number

__all__ = [
    "accept_petition",
    "answer_petition",
    "decide_review",
    "decide_rereview",
    "end_hearing",
    "extend_petition",
    "hold_hearing",
    "link_enforcement_case",
    "not_accept_petition",
    "receive_petition",
    "record_service",
    "request_rereview",
    "request_review",
    "route_petition",
]


def _err(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_case(case: Any, agency: Agency) -> None:
    if case is not None and case.agency_id != agency.pk:
        raise _err("enforcement_case", "关联的执法案件应为本机关办理的案件。", "wrong_agency")


@transaction.atomic
def receive_petition(
    *,
    actor: User,
    agency: Agency,
    channel: str,
    petitioner: str,
    content: str,
    received_on: date,
    posted_on: date | None = None,
    id_number: str = "",
    phone: str = "",
    is_enforcement_complaint: bool = False,
    enforcement_case: Any = None,
    is_long_standing: bool = False,
) -> Petition:
    """登记信访事项; the 15-day acceptance notice (第二十三条) runs from receipt."""
    may(actor, "affairs.handle_petition", agency, "您无权登记该机关的信访事项。")
    errors: dict[str, ValidationError] = {}
    if channel not in PetitionChannel.values:
        errors["channel"] = ValidationError(f"信访形式“{channel}”无效。", code="invalid")
    if not (petitioner or "").strip():
        errors["petitioner"] = ValidationError("信访人：不能为空。", code="required")
    if not (content or "").strip():
        errors["content"] = ValidationError("信访事项：不能为空。", code="required")
    if id_number.strip():
        try:
            id_number = ids.validate_id_number(id_number, field="身份证号码").value
        except ValidationError as exc:
            errors["id_number"] = ValidationError(exc.messages, code="invalid_id")
    if posted_on and posted_on > received_on:
        errors["posted_on"] = ValidationError("交邮日期不能晚于收到日期。", code="date_order")
    if errors:
        raise ValidationError(errors)
    check_dates(received_on=(received_on, "收到日期"), posted_on=(posted_on, "交邮日期"))
    _check_case(enforcement_case, agency)
    case = Petition.objects.create(
        number=next_number(
            Petition,
            f"{agency.jurisdiction.name}信",
            received_on.year,
            jurisdiction_id=agency.jurisdiction_id,
        ),
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        channel=channel,
        petitioner=petitioner.strip(),
        id_number=id_number,
        phone=(phone or "").strip(),
        content=content.strip(),
        received_on=received_on,
        posted_on=posted_on,
        is_enforcement_complaint=is_enforcement_complaint or enforcement_case is not None,
        enforcement_case=enforcement_case,
        is_long_standing=is_long_standing,
    )
    procedures.start(case, actor=actor, on=received_on)
    return case


@transaction.atomic
def link_enforcement_case(*, actor: User, case: Petition, enforcement_case: Any) -> Petition:
    """Link a complaint about enforcement to the agency's enforcement case (a supervision lead)."""
    case = locked(case)
    may(actor, "affairs.handle_petition", case, "您无权办理该信访事项。")
    _check_case(enforcement_case, case.agency)
    case.enforcement_case, case.is_enforcement_complaint = enforcement_case, True
    case.save(update_fields=["enforcement_case", "is_enforcement_complaint"])
    audit.record(
        actor=actor,
        action="affairs.petition.link_enforcement_case",
        obj=case,
        after={"enforcement_case": getattr(enforcement_case, "pk", None)},
    )
    return case


def _go(actor: User, case: Petition, name: str, on: date, data: dict[str, Any] | None = None) -> Petition:
    check_dates(on=(on, "办理日期"))
    procedures.advance(case, name, actor=actor, on=on, data={**(data or {}), "on": on})
    return case


@transaction.atomic
def accept_petition(*, actor: User, case: Petition, on: date) -> Petition:
    """受理 (第二十三条) for investigation and a written opinion (第三十一条第六项): 60 days run."""
    case = locked(case)
    may_take(actor, case, "accept")
    case.route = PetitionRoute.INVESTIGATE
    return _go(actor, case, "accept", on)


@transaction.atomic
def route_petition(*, actor: User, case: Petition, on: date, statutory_route: str) -> Petition:
    """第三十一条第一至五项: tell the petitioner to use litigation, arbitration, reconsideration …"""
    case = locked(case)
    may_take(actor, case, "route")
    case.route, case.statutory_route = PetitionRoute.STATUTORY, (statutory_route or "").strip()
    return _go(actor, case, "route", on, {"statutory_route": case.statutory_route})


@transaction.atomic
def not_accept_petition(*, actor: User, case: Petition, on: date, reasons: str) -> Petition:
    case = locked(case)
    may_take(actor, case, "not_accept")
    return _go(actor, case, "not_accept", on, {"reasons": reasons})


@transaction.atomic
def extend_petition(
    *, actor: User, case: Petition, on: date, ground: str, days: int | None = None
) -> Petition:
    """第三十四条: complex cases + ≤ 30 days, approved by the body's head, before the 60 days end."""
    case = locked(case)
    may_take(actor, case, "extend")
    data: dict[str, Any] = {"ground": ground}
    if days is not None:
        data["period"] = {"days": days}
    return _go(actor, case, "extend", on, data)


@transaction.atomic
def answer_petition(
    *, actor: User, case: Petition, on: date, outcome: str, opinion_text: str = ""
) -> Petition:
    """出具信访处理意见书 (第三十二、三十三条): support / explain / not support."""
    case = locked(case)
    may_take(actor, case, "answer")
    case.outcome, case.opinion_text, case.answered_on = outcome, (opinion_text or "").strip(), on
    _go(actor, case, "answer", on, {"outcome": outcome})
    state = (
        Deadline.objects.filter(
            content_type__app_label="affairs",
            content_type__model="petition",
            object_id=case.pk,
            clock="handling",
        )
        .order_by("-id")
        .values_list("state", flat=True)
        .first()
    )
    case.answered_on_time = {DeadlineState.MET: True, DeadlineState.MISSED: False}.get(state)  # type: ignore[call-overload]
    case.save(update_fields=["answered_on_time"])
    return case


@transaction.atomic
def record_service(*, actor: User, case: Petition, on: date) -> Petition:
    """The day the petitioner received the opinion (or the review opinion): the 30 days run from it."""
    case = locked(case)
    perm = "affairs.review_petition" if case.state == "reviewed" else "affairs.handle_petition"
    may(actor, perm, case, "您无权办理该信访事项。")
    check_dates(on=(on, "送达日期"))
    if case.state == "answered" and case.answered_on and on >= case.answered_on:
        case.opinion_served_on = on
    elif case.state == "reviewed":
        case.review_served_on = on
    else:
        raise _err("on", "只有已出具处理意见或复查意见的信访事项可以登记送达，且送达日期不能早于出具日期。")
    case.save(update_fields=["opinion_served_on", "review_served_on"])
    audit.record(actor=actor, action="affairs.petition.record_service", obj=case, after={"on": on})
    return case


@transaction.atomic
def request_review(*, actor: User, case: Petition, on: date, posted_on: date | None = None) -> Petition:
    """复查请求 (第三十五条) within 30 days of receiving the opinion; the posting date counts."""
    case = locked(case)
    may_take(actor, case, "request_review")
    check_dates(posted_on=(posted_on, "交邮日期"))
    return _go(actor, case, "request_review", on, {"posted_on": posted_on})


@transaction.atomic
def decide_review(*, actor: User, case: Petition, on: date, outcome: str) -> Petition:
    case = locked(case)
    may_take(actor, case, "decide_review")
    case.review_outcome = outcome
    return _go(actor, case, "decide_review", on, {"outcome": outcome})


@transaction.atomic
def request_rereview(*, actor: User, case: Petition, on: date, posted_on: date | None = None) -> Petition:
    """复核请求 (第三十六条) within 30 days of receiving the review opinion."""
    case = locked(case)
    may_take(actor, case, "request_rereview")
    check_dates(posted_on=(posted_on, "交邮日期"))
    return _go(actor, case, "request_rereview", on, {"posted_on": posted_on})


@transaction.atomic
def hold_hearing(*, actor: User, case: Petition, on: date) -> Petition:
    """第三十六条: hearing time is excluded from the re-review period."""
    case = locked(case)
    may_take(actor, case, "hold_hearing")
    return _go(actor, case, "hold_hearing", on, {"ground": "复核听证"})


@transaction.atomic
def end_hearing(*, actor: User, case: Petition, on: date) -> Petition:
    case = locked(case)
    may_take(actor, case, "end_hearing")
    return _go(actor, case, "end_hearing", on)


@transaction.atomic
def decide_rereview(*, actor: User, case: Petition, on: date, outcome: str) -> Petition:
    case = locked(case)
    may_take(actor, case, "decide_rereview")
    case.rereview_outcome = outcome
    return _go(actor, case, "decide_rereview", on, {"outcome": outcome})
