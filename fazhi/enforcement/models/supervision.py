"""Enforcement supervision by the justice bureau: case-file reviews (案卷评查), supervision opinions
and review feedback notices (行政执法监督意见书 / 评查结果反馈通知书), criminal referrals (两法衔接)
and the published annual enforcement statistics (118号 二(三)).

Every row carries `agency` and `jurisdiction` (ADR 0002), so `visible_to(user)` is one WHERE clause.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .cases import PenaltyCase
from .catalogue import ScopedQuerySet

# 案卷评查 checklist: five groups, 100 points. Provincial scoring standards differ in detail; the
# grouping (文书, 证据, 事实, 程序, 制度) is the one in the issue. (code, group, label, points)
CHECKLIST: tuple[tuple[str, str, str, int], ...] = (
    ("doc_complete", "documents", "文书齐全，立案审批表、告知书、决定书、送达回证等完整归档", 10),
    ("doc_content", "documents", "决定书载明行政处罚法第五十九条规定的全部事项", 10),
    ("evidence_legal", "evidence", "证据取得合法，两名持证执法人员调查取证（第四十二、五十五条）", 10),
    ("evidence_sufficient", "evidence", "证据充分，形成完整证据链；音像记录符合全过程记录要求", 10),
    ("facts_clear", "facts", "违法事实清楚，定性准确", 10),
    ("facts_basis", "facts", "适用法律依据正确，裁量符合裁量基准（第三十四条）", 10),
    (
        "procedure_notice",
        "procedure",
        "依法告知并听取陈述申辩，符合条件的告知听证权利（第四十四、六十三条）",
        10,
    ),
    ("procedure_deadlines", "procedure", "立案、决定、送达、公示符合法定期限（第六十、六十一条；118号）", 10),
    (
        "institution_review",
        "institutions",
        "应当法制审核的经审核，须集体讨论的经集体讨论（第五十七、五十八条）",
        10,
    ),
    ("institution_publicity", "institutions", "执法公示、全过程记录制度落实（118号）", 10),
)
CHECKLIST_GROUPS = {
    "documents": "执法文书",
    "evidence": "证据",
    "facts": "事实认定与法律适用",
    "procedure": "执法程序",
    "institutions": "三项制度落实",
}
CHECKLIST_TOTAL = sum(points for *_, points in CHECKLIST)


class ReviewGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"  # ≥ 90
    GOOD = "good", "良好"  # 80–89
    PASS = "pass", "合格"  # 60–79
    FAIL = "fail", "不合格"  # < 60


class CaseFileReview(models.Model):
    """案卷评查 — one review round by the justice bureau: closed case files drawn per agency at random,
    reproducibly (the seed is recorded), then scored on the checklist."""

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    title = models.CharField("评查名称", max_length=200)
    year = models.PositiveSmallIntegerField("评查案卷年度")
    per_agency = models.PositiveSmallIntegerField("每个执法主体抽取卷数")
    seed = models.BigIntegerField("随机种子")
    drawn_on = models.DateField("抽取日期")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency_ids = models.JSONField("参加评查的执法主体", default=list)

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-drawn_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:review_detail", args=[self.pk])


class ReviewedCaseFile(models.Model):
    """One drawn case file and its score (per checklist item, points awarded)."""

    review = models.ForeignKey(CaseFileReview, on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="file_reviews")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField("评分", default=dict)
    total = models.PositiveSmallIntegerField("得分", null=True, blank=True)
    grade = models.CharField("等次", max_length=20, choices=ReviewGrade.choices, blank=True)
    issues = models.PositiveSmallIntegerField("发现问题数", default=0)
    comments = models.TextField("评查意见", blank=True)
    scored_on = models.DateField("评分日期", null=True, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["review", "agency", "case"]
        constraints = [models.UniqueConstraint(fields=["review", "case"], name="review_case_once")]

    def __str__(self) -> str:
        return f"{self.review} · {self.case.number}"


class OpinionKind(models.TextChoices):
    """INDICATORS.md enforcement.supervision_opinions: both papers are the bureau's written findings."""

    OPINION = "opinion", "行政执法监督意见书"
    FEEDBACK = "feedback", "案卷评查结果反馈通知书"


