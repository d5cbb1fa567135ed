"""机器预审 — rules as data (a pattern with its legal basis) and the flags they raise on clauses."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import FlagDecision, FlagKind


class PreReviewRule(models.Model):
    """A pattern that suggests a normative document oversteps (37号; 行政处罚法第十六条 …).

    `pattern` is a regular expression over one clause; the flag is not raised when the clause
    itself cites a superior-law basis matching `unless_pattern` (e.g. "依据《…法》").
    """

    code = models.CharField("规则代码", max_length=40, unique=True)
    kind = models.CharField("问题类型", max_length=20, choices=FlagKind.choices)
    label = models.CharField("规则名称", max_length=100)
    pattern = models.TextField("匹配模式（正则表达式）")
    unless_pattern = models.TextField("已引用上位法依据时不提示（正则表达式）", blank=True)
    basis = models.CharField("法律依据", max_length=200)
    message = models.TextField("提示")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "预审规则"
        verbose_name_plural = "预审规则"
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.label


class PreReviewFlag(models.Model):
    """One flag on one clause; the legality reviewer records accepted / dismissed."""

    clause = models.ForeignKey("rulemaking.Clause", on_delete=models.CASCADE, related_name="flags")
    rule = models.ForeignKey(PreReviewRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField("问题类型", max_length=20, choices=FlagKind.choices)
    excerpt = models.CharField("命中文字", max_length=200)
    basis = models.CharField("法律依据", max_length=200)
    message = models.TextField("提示")
    related_document = models.ForeignKey(
        "rulemaking.NormativeDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="援引的已废止、失效文件",
    )
    decision = models.CharField(
        "审核人确认", max_length=20, choices=FlagDecision.choices, default=FlagDecision.PENDING
    )
    decision_note = models.TextField("确认说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("确认日期", null=True, blank=True)

    class Meta:
        verbose_name = "预审提示"
        verbose_name_plural = "预审提示"
        ordering = ["clause__position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.excerpt}"
