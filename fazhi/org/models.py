"""Jurisdictions (GB/T 2260), agencies (GB 32100 USCC) and staff accounts with their role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from fazhi.core import ids
from fazhi.core.access import subtree_ids

from .choices import AgencyKind, Level, Role

if TYPE_CHECKING:
    from django.db.models import QuerySet


def parent_division_code(code: str) -> str | None:
    """GB/T 2260: a county (330523) lies in its prefecture (330500), a prefecture in its province
    (330000); a province has no parent. Municipality districts (110101) lie in 110100 by the same rule."""
    if len(code) != 6 or code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


class Jurisdiction(models.Model):
    """行政区划 — one county, city or district run on this platform (or an external one compared).

    Jurisdictions nest (province → prefecture → county, GB/T 2260): `parent` is the upper level and
    `path` the materialised path of primary keys from the root ("/1/5/12/"), kept by `save()`, so a
    justice bureau's subtree is one filter (`fazhi.core.access.subtree_ids`)."""

    division_code = models.CharField(
        "区划代码", max_length=6, unique=True, validators=[ids.division_code_validator]
    )
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=20, choices=Level.choices, default=Level.COUNTY)
    parent_name = models.CharField("上级区划", max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,  # not alone; a whole tree may be deleted at once
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级行政区划",
    )
    # db_default: rows written by code that predates the tree (old migrations' models) get a path
    # of "" (seen as their own subtree only) instead of failing
    path = models.CharField(
        "层级路径", max_length=255, blank=True, default="", db_default="", db_index=True, editable=False
    )
    population = models.PositiveIntegerField("常住人口", null=True, blank=True)
    is_external = models.BooleanField("外部区划（仅用于比较）", default=False)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["division_code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # `path` is derived data (an index of the tree), recomputed with the subtree when the parent changes
        super().save(*args, **kwargs)
        parent_path = "/"
        if self.parent_id is not None:
            parent_path = Jurisdiction.objects.values_list("path", flat=True).get(pk=self.parent_id)
            if f"/{self.pk}/" in parent_path:
                raise ValidationError({"parent": "上级行政区划不能是本区划或其下级区划。"}, code="tree_cycle")
        path, old = f"{parent_path}{self.pk}/", self.path
        if path == old:
            return
        Jurisdiction.objects.filter(pk=self.pk).update(path=path)
        self.path = path
        if old:
            below = list(Jurisdiction.objects.filter(path__startswith=old).exclude(pk=self.pk))
            for j in below:
                j.path = path + j.path[len(old) :]
            Jurisdiction.objects.bulk_update(below, ["path"])


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: User) -> AgencyQuerySet:
        """Agencies a user may see: the whole jurisdiction for the justice bureau, else their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if user.sees_whole_jurisdiction:  # its jurisdiction and every one below it
            return self.filter(jurisdiction_id__in=subtree_ids(user.jurisdiction_id))
        return self.filter(pk=user.agency_id)

    def enforcement_bodies(self) -> AgencyQuerySet:
        return self.filter(has_enforcement_authority=True)


class Agency(models.Model):
    """行政机关、部门 — an agency of a jurisdiction; an enforcement body when it holds authority."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="agencies", verbose_name="行政区划"
    )
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    uscc_override_reason = models.CharField(
        "校验不通过的历史代码接受理由",
        max_length=200,
        blank=True,
        help_text="仅用于早期试点地区校验位不符的合法历史代码，须经授权并记入审计日志。",
    )
    kind = models.CharField(
        "机关类型", max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级机关",
    )
    has_enforcement_authority = models.BooleanField("具有行政执法主体资格", default=False)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    is_active = models.BooleanField("有效", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ["jurisdiction", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "name"], name="agency_unique_name_per_jurisdiction"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_justice_bureau(self) -> bool:
        return self.kind == AgencyKind.JUSTICE_BUREAU


class User(AbstractUser):
    """A staff account. Its role and agency decide what it sees (fazhi.org.permissions)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=30, choices=Role.choices, default=Role.VIEWER)
    is_head = models.BooleanField(
        "机关（机构）负责人", default=False, help_text="可批准延期等须负责人批准的事项。"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="行政区划",
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="所在机关"
    )
    id_number = models.CharField("居民身份证号码", max_length=18, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_superuser=True) | Q(jurisdiction__isnull=False),
                name="user_has_jurisdiction",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def sees_whole_jurisdiction(self) -> bool:
        """The justice bureau (supervisor) and the reconsideration office see every agency of the jurisdiction."""
        return self.role in {Role.SUPERVISOR, Role.RECONSIDERATION_STAFF}

    def visible_agency_ids(self) -> QuerySet[Agency]:
        return Agency.objects.visible_to(self).values_list("pk", flat=True)  # type: ignore[return-value]


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
    EXPIRED = "expired", "过期"


class Certificate(models.Model):
    """执法证 / 监督证. The number is free text in the province's own pattern (LEGAL_RULES.md §12)."""

    holder = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="certificates", verbose_name="持证人"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="certificates", verbose_name="执法主体"
    )
    kind = models.CharField(
        "证件类型", max_length=20, choices=CertificateKind.choices, default=CertificateKind.ENFORCEMENT
    )
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=100)
    areas = models.CharField("执法区域/执法类别", max_length=200, blank=True)
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期至")
    status = models.CharField(
        "状态", max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    status_reason = models.CharField("状态变更原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["agency", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="certificate_valid_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, on) -> bool:  # noqa: ANN001 — a date
        return self.status == CertificateStatus.VALID and self.valid_from <= on <= self.valid_until


class AnnualReview(models.Model):
    """执法证件年审 — the yearly review of a certificate holder."""

    class Result(models.TextChoices):
        PASSED = "passed", "合格"
        FAILED = "failed", "不合格"
        DEFERRED = "deferred", "暂缓"

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="annual_reviews", verbose_name="证件"
    )
    year = models.PositiveSmallIntegerField("年度")
    result = models.CharField("年审结果", max_length=20, choices=Result.choices)
    reviewed_on = models.DateField("年审日期")
    remarks = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "年审记录"
        verbose_name_plural = "年审记录"
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="annual_review_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.certificate} {self.year}年审"


class TrainingRecord(models.Model):
    """执法人员学时 — training hours an officer completed (counted per calendar year)."""

    officer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="training_records", verbose_name="执法人员"
    )
    year = models.PositiveSmallIntegerField("年度")
    course = models.CharField("培训内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    completed_on = models.DateField("完成日期")

    class Meta:
        verbose_name = "培训学时"
        verbose_name_plural = "培训学时"
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")]

    def __str__(self) -> str:
        return f"{self.officer} {self.year} {self.course}"


class QualificationExam(models.Model):
    """执法资格考试."""

    candidate = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="qualification_exams", verbose_name="考生"
    )
    exam_date = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("是否通过", default=False)

    class Meta:
        verbose_name = "执法资格考试"
        verbose_name_plural = "执法资格考试"

    def __str__(self) -> str:
        return f"{self.candidate} {self.exam_date}"