class OpinionStatus(models.TextChoices):
    ISSUED = "issued", "待回复（整改）"
    REPLIED = "replied", "已回复（整改）"


class SupervisionOpinion(models.Model):
    """行政执法监督意见书 / 评查结果反馈通知书 — issued to one agency, with a reply (rectification) deadline
    (the engine's standalone clock `enforcement.supervision`/`reply`, annotated by
    `selectors.supervision.opinions_visible_to` as reply_due_on / due_explanation) and the agency's reply."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="supervision_opinions", verbose_name="被监督机关"
    )
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书类型", max_length=20, choices=OpinionKind.choices)
    review = models.ForeignKey(
        CaseFileReview, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback"
    )
    cases = models.ManyToManyField(PenaltyCase, blank=True, related_name="supervision_opinions")
    number = models.CharField("文号", max_length=60, unique=True)
    issued_on = models.DateField("发出日期", db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    findings = models.TextField("发现的问题")
    requirements = models.TextField("监督意见和整改要求")
    status = models.CharField(
        "状态", max_length=20, choices=OpinionStatus.choices, default=OpinionStatus.ISSUED, db_index=True
    )
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("整改情况", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政执法监督意见书"
        verbose_name_plural = "行政执法监督意见书"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=models.F("issued_on")),
                name="opinion_replied_after_issued",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:opinion_detail", args=[self.pk])


class ReferralOutcome(models.TextChoices):
    """公安机关对移送案件的处理 (《行政执法机关移送涉嫌犯罪案件的规定》第八、九条)."""

    PENDING = "pending", "待公安机关决定"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"
    RETURNED = "returned", "退回（不属于本机关管辖等）"


class CriminalReferral(models.Model):
    """两法衔接 — a penalty case referred to public security as a suspected crime. Opened from the case
    (DESIGN.md "Never retype"): party, facts and matter are copied from it, never typed again."""

    case = models.OneToOneField(PenaltyCase, on_delete=models.PROTECT, related_name="criminal_referral")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="criminal_referrals", verbose_name="移送机关"
    )
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("移送书文号", max_length=60)
    referred_on = models.DateField("移送日期", db_index=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    receiving_organ = models.CharField("接收的公安机关", max_length=100)
    suspected_crime = models.CharField("涉嫌罪名", max_length=100)
    party_name = models.CharField("当事人", max_length=200)
    facts = models.TextField("涉嫌犯罪的事实")
    materials = models.TextField("移送材料清单", blank=True)
    receipt_on = models.DateField("公安机关签收日期", null=True, blank=True)
    outcome = models.CharField(
        "处理结果", max_length=20, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    outcome_on = models.DateField("处理结果日期", null=True, blank=True)
    outcome_note = models.TextField("处理结果说明", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "移送涉嫌犯罪案件"
        verbose_name_plural = "移送涉嫌犯罪案件"
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(receipt_on__isnull=True) | Q(receipt_on__gte=models.F("referred_on")),
                name="referral_receipt_after_referral",
            ),
            models.UniqueConstraint(fields=["agency", "number"], name="referral_unique_number_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.party_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:referral_detail", args=[self.pk])


class AnnualStatistics(models.Model):
    """年度行政执法统计 — one agency's figures for year Y, published by 31 January of Y+1
    (国办发〔2018〕118号 二(三)); `figures` is the snapshot as published. The deadline is the engine's
    clock `enforcement.supervision`/`statistics` from 31 December (annotated: due_on, on_time)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="annual_statistics", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("统计年度")
    figures = models.JSONField("统计数据", default=dict)
    published_on = models.DateField("公开日期")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年度行政执法统计"
        verbose_name_plural = "年度行政执法统计"
        ordering = ["-year", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annual_statistics_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度行政执法统计"
