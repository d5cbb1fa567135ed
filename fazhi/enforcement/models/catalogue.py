"""执法事项清单、裁量基准、法制审核目录 (行政处罚法第三十四、五十八条; 118号 二(一)、四(二))."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q

from fazhi.enforcement.choices import MatterKind, NoPenaltyList, ReviewGround, Tier


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):  # noqa: ANN001, ANN201
        """List-side twin of `enforcement.view_*` (ADR 0002): one WHERE clause."""
        from fazhi.org.predicates import scope_filter

        return self.filter(scope_filter(user))


class Matter(models.Model):
    """执法事项 — one power of one agency, with its legal basis (118号 二(一))."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="matters", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类别", max_length=20, choices=MatterKind.choices)
    legal_basis = models.TextField("设定依据")
    basis_article = models.CharField("依据条款", max_length=200, help_text="如：《食品安全法》第一百二十二条")
    is_active = models.BooleanField("有效", default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项"
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="matter_unique_code_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Benchmark(models.Model):
    """裁量基准 — one tier of a penalty matter with its fine range (第三十四条; 第三十二、三十三条).

    The no-penalty tier carries the list it belongs to (首违不罚 / 轻微不罚) and has no fine range.
    """

    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="benchmarks", verbose_name="事项"
    )
    tier = models.CharField("裁量阶次", max_length=20, choices=Tier.choices)
    circumstance = models.TextField("适用情形")
    no_penalty_list = models.CharField(
        "不予处罚清单", max_length=20, choices=NoPenaltyList.choices, blank=True, default=""
    )
    fine_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    other_penalties = models.CharField("其他处罚种类", max_length=200, blank=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["matter", "tier"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_max__gte=models.F("fine_min")),
                name="benchmark_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter.name} · {self.get_tier_display()}"

    def contains(self, fine: Decimal | None) -> bool:
        """Is a proposed fine inside this tier's range? No penalty means no fine."""
        amount = fine or Decimal("0")
        if self.tier == Tier.NO_PENALTY:
            return amount == 0
        if self.fine_min is not None and amount < self.fine_min:
            return False
        return not (self.fine_max is not None and amount > self.fine_max)

    def range_display(self) -> str:
        if self.fine_min is None and self.fine_max is None:
            return "—"
        return f"{self.fine_min if self.fine_min is not None else 0}–{self.fine_max if self.fine_max is not None else '∞'} 元"


class LegalReviewItem(models.Model):
    """法制审核目录 — which matters and circumstances need legal review before decision (第五十八条)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="legal_review_items", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    matter = models.ForeignKey(
        Matter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_items",
        verbose_name="事项",
    )
    ground = models.CharField("审核情形", max_length=20, choices=ReviewGround.choices)
    circumstance = models.CharField("具体情形", max_length=300, blank=True)
    min_fine = models.DecimalField(
        "罚款达到（元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="拟罚款达到此金额时须法制审核；留空表示该事项一律审核。",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "法制审核目录"
        verbose_name_plural = "法制审核目录"
        ordering = ["agency", "matter"]

    def __str__(self) -> str:
        return f"{self.matter or '全部事项'} · {self.get_ground_display()}"
