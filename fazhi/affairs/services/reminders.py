"""Reminders (催办) from the justice bureau's overview: an audited record the agency sees."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit
from fazhi.core.procedures.models import Deadline, DeadlineState, Step
from fazhi.org.models import User

from ..models import Reminder
from .common import check_dates, may

__all__ = ["mark_reminder_read", "send_reminder"]


@transaction.atomic
def send_reminder(*, actor: User, deadline: Deadline, on: date, message: str = "") -> Reminder:
    """催办 the agency (and the last person who acted on the matter) about a running deadline."""
    case: Any = deadline.case
    may(actor, "affairs.send_reminder", case, "您无权催办该事项。")
    check_dates(on=(on, "催办日期"))
    if deadline.state not in (DeadlineState.OPEN, DeadlineState.PAUSED):
        raise ValidationError({"deadline": ValidationError("该期限已结束，无需催办。", code="closed")})
    if getattr(case, "agency_id", None) is None:
        raise ValidationError({"deadline": ValidationError("该事项尚未确定承办单位。", code="no_agency")})
    last_actor = (
        Step.objects.filter(content_type_id=deadline.content_type_id, object_id=deadline.object_id)
        .exclude(actor__isnull=True)
        .filter(actor__agency_id=case.agency_id)
        .order_by("-id")
        .values_list("actor_id", flat=True)
        .first()
    )
    due = deadline.due_date.isoformat() if deadline.due_date else "待录入日历后计算"
    text = (message or "").strip() or f"请抓紧办理：{case}“{deadline.label}”期限 {due}。"
    reminder = Reminder.objects.create(
        jurisdiction_id=case.jurisdiction_id,
        agency_id=case.agency_id,
        deadline=deadline,
        assignee_id=last_actor,
        sent_by=actor,
        sent_on=on,
        message=text[:300],
    )
    audit.record(
        actor=actor,
        action="affairs.reminder.send",
        obj=reminder,
        after={"deadline": deadline.pk, "message": text},
    )
    return reminder


@transaction.atomic
def mark_reminder_read(*, actor: User, reminder: Reminder, on: date) -> Reminder:
    may(actor, "affairs.view_matter", reminder, "您无权查看该催办提醒。")
    if reminder.read_on is None:
        reminder.read_on = on
        reminder.save(update_fields=["read_on"])
        audit.record(actor=actor, action="affairs.reminder.read", obj=reminder)
    return reminder
