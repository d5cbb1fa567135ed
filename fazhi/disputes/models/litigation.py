"""Litigation defence (行政应诉) — 《行政诉讼法》; SPC 2020 rules on head appearance (LEGAL_RULES.md §2)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from fazhi.org.predicates import scope_filter

from ..choices import AbsenceReason, Instance, Judgment


class LitigationQuerySet(models.QuerySet["LitigationCase"]):
    def visible_to(self, user: Any) -> LitigationQuerySet:
        return self.filter(scope_filter(user))


class LitigationCase(models.Model):
    """One administrative suit at one instance in which an agency of the jurisdiction is defendant.

    Head appearance is counted per case and per instance (2020规定第七条第二款, 第十四条), so an
    appeal is its own row linked to the first-instance row by `previous`.
    """

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="litigation_cases", verbose_name="被告机关"
    )
    government_is_defendant = models.BooleanField("以本级人民政府为被告", default=False)
    court = models.CharField("法院", max_length=100)
    case_number = models.CharField("案号", max_length=60)
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_instances",
        verbose_name="前审",
    )
    plaintiff = models.CharField("原告", max_length=200)
    cause = models.CharField("案由", max_length=200)
    reconsideration = models.ForeignKey(
        "disputes.Reconsideration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_on = models.DateField("立案日期", null=True, blank=True)
    # 《行政诉讼法》第六十七条: defence and evidence within 15 days of receiving the complaint copy —
    # the engine's standalone clock (procedures.LITIGATION "defence"); selectors annotate its due date.
    served_on = models.DateField("收到起诉状副本日期")
    defence_filed_on = models.DateField("提交答辩状日期", null=True, blank=True)
    judgment = models.CharField("裁判结果", max_length=30, choices=Judgment.choices, blank=True)
    judgment_on = models.DateField("裁判日期", null=True, blank=True, db_index=True)
    appealed = models.BooleanField("已上诉", default=False)
    judicial_recommendation = models.BooleanField("收到司法建议", default=False)

    objects = LitigationQuerySet.as_manager()

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        ordering = ["-served_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["court", "case_number"], name="litigation_unique_case_number"),
        ]

    def __str__(self) -> str:
        return self.case_number

    def get_absolute_url(self) -> str:
        return reverse("disputes:litigation_detail", args=[self.pk])


class LitigationHearing(models.Model):
    """开庭 — with whether the agency head appeared (《行政诉讼法》第三条第三款)."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期")
    head_appeared = models.BooleanField("负责人出庭")
    head_name = models.CharField("出庭负责人", max_length=50, blank=True)
    head_post = models.CharField("职务", max_length=50, blank=True)
    absence_reason = models.CharField(
        "未出庭理由", max_length=20, choices=AbsenceReason.choices, blank=True
    )  # 2020规定第八条
    absence_detail = models.CharField("未出庭说明", max_length=200, blank=True)
    staff_attending = models.CharField("出庭工作人员", max_length=100, blank=True)  # 2020规定第十条

    class Meta:
        verbose_name = "开庭"
        verbose_name_plural = "开庭"
        ordering = ["case", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"


class EnforcementApplication(models.Model):
    """非诉执行申请 — 《行政强制法》第五十三、五十四条."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="enforcement_applications",
        verbose_name="申请机关",
    )
    court = models.CharField("法院", max_length=100)
    decision_number = models.CharField("行政决定文号", max_length=100)
    respondent_name = models.CharField("被执行人", max_length=100)
    demand_served_on = models.DateField("催告送达日期")
    applied_on = models.DateField("申请日期", db_index=True)
    ruling = models.CharField("裁定结果", max_length=100, blank=True)

    class Meta:
        verbose_name = "非诉执行申请"
        verbose_name_plural = "非诉执行申请"
        ordering = ["-applied_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.applied_on}"


class LossRule(models.Model):
    """What counts as 败诉 — UNCONFIRMED in law, so configurable (LEGAL_RULES.md §2). One row per
    jurisdiction; without a row the defaults of `DEFAULT_LOSS_JUDGMENTS` apply."""

    jurisdiction = models.OneToOneField("org.Jurisdiction", on_delete=models.CASCADE, related_name="+")
    judgments = models.JSONField("计为败诉的裁判结果", default=list)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "败诉认定规则"
        verbose_name_plural = "败诉认定规则"

    def __str__(self) -> str:
        return f"{self.jurisdiction} 败诉认定规则"


# Common statistical practice (LEGAL_RULES.md §2): 撤销, 变更, 确认违法, 确认无效, 履行, 给付 and
# administrative-agreement liability are losses; 驳回诉讼请求, 驳回起诉, 撤诉 are not.
DEFAULT_LOSS_JUDGMENTS = (
    Judgment.REVOKE,
    Judgment.ALTER,
    Judgment.DECLARE_UNLAWFUL,
    Judgment.DECLARE_VOID,
    Judgment.PERFORM,
    Judgment.PAY,
    Judgment.AGREEMENT_REMEDY,
)
