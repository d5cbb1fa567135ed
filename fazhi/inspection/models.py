"""One list and two directories (一单两库), plans, draws and tasks — 国发〔2019〕5号 (LEGAL_RULES.md §5)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from fazhi.core.access import scope_filter
from fazhi.core.procedures.models import ProcedureCase

from .choices import (
    CreditGrade,
    DrawState,
    EntityKind,
    InspectionMethod,
    MatterCategory,
    Outcome,
    PlanKind,
)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Any:
        """The justice bureau sees its jurisdiction, an agency its own records (ADR 0002)."""
        return self.filter(scope_filter(user))


class InspectionMatter(models.Model):
    """抽查事项清单 — one line of an agency's list; a task outside the list cannot exist (清单之外无检查)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="inspection_matters", verbose_name="部门"
    )
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("抽查事项", max_length=200)
    legal_basis = models.TextField("检查依据")
    category = models.CharField(
        "事项类别", max_length=20, choices=MatterCategory.choices, default=MatterCategory.GENERAL
    )
    object_kind = models.CharField("检查对象类型", max_length=20, choices=EntityKind.choices)
    method = models.CharField("检查方式", max_length=20, choices=InspectionMethod.choices)
    ratio = models.DecimalField(
        "抽查比例上限（%）",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="一般检查事项的抽查比例上限；重点检查事项不设上限。",
    )
    frequency = models.CharField("抽查频次", max_length=50, blank=True, help_text="如：每年1次")
    is_active = models.BooleanField("有效", default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "抽查事项"
        verbose_name_plural = "抽查事项清单"
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="inspection_matter_code_per_agency"),
            models.CheckConstraint(
                condition=Q(ratio__isnull=True) | (Q(ratio__gt=0) & Q(ratio__lte=100)),
                name="inspection_matter_ratio_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EntityQuerySet(models.QuerySet["Entity"]):
    def visible_to(self, user: Any) -> EntityQuerySet:
        """The directory is shared by every agency of the jurisdiction (一个名录库)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(jurisdiction_id=user.jurisdiction_id)


class Entity(models.Model):
    """检查对象名录库 — one inspected object. `key` is its USCC, or the code of a product/project."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    key = models.CharField("统一社会信用代码/对象编码", max_length=40, unique=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("对象类型", max_length=20, choices=EntityKind.choices, db_index=True)
    industry = models.CharField("行业", max_length=50, blank=True, db_index=True)
    address = models.CharField("住所（经营场所）", max_length=200, blank=True)
    area = models.CharField("所属区域（乡镇、街道）", max_length=50, blank=True)
    credit_grade = models.CharField(
        "信用风险分类", max_length=1, choices=CreditGrade.choices, default=CreditGrade.B
    )
    flags = models.JSONField("标记", default=list, blank=True)
    is_active = models.BooleanField("存续", default=True)
    updated_on = models.DateField("更新日期", null=True, blank=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录库"
        ordering = ["key"]
        indexes = [models.Index(fields=["jurisdiction", "kind", "credit_grade"])]

    def __str__(self) -> str:
        return self.name


class Inspector(models.Model):
    """执法检查人员名录库 — an officer of the agency; drawable only with a valid enforcement certificate."""

    officer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspector", verbose_name="执法人员"
    )
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    specialties = models.CharField("专长", max_length=200, blank=True)
    is_active = models.BooleanField("在库", default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "检查人员"
        verbose_name_plural = "执法检查人员名录库"
        ordering = ["agency", "officer__full_name"]

    def __str__(self) -> str:
        return str(self.officer)


class InspectorConflict(models.Model):
    """A declared conflict of interest: the inspector withdraws from this object (行政处罚法第四十三条)."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="conflicts")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+", verbose_name="检查对象")
    reason = models.CharField("回避事由", max_length=200)
    declared_on = models.DateField("申报日期")

    class Meta:
        verbose_name = "回避申报"
        verbose_name_plural = "回避申报"
        constraints = [
            models.UniqueConstraint(fields=["inspector", "entity"], name="inspector_conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspector} — {self.entity}"


class InspectionPlan(ProcedureCase):
    """抽查计划 — submitted by an agency, reviewed by the justice bureau (procedures.PLAN)."""

    procedure_code = "inspection.plan"

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("计划编号", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("计划类型", max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL)
    title = models.CharField("计划名称", max_length=200)
    matter = models.ForeignKey(
        InspectionMatter, on_delete=models.PROTECT, related_name="plans", verbose_name="抽查事项"
    )
    legal_basis = models.TextField("检查依据")
    industry = models.CharField("行业范围", max_length=50, blank=True, help_text="留空为全部行业")
    area = models.CharField("区域范围", max_length=50, blank=True, help_text="留空为全县")
    ratio = models.DecimalField("抽查比例（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    grade_ratios = models.JSONField("各信用等级抽查比例（%）", default=dict, blank=True)
    count = models.PositiveIntegerField("抽查数量", null=True, blank=True)
    period_start = models.DateField("检查期间起")
    period_end = models.DateField("检查期间止")
    partners = models.ManyToManyField("org.Agency", blank=True, related_name="+", verbose_name="联合抽查部门")
    partner_matters = models.ManyToManyField(
        InspectionMatter, blank=True, related_name="joint_plans", verbose_name="联合抽查事项"
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_plans",
        verbose_name="并入的联合抽查计划",
    )
    pending_change = models.JSONField("待批准的变更", default=dict, blank=True)
    created_on = models.DateField("制定日期")

    objects = ScopedQuerySet.as_manager()
    pending_select_related = ("agency",)

    class Meta:
        verbose_name = "抽查计划"
        verbose_name_plural = "抽查计划"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="inspection_plan_number_per_agency"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="inspection_plan_period_order"
            ),
            models.CheckConstraint(
                condition=Q(ratio__isnull=True) | (Q(ratio__gt=0) & Q(ratio__lte=100)),
                name="inspection_plan_ratio_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspection:plan_detail", args=[self.pk])

    @property
    def is_joint(self) -> bool:
        return self.partners.exists()


class Draw(models.Model):
    """随机抽取 — one batch. Immutable once drawn (`save` refuses changes to the frozen fields).

    Commit–reveal: at commit the eligible list is frozen and sha256(seed) published; at draw the seed
    is revealed and the selection recorded. A redraw supersedes a drawn batch with a recorded reason;
    the original stays visible (ADR 0010).
    """

    # Fixed at the commit (the published list and hash, and the seed behind it) …
    FROZEN_AT_COMMIT = (
        "plan_id",
        "number",
        "seed_sha256",
        "seed",
        "eligible_file",
        "eligible_sha256",
        "committed_on",
    )
    # … and at the draw (the result).
    FROZEN_AT_DRAW = ("result_file", "selected_count", "drawn_on")

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="draws")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("抽取批次号", max_length=60, unique=True)
    state = models.CharField("状态", max_length=20, choices=DrawState.choices, default=DrawState.COMMITTED)
    seed_sha256 = models.CharField("种子哈希值（SHA-256）", max_length=64)
    seed = models.CharField("随机种子", max_length=128, blank=True)
    eligible_file = models.TextField("待抽取名单文件")
    eligible_sha256 = models.CharField("名单哈希值", max_length=64)
    eligible_count = models.PositiveIntegerField("待抽取对象数")
    excluded_count = models.PositiveIntegerField("排除对象数（近期已检查）", default=0)
    result_file = models.TextField("抽取结果文件", blank=True)
    selected_count = models.PositiveIntegerField("抽中对象数", default=0)
    frequency_warnings = models.JSONField("频次预警", default=list, blank=True)
    committed_on = models.DateField("公布种子哈希日期")
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name="重新抽取所替代的批次",
    )
    redraw_reason = models.CharField("重新抽取理由", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "抽取批次"
        verbose_name_plural = "抽取批次"
        ordering = ["-committed_on", "-id"]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            old = Draw.objects.filter(pk=self.pk).values(*self.FROZEN_AT_COMMIT, *self.FROZEN_AT_DRAW).first()
            if old is not None:
                frozen = self.FROZEN_AT_COMMIT + (self.FROZEN_AT_DRAW if old["result_file"] else ())
                if any(old[f] != getattr(self, f) for f in frozen):
                    raise PermissionDenied(
                        "已公布的待抽取名单、种子和抽取结果不得修改；如需重新抽取，请记录理由后重新抽取。"
                    )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionDenied("抽取记录不得删除。")


class InspectionTask(ProcedureCase):
    """抽查任务 — one drawn object of a batch, its inspectors, result and publicity (procedures.TASK)."""

    procedure_code = "inspection.task"

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="tasks")
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="tasks")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="tasks", verbose_name="检查对象"
    )
    matter = models.ForeignKey(InspectionMatter, on_delete=models.PROTECT, related_name="tasks")
    is_joint = models.BooleanField("联合抽查", default=False)
    token = models.CharField("亮码令牌", max_length=43, unique=True)
    outcome = models.CharField("检查结果", max_length=20, choices=Outcome.choices, blank=True)
    findings = models.TextField("检查情况", blank=True)
    inspected_on = models.DateField("检查完成日期", null=True, blank=True, db_index=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    enforcement_case = models.ForeignKey(
        "enforcement.PenaltyCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="立案查处",
    )
    referral_note = models.CharField("移交/后续处理说明", max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    pending_select_related = ("entity",)

    class Meta:
        verbose_name = "抽查任务"
        verbose_name_plural = "抽查任务"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "entity"], name="inspection_task_once_per_draw")
        ]

    def __str__(self) -> str:
        return f"{self.entity.name}（{self.matter.name}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspection:task_detail", args=[self.pk])


class TaskInspector(models.Model):
    """An inspector drawn for a task, with the certificate shown to the enterprise (snapshot)."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="inspectors")
    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="assignments")
    certificate_number = models.CharField("执法证号", max_length=40)
    name = models.CharField("姓名", max_length=50)

    class Meta:
        verbose_name = "任务检查人员"
        verbose_name_plural = "任务检查人员"
        ordering = ["certificate_number"]
        constraints = [models.UniqueConstraint(fields=["task", "inspector"], name="task_inspector_once")]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class Rating(models.Model):
    """The enterprise's anonymous rating of an inspection (亮码入企): seen by the justice bureau only."""

    task = models.OneToOneField(InspectionTask, on_delete=models.PROTECT, related_name="rating")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("评分")
    comment = models.TextField("意见建议", blank=True)
    rated_on = models.DateField("评价日期")

    class Meta:
        verbose_name = "企业评价"
        verbose_name_plural = "企业评价"
        ordering = ["-rated_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="rating_score_range")
        ]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.score}"
