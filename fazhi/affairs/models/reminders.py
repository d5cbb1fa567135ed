"""Reminders (催办) sent from the justice bureau's overview to the agency that must act."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ._base import ScopedQuerySet


class Reminder(models.Model):
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="被催办单位"
    )
    deadline = models.ForeignKey(
        "procedures.Deadline", on_delete=models.CASCADE, related_name="+", verbose_name="期限"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办人",
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField("催办日期")
    message = models.CharField("催办内容", max_length=300)
    read_on = models.DateField("已阅日期", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "催办提醒"
        verbose_name_plural = "催办提醒"
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return self.message
