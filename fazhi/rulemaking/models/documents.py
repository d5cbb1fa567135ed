"""行政规范性文件 — drafts, versions and clauses, the unified number, filing and cleanup."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.access import scope_filter
from fazhi.core.procedures.models import ProcedureCase

from ..choices import CleanupConclusion, CleanupKind, FairCompetitionConclusion, MeetingKind, ReviewOpinion

VALID_STATES = ("published", "in_force")  # 现行有效: published (filing pending) or filed


class NormativeDocumentQuerySet(models.QuerySet["NormativeDocument"]):
    def visible_to(self, user: Any) -> NormativeDocumentQuerySet:
        """The justice bureau sees the jurisdiction; a drafting agency its own drafts (ADR 0002)."""
        return self.filter(scope_filter(user))

    def valid(self) -> NormativeDocumentQuerySet:
        """现行有效 — published and not repealed, expired or replaced."""
        return self.filter(state__in=VALID_STATES)


class NormativeDocument(ProcedureCase):
    """行政规范性文件 — one document from its registered draft to its repeal or expiry."""

    procedure_code = "rulemaking.normative_document"
    pending_select_related = ("agency",)

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="normative_documents", verbose_name="起草单位"
    )
    issuing_organ = models.CharField("制定机关", max_length=100)
    title = models.CharField("文件名称", max_length=200)
    summary = models.TextField("起草说明", blank=True)
    registered_on = models.DateField("登记日期", db_index=True)
    # 《优化营商环境条例》第六十二条第二款, 第六十四条: documents on market entities' business.
    touches_market = models.BooleanField("涉及市场主体经济活动", default=False)
    # 示范指标体系第24项: a major impact on rights and obligations → public comment.
    requires_comment = models.BooleanField("须公开征求意见", default=True)
    necessity_assessment = models.TextField("必要性、可行性评估", blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name="修订的原文件",
    )

    comment_starts_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_short_reason = models.TextField("征求意见期限少于规定期限的书面说明", blank=True)
    comment_closed_on = models.DateField("征求意见结束日期", null=True, blank=True)

    legality_submitted_on = models.DateField("报送合法性审核日期", null=True, blank=True)
    legality_opinion = models.CharField(
        "合法性审核意见", max_length=30, choices=ReviewOpinion.choices, blank=True
    )
    legality_opinion_text = models.TextField("合法性审核意见书", blank=True)
    legality_reviewed_on = models.DateField("合法性审核日期", null=True, blank=True, db_index=True)
    legality_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )

    fair_competition_conclusion = models.CharField(
        "公平竞争审查结论", max_length=20, choices=FairCompetitionConclusion.choices, blank=True
    )
    fair_competition_text = models.TextField("公平竞争审查书面结论", blank=True)
    fair_competition_on = models.DateField("公平竞争审查日期", null=True, blank=True)

    meeting_kind = models.CharField("审议会议", max_length=20, choices=MeetingKind.choices, blank=True)
    meeting_name = models.CharField("会议名称", max_length=100, blank=True)
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    minutes = models.TextField("会议纪要", blank=True)

    number = models.CharField("文号（统一编号）", max_length=60, null=True, blank=True)
    number_year = models.PositiveIntegerField("编号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("编号序号", null=True, blank=True)
    signed_by = models.CharField("签发人", max_length=50, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_months = models.PositiveIntegerField("有效期（月）", null=True, blank=True)
    publication_channel = models.CharField("公布载体", max_length=200, blank=True)
    full_text = models.TextField("正文", blank=True)

    filed_on = models.DateField("报送备案日期", null=True, blank=True, db_index=True)
    filed_with = models.CharField("备案机关", max_length=200, blank=True)
    filed_late = models.BooleanField("逾期报备", default=False)
    late_filing_reason = models.TextField("逾期报备原因", blank=True)
    filing_compliant = models.BooleanField("备案审查：报备规范", null=True)
    filing_review_note = models.TextField("备案审查意见", blank=True)

    evaluated_on = models.DateField("有效期届满前评估日期", null=True, blank=True)
    evaluation_conclusion = models.TextField("评估结论", blank=True)
    to_amend = models.BooleanField("清理结论：需修改", default=False)
    ended_on = models.DateField("废止、失效日期", null=True, blank=True, db_index=True)
    end_reason = models.TextField("废止、失效理由", blank=True)

    objects = NormativeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "number"],
                condition=Q(number__isnull=False),
                name="normative_document_unique_number",
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "issuing_organ", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="normative_document_unique_sequence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}《{self.title}》" if self.number else f"《{self.title}》（草案）"

    def get_absolute_url(self) -> str:
        return reverse("rulemaking:document_detail", args=[self.pk])

    @property
    def is_provisional(self) -> bool:
        """暂行 / 试行 documents: the shorter validity (local rules)."""
        return "暂行" in self.title or "试行" in self.title

    @property
    def is_valid(self) -> bool:
        return self.state in VALID_STATES


class DraftVersion(models.Model):
    """A version of a draft (a normative document's or a major decision's), split into clauses."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="versions"
    )
    decision = models.ForeignKey(
        "rulemaking.MajorDecision", on_delete=models.CASCADE, null=True, blank=True, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    created_on = models.DateField("形成日期")
    note = models.CharField("版本说明", max_length=200, blank=True)
    text = models.TextField("全文")

    class Meta:
        verbose_name = "草案版本"
        verbose_name_plural = "草案版本"
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, decision__isnull=True)
                | Q(document__isnull=True, decision__isnull=False),
                name="draft_version_one_owner",
            ),
            models.UniqueConstraint(fields=["document", "number"], name="draft_version_unique_doc"),
            models.UniqueConstraint(fields=["decision", "number"], name="draft_version_unique_decision"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}稿"


class Clause(models.Model):
    """One clause (条) of a draft version — what comments and pre-review flags anchor to."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField("序号")
    heading = models.CharField("条号", max_length=30)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "条款"
        verbose_name_plural = "条款"
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="clause_unique_position")]

    def __str__(self) -> str:
        return self.heading


class CleanupCampaign(models.Model):
    """规范性文件清理 — comprehensive (every 2 years) or thematic (when a superior law changes)."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("清理名称", max_length=200)
    kind = models.CharField("清理类型", max_length=20, choices=CleanupKind.choices)
    topic = models.CharField("专项清理主题", max_length=200, blank=True)
    started_on = models.DateField("开始日期")
    concluded_on = models.DateField("结束日期", null=True, blank=True)
    documents = models.ManyToManyField(NormativeDocument, through="CleanupResult", related_name="cleanups")

    class Meta:
        verbose_name = "清理工作"
        verbose_name_plural = "清理工作"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rulemaking:cleanup_detail", args=[self.pk])


class CleanupResult(models.Model):
    """One document's conclusion in a cleanup, with the reason."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="results")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_results")
    conclusion = models.CharField("清理结论", max_length=20, choices=CleanupConclusion.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_on = models.DateField("确定日期", null=True, blank=True)

    class Meta:
        verbose_name = "清理结论"
        verbose_name_plural = "清理结论"
        ordering = ["campaign", "document__number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_result_unique_document")
        ]

    def __str__(self) -> str:
        return self.get_conclusion_display() or "待定"
