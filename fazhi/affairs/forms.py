"""Forms of the staff pages. Each action form is named like its transition (the verb table)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.org.models import Agency

from .choices import (
    ApplicantKind,
    Audience,
    ConsultationChannel,
    DisclosureChannel,
    EducationKind,
    LegalAidKind,
    PetitionChannel,
    PetitionOutcome,
    ReplyType,
    Satisfaction,
    StudyKind,
    SuggestionCategory,
    SuggestionKind,
)

DATE = forms.DateInput(attrs={"type": "date"})


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (ADR 0001); the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, [str(e) for e in errors])
    else:
        form.add_error(None, exc.messages)


def on_field(label: str = "办理日期") -> forms.DateField:
    return forms.DateField(label=label, widget=DATE)


def opt_date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, required=False)


def text(label: str, *, required: bool = True, area: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}) if area else None
    )


def form_class(name: str, fields: dict[str, forms.Field]) -> type[forms.Form]:
    return type(name, (forms.Form,), dict(fields))


# --- disclosure -----------------------------------------------------------------------------------
class DisclosureRequestForm(forms.Form):
    """政府信息公开申请 (第二十九条) and its receipt (第三十一条)."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="受理机关")
    applicant_kind = forms.ChoiceField(choices=ApplicantKind.choices, label="申请人类型")
    applicant_name = forms.CharField(max_length=100, label="申请人姓名或名称")
    applicant_id_number = forms.CharField(max_length=18, required=False, label="身份证件号码（自然人）")
    applicant_uscc = forms.CharField(
        max_length=18, required=False, label="统一社会信用代码（法人或其他组织）"
    )
    applicant_contact = forms.CharField(max_length=200, label="联系方式（电话、地址或电子邮箱）")
    description = text("所需政府信息的名称、文号或者便于查询的其他特征性描述", area=True)
    form_wanted = forms.CharField(max_length=100, required=False, label="获取信息的方式、途径")
    channel = forms.ChoiceField(choices=DisclosureChannel.choices, label="提交方式")
    submitted_on = on_field("提交（寄出、发送）日期")
    signed_on = opt_date("签收日期（需签收的邮寄申请）")
    confirmed_on = opt_date("与申请人确认日期（平常信函、互联网、传真）")

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()  # type: ignore[attr-defined]


DISCLOSURE_FORMS: dict[str, type[forms.Form]] = {
    "request_amendment": form_class(
        "DisclosureRequestAmendmentForm",
        {
            "on": on_field("告知补正日期"),
            "items": text("需要补正的事项（一次性告知）", area=True),
            "period_days": forms.IntegerField(
                label="补正期限（工作日，默认15）", required=False, min_value=1, max_value=60
            ),
        },
    ),
    "supply_amendment": form_class(
        "DisclosureSupplyAmendmentForm",
        {
            "on": on_field("收到补正日期"),
            "posted_on": opt_date("交邮日期（邮寄的）"),
            "late_reason": text("逾期的正当理由（如有）", required=False),
        },
    ),
    "abandon": form_class("DisclosureAbandonForm", {"on": on_field()}),
    "consult_third_party": form_class(
        "DisclosureConsultForm", {"on": on_field("书面征求意见日期"), "third_party": text("第三方名称")}
    ),
    "receive_third_party_opinion": form_class(
        "DisclosureThirdPartyOpinionForm",
        {"on": on_field("收到意见日期"), "note": text("意见摘要", required=False)},
    ),
    "notify_fee": form_class(
        "DisclosureNotifyFeeForm",
        {
            "on": on_field("收费通知日期"),
            "fee_amount": forms.DecimalField(label="收费金额（元）", min_value=0, decimal_places=2),
            "ground": text("收费理由（申请数量、频次明显超过合理范围）"),
        },
    ),
    "pay_fee": form_class("DisclosurePayFeeForm", {"on": on_field("缴费日期")}),
    "fee_unpaid": form_class("DisclosureFeeUnpaidForm", {"on": on_field()}),
    "extend": form_class(
        "DisclosureExtendForm",
        {
            "on": on_field("批准日期"),
            "ground": text("延长理由"),
            "working_days": forms.IntegerField(
                label="延长工作日数（最多20）", required=False, min_value=1, max_value=20
            ),
        },
    ),
    "reply": form_class(
        "DisclosureReplyForm",
        {
            "on": on_field("答复日期"),
            "reply_type": forms.ChoiceField(choices=ReplyType.choices, label="答复类型"),
            "reply_text": text("答复内容摘要", required=False, area=True),
        },
    ),
    "withdraw": form_class(
        "DisclosureWithdrawForm", {"on": on_field("撤回日期"), "reason": text("撤回说明", required=False)}
    ),
}


