"""公开征求意见 — a comment anchored to a clause of a draft version, and its answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..choices import CommentAnswer


class PublicComment(models.Model):
    """One comment from the public (no account needed); the answer is published with the feedback."""

    version = models.ForeignKey("rulemaking.DraftVersion", on_delete=models.CASCADE, related_name="comments")
    clause = models.ForeignKey(
        "rulemaking.Clause",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="针对条款",
    )
    name = models.CharField("姓名或单位", max_length=100, blank=True)
    is_organisation = models.BooleanField("单位（企业、商会、协会）", default=False)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    text = models.TextField("意见建议")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    submitted_on = models.DateField("提交日期", db_index=True)
    # sha256(address + SECRET_KEY): enough to rate-limit, never the address itself.
    source_hash = models.CharField("来源标识", max_length=64, db_index=True, blank=True)
    answer = models.CharField(
        "采纳情况", max_length=20, choices=CommentAnswer.choices, default=CommentAnswer.PENDING, db_index=True
    )
    answer_reason = models.TextField("答复理由", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["version", "clause__position", "id"]

    def __str__(self) -> str:
        return f"意见{self.pk}"
