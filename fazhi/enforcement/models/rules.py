"""Per-agency time-limit rules (LEGAL_RULES.md §3 "decision time limit").

行政处罚法第六十条: decide within 90 days of opening "unless a law, regulation or rule says
otherwise"; the Act has no extension clause — extensions come from each department's rules (e.g.
market supervision: +30 days with the head's approval, further extension by the heads' collective
discussion; article number UNCONFIRMED). So the limits are a data row per agency with the defaults
below, never constants; an agency without a row uses the defaults.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .catalogue import ScopedQuerySet

DEFAULT_DECISION_DAYS = 90
DEFAULT_EXTENSION_DAYS = 30
DEFAULT_MAX_EXTENSIONS = 1
DEFAULT_APPROVER = "负责人批准"
# 陈述申辩期间 (第四十四条、第四十五条): the Act sets no number of days; the agency's rule does. The
# default of 3 working days is an interpretation (ADR 0011), kept as data like the decision period.
DEFAULT_STATEMENT_DAYS = 3


class PenaltyTimeLimitRule(models.Model):
    """办案期限规则 — one agency's decision period and extensions under its departmental rule."""

    agency = models.OneToOneField(
        "org.Agency",
        on_delete=models.CASCADE,
        related_name="penalty_time_limit_rule",
        verbose_name="执法主体",
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    decision_days = models.PositiveSmallIntegerField("作出决定期限（日）", default=DEFAULT_DECISION_DAYS)
    extension_days = models.PositiveSmallIntegerField("每次延长（日）", default=DEFAULT_EXTENSION_DAYS)
    max_extensions = models.PositiveSmallIntegerField("最多延长次数", default=DEFAULT_MAX_EXTENSIONS)
    extension_approver = models.CharField(
        "延长审批", max_length=100, default=DEFAULT_APPROVER, help_text="如：负责人批准；负责人集体讨论"
    )
    statement_days = models.PositiveSmallIntegerField(
        "陈述申辩期间（工作日）",
        default=DEFAULT_STATEMENT_DAYS,
        help_text="告知拟处罚（不含听证权利）后，当事人陈述申辩的期间；法律未规定天数，按本机关规则。",
    )
    legal_basis = models.CharField(
        "依据", max_length=150, blank=True, help_text="如：《市场监督管理行政处罚程序规定》"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="修改人"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政处罚办案期限规则"
        verbose_name_plural = verbose_name
        ordering = ["agency_id"]

    def __str__(self) -> str:
        return f"{self.agency}：{self.decision_days}日"
