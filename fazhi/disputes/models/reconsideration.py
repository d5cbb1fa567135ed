"""Administrative reconsideration (行政复议) — 《行政复议法》(2023修订)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.procedures.models import ProcedureCase
from fazhi.org.predicates import scope_filter

from ..choices import (
    ActKind,
    Channel,
    HearingKind,
    HearingMode,
    Outcome,
    PartyKind,
    PartyRole,
    ProcedureKind,
    SimplifiedGround,
    TerminationGround,
)


class ReconsiderationQuerySet(models.QuerySet["Reconsideration"]):
    def visible_to(self, user: Any) -> ReconsiderationQuerySet:
        """The reconsideration office sees its jurisdiction; a respondent agency its own cases (ADR 0002)."""
        return self.filter(scope_filter(user, agency_field="respondent"))

    def handled_by(self, user: Any) -> ReconsiderationQuerySet:
        """我的待办 "我承办的" (core.procedures.task_page): a reconsideration officer's assigned
        cases and those nobody is assigned to yet (registration, acceptance review); the head of
        the body and the respondent agency's staff keep every case they may act on."""
        if getattr(user, "role", "") != "reconsideration_staff" or getattr(user, "is_head", False):
            return self
        through = Reconsideration.handlers.through.objects
        assigned = through.values("reconsideration_id")
        return self.filter(
            Q(pk__in=through.filter(user=user).values("reconsideration_id")) | ~Q(pk__in=assigned)
        )

    def received_in(self, year: int) -> ReconsiderationQuerySet:
        return self.filter(received_on__year=year)


