"""Models of the `core` app itself (the machinery apps — audit, workdays, procedures… — have their own)."""

from __future__ import annotations

from django.db import models


class NumberSeries(models.Model):
    """The last official number handed out in one series, per scope and year (`core.numbers`).

    One row per (series, scope, year), e.g. ("disputes.reconsideration", "jurisdiction:3", 2025).
    Writers lock the row (`select_for_update`) and increment `last` in their own transaction, so a
    number is consumed only when the record that carries it is committed.
    """

    series = models.CharField("编号类型", max_length=80)
    scope = models.CharField("编号范围", max_length=80)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到的号", default=0)

    class Meta:
        verbose_name = "文号序列"
        verbose_name_plural = "文号序列"
        constraints = [
            models.UniqueConstraint(fields=["series", "scope", "year"], name="number_series_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.scope} {self.year}: {self.last}"


class RateCounter(models.Model):
    """How many times `key` (a client address, or "*" for everyone) used `scope` on `day`
    (`core.ratelimit`). Rows older than a few days are deleted as new ones are written."""

    scope = models.CharField("限流对象", max_length=80)
    key = models.CharField("来源", max_length=64)
    day = models.DateField("日期")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "访问计数"
        verbose_name_plural = "访问计数"
        constraints = [models.UniqueConstraint(fields=["scope", "key", "day"], name="rate_counter_unique")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} {self.day}: {self.count}"