# --- suggestions ----------------------------------------------------------------------------------
class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(choices=SuggestionKind.choices, label="类别")
    title = forms.CharField(max_length=200, label="标题")
    proposers = forms.CharField(max_length=200, label="领衔代表（委员）")
    session = forms.CharField(max_length=60, required=False, label="届次会议")
    received_on = on_field("提出日期")
    content = text("内容", required=False, area=True)
    is_complex = forms.BooleanField(required=False, label="涉及面广、处理难度大")


class AssignForm(forms.Form):
    on = on_field("交办日期")
    lead = forms.ModelChoiceField(queryset=Agency.objects.none(), label="主办单位")
    co_handlers = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(), required=False, label="协办单位"
    )
    is_complex = forms.BooleanField(required=False, label="涉及面广、处理难度大")

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead", "co_handlers"):
            self.fields[name].queryset = agencies if agencies is not None else Agency.objects.none()  # type: ignore[attr-defined]


SUGGESTION_FORMS: dict[str, type[forms.Form]] = {
    "assign": AssignForm,
    "extend": form_class("SuggestionExtendForm", {"on": on_field("批准日期"), "ground": text("延期理由")}),
    "reply": form_class(
        "SuggestionReplyForm",
        {
            "on": on_field("答复日期"),
            "category": forms.ChoiceField(choices=SuggestionCategory.choices, label="办理结果分类"),
            "reply_text": text("答复内容", area=True),
        },
    ),
    "feedback": form_class(
        "SuggestionFeedbackForm",
        {
            "on": on_field("反馈日期"),
            "satisfaction": forms.ChoiceField(choices=Satisfaction.choices, label="满意度"),
            "feedback_text": text("反馈意见", required=False, area=True),
        },
    ),
    "countersign": form_class(
        "SuggestionCountersignForm", {"on": on_field("会签日期"), "opinion": text("协办意见", area=True)}
    ),
    "publish": form_class("SuggestionPublishForm", {"on": on_field("公开日期")}),
}


# --- petitions ------------------------------------------------------------------------------------
class PetitionForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="办理机关")
    channel = forms.ChoiceField(choices=PetitionChannel.choices, label="信访形式")
    petitioner = forms.CharField(max_length=100, label="信访人")
    id_number = forms.CharField(max_length=18, required=False, label="身份证号码")
    phone = forms.CharField(max_length=30, required=False, label="联系电话")
    content = text("信访事项", area=True)
    received_on = on_field("收到日期")
    posted_on = opt_date("交邮日期（来信的）")
    is_enforcement_complaint = forms.BooleanField(required=False, label="涉行政执法投诉（作为监督线索）")
    is_long_standing = forms.BooleanField(required=False, label="信访积案")

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()  # type: ignore[attr-defined]


class LinkEnforcementCaseForm(forms.Form):
    """A 12345 / petition complaint about enforcement linked to the agency's own penalty case."""

    enforcement_case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="该机关的行政执法案件"
    )

    def __init__(self, *args: Any, agency: Any = None, **kwargs: Any) -> None:
        from fazhi.enforcement.models import PenaltyCase

        super().__init__(*args, **kwargs)
        self.fields["enforcement_case"].queryset = PenaltyCase.objects.filter(agency=agency).order_by("-id")  # type: ignore[attr-defined]