class Reconsideration(ProcedureCase):
    """行政复议案件 — one application against one act (第二十二条: each act needs its own application)."""

    procedure_code = "disputes.reconsideration"

    number = models.CharField("案号", max_length=40, blank=True, db_index=True)
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", on_delete=models.PROTECT, related_name="+", verbose_name="复议机关所在区划"
    )
    respondent = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="reconsiderations", verbose_name="被申请人"
    )
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到申请日期", db_index=True)
    # 民事诉讼法第八十五条第四款; 行诉解释第四十八条: time in the post is not counted, so an application
    # posted before the period expired is on time. Stored apart from the receipt date (LEGAL_RULES §13).
    posted_on = models.DateField("交邮日期", null=True, blank=True, help_text="邮寄申请的，以邮戳日期为准。")
    # 第二十条: the period runs from the day the applicant knew (or should have known) of the act.
    act_kind = models.CharField("被申请行为类型", max_length=20, choices=ActKind.choices, default=ActKind.ACT)
    challenged_act = models.CharField("被申请复议的行政行为", max_length=300)
    act_document_number = models.CharField("行政行为文书编号", max_length=100, blank=True)
    act_date = models.DateField("行政行为作出日期", null=True, blank=True)
    known_on = models.DateField("知道或者应当知道该行为的日期")
    involves_real_property = models.BooleanField("涉及不动产", default=False)  # 第二十一条: 20 years
    rights_notified = models.BooleanField(
        "行政机关已告知复议权利、机关和期限", default=True
    )  # 第二十条第三款
    rights_learned_on = models.DateField("知道复议权利、机关和期限的日期", null=True, blank=True)
    # 第二十条: computed at receipt by core.workdays, with its one-line explanation.
    application_due = models.DateField("申请期限届满日", null=True, blank=True)
    application_due_explanation = models.CharField("申请期限计算说明", max_length=300, blank=True)
    late_justification = models.TextField(
        "超过申请期限的正当理由", blank=True, help_text="第二十条第二款：不可抗力或者其他正当理由耽误的时间。"
    )
    claim = models.TextField("复议请求")
    facts = models.TextField("主要事实")
    reasons = models.TextField("理由")
    oral_record = models.TextField("口头申请笔录", blank=True)  # 第二十二条第二款
    amount = models.DecimalField("涉及款额（元）", max_digits=14, decimal_places=2, null=True, blank=True)

    # Procedure (第五十三至五十五条) and the aggravating criteria (第五十、五十二条)
    procedure_kind = models.CharField(
        "审理程序", max_length=20, choices=ProcedureKind.choices, default=ProcedureKind.ORDINARY
    )
    simplified_ground = models.CharField(
        "适用简易程序的情形", max_length=20, choices=SimplifiedGround.choices, blank=True
    )
    is_major_complex = models.BooleanField("重大、疑难、复杂案件", default=False)
    is_specialised = models.BooleanField("专业性、技术性较强", default=False)
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reconsideration_cases", verbose_name="承办人员"
    )

    rejection_reasons = models.TextField("不予受理理由", blank=True)
    competent_organ = models.CharField("有管辖权的复议机关", max_length=100, blank=True)  # 第三十条第二款
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    # 第四十八条、第五十四条: the reply period runs from the respondent's receipt of the copy
    copy_received_on = models.DateField("被申请人收到申请书副本日期", null=True, blank=True)
    reply_received_on = models.DateField("收到答复日期", null=True, blank=True)
    reply_posted_on = models.DateField("答复交邮日期", null=True, blank=True)  # 邮寄答复的邮戳日期
    reply_text = models.TextField("答复意见摘要", blank=True)
    advisory_opinion = models.TextField("行政复议委员会咨询意见", blank=True)  # 第五十二条
    advisory_opinion_on = models.DateField("咨询意见日期", null=True, blank=True)

    outcome = models.CharField("决定类型", max_length=30, choices=Outcome.choices, blank=True)
    decision_reasons = models.TextField("决定理由", blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    approved_by = models.CharField("批准方式", max_length=100, blank=True)  # 第六十一条第一款
    termination_ground = models.CharField(
        "终止理由", max_length=30, choices=TerminationGround.choices, blank=True
    )
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    closed_on_time = models.BooleanField("按期办结", null=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_text = models.TextField("公开文本（已脱敏）", blank=True)

    objects = ReconsiderationQuerySet.as_manager()

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(procedure_kind="simplified") | ~Q(simplified_ground=""),
                name="reconsideration_simplified_needs_ground",
            ),
            # Official numbers (core.numbers) are unique per reconsideration organ.
            models.UniqueConstraint(
                fields=["jurisdiction", "number"],
                condition=~Q(number=""),
                name="reconsideration_unique_number",
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "decision_number"],
                condition=~Q(decision_number=""),
                name="reconsideration_unique_decision_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"行政复议申请#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("disputes:reconsideration_detail", args=[self.pk])

    @property
    def agency_id(self) -> int:
        """Scoping (ADR 0002): the respondent is the agency the case belongs to."""
        return self.respondent_id

    @property
    def is_simplified(self) -> bool:
        return self.procedure_kind == ProcedureKind.SIMPLIFIED

    @property
    def applicant_names(self) -> str:
        return "、".join(p.name for p in self.parties.all() if p.role == PartyRole.APPLICANT)


class Party(models.Model):
    """申请人 / 第三人."""

    case = models.ForeignKey(Reconsideration, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField("身份", max_length=20, choices=PartyRole.choices, default=PartyRole.APPLICANT)
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField("姓名或名称", max_length=100)
    id_number = models.CharField("居民身份证号码", max_length=18, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住所或联系地址", max_length=200, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case", "role", "id"]

    def __str__(self) -> str:
        return self.name


class Amendment(models.Model):
    """补正通知 — every missing item in one notice (第三十一条)."""

    case = models.ForeignKey(Reconsideration, on_delete=models.CASCADE, related_name="amendments")
    items = models.JSONField("需补正事项", default=list)
    notified_on = models.DateField("通知日期")
    # 第三十一条第二款: the applicant's 10 WD run from receiving the notice, not from sending it.
    notice_received_on = models.DateField("申请人收到补正通知日期", null=True, blank=True)
    supplied_on = models.DateField("收到补正材料日期", null=True, blank=True)
    supplied_posted_on = models.DateField("补正材料交邮日期", null=True, blank=True)

    class Meta:
        verbose_name = "补正"
        verbose_name_plural = "补正"
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"补正通知 {self.notified_on}"


class Hearing(models.Model):
    """听取意见 (第四十九条) or 听证 (第五十、五十一条)."""

    case = models.ForeignKey(Reconsideration, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField("类型", max_length=10, choices=HearingKind.choices)
    mode = models.CharField("方式", max_length=20, choices=HearingMode.choices, default=HearingMode.IN_PERSON)
    notified_on = models.DateField("通知日期", null=True, blank=True)
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100, blank=True)
    issues = models.TextField("听证事项", blank=True)
    presiding = models.CharField("主持人", max_length=50, blank=True)
    record = models.TextField("笔录摘要", blank=True)

    class Meta:
        verbose_name = "听取意见、听证"
        verbose_name_plural = "听取意见、听证"
        ordering = ["case", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class ReconsiderationOpinion(models.Model):
    """行政复议意见书 — the recipient reports back within 60 days (第七十六条)."""

    case = models.ForeignKey(
        Reconsideration, on_delete=models.PROTECT, related_name="opinions", null=True, blank=True
    )
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="reconsideration_opinions",
        verbose_name="收件机关",
    )
    issued_on = models.DateField("制发日期")
    content = models.TextField("意见内容")
    # 第七十六条: the recipient reports within 60 days "自收到行政复议意见书之日起" — the engine's
    # standalone clock (procedures.OPINION "report") starts on this date
    received_on = models.DateField("收件机关收到日期", null=True, blank=True)
    reported_on = models.DateField("反馈日期", null=True, blank=True)
    report = models.TextField("整改情况", blank=True)

    class Meta:
        verbose_name = "行政复议意见书"
        verbose_name_plural = "行政复议意见书"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"意见书 {self.agency} {self.issued_on}"


class AdvisoryMember(models.Model):
    """行政复议委员会成员 — departments, experts and scholars (第五十二条第一款)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "相关政府部门"
        EXPERT = "expert", "专家"
        SCHOLAR = "scholar", "学者"

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    affiliation = models.CharField("工作单位", max_length=100)
    appointed_on = models.DateField("聘任日期")
    left_on = models.DateField("离任日期", null=True, blank=True)

    class Meta:
        verbose_name = "行政复议委员会成员"
        verbose_name_plural = "行政复议委员会成员"
        ordering = ["jurisdiction", "appointed_on", "id"]

    def __str__(self) -> str:
        return self.name
