"""Forms of the staff UI and the portal. They only parse input; services validate the law."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.org.models import Agency, User

from .choices import (
    AbsenceReason,
    ActKind,
    Channel,
    DisputeKind,
    HearingKind,
    HearingMode,
    Instance,
    Judgment,
    Linkage,
    MediationKind,
    Outcome,
    PartyKind,
    SimplifiedGround,
    SuspensionGround,
    TerminationGround,
)
from .services import PartyIn

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (ADR 0001); the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, [f"{e}" for e in errors])
    else:
        form.add_error(None, exc.messages)


class ApplicationForm(forms.Form):
    """行政复议申请书 (第二十二条): one applicant and optionally one third party."""

    respondent = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="被申请人（作出行政行为的行政机关）"
    )
    applicant_kind = forms.ChoiceField(
        choices=PartyKind.choices, label="申请人类型", initial=PartyKind.PERSON
    )
    applicant_name = forms.CharField(max_length=100, label="申请人姓名或名称")
    applicant_id_number = forms.CharField(max_length=18, required=False, label="居民身份证号码（自然人）")
    applicant_uscc = forms.CharField(
        max_length=18, required=False, label="统一社会信用代码（法人或其他组织）"
    )
    applicant_phone = forms.CharField(max_length=30, required=False, label="联系电话")
    applicant_address = forms.CharField(max_length=200, required=False, label="住所或联系地址")
    third_party_name = forms.CharField(max_length=100, required=False, label="第三人（如有）")
    act_kind = forms.ChoiceField(choices=ActKind.choices, label="被申请行为类型", initial=ActKind.ACT)
    challenged_act = forms.CharField(max_length=300, label="被申请复议的行政行为（名称、文号）")
    act_date = forms.DateField(required=False, widget=DATE, label="行政行为作出日期")
    known_on = forms.DateField(widget=DATE, label="知道该行政行为的日期")
    rights_notified = forms.BooleanField(
        required=False, initial=True, label="行政机关已告知复议权利、复议机关和申请期限"
    )
    rights_learned_on = forms.DateField(required=False, widget=DATE, label="未告知的，知道上述事项的日期")
    involves_real_property = forms.BooleanField(required=False, label="涉及不动产")
    amount = forms.DecimalField(required=False, max_digits=14, decimal_places=2, label="涉及款额（元）")
    claim = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="复议请求")
    facts = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="主要事实")
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="理由")
    late_justification = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="超过申请期限的正当理由（如有）"
    )

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = Agency.objects.filter(jurisdiction=jurisdiction, is_active=True)  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        parties = [
            PartyIn(
                name=d["applicant_name"],
                kind=d["applicant_kind"],
                id_number=d["applicant_id_number"],
                uscc=d["applicant_uscc"],
                phone=d["applicant_phone"],
                address=d["applicant_address"],
            )
        ]
        if d.get("third_party_name"):
            parties.append(PartyIn(name=d["third_party_name"], role="third_party"))
        keys = [
            "act_kind",
            "challenged_act",
            "act_date",
            "known_on",
            "rights_notified",
            "rights_learned_on",
            "involves_real_property",
            "amount",
            "claim",
            "facts",
            "reasons",
            "late_justification",
        ]
        return {"respondent": d["respondent"], "parties": parties, **{k: d.get(k) for k in keys}}


class CounterApplicationForm(ApplicationForm):
    """窗口登记: written, oral (recorded on the spot) or by post."""

    channel = forms.ChoiceField(
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE], label="申请方式"
    )
    received_on = forms.DateField(widget=DATE, label="收到申请日期")
    posted_on = forms.DateField(required=False, widget=DATE, label="交邮日期（邮寄的，以邮戳为准）")
    oral_record = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="口头申请笔录"
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            **super().service_kwargs(),
            "channel": d["channel"],
            "received_on": d["received_on"],
            "posted_on": d.get("posted_on"),
            "oral_record": d["oral_record"],
        }


class OnDateForm(forms.Form):
    on = forms.DateField(widget=DATE, label="日期")


class AcceptForm(OnDateForm):
    late_justification = forms.CharField(required=False, label="超过申请期限的正当理由（第二十条第二款）")


class AcceptSimplifiedForm(AcceptForm):
    simplified_ground = forms.ChoiceField(
        choices=SimplifiedGround.choices, label="适用简易程序的情形（第五十三条）"
    )


class ExtendAmendmentForm(OnDateForm):
    ground = forms.CharField(required=False, label="延长理由（正当理由，第三十一条第二款）")
    working_days = forms.IntegerField(initial=10, min_value=1, label="延长工作日数（不超过10个工作日）")


class RejectForm(OnDateForm):
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="不予受理理由")
    outside_jurisdiction = forms.BooleanField(required=False, label="不属于本机关管辖")
    competent_organ = forms.CharField(required=False, label="有管辖权的复议机关（不属于本机关管辖的）")


class AmendmentForm(OnDateForm):
    items = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="需补正事项（每行一项，一次性告知）"
    )
    notice_received_on = forms.DateField(
        required=False, widget=DATE, label="申请人收到通知日期（当场送达的填写；补正期限自该日起算）"
    )


class NoticeReceivedForm(forms.Form):
    on = forms.DateField(widget=DATE, label="申请人收到补正通知日期（第三十一条第二款）")


class SupplyAmendmentForm(OnDateForm):
    posted_on = forms.DateField(required=False, widget=DATE, label="交邮日期（邮寄的，以邮戳为准）")


class SendCopyForm(OnDateForm):
    received_on = forms.DateField(
        required=False, widget=DATE, label="被申请人收到日期（当场或电子送达的填写；答复期限自收到之日起算）"
    )


class ReceiveCopyForm(forms.Form):
    on = forms.DateField(widget=DATE, label="被申请人收到申请书副本日期（第四十八条）")


class ReplyForm(OnDateForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="答复意见摘要")
    posted_on = forms.DateField(required=False, widget=DATE, label="交邮日期（邮寄的，以邮戳为准）")


class HearingForm(forms.Form):
    kind = forms.ChoiceField(choices=HearingKind.choices, label="类型")
    mode = forms.ChoiceField(choices=HearingMode.choices, label="方式")
    notified_on = forms.DateField(required=False, widget=DATE, label="通知日期（听证）")
    held_on = forms.DateField(widget=DATE, label="日期")
    place = forms.CharField(required=False, label="地点")
    record = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="笔录摘要")


class TextForm(OnDateForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="内容")


class GroundForm(OnDateForm):
    ground = forms.CharField(required=False, label="理由")


class SuspendForm(OnDateForm):
    ground = forms.ChoiceField(choices=SuspensionGround.choices, label="中止理由（第三十九条）")


class ExtendForm(OnDateForm):
    ground = forms.CharField(required=False, label="延长理由")
    days = forms.IntegerField(initial=30, min_value=1, label="延长天数（不超过30日）")


class DecideForm(OnDateForm):
    outcome = forms.ChoiceField(choices=Outcome.choices, label="决定类型")
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="决定理由")
    approved_by = forms.CharField(required=False, label="批准方式（负责人同意或集体讨论，第六十一条）")
    third_party_evidence = forms.BooleanField(
        required=False, label="被申请人未答复，但第三人提供了证据（第七十条）"
    )


class MediateForm(OnDateForm):
    agreement = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="调解书内容")


class TerminateForm(OnDateForm):
    ground = forms.ChoiceField(choices=TerminationGround.choices, label="终止理由")


class HandlersForm(forms.Form):
    handlers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), label="承办人员（至少2名）", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handlers"].queryset = staff  # type: ignore[attr-defined]


class OpinionForm(OnDateForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="收件机关")
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="意见内容")
    received_on = forms.DateField(
        required=False, widget=DATE, label="收件机关收到日期（当场送达的填写；反馈期限自收到之日起计算）"
    )

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(jurisdiction=jurisdiction)  # type: ignore[attr-defined]


class LitigationForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="被告机关")
    government_is_defendant = forms.BooleanField(required=False, label="以本级人民政府为被告")
    court = forms.CharField(max_length=100, label="法院")
    case_number = forms.CharField(max_length=60, label="案号")
    instance = forms.ChoiceField(choices=Instance.choices, label="审级")
    plaintiff = forms.CharField(max_length=200, label="原告")
    cause = forms.CharField(max_length=200, label="案由")
    served_on = forms.DateField(widget=DATE, label="收到起诉状副本日期")

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class LitigationHearingForm(forms.Form):
    held_on = forms.DateField(widget=DATE, label="开庭日期")
    head_appeared = forms.BooleanField(required=False, label="负责人出庭")
    head_name = forms.CharField(required=False, label="出庭负责人")
    head_post = forms.CharField(required=False, label="职务")
    absence_reason = forms.ChoiceField(
        choices=[("", "—"), *AbsenceReason.choices], required=False, label="未出庭理由"
    )
    staff_attending = forms.CharField(required=False, label="出庭工作人员")


class JudgmentForm(OnDateForm):
    judgment = forms.ChoiceField(choices=Judgment.choices, label="裁判结果")
    appealed = forms.BooleanField(required=False, label="已上诉")


class MediationForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="组织单位")
    kind = forms.ChoiceField(choices=MediationKind.choices, label="调解类型")
    dispute_kind = forms.ChoiceField(choices=DisputeKind.choices, label="纠纷类型")
    committee = forms.CharField(max_length=100, label="调解组织")
    mediator = forms.CharField(max_length=50, label="调解员")
    parties = forms.CharField(max_length=200, label="当事人")
    received_on = forms.DateField(widget=DATE, label="受理日期")
    amount = forms.DecimalField(max_digits=14, decimal_places=2, initial=0, label="涉及金额（元）")
    linkage = forms.ChoiceField(choices=Linkage.choices, required=False, label="对接类型")
    court_referral_number = forms.CharField(required=False, label="法院委派编号（诉前调解）")

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class MediationCloseForm(OnDateForm):
    outcome = forms.ChoiceField(choices=[("agreed", "调解成功"), ("failed", "调解不成")], label="结果")


class EvidenceForm(forms.Form):
    file = forms.FileField(label="文件")
    description = forms.CharField(required=False, label="说明（如：答复证据、申请材料）")
