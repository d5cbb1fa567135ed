"""重大行政决策 — 《重大行政决策程序暂行条例》(国务院令第713号, in force 2019-09-01)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.access import scope_filter
from fazhi.core.procedures.models import ProcedureCase

from ..choices import CatalogueState, MeetingKind, ReviewOpinion, RiskLevel


class DecisionCatalogue(models.Model):
    """年度重大行政决策事项目录 (第三条第三款): drafted → approved by the Party committee → published."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    state = models.CharField(
        "状态", max_length=20, choices=CatalogueState.choices, default=CatalogueState.DRAFTED
    )
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    approval_note = models.CharField("同意文件", max_length=200, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="decision_catalogue_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度重大行政决策事项目录"


class MajorDecisionQuerySet(models.QuerySet["MajorDecision"]):
    def visible_to(self, user: Any) -> MajorDecisionQuerySet:
        """The justice bureau sees the jurisdiction; an undertaking unit its own decisions."""
        return self.filter(scope_filter(user))


class MajorDecision(ProcedureCase):
    """One decision matter, from the catalogue through the five procedures to post-evaluation."""

    procedure_code = "rulemaking.major_decision"
    pending_select_related = ("agency",)

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="major_decisions", verbose_name="承办单位"
    )
    catalogue = models.ForeignKey(
        DecisionCatalogue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="所在目录",
    )
    in_catalogue = models.BooleanField("列入目录", default=True)  # False once adjusted out
    title = models.CharField("决策事项", max_length=200)
    summary = models.TextField("决策内容和理由")
    registered_on = models.DateField("启动日期")
    # 第十四条: unless confidential; 第十九条: specialised matters; 第二十二条: stability risks.
    confidential = models.BooleanField("依法不予公开（不公开征求意见）", default=False)
    confidential_reason = models.TextField("不公开征求意见的依据", blank=True)
    requires_expert_review = models.BooleanField("须专家论证（专业性、技术性较强）", default=True)
    requires_risk_assessment = models.BooleanField("须风险评估（可能影响社会稳定、公共安全）", default=True)
    touches_market = models.BooleanField("涉及市场主体经济活动", default=False)

    comment_starts_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_short_reason = models.TextField("征求意见期限少于30日的说明", blank=True)
    comment_closed_on = models.DateField("征求意见结束日期", null=True, blank=True)
    comment_adoption = models.TextField("公众意见采纳情况", blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_record = models.TextField("听证笔录摘要", blank=True)

    expert_review_on = models.DateField("专家论证日期", null=True, blank=True)
    expert_names = models.CharField("论证专家", max_length=300, blank=True)
    expert_opinion = models.TextField("专家论证意见", blank=True)

    risk_assessed_on = models.DateField("风险评估日期", null=True, blank=True)
    risk_level = models.CharField("风险等级", max_length=20, choices=RiskLevel.choices, blank=True)
    risk_report = models.TextField("风险评估报告", blank=True)

    legality_submitted_on = models.DateField("报送合法性审查日期", null=True, blank=True)
    legality_opinion = models.CharField(
        "合法性审查意见", max_length=30, choices=ReviewOpinion.choices, blank=True
    )
    legality_opinion_text = models.TextField("合法性审查意见书", blank=True)
    legality_reviewed_on = models.DateField("合法性审查日期", null=True, blank=True)
    legality_short_reason = models.TextField("审查期限少于7个工作日的说明", blank=True)

    meeting_kind = models.CharField("决定会议", max_length=20, choices=MeetingKind.choices, blank=True)
    meeting_name = models.CharField("会议名称", max_length=100, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    minutes = models.TextField("会议纪要", blank=True)
    dissent = models.TextField("不同意见（如实记录）", blank=True)
    head_explanation = models.TextField("行政首长与多数意见不一致时的说明", blank=True)
    outcome = models.TextField("决定内容", blank=True)
    published_on = models.DateField("决策公布日期", null=True, blank=True)

    objects = MajorDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-registered_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rulemaking:decision_detail", args=[self.pk])


class CatalogueAdjustment(models.Model):
    """目录调整 (第三条第三款: adjusted as needed)."""

    catalogue = models.ForeignKey(DecisionCatalogue, on_delete=models.CASCADE, related_name="adjustments")
    decision = models.ForeignKey(MajorDecision, on_delete=models.PROTECT, related_name="+")
    added = models.BooleanField("调入（否则调出）")
    on = models.DateField("调整日期")
    reason = models.TextField("调整理由")

    class Meta:
        verbose_name = "目录调整"
        verbose_name_plural = "目录调整"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{'调入' if self.added else '调出'} {self.on}"


class DecisionReport(models.Model):
    """决策执行情况报告 (第三十四条) or 决策后评估 (第三十六条)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="reports")
    is_evaluation = models.BooleanField("后评估", default=False)
    on = models.DateField("日期")
    by = models.CharField("执行单位或评估机构", max_length=100)
    text = models.TextField("情况")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "执行情况报告、后评估"
        verbose_name_plural = "执行情况报告、后评估"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{'后评估' if self.is_evaluation else '执行情况报告'} {self.on}"
