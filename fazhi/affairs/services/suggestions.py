"""NPC suggestions and CPPCC proposals — one procedure shape (LEGAL_RULES.md §10).

Registration and assignment by the supervising office, 会签 by co-handlers, the lead agency's reply,
the deputy's (member's) feedback and re-handling, publication of the reply.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.core.procedures.models import Deadline, DeadlineState
from fazhi.org.models import Agency, Jurisdiction, User

from ..choices import SATISFIED_VALUES, Satisfaction, SuggestionKind
from ..models import CoHandler, Suggestion
from .common import check_dates, locked, may, may_take, next_number

__all__ = [
    "assign_suggestion",
    "close_suggestion",
    "rehandle_suggestion",
    "request_extension",
    "countersign",
    "extend_suggestion",
    "publish_reply",
    "record_feedback",
    "register_suggestion",
    "reply_suggestion",
]

PREFIX = {SuggestionKind.NPC: "建议", SuggestionKind.CPPCC: "提案"}


def _err(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def register_suggestion(
    *,
    actor: User,
    jurisdiction: Jurisdiction,
    kind: str,
    title: str,
    proposers: str,
    received_on: date,
    content: str = "",
    session: str = "",
    number: str = "",
    is_complex: bool = False,
) -> Suggestion:
    """登记 a suggestion or proposal transferred by the standing committee / CPPCC office."""
    may(actor, "affairs.assign_suggestion", jurisdiction, "您无权登记建议提案。")
    errors = {}
    if kind not in SuggestionKind.values:
        errors["kind"] = ValidationError(
            f"类别“{kind}”无效，应为人大代表建议或政协委员提案。", code="invalid"
        )
    if not (title or "").strip():
        errors["title"] = ValidationError("标题：不能为空。", code="required")
    if not (proposers or "").strip():
        errors["proposers"] = ValidationError("领衔代表（委员）：不能为空。", code="required")
    if errors:
        raise ValidationError(errors)
    check_dates(received_on=(received_on, "提出日期"))
    number = (number or "").strip() or next_number(
        Suggestion,
        f"{jurisdiction.name}{PREFIX[SuggestionKind(kind)]}",
        received_on.year,
        jurisdiction=jurisdiction,
        kind=kind,
    )
    if Suggestion.objects.filter(jurisdiction=jurisdiction, kind=kind, number=number).exists():
        raise _err("number", f"编号“{number}”已登记。", "duplicate")
    case = Suggestion.objects.create(
        jurisdiction=jurisdiction,
        kind=kind,
        number=number,
        title=title.strip(),
        proposers=proposers.strip(),
        content=(content or "").strip(),
        session=(session or "").strip(),
        received_on=received_on,
        is_complex=is_complex,
    )
    procedures.start(case, actor=actor, on=received_on)
    return case


@transaction.atomic
def assign_suggestion(
    *,
    actor: User,
    case: Suggestion,
    on: date,
    lead: Agency | None,
    co_handlers: list[Agency] | None = None,
    is_complex: bool | None = None,
) -> Suggestion:
    """交办: the reply period (3 months, 代表法第五十一条) runs from the assignment."""
    case = locked(case)
    may_take(actor, case, "assign")
    check_dates(on=(on, "交办日期"))
    if on < case.received_on:
        raise _err("on", "交办日期不能早于提出日期。", "date_order")
    agencies = [lead, *(co_handlers or [])]
    if any(a is not None and a.jurisdiction_id != case.jurisdiction_id for a in agencies):
        raise _err("agency", "主办、协办单位应为本行政区划的机关。")
    if lead is not None and any(a.pk == lead.pk for a in co_handlers or []):
        raise _err("co_handlers", "主办单位不能同时作为协办单位。")
    case.agency = lead
    case.assigned_on = on
    if is_complex is not None:
        case.is_complex = is_complex
    procedures.advance(case, "assign", actor=actor, on=on, data={"on": on, "lead": lead.pk if lead else None})
    CoHandler.objects.bulk_create([CoHandler(suggestion=case, agency=a) for a in co_handlers or []])
    return case


@transaction.atomic
def countersign(*, actor: User, case: Suggestion, on: date, opinion: str) -> CoHandler:
    """会签: a co-handler sends its views to the lead handler (山东省条例第十九条: within 1 month)."""
    case = locked(case)
    may(actor, "affairs.countersign", case, "只有协办单位可以会签。")
    check_dates(on=(on, "会签日期"))
    if case.state != "assigned":
        raise _err("on", "只有办理中的建议提案可以会签。", "not_assigned")
    co = CoHandler.objects.select_for_update().filter(suggestion=case, agency_id=actor.agency_id or 0).first()
    if co is None:
        raise _err("agency", "您所在单位不是该件的协办单位。", "not_co_handler")
    if not (opinion or "").strip():
        raise _err("opinion", "协办意见：不能为空。", "required")
    co.opinion, co.countersigned_on = opinion.strip(), on
    co.save(update_fields=["opinion", "countersigned_on"])
    audit.record(
        actor=actor,
        action="affairs.suggestion.countersign",
        obj=case,
        after={"on": on, "agency": co.agency_id},
    )
    return co


@transaction.atomic
def request_extension(*, actor: User, case: Suggestion, on: date, ground: str) -> Suggestion:
    """在线申请延期: the lead agency asks the assigning office for the longer period of a complex item."""
    case = locked(case)
    may(actor, "affairs.reply_suggestion", case, "只有主办单位可以申请延期。")
    check_dates(on=(on, "申请日期"))
    if case.state != "assigned":
        raise _err("on", "只有办理中的建议提案可以申请延期。", "not_assigned")
    if not (ground or "").strip():
        raise _err("ground", "申请延期理由：不能为空。", "required")
    if case.extension_requested_on is not None:
        raise _err("on", "已经申请过延期。", "already_requested")
    case.extension_requested_on, case.extension_request_ground = on, ground.strip()
    case.save(update_fields=["extension_requested_on", "extension_request_ground"])
    audit.record(
        actor=actor,
        action="affairs.suggestion.request_extension",
        obj=case,
        after={"on": on, "ground": ground},
    )
    return case


@transaction.atomic
def extend_suggestion(
    *, actor: User, case: Suggestion, on: date, ground: str, months: int | None = None
) -> Suggestion:
    """延期答复 for a wide-ranging or hard item (代表法第五十一条第三款), approved by the assigning office."""
    case = locked(case)
    may_take(actor, case, "extend")
    check_dates(on=(on, "批准日期"))
    data: dict[str, Any] = {"ground": ground, "on": on}
    if months is not None:
        data["period"] = {"months": months}
    procedures.advance(case, "extend", actor=actor, on=on, data=data)
    return case


def _closed_on_time(case: Suggestion, clock: str) -> bool | None:
    state = (
        Deadline.objects.filter(
            content_type__app_label="affairs",
            content_type__model="suggestion",
            object_id=case.pk,
            clock=clock,
        )
        .order_by("-id")
        .values_list("state", flat=True)
        .first()
    )
    return {DeadlineState.MET: True, DeadlineState.MISSED: False}.get(state)  # type: ignore[call-overload]


@transaction.atomic
def reply_suggestion(
    *, actor: User, case: Suggestion, on: date, category: str, reply_text: str
) -> Suggestion:
    """答复 by the lead agency, after every co-handler has countersigned; also the re-reply."""
    case = locked(case)
    name = "rereply" if case.state == "rehandling" else "reply"
    may_take(actor, case, name)
    check_dates(on=(on, "答复日期"))
    case.category, case.reply_text, case.replied_on = category, (reply_text or "").strip(), on
    procedures.advance(
        case, name, actor=actor, on=on, data={"category": category, "reply_text": case.reply_text, "on": on}
    )
    if name == "reply":
        case.replied_on_time = _closed_on_time(case, "reply")
        case.save(update_fields=["replied_on_time"])
    return case


def _feedback(
    actor: User, case: Suggestion, on: date, satisfaction: str, feedback_text: str, name: str
) -> Suggestion:
    case = locked(case)
    may_take(actor, case, name)
    check_dates(on=(on, "反馈日期"))
    if satisfaction not in Satisfaction.values:
        raise _err("satisfaction", "满意度应为满意、基本满意或不满意。")
    case.satisfaction, case.feedback_on, case.feedback_text = satisfaction, on, (feedback_text or "").strip()
    if name == "rehandle":
        case.rehandled = True
    procedures.advance(case, name, actor=actor, on=on, data={"satisfaction": satisfaction, "on": on})
    return case


@transaction.atomic
def record_feedback(
    *, actor: User, case: Suggestion, on: date, satisfaction: str, feedback_text: str = ""
) -> Suggestion:
    """代表委员反馈: satisfied / basically satisfied closes the item; unsatisfied starts re-handling."""
    name = "close" if satisfaction in SATISFIED_VALUES else "rehandle"
    return _feedback(actor, case, on, satisfaction, feedback_text, name)


@transaction.atomic
def close_suggestion(
    *, actor: User, case: Suggestion, on: date, satisfaction: str, feedback_text: str = ""
) -> Suggestion:
    """办结: the deputy (member) is satisfied or basically satisfied."""
    return _feedback(actor, case, on, satisfaction, feedback_text, "close")


@transaction.atomic
def rehandle_suggestion(
    *,
    actor: User,
    case: Suggestion,
    on: date,
    satisfaction: str = Satisfaction.UNSATISFIED,
    feedback_text: str = "",
) -> Suggestion:
    """重新办理: the deputy (member) is not satisfied (北京市条例第二十三条)."""
    return _feedback(actor, case, on, satisfaction, feedback_text, "rehandle")


@transaction.atomic
def publish_reply(*, actor: User, case: Suggestion, on: date) -> Suggestion:
    """复文公开 (代表法第五十一条: the handling is public)."""
    case = locked(case)
    may(actor, "affairs.assign_suggestion", case, "您无权公开复文。")
    check_dates(on=(on, "公开日期"))
    if case.state not in ("replied", "closed") or not case.reply_text:
        raise _err("on", "尚未答复的建议提案不能公开复文。", "not_replied")
    if case.published_on:
        raise _err("on", "复文已公开。", "already_published")
    case.published_on = on
    case.save(update_fields=["published_on"])
    audit.record(actor=actor, action="affairs.suggestion.publish", obj=case, after={"published_on": on})
    return case
