"""Government-information disclosure requests (依申请公开) and the annual report's inputs —
《政府信息公开条例》(2019修订)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from fazhi.core.procedures.models import ProcedureCase

from ..choices import ApplicantKind, DisclosureChannel, ReplyType
from ._base import ScopedQuerySet


class DisclosureRequest(ProcedureCase):
    """政府信息公开申请 — one application (件), the unit of the annual report's table 三."""

    procedure_code = "affairs.disclosure"
    pending_select_related = ("agency",)

    number = models.CharField("申请编号", max_length=40)
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="disclosure_requests", verbose_name="受理机关"
    )
    # 第二十九条: who asks, what for, in which form
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    applicant_id_number = models.CharField("身份证件号码", max_length=18, blank=True)
    applicant_uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    applicant_contact = models.CharField("联系方式", max_length=200)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    form_wanted = models.CharField("获取信息的方式、途径", max_length=100, blank=True)
    # 第三十一条: the date of receipt depends on the channel; the date posted is stored apart
    channel = models.CharField("提交方式", max_length=20, choices=DisclosureChannel.choices)
    submitted_on = models.DateField("提交（寄出、发送）日期")
    posted_on = models.DateField("交邮日期（邮戳）", null=True, blank=True)
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("与申请人确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期（第三十一条）", db_index=True)
    # 第三十条
    amendment_items = models.TextField("补正事项", blank=True)
    amendment_period_days = models.PositiveSmallIntegerField("补正期限（工作日）", null=True, blank=True)
    supplemented_on = models.DateField("收到补正日期", null=True, blank=True)
    supplement_posted_on = models.DateField("补正材料交邮日期", null=True, blank=True)
    # 第三十二条
    third_party = models.CharField("第三方", max_length=200, blank=True)
    # 第四十二条
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    # 第三十六条
    reply_type = models.CharField("答复类型", max_length=30, choices=ReplyType.choices, blank=True)
    reply_text = models.TextField("答复内容摘要", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    closed_on_time = models.BooleanField("按期答复", null=True)
    # Working days the agency took, the applicant's time (补正、第三方、缴费) left out.
    response_working_days = models.PositiveSmallIntegerField("答复用时（工作日）", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="disclosure_request_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("affairs:disclosure_detail", args=[self.pk])


class DisclosureReport(models.Model):
    """The parts of the annual report that the requests do not give (第五十条): the proactive
    disclosure table (二), the reconsideration and litigation table (四) and the prose parts.
    Table 三 is always computed from the requests. `agency` empty = the government's report."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    table2 = models.JSONField("主动公开情况", default=dict, blank=True)
    table4 = models.JSONField("行政复议、行政诉讼情况", default=dict, blank=True)
    overview = models.TextField("总体情况", blank=True)
    problems = models.TextField("存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("其他需要报告的事项", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    # table 三 as published (第四十九条): later corrections of the records do not rewrite it
    table3_snapshot = models.JSONField("公开时的申请情况表", default=dict, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "agency", "year"], name="disclosure_report_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年政府信息公开工作年度报告"
