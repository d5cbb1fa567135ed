"""Shapes of the disputes API: *In (input) / *Out (output), names unique across the project."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from fazhi.core.procedures.models import Deadline, Step

from ..choices import (
    Channel,
    HearingKind,
    HearingMode,
    Outcome,
    PartyKind,
    PartyRole,
    SimplifiedGround,
    SuspensionGround,
    TerminationGround,
)
from ..models import (
    EnforcementApplication,
    LitigationCase,
    LitigationHearing,
    Mediation,
    Party,
    Reconsideration,
    ReconsiderationOpinion,
)


class ReconsiderationPartyOut(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["role", "kind", "name"]


class ReconsiderationDeadlineOut(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        # due_date is null (calendar_pending true) while its year has no holiday data (ADR 0003)
        fields = [
            "clock",
            "label",
            "basis",
            "start_date",
            "due_date",
            "calendar_pending",
            "state",
            "closed_on",
            "explanation",
        ]


class ReconsiderationStepOut(serializers.ModelSerializer):
    actor: serializers.Field = serializers.StringRelatedField()

    class Meta:
        model = Step
        fields = ["transition", "label", "from_state", "to_state", "on", "actor", "note"]


class ReconsiderationOut(serializers.ModelSerializer):
    respondent_name = serializers.CharField(source="respondent.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    parties = ReconsiderationPartyOut(many=True, read_only=True)
    accepted_on = serializers.DateField(read_only=True, allow_null=True)
    next_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Reconsideration
        fields = [
            "id",
            "number",
            "state",
            "state_label",
            "channel",
            "received_on",
            "posted_on",
            "accepted_on",
            "copy_sent_on",
            "copy_received_on",
            "next_due",
            "respondent",
            "respondent_name",
            "parties",
            "act_kind",
            "challenged_act",
            "known_on",
            "application_due",
            "application_due_explanation",
            "late_justification",
            "claim",
            "procedure_kind",
            "simplified_ground",
            "is_major_complex",
            "outcome",
            "decision_number",
            "closed_on",
            "closed_on_time",
            "published_on",
        ]


class ReconsiderationDetailOut(ReconsiderationOut):
    deadlines = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(ReconsiderationOut.Meta):
        fields = [*ReconsiderationOut.Meta.fields, "facts", "reasons", "deadlines", "steps"]

    def get_deadlines(self, obj: Reconsideration) -> list[dict]:
        from fazhi.core import procedures

        return ReconsiderationDeadlineOut(procedures.deadlines(obj), many=True).data  # type: ignore[return-value]

    def get_steps(self, obj: Reconsideration) -> list[dict]:
        from fazhi.core import procedures

        return ReconsiderationStepOut(procedures.steps(obj), many=True).data  # type: ignore[return-value]


class ReconsiderationPartyIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.APPLICANT)
    kind = serializers.ChoiceField(choices=PartyKind.choices, default=PartyKind.PERSON)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    uscc = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ReconsiderationCreateIn(serializers.Serializer):
    respondent = serializers.IntegerField(help_text="被申请人（行政机关）ID")
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField()
    posted_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="交邮日期（邮寄申请必填，以邮戳为准）"
    )
    parties = ReconsiderationPartyIn(many=True)
    act_kind = serializers.ChoiceField(
        choices=[("act", "行政行为"), ("nonperformance", "不履行法定职责")], default="act"
    )
    challenged_act = serializers.CharField(max_length=300, allow_blank=True)
    act_document_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    act_date = serializers.DateField(required=False, allow_null=True, default=None)
    known_on = serializers.DateField(allow_null=True)
    involves_real_property = serializers.BooleanField(default=False)
    rights_notified = serializers.BooleanField(default=True)
    rights_learned_on = serializers.DateField(required=False, allow_null=True, default=None)
    late_justification = serializers.CharField(required=False, allow_blank=True, default="")
    claim = serializers.CharField(allow_blank=True)
    facts = serializers.CharField(allow_blank=True)
    reasons = serializers.CharField(allow_blank=True)
    oral_record = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )


class ReconsiderationAcceptIn(serializers.Serializer):
    on = serializers.DateField()
    late_justification = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationAcceptSimplifiedIn(ReconsiderationAcceptIn):
    simplified_ground = serializers.ChoiceField(choices=SimplifiedGround.choices)


class ReconsiderationExtendAmendmentIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.CharField(allow_blank=True)
    working_days = serializers.IntegerField(default=10)


class ReconsiderationRejectIn(serializers.Serializer):
    on = serializers.DateField()
    reasons = serializers.CharField(allow_blank=True)
    competent_organ = serializers.CharField(required=False, allow_blank=True, default="")
    outside_jurisdiction = serializers.BooleanField(default=False)


class ReconsiderationAmendmentIn(serializers.Serializer):
    on = serializers.DateField()
    items = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    notice_received_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="申请人收到补正通知日期（当场送达的）"
    )


class ReconsiderationNoticeReceivedIn(serializers.Serializer):
    on = serializers.DateField(help_text="申请人收到补正通知日期（第三十一条第二款）")


class ReconsiderationSupplyAmendmentIn(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    posted_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="交邮日期")


class ReconsiderationDateIn(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationSendCopyIn(serializers.Serializer):
    on = serializers.DateField()
    received_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="被申请人收到日期（当场或电子送达的）"
    )


class ReconsiderationCopyReceivedIn(serializers.Serializer):
    on = serializers.DateField(help_text="被申请人收到申请书副本日期（第四十八条：答复期限自该日起计算）")


class ReconsiderationHandlersIn(serializers.Serializer):
    handlers = serializers.ListField(child=serializers.IntegerField())


class ReconsiderationReplyIn(serializers.Serializer):
    on = serializers.DateField()
    text = serializers.CharField(allow_blank=True)
    posted_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="交邮日期")


class ReconsiderationHearingIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=HearingKind.choices)
    mode = serializers.ChoiceField(choices=HearingMode.choices, default=HearingMode.IN_PERSON)
    notified_on = serializers.DateField(required=False, allow_null=True, default=None)
    held_on = serializers.DateField()
    place = serializers.CharField(required=False, allow_blank=True, default="")
    issues = serializers.CharField(required=False, allow_blank=True, default="")
    presiding = serializers.CharField(required=False, allow_blank=True, default="")
    record = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationTextIn(serializers.Serializer):
    on = serializers.DateField()
    text = serializers.CharField(allow_blank=True)


class ReconsiderationGroundIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.CharField(allow_blank=True)


class ReconsiderationSuspendIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.ChoiceField(choices=SuspensionGround.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationExtendIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.CharField(allow_blank=True)
    days = serializers.IntegerField(default=30)


class ReconsiderationDecideIn(serializers.Serializer):
    on = serializers.DateField()
    outcome = serializers.CharField(help_text="、".join(f"{v}={label}" for v, label in Outcome.choices))
    reasons = serializers.CharField(allow_blank=True)
    approved_by = serializers.CharField(allow_blank=True)
    third_party_evidence = serializers.BooleanField(default=False)


class ReconsiderationMediateIn(serializers.Serializer):
    on = serializers.DateField()
    agreement = serializers.CharField(allow_blank=True)


class ReconsiderationTerminateIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.ChoiceField(choices=TerminationGround.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationOpinionOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    report_due = serializers.DateField(
        read_only=True, allow_null=True, help_text="反馈期限（行政复议法第七十六条，引擎期限）"
    )
    report_pending = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="届满日为暂定日期，待日历确认"
    )

    class Meta:
        model = ReconsiderationOpinion
        fields = [
            "id",
            "case",
            "agency",
            "agency_name",
            "issued_on",
            "content",
            "received_on",
            "report_due",
            "report_pending",
            "reported_on",
            "report",
        ]


class ReconsiderationOpinionIn(serializers.Serializer):
    agency = serializers.IntegerField()
    case = serializers.IntegerField(required=False, allow_null=True, default=None)
    on = serializers.DateField()
    content = serializers.CharField(allow_blank=True)
    received_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="收件机关收到日期（当场送达的填写）"
    )


class ReconsiderationOpinionReceiveIn(serializers.Serializer):
    on = serializers.DateField(help_text="收件机关收到意见书的日期（第七十六条：反馈期限自该日起计算）")


class ReconsiderationOpinionReportIn(serializers.Serializer):
    on = serializers.DateField()
    report = serializers.CharField(allow_blank=True)


# --- litigation -----------------------------------------------------------------------------------
class LitigationHearingOut(serializers.ModelSerializer):
    class Meta:
        model = LitigationHearing
        fields = [
            "id",
            "held_on",
            "head_appeared",
            "head_name",
            "head_post",
            "absence_reason",
            "absence_detail",
            "staff_attending",
        ]


class LitigationCaseOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    hearings = LitigationHearingOut(many=True, read_only=True)
    defence_due = serializers.DateField(
        read_only=True, allow_null=True, help_text="答辩举证期限（行政诉讼法第六十七条，引擎期限）"
    )
    defence_pending = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="届满日为暂定日期，待日历确认"
    )

    class Meta:
        model = LitigationCase
        fields = [
            "id",
            "agency",
            "agency_name",
            "government_is_defendant",
            "court",
            "case_number",
            "instance",
            "previous",
            "plaintiff",
            "cause",
            "served_on",
            "defence_due",
            "defence_pending",
            "defence_filed_on",
            "judgment",
            "judgment_on",
            "appealed",
            "hearings",
        ]


class LitigationCaseIn(serializers.Serializer):
    agency = serializers.IntegerField()
    government_is_defendant = serializers.BooleanField(default=False)
    court = serializers.CharField(max_length=100)
    case_number = serializers.CharField(max_length=60)
    instance = serializers.CharField(default="first")
    previous = serializers.IntegerField(required=False, allow_null=True, default=None)
    plaintiff = serializers.CharField(max_length=200)
    cause = serializers.CharField(max_length=200)
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    served_on = serializers.DateField()


class LitigationHearingIn(serializers.Serializer):
    held_on = serializers.DateField()
    head_appeared = serializers.BooleanField()
    head_name = serializers.CharField(required=False, allow_blank=True, default="")
    head_post = serializers.CharField(required=False, allow_blank=True, default="")
    absence_reason = serializers.CharField(required=False, allow_blank=True, default="")
    absence_detail = serializers.CharField(required=False, allow_blank=True, default="")
    staff_attending = serializers.CharField(required=False, allow_blank=True, default="")


class LitigationJudgmentIn(serializers.Serializer):
    judgment = serializers.CharField()
    on = serializers.DateField()
    appealed = serializers.BooleanField(default=False)


class LitigationDefenceIn(serializers.Serializer):
    on = serializers.DateField()


class EnforcementApplicationOut(serializers.ModelSerializer):
    class Meta:
        model = EnforcementApplication
        fields = [
            "id",
            "agency",
            "court",
            "decision_number",
            "respondent_name",
            "demand_served_on",
            "applied_on",
            "ruling",
        ]


class EnforcementApplicationIn(serializers.Serializer):
    agency = serializers.IntegerField()
    court = serializers.CharField(max_length=100)
    decision_number = serializers.CharField(max_length=100)
    respondent_name = serializers.CharField(max_length=100)
    demand_served_on = serializers.DateField()
    applied_on = serializers.DateField()


# --- mediation ------------------------------------------------------------------------------------
class MediationOut(serializers.ModelSerializer):
    class Meta:
        model = Mediation
        fields = [
            "id",
            "agency",
            "kind",
            "dispute_kind",
            "committee",
            "mediator",
            "parties",
            "received_on",
            "closed_on",
            "outcome",
            "amount",
            "linkage",
            "court_referral_number",
        ]


class MediationIn(serializers.Serializer):
    agency = serializers.IntegerField(required=False, allow_null=True, default=None)
    kind = serializers.CharField()
    dispute_kind = serializers.CharField()
    committee = serializers.CharField(max_length=100)
    mediator = serializers.CharField(max_length=50)
    parties = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    linkage = serializers.CharField(required=False, allow_blank=True, default="")
    court_referral_number = serializers.CharField(required=False, allow_blank=True, default="")


class MediationCloseIn(serializers.Serializer):
    on = serializers.DateField()
    outcome = serializers.CharField()
