"""Stored state of every procedure: the step history and the deadlines with their explanation.

`Step` is append-only (STYLE.md: state history is appended, never edited). `Deadline` stores its
due date and the one-line explanation of how it was computed (DESIGN.md "a deadline explains
itself"); `DeadlinePause` and `DeadlineExtension` make suspension and extension first-class
(LEGAL_RULES.md §13 "suspension and extension"; e.g. 行政复议法第三十九条、第六十二条).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models


class ProcedureCase(models.Model):
    """Abstract base of every case model run by a procedure: adds the indexed `state`.

    Subclasses set `procedure_code` and give their manager a `visible_to(user)` filter.
    """

    procedure_code: str = ""

    state = models.CharField("状态", max_length=40, db_index=True, default="", blank=True)
    procedure_deadlines = GenericRelation("procedures.Deadline")
    procedure_steps = GenericRelation("procedures.Step")

    class Meta:
        abstract = True

    @property
    def procedure(self) -> Any:
        from .declare import get_procedure

        return get_procedure(self.procedure_code)

    @property
    def state_label(self) -> str:
        return str(self.procedure.state_label(self.state))


class Step(models.Model):
    """One fired transition (who, on which date, from → to, with what data). Never edited."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="案件类型")
    object_id = models.PositiveBigIntegerField("案件ID")
    case = GenericForeignKey("content_type", "object_id")
    procedure_code = models.CharField("程序", max_length=80)
    transition = models.CharField("环节", max_length=60)
    label = models.CharField("环节名称", max_length=100, blank=True)
    from_state = models.CharField("原状态", max_length=40, blank=True)
    to_state = models.CharField("新状态", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedure_steps",
        verbose_name="办理人",
        help_text="为空表示系统自动办理（如期满视为受理）。",
    )
    on = models.DateField("办理日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    data = models.JSONField("数据", default=dict, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "办理环节"
        verbose_name_plural = "办理环节"
        ordering = ["content_type", "object_id", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="step_case_idx")]

    def __str__(self) -> str:
        return f"{self.on} {self.label or self.transition}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The history is appended, never edited (STYLE.md §1: state history is append-only).
        if not self._state.adding:
            raise PermissionDenied("办理环节记录只能新增，不能修改。")
        super().save(*args, **kwargs)


class DeadlineState(models.TextChoices):
    OPEN = "open", "计时中"
    PAUSED = "paused", "已中止计时"
    MET = "met", "按期办结"
    MISSED = "missed", "超期"
    SUPERSEDED = "superseded", "已重新起算"
    # closed while its due date was still awaiting calendar data and after the first day of the
    # unknown year: met or missed is decided when the year is entered (recompute_open_deadlines)
    UNDECIDED = "undecided", "已结束（待录入日历后判定是否按期）"


class PeriodUnit(models.TextChoices):
    WORKING_DAYS = "wd", "工作日"
    CALENDAR_DAYS = "cd", "日"
    MONTHS = "m", "月"


class Deadline(models.Model):
    """One run of a clock on one case, with its stored due date and how it was computed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="案件类型")
    object_id = models.PositiveBigIntegerField("案件ID")
    case = GenericForeignKey("content_type", "object_id")
    procedure_code = models.CharField("程序", max_length=80)
    clock = models.CharField("期限代码", max_length=60)
    label = models.CharField("期限", max_length=100)
    period_n = models.PositiveIntegerField("期间")
    period_unit = models.CharField("期间单位", max_length=2, choices=PeriodUnit.choices)
    basis = models.CharField("法律依据", max_length=200, blank=True)
    start_date = models.DateField("起算日")
    due_date = models.DateField(
        "届满日",
        null=True,
        blank=True,
        help_text="跨入尚未录入节假日安排的年度时为暂按双休日推算的日期（待日历确认）。",
    )
    calendar_pending = models.BooleanField(
        "待日历确认",
        default=False,
        help_text="届满日所在年度的节假日安排尚未录入：届满日暂按双休日推算，录入后由系统改为准确日期并留痕。",
    )
    explanation = models.TextField("计算说明")
    state = models.CharField("状态", max_length=12, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    started_by = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="起算环节"
    )
    closed_by = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="结束环节"
    )

    class Meta:
        verbose_name = "办理期限"
        verbose_name_plural = "办理期限"
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["state", "due_date"], name="deadline_state_due_idx"),
            models.Index(fields=["content_type", "object_id"], name="deadline_case_idx"),
        ]

    def __str__(self) -> str:
        pending = "（待日历确认）" if self.calendar_pending else ""
        return f"{self.label} {self.due_date}{pending}"

    @property
    def is_running(self) -> bool:
        return self.state in (DeadlineState.OPEN, DeadlineState.PAUSED)

    @property
    def closed_on_time(self) -> bool:
        return self.state == DeadlineState.MET


class DeadlinePause(models.Model):
    """中止/暂停计时 — an interval in which the clock does not run. Days after `start` up to and
    including `end` are not counted (the count resumes the day after `end`, 民事诉讼法第八十五条)."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="pauses", verbose_name="期限"
    )
    start = models.DateField("中止日期")
    end = models.DateField("恢复日期", null=True, blank=True)
    ground = models.TextField("中止理由", blank=True)
    # Steps are deleted only together with their case (GenericRelation cascade), so these follow.
    # empty for a standalone clock (core.procedures.clocks), which has no steps
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="中止环节"
    )
    end_step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="恢复环节"
    )

    class Meta:
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"
        ordering = ["deadline", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="deadline_pause_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end or ''}"


class DeadlineExtension(models.Model):
    """延长期限 — one approved extension, with its ground and approver (e.g. 行政复议法第六十二条)."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="extensions", verbose_name="期限"
    )
    period_n = models.PositiveIntegerField("延长期间")
    period_unit = models.CharField("期间单位", max_length=2, choices=PeriodUnit.choices)
    ground = models.TextField("延长理由", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准人",
    )
    # empty while the deadline awaits calendar data (filled in when the year is entered)
    old_due = models.DateField("原届满日", null=True, blank=True)
    new_due = models.DateField("新届满日", null=True, blank=True)
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="延长环节"
    )

    class Meta:
        verbose_name = "期限延长"
        verbose_name_plural = "期限延长"
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.old_due or '待录入日历'} → {self.new_due or '待录入日历'}"
