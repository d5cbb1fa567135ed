"""The statutory annual report (法治政府建设年度报告, LEGAL_RULES.md §11; 督察工作规定).

Staff write one narrative per section; placeholders such as `{{ind:enforcement.cases_closed}}`
and `{{yoy:enforcement.cases_closed}}` are resolved when the report is built, and every resolved
figure is kept as a `ReportFigure` with its source (computation over records, or an approved
submission), so the on-screen report links each figure back to what is behind it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    PUBLISHED = "published", "已公开"


class FigureSource(models.TextChoices):
    COMPUTED = "computed", "系统计算"
    SUBMISSION = "submission", "部门填报"
    MISSING = "missing", "暂无数据"


class AnnualReport(models.Model):
    """One jurisdiction's report for one year."""

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="annual_reports", verbose_name="行政区划"
    )
    year = models.PositiveIntegerField("报告年度")
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("发文机关", max_length=100)
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    built_at = models.DateTimeField("数据生成时间", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="公开人",
    )
    docx_file = models.FileField("Word 文件", upload_to="reports/", blank=True)
    pdf_file = models.FileField("PDF 文件", upload_to="reports/", blank=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "jurisdiction"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="annual_report_one_per_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def badge_class(self) -> str:
        return "status-on_time" if self.status == ReportStatus.PUBLISHED else "status-due_soon"

    @property
    def report_due(self) -> date:
        """报送 to the same-level Party committee / people's congress and the level above: 1 March of Y+1 (LEGAL_RULES §11)."""
        return date(self.year + 1, 3, 1)

    @property
    def publication_due(self) -> date:
        """向社会公开 by 1 April of Y+1 (督察工作规定第二十四条, per secondary sources)."""
        return date(self.year + 1, 4, 1)


class ReportSection(models.Model):
    """One statutory section (or one of the eight systems under "main measures") with its narrative."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="sections", verbose_name="年度报告"
    )
    key = models.CharField("章节", max_length=40)
    order = models.PositiveIntegerField("顺序")
    heading = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True, help_text="可插入 {{ind:指标代码}}、{{yoy:指标代码}}。")

    class Meta:
        verbose_name = "报告章节"
        verbose_name_plural = "报告章节"
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_unique_key"),
        ]

    def __str__(self) -> str:
        return self.heading


class ReportFigure(models.Model):
    """One figure cited in the text, with the value it had when the report was built and its source."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="figures", verbose_name="年度报告"
    )
    section = models.ForeignKey(
        ReportSection, on_delete=models.CASCADE, related_name="figures", verbose_name="章节"
    )
    position = models.PositiveIntegerField("在章节中的序号")
    kind = models.CharField("引用类型", max_length=3)  # ind / yoy
    code = models.CharField("指标代码", max_length=80)
    value = models.DecimalField("数值", max_digits=18, decimal_places=2, null=True, blank=True)
    previous = models.DecimalField("上年数值", max_digits=18, decimal_places=2, null=True, blank=True)
    text = models.CharField("正文中显示为", max_length=100)
    source = models.CharField("来源", max_length=12, choices=FigureSource.choices)
    record_count = models.PositiveIntegerField("依据记录数", null=True, blank=True)
    submissions = models.ManyToManyField(
        "reporting.Submission", blank=True, related_name="+", verbose_name="依据的填报表"
    )

    class Meta:
        verbose_name = "报告引用数字"
        verbose_name_plural = "报告引用数字"
        ordering = ["section__order", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="report_figure_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.text}"
