"""Department submissions (填报): the figures the platform cannot compute from its own records.

The justice bureau opens one campaign per jurisdiction and year; each agency fills in a submission
(in the browser or through the Excel template), submits it, and the bureau approves it or returns
it with reasons. Only approved values count in the dashboard and the annual report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

NOT_APPLICABLE_TEXT = "无此项"


class CampaignStatus(models.TextChoices):
    OPEN = "open", "填报中"
    CLOSED = "closed", "已结束"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "填写中"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"


class Campaign(models.Model):
    """填报任务 — one year's submission round in one jurisdiction."""

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="campaigns", verbose_name="行政区划"
    )
    year = models.PositiveIntegerField("报告年度")
    due_date = models.DateField("填报截止日期")
    status = models.CharField(
        "状态", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    codes = models.JSONField("填报指标代码", default=list)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    opened_at = models.DateTimeField("发起时间", auto_now_add=True)

    class Meta:
        verbose_name = "填报任务"
        verbose_name_plural = "填报任务"
        ordering = ["-year", "jurisdiction"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="campaign_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction}{self.year}年度法治政府建设数据填报"

    @property
    def badge_class(self) -> str:
        return "status-due_soon" if self.status == CampaignStatus.OPEN else "status-paused"


class Submission(models.Model):
    """一个部门的填报表 — carries agency and jurisdiction for scoping (ADR 0002)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="submissions", verbose_name="填报任务"
    )
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="submissions", verbose_name="填报部门"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    status = models.CharField(
        "状态", max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="报送人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    review_note = models.TextField("审核意见（退回理由）", blank=True)
    no_data_note = models.TextField(
        "无数据说明",
        blank=True,
        help_text="报送时声明“无数据可报”（本单位本年度没有任何填报事项）的理由；声明时必填。",
    )

    class Meta:
        verbose_name = "部门填报表"
        verbose_name_plural = "部门填报表"
        ordering = ["campaign", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agency"], name="submission_one_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}（{self.campaign.year}年度）"

    @property
    def badge_class(self) -> str:
        return {
            SubmissionStatus.APPROVED: "status-on_time",
            SubmissionStatus.SUBMITTED: "status-due_soon",
            SubmissionStatus.RETURNED: "status-overdue",
        }.get(SubmissionStatus(self.status), "status-paused")

    @property
    def is_editable(self) -> bool:
        return self.status in {SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}


class SubmissionValue(models.Model):
    """One figure of a submission, with the note explaining it (required for a big jump on last year).

    Either a value or `not_applicable` (本单位无此项工作), never both: an N/A figure is not a zero and
    counts in no total or mean.
    """

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="values", verbose_name="填报表"
    )
    code = models.CharField("指标代码", max_length=80)
    value = models.DecimalField("数值", max_digits=16, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField("本单位无此项工作", default=False)
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "填报数值"
        verbose_name_plural = "填报数值"
        ordering = ["submission", "code"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "code"], name="submission_value_one_per_code"),
            models.CheckConstraint(
                condition=(
                    models.Q(value__isnull=False, not_applicable=False)
                    | models.Q(value__isnull=True, not_applicable=True)
                ),
                name="submission_value_value_xor_not_applicable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} = {NOT_APPLICABLE_TEXT if self.not_applicable else self.value}"
