"""Years of the holiday calendar entered by staff (LEGAL_RULES.md §13 "annual announcement").

Each year the General Office of the State Council publishes 《国务院办公厅关于YYYY年部分节假日安排的通知》;
a supervisor enters it here. A year entered here overrides the data file and the package for that
whole year. Write only through ``services.enter_holiday_year``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DayKind(models.TextChoices):
    REST = "rest", "放假（休息）"
    WORK = "work", "调休上班"


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    notice_title = models.CharField("通知标题", max_length=200)
    notice_number = models.CharField("文号", max_length=100, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    note = models.TextField("备注", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="录入人",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    """One day that departs from the Mon–Fri rule: a rest day (放假) or a make-up working day (调休上班)."""

    holiday_year = models.ForeignKey(
        HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=4, choices=DayKind.choices)
    name = models.CharField("节日名称", max_length=60, blank=True)

    class Meta:
        verbose_name = "节假日安排日期"
        verbose_name_plural = "节假日安排日期"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()
