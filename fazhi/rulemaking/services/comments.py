"""公开征求意见 — comments from the public (no account) and their answers."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, workdays
from fazhi.org.models import User

from .. import conf
from ..choices import CommentAnswer
from ..models import Clause, DraftVersion, PublicComment
from .common import check_date, err, require, required_text

__all__ = ["SpamRefused", "answer_comment", "source_hash", "submit_comment"]

OPEN_STATES = {"commenting", "consulting"}


class SpamRefused(ValidationError):
    """A submission refused by the spam checks (honeypot, fill time, rate)."""


def source_hash(address: str) -> str:
    """sha256(address + SECRET_KEY): rate limiting without storing the address."""
    return hashlib.sha256(f"{address}|{settings.SECRET_KEY}".encode()).hexdigest()


def _owner(version: DraftVersion) -> Any:
    """The document or decision of a version, read fresh (its state decides whether comments open)."""
    from ..models import MajorDecision, NormativeDocument

    if version.document_id:
        return NormativeDocument.objects.get(pk=version.document_id)
    return MajorDecision.objects.get(pk=int(version.decision_id or 0))


@transaction.atomic
def submit_comment(
    *,
    version: DraftVersion,
    clause: Clause | None,
    text: str,
    name: str = "",
    contact: str = "",
    is_organisation: bool = False,
    address: str = "",
    honeypot: str = "",
    form_started_at: datetime | None = None,
    now: datetime | None = None,
) -> PublicComment:
    """提交意见 through the portal, without an account. Spam resistance without third-party services:
    a hidden honeypot field must stay empty, the form must take a minimum fill time, and one address
    may send only a few comments an hour."""
    now = now or timezone.now()
    if honeypot.strip():
        raise SpamRefused("提交未成功，请刷新页面后重试。", code="honeypot")
    min_seconds = conf.get("COMMENT_MIN_FILL_SECONDS")
    if form_started_at is None or (now - form_started_at).total_seconds() < min_seconds:
        raise SpamRefused("提交过快，请阅读草案后再提交意见。", code="too_fast")
    digest = source_hash(address) if address else ""
    if digest:
        recent = PublicComment.objects.filter(
            source_hash=digest, submitted_at__gte=now - timedelta(hours=1)
        ).count()
        if recent >= conf.get("COMMENT_MAX_PER_HOUR"):
            raise SpamRefused("同一来源一小时内提交的意见过多，请稍后再试。", code="rate_limited")
    owner = _owner(version)
    today = timezone.localdate(now)
    if owner.state not in OPEN_STATES:
        raise ValidationError("该草案目前不在公开征求意见期间。", code="comment_closed")
    latest = owner.versions.order_by("-number").first()
    if latest is None or latest.pk != version.pk:
        raise ValidationError("请针对正在征求意见的草案版本提出意见。", code="old_version")
    if owner.comment_ends_on and today > owner.comment_ends_on:
        raise ValidationError(f"征求意见已于{owner.comment_ends_on.isoformat()}截止。", code="comment_closed")
    if clause is not None and clause.version_id != version.pk:
        raise err("clause", "针对条款：该条款不属于本草案版本。", "bad_clause")
    text = required_text(text, "text", "意见建议")
    if len(text) > 5000:
        raise err("text", "意见建议：不超过5000字。", "too_long")
    comment = PublicComment.objects.create(
        version=version,
        clause=clause,
        text=text,
        name=name.strip()[:100],
        contact=contact.strip()[:100],
        is_organisation=is_organisation,
        submitted_on=today,
        submitted_at=now,
        source_hash=digest,
    )
    audit.record(actor=None, action="rulemaking.submit_comment", obj=comment, after={"version": version.pk})
    return comment


@transaction.atomic
def answer_comment(
    *, actor: User, comment: PublicComment, answer: str, reason: str, on: date | None = None
) -> PublicComment:
    """答复 — adopted / partly adopted / not adopted, with the reason; published with the feedback."""
    comment = (
        PublicComment.objects.select_for_update(of=("self",))
        .select_related("version__document", "version__decision")
        .get(pk=comment.pk)
    )
    owner = _owner(comment.version)
    perm = "rulemaking.answer_comment" if comment.version.document_id else "rulemaking.manage_decision"
    require(actor, perm, owner, "您无权答复该草案的公众意见。")
    on = check_date(on or workdays.today())
    if answer not in (CommentAnswer.ADOPTED, CommentAnswer.PARTLY, CommentAnswer.NOT_ADOPTED):
        raise err("answer", "采纳情况：请选择采纳、部分采纳或不予采纳。", "bad_answer")
    reason = str(reason or "").strip()
    if answer != CommentAnswer.ADOPTED and not reason:
        raise err("reason", "答复理由：部分采纳或不予采纳的，应当说明理由。", "required")
    before = comment.answer
    comment.answer, comment.answer_reason, comment.answered_on, comment.answered_by = (
        answer,
        reason,
        on,
        actor,
    )
    comment.save(update_fields=["answer", "answer_reason", "answered_on", "answered_by"])
    audit.record(
        actor=actor,
        action="rulemaking.answer_comment",
        obj=comment,
        before={"answer": before},
        after={"answer": answer},
    )
    return comment
