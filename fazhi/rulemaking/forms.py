"""Forms of the staff pages and the portal; each action form is named like its transition."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .choices import (
    AdviserKind,
    CleanupConclusion,
    CleanupKind,
    CommentAnswer,
    FairCompetitionConclusion,
    FlagDecision,
    MeetingKind,
    PaperConclusion,
    PaperKind,
    ReviewOpinion,
    RiskLevel,
)

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (ADR 0001); the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, list(errors))
    else:
        form.add_error(None, exc.messages)


class OnForm(forms.Form):
    on = forms.DateField(label="办理日期", widget=DATE)


class ReasonForm(OnForm):
    reason = forms.CharField(label="理由", widget=TEXT)


class DocumentCreateForm(forms.Form):
    title = forms.CharField(label="文件名称", max_length=200)
    issuing_organ = forms.CharField(label="制定机关", max_length=100, initial="县人民政府")
    registered_on = forms.DateField(label="登记日期", widget=DATE)
    touches_market = forms.BooleanField(
        label="涉及市场主体经济活动（须公平竞争审查，征求意见不少于30日）", required=False
    )
    requires_comment = forms.BooleanField(
        label="涉及公民、法人和其他组织权利义务（须公开征求意见）", required=False, initial=True
    )
    summary = forms.CharField(label="起草说明", widget=TEXT, required=False)
    text = forms.CharField(label="草案文本（每条以“第X条”开头）", widget=forms.Textarea(attrs={"rows": 14}))


class AssessForm(OnForm):
    assessment = forms.CharField(label="必要性、可行性评估", widget=TEXT)


class VersionForm(OnForm):
    note = forms.CharField(label="版本说明", required=False, max_length=200)
    text = forms.CharField(label="修改稿全文", widget=forms.Textarea(attrs={"rows": 12}))


class CommentPeriodForm(OnForm):
    ends_on = forms.DateField(label="征求意见截止日期", widget=DATE)
    short_reason = forms.CharField(label="期限少于规定期限的书面说明（如有）", widget=TEXT, required=False)


class OpinionForm(OnForm):
    opinion = forms.ChoiceField(
        label="审核意见", choices=[c for c in ReviewOpinion.choices if c[0] != ReviewOpinion.FAILED]
    )
    opinion_text = forms.CharField(label="合法性审核意见书", widget=TEXT)


class FailForm(OnForm):
    opinion_text = forms.CharField(label="合法性审核意见书（不合法的理由）", widget=TEXT)


class FairCompetitionForm(OnForm):
    conclusion = forms.ChoiceField(label="审查结论", choices=FairCompetitionConclusion.choices)
    text = forms.CharField(label="书面审查结论", widget=TEXT)


class DeliberationForm(OnForm):
    meeting_kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    meeting_name = forms.CharField(label="会议名称", max_length=100)
    minutes = forms.CharField(label="会议纪要", widget=TEXT, required=False)


class PublicationForm(OnForm):
    signed_by = forms.CharField(label="签发人", max_length=50)
    number = forms.CharField(label="文号（留空则按发文字号前缀统一编号）", required=False, max_length=60)
    number_prefix = forms.CharField(label="发文字号前缀（如“安政规”）", required=False, max_length=20)
    effective_on = forms.DateField(label="施行日期", widget=DATE)
    validity_months = forms.IntegerField(label="有效期（月）", min_value=1, initial=60)


class FilingForm(OnForm):
    filed_with = forms.CharField(label="备案机关", initial="县人大常委会、市人民政府", max_length=200)
    late_reason = forms.CharField(label="逾期报备原因（超过报备期限时必填）", widget=TEXT, required=False)


class FilingReviewForm(OnForm):
    compliant = forms.TypedChoiceField(
        label="备案审查结论", choices=[("1", "报备规范"), ("0", "报备不规范")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="备案审查意见", widget=TEXT, required=False)


class EvaluationForm(OnForm):
    conclusion = forms.CharField(label="评估结论", widget=TEXT)


class EndForm(ReasonForm):
    how = forms.ChoiceField(label="处理方式", choices=[("repeal", "废止"), ("declare_expired", "宣布失效")])


class FlagDecisionForm(OnForm):
    decision = forms.ChoiceField(
        label="确认", choices=[c for c in FlagDecision.choices if c[0] != FlagDecision.PENDING]
    )
    note = forms.CharField(label="说明", required=False, max_length=500)


class AnswerForm(OnForm):
    answer = forms.ChoiceField(
        label="采纳情况", choices=[c for c in CommentAnswer.choices if c[0] != CommentAnswer.PENDING]
    )
    reason = forms.CharField(label="理由", required=False, max_length=2000)


class PublicCommentForm(forms.Form):
    """公众意见 (no account). `website` is the honeypot (hidden by CSS; people leave it empty)."""

    clause = forms.TypedChoiceField(label="针对条款", required=False, coerce=int, empty_value=None)
    text = forms.CharField(label="意见建议", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    name = forms.CharField(label="姓名或单位（选填，公开时隐去）", required=False, max_length=100)
    is_organisation = forms.BooleanField(label="以企业、商会、协会等单位名义提出", required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", required=False, max_length=100)
    website = forms.CharField(label="网址", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, clauses: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", "整体意见")] + [(c.pk, c.heading) for c in clauses]  # type: ignore[attr-defined]


class CleanupForm(forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    kind = forms.ChoiceField(label="清理类型", choices=CleanupKind.choices)
    topic = forms.CharField(label="专项清理主题", required=False, max_length=200)
    started_on = forms.DateField(label="开始日期", widget=DATE)
    documents: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="纳入专项清理的文件（全面清理不必选择）",
        queryset=None,
        required=False,  # type: ignore[arg-type]
    )

    def __init__(self, *args: Any, valid_documents: Any = None, **kwargs: Any) -> None:
        from .models import NormativeDocument

        super().__init__(*args, **kwargs)
        field: Any = self.fields["documents"]
        field.queryset = valid_documents if valid_documents is not None else NormativeDocument.objects.none()


class CleanupResultForm(OnForm):
    conclusion = forms.ChoiceField(label="清理结论", choices=CleanupConclusion.choices)
    reason = forms.CharField(label="理由", max_length=2000)


class UploadForm(forms.Form):
    file = forms.FileField(label="清理结果表（.xlsx）")


# --- decisions ----------------------------------------------------------------------------------
class DecisionCreateForm(forms.Form):
    title = forms.CharField(label="决策事项", max_length=200)
    summary = forms.CharField(label="决策内容和理由", widget=TEXT)
    registered_on = forms.DateField(label="启动日期", widget=DATE)
    requires_expert_review = forms.BooleanField(label="须专家论证", required=False, initial=True)
    requires_risk_assessment = forms.BooleanField(label="须风险评估", required=False, initial=True)
    confidential = forms.BooleanField(label="依法不予公开（不公开征求意见）", required=False)
    confidential_reason = forms.CharField(label="不公开的依据", required=False, widget=TEXT)
    text = forms.CharField(label="决策草案文本", widget=forms.Textarea(attrs={"rows": 8}), required=False)


class ParticipationCloseForm(OnForm):
    adoption = forms.CharField(label="公众意见采纳情况", widget=TEXT)


class HearingForm(forms.Form):
    materials_sent_on = forms.DateField(label="听证材料送达日期", widget=DATE, required=False)
    hearing_on = forms.DateField(label="听证日期", widget=DATE)
    record = forms.CharField(label="听证笔录摘要（参加人已确认签字）", widget=TEXT)


class ExpertForm(OnForm):
    experts = forms.CharField(label="论证专家", max_length=300)
    opinion = forms.CharField(label="专家论证意见（已签名）", widget=TEXT)


class RiskForm(OnForm):
    risk_level = forms.ChoiceField(label="风险等级", choices=RiskLevel.choices)
    report = forms.CharField(label="风险评估报告（风险点、防范措施、处置预案）", widget=TEXT)


class DecisionReviewSubmitForm(OnForm):
    needed_by = forms.DateField(label="要求出具审查意见的日期（选填）", widget=DATE, required=False)
    short_reason = forms.CharField(label="审查时间少于7个工作日的理由", widget=TEXT, required=False)


class DecisionOpinionForm(OnForm):
    opinion_text = forms.CharField(label="合法性审查意见书", widget=TEXT)


class DecideForm(OnForm):
    meeting_kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    meeting_name = forms.CharField(label="会议名称", max_length=100)
    minutes = forms.CharField(label="会议纪要", widget=TEXT, required=False)
    outcome = forms.CharField(label="决定内容", widget=TEXT)
    dissent = forms.CharField(label="不同意见（如实记录）", widget=TEXT, required=False)
    departs_from_majority = forms.BooleanField(label="行政首长的决定与多数人意见不一致", required=False)
    head_explanation = forms.CharField(label="行政首长在会上说明的理由", widget=TEXT, required=False)


class ReportForm(OnForm):
    by = forms.CharField(label="执行单位或评估机构", max_length=100)
    text = forms.CharField(label="情况", widget=TEXT)
    is_evaluation = forms.BooleanField(label="决策后评估", required=False)


# --- papers -------------------------------------------------------------------------------------
class PaperCreateForm(forms.Form):
    kind = forms.ChoiceField(label="文件类型", choices=PaperKind.choices)
    title = forms.CharField(label="送审文件", max_length=200)
    counterparty = forms.CharField(label="合同相对方", required=False, max_length=200)
    amount = forms.DecimalField(label="合同金额（元）", required=False, max_digits=16, decimal_places=2)
    received_on = forms.DateField(label="收件日期", widget=DATE)


class AssignForm(OnForm):
    reviewer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="承办审查人员", queryset=None, required=False
    )  # type: ignore[arg-type]
    adviser: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="法律顾问", queryset=None, required=False
    )  # type: ignore[arg-type]

    def __init__(self, *args: Any, jurisdiction_id: int | None = None, **kwargs: Any) -> None:
        """The justice bureau's staff and the retained advisers (of one jurisdiction when given;
        the service checks the jurisdiction again)."""
        from django.contrib.auth import get_user_model

        from .models import LegalAdviser

        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(role="supervisor", is_active=True)
        advisers = LegalAdviser.objects.all()
        if jurisdiction_id is not None:
            staff, advisers = (
                staff.filter(jurisdiction_id=jurisdiction_id),
                advisers.filter(jurisdiction_id=jurisdiction_id),
            )
        self.fields["reviewer"].queryset = staff  # type: ignore[attr-defined]
        self.fields["adviser"].queryset = advisers  # type: ignore[attr-defined]


class PaperOpinionForm(OnForm):
    conclusion = forms.ChoiceField(label="审查结论", choices=PaperConclusion.choices)
    opinion = forms.CharField(label="法律意见书", widget=TEXT)


class AdviserForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="类型", choices=AdviserKind.choices)
    organisation = forms.CharField(label="执业机构或工作单位", max_length=100)
    engaged_from = forms.DateField(label="聘任起始日期", widget=DATE)
    engaged_to = forms.DateField(label="聘任截止日期", widget=DATE)
    contract_number = forms.CharField(label="聘用合同编号", required=False, max_length=60)


class MeetingForm(OnForm):
    meeting = forms.CharField(label="会议名称", max_length=100)
    note = forms.CharField(label="发表意见", required=False, widget=TEXT)
