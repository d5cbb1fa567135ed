"""Shape and type conversion only (STYLE.md §2.2). Names are unique across the project."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.enforcement.choices import (
    CollectionReason,
    DecisionKind,
    MatterKind,
    NoPenaltyList,
    PenaltyType,
    ProcedureKind,
    ReviewGround,
    ServiceMethod,
    StepKind,
    Tier,
)
from fazhi.enforcement.models import (
    Benchmark,
    InvestigationStep,
    LegalReviewItem,
    Matter,
    PenaltyCase,
    PublicityRecord,
)
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS
from fazhi.org.models import User

MONEY = {"max_digits": 14, "decimal_places": 2, "required": False, "allow_null": True}


class EnforcementDeadlineOut(serializers.Serializer):
    clock = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    due_date = serializers.DateField()
    state = serializers.CharField()
    explanation = serializers.CharField()


class InvestigationStepOut(serializers.ModelSerializer):
    class Meta:
        model = InvestigationStep
        fields = [
            "id",
            "kind",
            "on",
            "place",
            "officer_a",
            "officer_b",
            "certificate_a",
            "certificate_b",
            "summary",
            "has_audio_video",
        ]


class PenaltyCaseListOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    matter_name = serializers.CharField(source="matter.name", read_only=True)

    decision_due_on = serializers.DateField(
        read_only=True, allow_null=True, default=None, help_text="办案期限届满日（引擎期限，可能为暂定日期）"
    )
    decision_due_on_pending = serializers.BooleanField(
        read_only=True, allow_null=True, default=None, help_text="True：待日历确认（暂定日期）"
    )

    class Meta:
        model = PenaltyCase
        fields = [
            "id",
            "number",
            "procedure_kind",
            "state",
            "title",
            "agency",
            "agency_name",
            "matter",
            "matter_name",
            "party_name",
            "opened_on",
            "decision_due_on",
            "decision_due_on_pending",
            "decided_on",
            "fine_amount",
            "is_irregular",
            *IRREGULARITY_FLAGS,
        ]


class PenaltyCaseOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    matter_name = serializers.CharField(source="matter.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    deadlines = serializers.SerializerMethodField()
    investigation_steps = InvestigationStepOut(many=True, read_only=True)
    # the engine's due dates, annotated by the selector (never stored on the case)
    decision_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    service_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    payment_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    hearing_request_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    statement_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = PenaltyCase
        exclude = ["jurisdiction"]

    def get_deadlines(self, case: PenaltyCase) -> list[dict]:
        from fazhi.core import procedures

        return EnforcementDeadlineOut(procedures.deadlines(case), many=True).data  # type: ignore[return-value]


class CaseOpenIn(serializers.Serializer):
    matter = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.all())
    title = serializers.CharField(max_length=200)
    party_name = serializers.CharField(max_length=200)
    party_is_natural_person = serializers.BooleanField(default=False)
    party_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    party_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    source = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    opened_on = serializers.DateField()
    officer_a = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    officer_b = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    procedure_kind = serializers.ChoiceField(choices=ProcedureKind.choices, default=ProcedureKind.ORDINARY)
    violation_on = serializers.DateField(required=False, allow_null=True, default=None)
    serious_harm = serializers.BooleanField(default=False)


class CaseStepIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StepKind.choices)
    on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    officer_a = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    officer_b = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    summary = serializers.CharField()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    audio_video = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class CaseOnIn(serializers.Serializer):
    on = serializers.DateField()


class CaseFilingIn(CaseOnIn):
    """A party's filing within a period: `on` = received; `posted_on` = the postmark if sent by post."""

    posted_on = serializers.DateField(required=False, allow_null=True, default=None)


class CaseStatementIn(CaseFilingIn):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class CaseDetailsIn(serializers.Serializer):
    party_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    party_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    facts = serializers.CharField(required=False, allow_blank=True, default="")


class CaseNotifyIn(CaseOnIn):
    tier = serializers.ChoiceField(choices=Tier.choices)
    penalty_types = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyType.choices), default=list
    )
    fine = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    confiscation = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    out_of_tier_reason = serializers.CharField(required=False, allow_blank=True, default="")
    collective_discussion = serializers.BooleanField(default=False)


class CaseScheduleHearingIn(CaseOnIn):
    hearing_on = serializers.DateField()
    chair = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())


class CaseHoldHearingIn(CaseOnIn):
    record = serializers.CharField()


class CaseReviewIn(CaseOnIn):
    opinion = serializers.CharField()


class CaseDiscussIn(CaseOnIn):
    minutes = serializers.CharField()


class CaseDecideIn(CaseOnIn):
    decision_kind = serializers.ChoiceField(choices=DecisionKind.choices)
    decision_number = serializers.CharField(max_length=60, allow_blank=True)
    penalty_types = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyType.choices), default=list
    )
    fine_amount = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    confiscation_amount = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default=None
    )
    decision_basis = serializers.CharField(allow_blank=True, default="")
    evidence_summary = serializers.CharField(allow_blank=True, default="")
    performance = serializers.CharField(allow_blank=True, default="")
    remedies = serializers.CharField(allow_blank=True, default="")


