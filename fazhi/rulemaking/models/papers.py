"""合法性审查 of other papers (contracts, agreements, decision drafts, replies) and legal advisers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.access import scope_filter
from fazhi.core.procedures.models import ProcedureCase

from ..choices import AdviserKind, PaperConclusion, PaperKind


class LegalAdviser(models.Model):
    """政府法律顾问 — a retained lawyer, legal scholar or public-sector lawyer, with the engagement."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类型", max_length=20, choices=AdviserKind.choices)
    organisation = models.CharField("执业机构或工作单位", max_length=100)
    engaged_from = models.DateField("聘任起始日期")
    engaged_to = models.DateField("聘任截止日期")
    contract_number = models.CharField("聘用合同编号", max_length=60, blank=True)

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["engaged_from", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）"


class AdviserMeeting(models.Model):
    """法律顾问列席会议."""

    adviser = models.ForeignKey(LegalAdviser, on_delete=models.PROTECT, related_name="meetings")
    on = models.DateField("会议日期")
    meeting = models.CharField("会议名称", max_length=100)
    note = models.TextField("发表意见", blank=True)

    class Meta:
        verbose_name = "列席会议"
        verbose_name_plural = "列席会议"
        ordering = ["-on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.meeting}"


class PaperReviewQuerySet(models.QuerySet["PaperReview"]):
    def visible_to(self, user: Any) -> PaperReviewQuerySet:
        """The justice bureau sees the jurisdiction; a submitting agency its own papers."""
        return self.filter(scope_filter(user))


class PaperReview(ProcedureCase):
    """One paper submitted for legality review: intake → assignment → the legal opinion (法律意见书)."""

    procedure_code = "rulemaking.paper_review"
    pending_select_related = ("agency",)

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="paper_reviews", verbose_name="送审单位"
    )
    kind = models.CharField("文件类型", max_length=20, choices=PaperKind.choices)
    title = models.CharField("送审文件", max_length=200)
    counterparty = models.CharField("合同相对方", max_length=200, blank=True)
    amount = models.DecimalField("合同金额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    received_on = models.DateField("收件日期", db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办审查人员",
    )
    adviser = models.ForeignKey(
        LegalAdviser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="法律顾问",
    )
    conclusion = models.CharField("审查结论", max_length=20, choices=PaperConclusion.choices, blank=True)
    opinion = models.TextField("法律意见书", blank=True)
    opinion_on = models.DateField("出具意见日期", null=True, blank=True, db_index=True)

    objects = PaperReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "涉法文件合法性审查"
        verbose_name_plural = "涉法文件合法性审查"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rulemaking:paper_detail", args=[self.pk])
