"""NPC deputies' suggestions (人大代表建议) and CPPCC members' proposals (政协委员提案): one shape."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.procedures.models import ProcedureCase
from fazhi.org.predicates import scope_filter

from ..choices import Satisfaction, SuggestionCategory, SuggestionKind


class SuggestionQuerySet(models.QuerySet["Suggestion"]):
    def visible_to(self, user: Any) -> SuggestionQuerySet:
        """The lead agency, every co-handler and the supervising office of the jurisdiction."""
        q = scope_filter(user)
        if getattr(user, "is_authenticated", False) and user.agency_id:
            q |= Q(co_handlers__agency_id=user.agency_id)
        return self.filter(q).distinct()


class Suggestion(ProcedureCase):
    procedure_code = "affairs.suggestion"
    pending_select_related = ("agency",)

    kind = models.CharField("类别", max_length=10, choices=SuggestionKind.choices)
    number = models.CharField("编号", max_length=40)
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_suggestions",
        verbose_name="主办单位",
    )
    session = models.CharField("届次会议", max_length=60, blank=True)
    title = models.CharField("标题", max_length=200)
    proposers = models.CharField("领衔代表（委员）", max_length=200)
    content = models.TextField("内容", blank=True)
    received_on = models.DateField("提出日期")
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    is_complex = models.BooleanField("涉及面广、处理难度大", default=False)
    extension_requested_on = models.DateField("申请延期日期", null=True, blank=True)
    extension_request_ground = models.TextField("申请延期理由", blank=True)
    category = models.CharField("办理结果分类", max_length=1, choices=SuggestionCategory.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    replied_on_time = models.BooleanField("按期答复", null=True)
    satisfaction = models.CharField("代表委员满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    feedback_text = models.TextField("反馈意见", blank=True)
    rehandled = models.BooleanField("曾重新办理", default=False)
    published_on = models.DateField("复文公开日期", null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "kind", "number"], name="suggestion_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("affairs:suggestion_detail", args=[self.pk])


class CoHandler(models.Model):
    """协办单位 and its 会签 (the views it sends to the lead handler)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="co_handlers")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="协办单位"
    )
    opinion = models.TextField("协办意见", blank=True)
    countersigned_on = models.DateField("会签日期", null=True, blank=True)

    class Meta:
        verbose_name = "协办单位"
        verbose_name_plural = "协办单位"
        constraints = [models.UniqueConstraint(fields=["suggestion", "agency"], name="cohandler_unique")]

    def __str__(self) -> str:
        return str(self.agency_id)