class CaseDecideOnTheSpotIn(CaseOnIn):
    decision_number = serializers.CharField(max_length=60, allow_blank=True)
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices))
    fine_amount = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    decision_basis = serializers.CharField(allow_blank=True)
    evidence_summary = serializers.CharField(allow_blank=True)
    performance = serializers.CharField(allow_blank=True, default="")
    remedies = serializers.CharField(allow_blank=True)


class CaseServeIn(CaseOnIn):
    method = serializers.ChoiceField(choices=ServiceMethod.choices)
    party_consented = serializers.BooleanField(default=False)


class CasePaymentIn(CaseOnIn):
    amount = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    collected_on_the_spot = serializers.BooleanField(default=False)
    collection_reason = serializers.ChoiceField(
        choices=CollectionReason.choices, required=False, allow_blank=True, default=""
    )


class CaseCloseIn(CaseOnIn):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CaseGroundIn(CaseOnIn):
    ground = serializers.CharField()


class CaseExtendIn(CaseGroundIn):
    days = serializers.IntegerField(
        required=False, allow_null=True, help_text="延长天数；不填按本机关办案期限规则的每次延长上限"
    )


class PublicityRecordOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    # the engine's standalone deadlines of the record, annotated by the selector (never stored)
    due_on = serializers.DateField(read_only=True, allow_null=True, default=None, help_text="公示期限")
    calendar_pending = serializers.BooleanField(
        read_only=True, allow_null=True, default=None, help_text="True：期限为暂定日期（待日历确认）"
    )
    due_explanation = serializers.CharField(read_only=True, allow_null=True, default=None)
    on_time = serializers.BooleanField(
        read_only=True, allow_null=True, default=None, help_text="按期公示；未公示或待日历确认时为空"
    )
    withdrawal_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = PublicityRecord
        fields = [
            "id",
            "kind",
            "agency",
            "agency_name",
            "document_number",
            "subject",
            "subject_code",
            "matter_name",
            "basis",
            "result",
            "decided_on",
            "due_on",
            "calendar_pending",
            "due_explanation",
            "published_on",
            "on_time",
            "status",
            "revoked_on",
            "withdrawal_due_on",
            "withdrawn_on",
            "withdrawal_reason",
            "case",
            "permit",
        ]


class PublicityRevokeIn(CaseOnIn):
    reason = serializers.CharField()


class BenchmarkOut(serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = ["id", "tier", "circumstance", "no_penalty_list", "fine_min", "fine_max", "other_penalties"]


class MatterOut(serializers.ModelSerializer):
    benchmarks = BenchmarkOut(many=True, read_only=True)

    class Meta:
        model = Matter
        fields = [
            "id",
            "agency",
            "code",
            "name",
            "kind",
            "legal_basis",
            "basis_article",
            "is_active",
            "benchmarks",
        ]


class MatterCreateIn(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=MatterKind.choices)
    legal_basis = serializers.CharField()
    basis_article = serializers.CharField(max_length=200)


class PermitDecisionIn(serializers.Serializer):
    matter = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.all())
    number = serializers.CharField(max_length=60)
    applicant_name = serializers.CharField(max_length=200)
    applicant_is_natural_person = serializers.BooleanField(default=False)
    applicant_code = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    granted = serializers.BooleanField(default=True)
    content = serializers.CharField()
    decided_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class PermitDecisionOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    publicity_id = serializers.IntegerField(source="publicity.id")
    publicity_due_on = serializers.DateField(source="publicity.due_on", allow_null=True)
    publicity_calendar_pending = serializers.BooleanField(
        source="publicity.calendar_pending", help_text="True：公示期限为暂定日期（待日历确认）"
    )


class BenchmarkCreateIn(serializers.Serializer):
    tier = serializers.ChoiceField(choices=Tier.choices)
    circumstance = serializers.CharField()
    fine_min = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    fine_max = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    no_penalty_list = serializers.ChoiceField(
        choices=NoPenaltyList.choices, required=False, allow_blank=True, default=""
    )
    other_penalties = serializers.CharField(required=False, allow_blank=True, default="")


class LegalReviewItemIn(serializers.Serializer):
    ground = serializers.ChoiceField(choices=ReviewGround.choices)
    matter = serializers.PrimaryKeyRelatedField(
        queryset=Matter.objects.all(), required=False, allow_null=True, default=None
    )
    circumstance = serializers.CharField(required=False, allow_blank=True, default="")
    min_fine = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class LegalReviewItemOut(serializers.ModelSerializer):
    class Meta:
        model = LegalReviewItem
        fields = ["id", "agency", "matter", "ground", "circumstance", "min_fine"]


class CaseEvidenceIn(serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CaseEvidenceOut(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    kind = serializers.CharField()
