"""Penalty cases, investigative steps, permit decisions and publicity records.

Irregularity facts are stored on the case when they are written (booleans and dates), so the
supervision dashboard counts them with aggregate queries (DESIGN.md "lists stay fast"). Due dates are
never stored here: they are the engine's Deadline rows, annotated onto lists by
`selectors.cases.annotate_due` (decision_due_on, service_due_on, payment_due_on, …).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.procedures.models import ProcedureCase
from fazhi.enforcement.choices import (
    CollectionReason,
    DecisionKind,
    ProcedureKind,
    PublicityKind,
    PublicityStatus,
    ReviewStatus,
    ServiceMethod,
    StepKind,
    Tier,
)

from .catalogue import Benchmark, Matter, ScopedQuerySet


class PenaltyCaseQuerySet(ScopedQuerySet):
    def handled_by(self, user):  # noqa: ANN001, ANN201
        """我的待办 "我承办的" (core.procedures.task_page): an officer's own cases — the two
        handling officers of 第四十二条; heads (extensions), legal reviewers and admins keep the
        whole agency's, so nothing waiting for them is hidden."""
        if getattr(user, "role", "") != "officer" or getattr(user, "is_head", False):
            return self
        return self.filter(Q(officer_a=user) | Q(officer_b=user))


class PenaltyCase(ProcedureCase):
    """行政处罚案件 — ordinary procedure (第五十四条起) or on-the-spot procedure (第五十一条)."""

    procedure_code = "enforcement.penalty"

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="penalty_cases", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    number = models.CharField("案件编号", max_length=60)
    procedure_kind = models.CharField(
        "程序", max_length=20, choices=ProcedureKind.choices, default=ProcedureKind.ORDINARY
    )
    matter = models.ForeignKey(
        Matter, on_delete=models.PROTECT, related_name="cases", verbose_name="执法事项"
    )
    title = models.CharField("案由", max_length=200)
    # 当事人
    party_name = models.CharField("当事人", max_length=200)
    party_is_natural_person = models.BooleanField("当事人为自然人", default=False)
    party_id_number = models.CharField("身份证号码/统一社会信用代码", max_length=18, blank=True)
    party_address = models.CharField("当事人地址", max_length=200, blank=True)
    source = models.CharField("案件来源", max_length=100, blank=True)
    # 第三十六条: limitation — 2 years from the act (5 years where life, health or financial safety
    # was involved and harm resulted), from the end of a continuing act.
    violation_on = models.DateField("违法行为发生（终了）日期", null=True, blank=True)
    serious_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    facts = models.TextField("违法事实", blank=True)
    # 立案 (第五十四条) and the two handling officers (第四十二条)
    opened_on = models.DateField("立案日期", db_index=True)
    officer_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="承办人"
    )
    officer_b = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="协办人"
    )
    # 拟处罚 (告知, 第四十四条) and discretion (第三十四条)
    proposed_tier = models.CharField("裁量阶次", max_length=20, choices=Tier.choices, blank=True)
    proposed_benchmark = models.ForeignKey(
        Benchmark,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="适用裁量基准",
    )
    proposed_penalty_types = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine = models.DecimalField(
        "拟罚款（元）", null=True, blank=True, max_digits=14, decimal_places=2
    )
    proposed_confiscation = models.DecimalField(
        "拟没收金额（元）", null=True, blank=True, max_digits=14, decimal_places=2
    )
    out_of_tier = models.BooleanField("超出裁量基准范围", default=False)
    out_of_tier_reason = models.TextField("超出基准范围的书面理由", blank=True)
    notified_on = models.DateField("告知日期", null=True, blank=True)
    # 陈述申辩 (第七条、第四十五条): received and posted dates kept apart (time in the post, LEGAL_RULES §13)
    statement_on = models.DateField("收到陈述申辩日期", null=True, blank=True)
    statement_posted_on = models.DateField("陈述申辩寄出日期", null=True, blank=True)
    statement_text = models.TextField("陈述申辩要点", blank=True)
    # 听证 (第六十三至六十五条)
    hearing_applicable = models.BooleanField("符合听证条件", default=False)
    hearing_requested_on = models.DateField("收到听证申请日期", null=True, blank=True)
    hearing_request_posted_on = models.DateField("听证申请寄出日期", null=True, blank=True)
    hearing_waived = models.BooleanField("当事人放弃听证/陈述申辩", default=False)
    hearing_notice_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="听证主持人",
    )
    hearing_record = models.TextField("听证笔录摘要", blank=True)
    # 法制审核 (第五十八条) and 集体讨论 (第五十七条第二款)
    legal_review_required = models.BooleanField("须法制审核", default=False)
    legal_review_status = models.CharField(
        "法制审核", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NOT_REQUIRED
    )
    legal_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="法制审核人员",
    )
    legal_reviewed_on = models.DateField("法制审核日期", null=True, blank=True)
    legal_review_opinion = models.TextField("法制审核意见", blank=True)
    collective_discussion_required = models.BooleanField("须负责人集体讨论", default=False)
    collective_discussion_on = models.DateField("集体讨论日期", null=True, blank=True)
    collective_discussion_minutes = models.TextField("集体讨论纪要", blank=True)
    # 决定 (第五十七、五十九条)
    decision_kind = models.CharField("决定类型", max_length=20, choices=DecisionKind.choices, blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    penalty_types = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField("罚款（元）", null=True, blank=True, max_digits=14, decimal_places=2)
    confiscation_amount = models.DecimalField(
        "没收金额（元）", null=True, blank=True, max_digits=14, decimal_places=2
    )
    decision_basis = models.TextField("处罚依据", blank=True)
    evidence_summary = models.TextField("证据", blank=True)
    performance = models.TextField("履行方式和期限", blank=True)
    remedies = models.TextField("救济途径和期限", blank=True)
    # 送达 (第六十一条), 备案 (第五十二条), 执行, 结案
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices, blank=True)
    filed_on = models.DateField("当场处罚备案日期", null=True, blank=True)
    paid_amount = models.DecimalField(
        "已缴金额（元）", null=True, blank=True, max_digits=14, decimal_places=2
    )
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    execution_note = models.TextField("执行情况", blank=True)
    # 当场收缴 (第六十八至七十一条): who collected, why, and when the money reached the agency (2 WD)
    collected_on_the_spot = models.BooleanField("当场收缴罚款", default=False)
    collection_reason = models.CharField(
        "当场收缴情形", max_length=20, choices=CollectionReason.choices, blank=True, default=""
    )
    handed_in_on = models.DateField("交至行政机关日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    # Irregularity facts computed at write time (dashboard: one aggregate query, no per-row work)
    flag_uncertified = models.BooleanField("执法人员不足两名持证", default=False)
    flag_missing_review = models.BooleanField("应审未审", default=False)
    flag_out_of_tier_unreasoned = models.BooleanField("超基准无理由", default=False)
    flag_late_decision = models.BooleanField("超期决定", default=False)
    flag_late_service = models.BooleanField("超期送达", default=False)
    flag_late_publicity = models.BooleanField("超期公示", default=False)
    flag_missing_av = models.BooleanField("缺少音像记录", default=False)
    is_irregular = models.BooleanField("存在不规范情形", default=False)

    objects = PenaltyCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["jurisdiction", "opened_on"], name="pcase_jur_opened_idx"),
            models.Index(fields=["jurisdiction", "decided_on"], name="pcase_jur_decided_idx"),
            models.Index(fields=["agency", "state"], name="pcase_agency_state_idx"),
            models.Index(fields=["jurisdiction", "is_irregular"], name="pcase_jur_irregular_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("opened_on")),
                name="pcase_decided_after_opened",
            ),
            models.CheckConstraint(condition=~Q(officer_a=models.F("officer_b")), name="pcase_two_officers"),
            models.UniqueConstraint(fields=["agency", "number"], name="pcase_unique_number_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:case_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.state == "closed"

    def refresh_irregular(self) -> None:
        self.is_irregular = any(
            (
                self.flag_uncertified,
                self.flag_missing_review,
                self.flag_out_of_tier_unreasoned,
                self.flag_late_decision,
                self.flag_late_service,
                self.flag_late_publicity,
                self.flag_missing_av,
            )
        )


class InvestigationStep(models.Model):
    """调查取证环节 — each by two certified officers (第四十二、五十五条), with its record files
    forming the full-process record (第四十七条; 118号 三)."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="investigation_steps")
    kind = models.CharField("取证方式", max_length=30, choices=StepKind.choices)
    on = models.DateField("日期")
    place = models.CharField("地点", max_length=200, blank=True)
    officer_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="执法人员一"
    )
    officer_b = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="执法人员二"
    )
    certificate_a = models.CharField("执法证号一", max_length=40)
    certificate_b = models.CharField("执法证号二", max_length=40)
    summary = models.TextField("记录摘要")
    has_audio_video = models.BooleanField("有音像记录", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )

    class Meta:
        verbose_name = "调查取证记录"
        verbose_name_plural = "调查取证记录"
        ordering = ["case", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    def preservation_deadline(self) -> object | None:
        """先行登记保存: decide on the preserved items within 7 working days (行政处罚法第五十六条、
        第八十五条) — the engine's standalone clock started when the step was recorded, or None."""
        if self.kind != "preservation":
            return None
        from fazhi.core import procedures
        from fazhi.enforcement.procedures import PRESERVATION

        return procedures.last_deadline(self, PRESERVATION, "decide")


class PermitDecision(models.Model):
    """行政许可决定（简录）— recorded so that its publicity can be tracked (118号 二(三); 许可法第四十条)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="permit_decisions", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    matter = models.ForeignKey(
        Matter, on_delete=models.PROTECT, related_name="permits", verbose_name="许可事项"
    )
    number = models.CharField("决定书（证件）编号", max_length=60)
    applicant_name = models.CharField("申请人", max_length=200)
    applicant_is_natural_person = models.BooleanField("申请人为自然人", default=False)
    applicant_code = models.CharField("统一社会信用代码/身份证号码", max_length=18, blank=True)
    granted = models.BooleanField("准予许可", default=True)
    content = models.TextField("许可内容")
    decided_on = models.DateField("决定日期", db_index=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政许可决定"
        verbose_name_plural = "行政许可决定"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="permit_unique_number_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"


class PublicityRecord(models.Model):
    """行政执法公示 — a masked public record of a decision, due 7 WD (permit, penalty) or 20 WD
    (other) after the decision (118号 二(三)); withdrawn within 3 WD on revocation (处罚法第四十八条).
    Both periods are the engine's standalone clocks (procedures.PUBLICITY_CLOCKS); lists read the due
    dates and whether it was published on time through `selectors.publicity.annotate_publicity`."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="publicity_records", verbose_name="执法主体"
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    kind = models.CharField("决定类别", max_length=20, choices=PublicityKind.choices)
    case = models.OneToOneField(
        PenaltyCase, on_delete=models.PROTECT, null=True, blank=True, related_name="publicity"
    )
    permit = models.OneToOneField(
        PermitDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="publicity"
    )
    document_number = models.CharField("决定书文号", max_length=60)
    subject = models.CharField("行政相对人（公示名称）", max_length=200, help_text="自然人已脱敏")
    subject_code = models.CharField("统一社会信用代码（公示）", max_length=18, blank=True)
    matter_name = models.CharField("事项", max_length=200)
    basis = models.TextField("依据")
    result = models.TextField("决定内容")
    decided_on = models.DateField("决定日期", db_index=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=PublicityStatus.choices, default=PublicityStatus.DUE, db_index=True
    )
    revoked_on = models.DateField("决定被撤销（变更）日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政执法公示"
        verbose_name_plural = "行政执法公示"
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["jurisdiction", "status", "published_on"], name="pub_jur_status_idx"),
            models.Index(fields=["agency", "decided_on"], name="pub_agency_decided_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=models.F("decided_on")),
                name="publicity_published_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.subject}"