_OUTCOME = {"on": on_field(), "outcome": forms.ChoiceField(choices=PetitionOutcome.choices, label="处理意见")}
PETITION_FORMS: dict[str, type[forms.Form]] = {
    "accept": form_class("PetitionAcceptForm", {"on": on_field("受理日期")}),
    "route": form_class(
        "PetitionRouteForm", {"on": on_field(), "statutory_route": text("法定途径（如行政复议、诉讼）")}
    ),
    "not_accept": form_class(
        "PetitionNotAcceptForm", {"on": on_field(), "reasons": text("不予受理理由", area=True)}
    ),
    "extend": form_class("PetitionExtendForm", {"on": on_field("批准日期"), "ground": text("延长理由")}),
    "answer": form_class(
        "PetitionAnswerForm", {**_OUTCOME, "opinion_text": text("处理意见书摘要", required=False, area=True)}
    ),
    "record_service": form_class("PetitionServiceForm", {"on": on_field("信访人收到处理意见书日期")}),
    "record_review_service": form_class(
        "PetitionReviewServiceForm", {"on": on_field("信访人收到复查意见日期")}
    ),
    "request_review": form_class(
        "PetitionReviewRequestForm", {"on": on_field("收到复查请求日期"), "posted_on": opt_date("交邮日期")}
    ),
    "decide_review": form_class("PetitionDecideReviewForm", dict(_OUTCOME)),
    "request_rereview": form_class(
        "PetitionRereviewRequestForm", {"on": on_field("收到复核请求日期"), "posted_on": opt_date("交邮日期")}
    ),
    "hold_hearing": form_class("PetitionHearingForm", {"on": on_field("听证开始日期")}),
    "end_hearing": form_class("PetitionEndHearingForm", {"on": on_field("听证结束日期")}),
    "decide_rereview": form_class("PetitionDecideRereviewForm", dict(_OUTCOME)),
    "link_enforcement_case": LinkEnforcementCaseForm,
}


# --- registries -----------------------------------------------------------------------------------
REGISTRY_FORMS: dict[str, type[forms.Form]] = {
    "legal_aid": form_class(
        "LegalAidCaseForm",
        {
            "kind": forms.ChoiceField(choices=LegalAidKind.choices, label="案件类别"),
            "applicant": forms.CharField(label="受援人"),
            "matter": forms.CharField(label="案由"),
            "received_on": on_field("受理日期"),
            "recipients": forms.IntegerField(label="受援人数", min_value=0, initial=1),
            "closed_on": opt_date("结案日期"),
            "losses_recovered": forms.DecimalField(label="挽回经济损失（元）", required=False, min_value=0),
            "documents_drafted": forms.IntegerField(label="代写法律文书（件）", min_value=0, initial=0),
        },
    ),
    "consultations": form_class(
        "ConsultationForm",
        {
            "held_on": on_field("咨询日期"),
            "channel": forms.ChoiceField(choices=ConsultationChannel.choices, label="咨询方式"),
            "topic": forms.CharField(label="咨询事项"),
            "persons": forms.IntegerField(label="咨询人次", min_value=0, initial=1),
        },
    ),
    "education": form_class(
        "EducationEventForm",
        {
            "held_on": on_field("日期"),
            "kind": forms.ChoiceField(choices=EducationKind.choices, label="活动类型"),
            "title": forms.CharField(label="活动名称"),
            "audience": forms.ChoiceField(choices=Audience.choices, label="受众"),
            "participants": forms.IntegerField(label="参加（受众）人次", min_value=0, initial=0),
            "materials": forms.IntegerField(label="发放普法资料（册、份）", min_value=0, initial=0),
            "promo_items": forms.IntegerField(label="发放宣传品（个）", min_value=0, initial=0),
        },
    ),
    "study": form_class(
        "StudySessionForm",
        {
            "held_on": on_field("日期"),
            "kind": forms.ChoiceField(choices=StudyKind.choices, label="学法形式"),
            "topic": forms.CharField(label="学习内容"),
            "lecturer": forms.CharField(label="主讲人", required=False),
            "participants": forms.IntegerField(label="参加人数", min_value=0, initial=0),
        },
    ),
}


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


class ReportForm(forms.Form):
    """The parts of the annual disclosure report not computed from the requests."""

    overview = text("总体情况（主动公开情况）", required=False, area=True)
    problems = text("存在的主要问题及改进情况", required=False, area=True)
    other_matters = text("其他需要报告的事项", required=False, area=True)
