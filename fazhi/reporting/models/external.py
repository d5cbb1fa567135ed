"""Published annual reports of other jurisdictions (法治政府建设年度报告) and the figures read from them.

LEGAL_RULES.md §11: local governments publish their annual report by 1 April; the platform imports
them to compare its own county with its peers indicator by indicator.
"""

from __future__ import annotations

from django.db import models

from fazhi.org.choices import Level


class PublishedReport(models.Model):
    """外部法治政府建设年度报告 — one imported report file (idempotent by its SHA-256)."""

    jurisdiction_name = models.CharField("区划名称", max_length=50)
    level = models.CharField("层级", max_length=20, choices=Level.choices, blank=True)
    year = models.PositiveIntegerField("报告年度", null=True, blank=True)
    division_code = models.CharField("区划代码", max_length=6, blank=True)
    population = models.PositiveIntegerField("常住人口", null=True, blank=True)
    source_name = models.CharField("来源文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    structure = models.JSONField("结构检查结果", default=dict, blank=True)

    class Meta:
        verbose_name = "外部年度报告"
        verbose_name_plural = "外部年度报告"
        ordering = ["jurisdiction_name", "-year"]

    def __str__(self) -> str:
        return f"{self.jurisdiction_name}{self.year or ''}年度报告"


class ExtractedFigure(models.Model):
    """One figure read from a published report, with its indicator code and the quote it came from."""

    report = models.ForeignKey(
        PublishedReport, on_delete=models.CASCADE, related_name="figures", verbose_name="报告"
    )
    indicator = models.CharField("指标代码", max_length=80, db_index=True)
    label = models.CharField("名称", max_length=200)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)
    unit = models.CharField("单位", max_length=20, blank=True)
    approx = models.BooleanField("约数", default=False)
    quote = models.TextField("原文")
    sentence = models.TextField("原句", blank=True, default="", help_text="数据所在的整句，比较页一键可见。")
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")

    class Meta:
        verbose_name = "报告数据"
        verbose_name_plural = "报告数据"
        ordering = ["report", "start"]

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"
