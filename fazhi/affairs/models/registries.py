"""Registries counted by the indicators: legal aid, legal education, leaders' legal study."""

from __future__ import annotations

from django.db import models

from ..choices import Audience, ConsultationChannel, EducationKind, LegalAidKind, StudyKind
from ._base import ScopedQuerySet


class _Scoped(models.Model):
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="单位")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class LegalAidCase(_Scoped):
    number = models.CharField("案号", max_length=40)
    kind = models.CharField("案件类别", max_length=20, choices=LegalAidKind.choices)
    applicant = models.CharField("受援人", max_length=100)
    recipients = models.PositiveSmallIntegerField("受援人数", default=1)
    matter = models.CharField("案由", max_length=200)
    received_on = models.DateField("受理日期", db_index=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    losses_recovered = models.DecimalField(
        "挽回经济损失（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    documents_drafted = models.PositiveSmallIntegerField("代写法律文书（件）", default=0)

    class Meta:
        verbose_name = "法律援助案件"
        verbose_name_plural = "法律援助案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "number"], name="legal_aid_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class LegalAidConsultation(_Scoped):
    held_on = models.DateField("咨询日期", db_index=True)
    channel = models.CharField("咨询方式", max_length=10, choices=ConsultationChannel.choices)
    persons = models.PositiveSmallIntegerField("咨询人次", default=1)
    topic = models.CharField("咨询事项", max_length=200)

    class Meta:
        verbose_name = "法律援助咨询"
        verbose_name_plural = "法律援助咨询"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class LegalEducationEvent(_Scoped):
    held_on = models.DateField("日期", db_index=True)
    kind = models.CharField("活动类型", max_length=20, choices=EducationKind.choices)
    title = models.CharField("活动名称", max_length=200)
    audience = models.CharField("受众", max_length=20, choices=Audience.choices)
    participants = models.PositiveIntegerField("参加（受众）人次", default=0)
    materials = models.PositiveIntegerField("发放普法资料（册、份）", default=0)
    promo_items = models.PositiveIntegerField("发放宣传品（个）", default=0)

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class StudySession(_Scoped):
    held_on = models.DateField("日期", db_index=True)
    kind = models.CharField("学法形式", max_length=20, choices=StudyKind.choices)
    topic = models.CharField("学习内容", max_length=200)
    lecturer = models.CharField("主讲人", max_length=100, blank=True)
    participants = models.PositiveSmallIntegerField("参加人数", default=0)

    class Meta:
        verbose_name = "领导干部学法"
        verbose_name_plural = "领导干部学法"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic
