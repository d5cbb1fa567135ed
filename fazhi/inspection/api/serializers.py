"""Shapes of the inspection API: *In (input) / *Out (output), names unique across the project."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..choices import CreditGrade, DrawState, EntityKind, InspectionMethod, MatterCategory, Outcome, PlanKind
from ..models import Draw, Entity, InspectionMatter, InspectionPlan, InspectionTask, Inspector, Rating


class InspectionMatterOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name")

    class Meta:
        model = InspectionMatter
        fields = [
            "id",
            "agency",
            "agency_name",
            "code",
            "name",
            "legal_basis",
            "category",
            "object_kind",
            "method",
            "ratio",
            "frequency",
            "is_active",
        ]


class InspectionMatterCreateIn(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    legal_basis = serializers.CharField(allow_blank=True)
    object_kind = serializers.ChoiceField(choices=EntityKind.choices)
    method = serializers.ChoiceField(choices=InspectionMethod.choices)
    category = serializers.ChoiceField(choices=MatterCategory.choices, default=MatterCategory.GENERAL)
    ratio = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
    frequency = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)


class InspectionEntityOut(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = [
            "id",
            "key",
            "uscc",
            "name",
            "kind",
            "industry",
            "address",
            "area",
            "credit_grade",
            "flags",
            "is_active",
        ]


class InspectionEntityIn(serializers.Serializer):
    uscc = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    code = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=EntityKind.choices)
    industry = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    area = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    credit_grade = serializers.ChoiceField(choices=CreditGrade.choices, default=CreditGrade.B)
    flags = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class InspectionImportIn(serializers.Serializer):
    file = serializers.FileField()


class InspectionImportOut(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


class InspectorOut(serializers.ModelSerializer):
    name = serializers.CharField(source="officer.display_name")
    agency_name = serializers.CharField(source="agency.name")

    class Meta:
        model = Inspector
        fields = ["id", "officer", "name", "agency", "agency_name", "specialties", "is_active"]


class InspectionPlanOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name")
    matter_name = serializers.CharField(source="matter.name")
    state_label = serializers.CharField()
    merged_into_number = serializers.CharField(source="merged_into.number", default=None)

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "number",
            "year",
            "kind",
            "title",
            "agency",
            "agency_name",
            "matter",
            "matter_name",
            "legal_basis",
            "industry",
            "area",
            "ratio",
            "grade_ratios",
            "count",
            "period_start",
            "period_end",
            "state",
            "state_label",
            "merged_into",
            "merged_into_number",
            "pending_change",
            "created_on",
        ]


class InspectionPlanCreateIn(serializers.Serializer):
    matter = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=2019, max_value=2100)
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.ANNUAL)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    on = serializers.DateField()
    ratio = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
    count = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    grade_ratios = serializers.DictField(child=serializers.CharField(), required=False, default=dict)
    industry = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    area = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    partners = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class InspectionPlanDateIn(serializers.Serializer):
    on = serializers.DateField()


class InspectionPlanReasonsIn(InspectionPlanDateIn):
    reasons = serializers.CharField(allow_blank=True)


class InspectionPlanGroundIn(InspectionPlanDateIn):
    ground = serializers.CharField(allow_blank=True)


class InspectionPlanChangeIn(InspectionPlanGroundIn):
    changes = serializers.DictField()


class InspectionPlanMergeIn(InspectionPlanDateIn):
    into = serializers.IntegerField(help_text="牵头计划的ID：本计划并入该计划，成为联合抽查")


class InspectionPlanCountOut(serializers.Serializer):
    agency = serializers.CharField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    returned = serializers.IntegerField()


class InspectionPlanOverlapOut(serializers.Serializer):
    first = InspectionPlanOut()
    second = InspectionPlanOut()


class InspectionDrawOut(serializers.ModelSerializer):
    plan_number = serializers.CharField(source="plan.number")
    seed = serializers.SerializerMethodField()
    superseded_by = serializers.SerializerMethodField()

    class Meta:
        model = Draw
        fields = [
            "id",
            "number",
            "plan",
            "plan_number",
            "state",
            "seed_sha256",
            "seed",
            "eligible_sha256",
            "eligible_count",
            "excluded_count",
            "selected_count",
            "frequency_warnings",
            "committed_on",
            "drawn_on",
            "confirmed_on",
            "supersedes",
            "superseded_by",
            "redraw_reason",
        ]

    def get_seed(self, obj: Draw) -> str | None:
        """Revealed at the draw, never before (commit–reveal, ADR 0010)."""
        return obj.seed if obj.state != DrawState.COMMITTED else None

    def get_superseded_by(self, obj: Draw) -> int | None:
        return getattr(getattr(obj, "superseded_by", None), "pk", None)


class InspectionDrawCommitIn(InspectionPlanDateIn):
    seed = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="留空由系统生成256位随机种子"
    )


class InspectionDrawConfirmIn(InspectionPlanDateIn):
    acknowledge_frequency = serializers.BooleanField(default=False)


class InspectionDrawRedrawIn(InspectionPlanDateIn):
    reason = serializers.CharField(allow_blank=True)


class InspectionTaskInspectorOut(serializers.Serializer):
    name = serializers.CharField()
    certificate_number = serializers.CharField()


class InspectionTaskOut(serializers.ModelSerializer):
    entity_name = serializers.CharField(source="entity.name")
    entity_key = serializers.CharField(source="entity.key")
    matter_name = serializers.CharField(source="matter.name")
    draw_number = serializers.CharField(source="draw.number")
    state_label = serializers.CharField()
    inspectors = InspectionTaskInspectorOut(many=True)
    publicity_due = serializers.DateField(allow_null=True, required=False)

    class Meta:
        model = InspectionTask
        fields = [
            "id",
            "draw",
            "draw_number",
            "plan",
            "agency",
            "entity",
            "entity_key",
            "entity_name",
            "matter",
            "matter_name",
            "is_joint",
            "state",
            "state_label",
            "outcome",
            "findings",
            "inspected_on",
            "published_on",
            "enforcement_case",
            "referral_note",
            "inspectors",
            "publicity_due",
        ]


class InspectionTaskResultIn(InspectionPlanDateIn):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    findings = serializers.CharField(required=False, default="", allow_blank=True)
    penalty_matter = serializers.IntegerField(
        required=False, allow_null=True, help_text="发现问题立案查处时适用的行政处罚事项ID"
    )
    referral_note = serializers.CharField(required=False, default="", allow_blank=True)


class InspectionRatingOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="task.agency.name")
    matter_name = serializers.CharField(source="task.matter.name")

    class Meta:
        model = Rating
        fields = ["id", "task", "agency_name", "matter_name", "score", "comment", "rated_on"]


def as_dict(data: Any) -> dict[str, Any]:
    return dict(data.validated_data)
