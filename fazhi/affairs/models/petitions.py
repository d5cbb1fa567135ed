"""Petitions (信访事项) — 《信访工作条例》(2022); 12345 complaints about enforcement as supervision leads."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from fazhi.core.procedures.models import ProcedureCase

from ..choices import PetitionChannel, PetitionOutcome, PetitionRoute
from ._base import ScopedQuerySet


class Petition(ProcedureCase):
    procedure_code = "affairs.petition"
    pending_select_related = ("agency",)

    number = models.CharField("信访件编号", max_length=40)
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="petitions", verbose_name="办理机关"
    )
    channel = models.CharField("信访形式", max_length=10, choices=PetitionChannel.choices)
    petitioner = models.CharField("信访人", max_length=100)
    id_number = models.CharField("身份证号码", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    content = models.TextField("信访事项")
    posted_on = models.DateField("交邮日期", null=True, blank=True)
    received_on = models.DateField("收到日期", db_index=True)
    route = models.CharField("办理途径", max_length=12, choices=PetitionRoute.choices, blank=True)
    statutory_route = models.CharField("法定途径", max_length=100, blank=True)
    outcome = models.CharField("处理意见", max_length=12, choices=PetitionOutcome.choices, blank=True)
    opinion_text = models.TextField("处理意见书摘要", blank=True)
    answered_on = models.DateField("出具处理意见日期", null=True, blank=True, db_index=True)
    answered_on_time = models.BooleanField("按期办结", null=True)
    opinion_served_on = models.DateField("信访人收到处理意见书日期", null=True, blank=True)
    review_outcome = models.CharField("复查意见", max_length=12, choices=PetitionOutcome.choices, blank=True)
    review_served_on = models.DateField("信访人收到复查意见日期", null=True, blank=True)
    rereview_outcome = models.CharField(
        "复核意见", max_length=12, choices=PetitionOutcome.choices, blank=True
    )
    is_long_standing = models.BooleanField("信访积案", default=False)
    # 12345 complaints about enforcement: a supervision lead, linked to the agency's enforcement record
    is_enforcement_complaint = models.BooleanField("涉行政执法投诉（监督线索）", default=False)
    enforcement_case = models.ForeignKey(
        "enforcement.PenaltyCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name="关联执法案件",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "number"], name="petition_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("affairs:petition_detail", args=[self.pk])
