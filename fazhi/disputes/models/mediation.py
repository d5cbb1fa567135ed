"""People's and administrative mediation, pre-litigation settlement (人民调解、行政调解、诉前化解)."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.org.predicates import scope_filter

from ..choices import DisputeKind, Linkage, MediationKind, MediationOutcome


class MediationQuerySet(models.QuerySet["Mediation"]):
    def visible_to(self, user: Any) -> MediationQuerySet:
        return self.filter(scope_filter(user))


class Mediation(models.Model):
    """一件调解 — recorded by the committee's or agency's staff; `agency` is the organising agency
    (the justice bureau or judicial office for people's mediation, the department for administrative)."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="mediations", verbose_name="组织单位"
    )
    kind = models.CharField("调解类型", max_length=20, choices=MediationKind.choices)
    dispute_kind = models.CharField("纠纷类型", max_length=20, choices=DisputeKind.choices)
    committee = models.CharField("调解组织", max_length=100)
    mediator = models.CharField("调解员", max_length=50)
    parties = models.CharField("当事人", max_length=200)
    summary = models.TextField("纠纷简况", blank=True)
    received_on = models.DateField("受理日期", db_index=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    outcome = models.CharField(
        "结果", max_length=10, choices=MediationOutcome.choices, default=MediationOutcome.PENDING
    )
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, default=0)
    linkage = models.CharField("对接类型", max_length=20, choices=Linkage.choices, blank=True, default="")
    court_referral_number = models.CharField("法院委派编号", max_length=60, blank=True)

    objects = MediationQuerySet.as_manager()

    class Meta:
        verbose_name = "调解"
        verbose_name_plural = "调解"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="mediation_amount_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.parties}"
