"""Supervision and officer API shapes (STYLE.md §2.5: unique *In / *Out names). Choice fields are
plain strings here — the services validate them and answer in Chinese (ADR 0001)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.enforcement.models import (
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    ReviewedCaseFile,
    SupervisionOpinion,
)
from fazhi.org.models import Certificate


class SupervisionAgencyRowOut(serializers.Serializer):
    agency_id = serializers.IntegerField()
    agency_name = serializers.CharField(source="agency__name")
    cases = serializers.IntegerField()
    closed = serializers.IntegerField()
    irregular = serializers.IntegerField()
    flagged = serializers.IntegerField()
    flag_uncertified = serializers.IntegerField()
    flag_missing_review = serializers.IntegerField()
    flag_out_of_tier_unreasoned = serializers.IntegerField()
    flag_late_decision = serializers.IntegerField()
    flag_late_service = serializers.IntegerField()
    flag_late_publicity = serializers.IntegerField()
    flag_missing_av = serializers.IntegerField()
    overdue_decision = serializers.IntegerField()
    overdue_service = serializers.IntegerField()
    overdue = serializers.IntegerField()
    overdue_publicity = serializers.IntegerField()


class SupervisionFlaggedCaseOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    agency_id = serializers.IntegerField()
    opened_on = serializers.DateField()
    problems = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField(source="get_absolute_url")


class SupervisionDashboardOut(serializers.Serializer):
    year = serializers.IntegerField()
    on = serializers.DateField()
    rows = SupervisionAgencyRowOut(many=True)
    flagged = SupervisionFlaggedCaseOut(many=True)
    flagged_total = serializers.IntegerField()


class ReviewedCaseFileOut(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number")
    grade = serializers.CharField()

    class Meta:
        model = ReviewedCaseFile
        fields = [
            "id",
            "case",
            "case_number",
            "agency",
            "scores",
            "total",
            "grade",
            "issues",
            "comments",
            "scored_on",
        ]


class CaseFileReviewOut(serializers.ModelSerializer):
    class Meta:
        model = CaseFileReview
        fields = ["id", "title", "year", "per_agency", "seed", "drawn_on", "agency_ids"]


class CaseFileReviewDrawIn(serializers.Serializer):
    title = serializers.CharField()
    year = serializers.IntegerField()
    per_agency = serializers.IntegerField()
    on = serializers.DateField()
    seed = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReviewedCaseFileScoreIn(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField())
    on = serializers.DateField()
    comments = serializers.CharField(required=False, allow_blank=True, default="")


class SupervisionOpinionOut(serializers.ModelSerializer):
    kind = serializers.CharField()
    status = serializers.CharField()
    agency_name = serializers.CharField(source="agency.name")
    # the engine's reply deadline, annotated by the selector (never stored on the opinion)
    reply_due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    reply_due_pending = serializers.BooleanField(
        read_only=True, allow_null=True, default=None, help_text="True：回复期限为暂定日期（待日历确认）"
    )
    due_explanation = serializers.CharField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = SupervisionOpinion
        fields = [
            "id", "kind", "number", "agency", "agency_name", "review", "cases", "issued_on", "findings",
            "requirements", "reply_due_on", "reply_due_pending", "due_explanation", "status", "replied_on", "reply",
        ]  # fmt: skip


class SupervisionOpinionIssueIn(serializers.Serializer):
    agency = serializers.IntegerField()
    kind = serializers.CharField()
    number = serializers.CharField(allow_blank=True)
    findings = serializers.CharField(allow_blank=True)
    requirements = serializers.CharField(allow_blank=True)
    on = serializers.DateField()
    cases = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    review = serializers.IntegerField(required=False, allow_null=True, default=None)


class SupervisionOpinionReplyIn(serializers.Serializer):
    on = serializers.DateField()
    reply = serializers.CharField(allow_blank=True)


class CriminalReferralOut(serializers.ModelSerializer):
    outcome = serializers.CharField()

    class Meta:
        model = CriminalReferral
        fields = [
            "id", "case", "agency", "number", "referred_on", "receiving_organ", "suspected_crime", "party_name",
            "facts", "materials", "receipt_on", "outcome", "outcome_on", "outcome_note",
        ]  # fmt: skip


class CriminalReferralOpenIn(serializers.Serializer):
    on = serializers.DateField()
    number = serializers.CharField(allow_blank=True)
    receiving_organ = serializers.CharField(allow_blank=True)
    suspected_crime = serializers.CharField(allow_blank=True)
    materials = serializers.CharField(required=False, allow_blank=True, default="")


class CriminalReferralReceiptIn(serializers.Serializer):
    on = serializers.DateField()


class CriminalReferralOutcomeIn(serializers.Serializer):
    outcome = serializers.CharField()
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AnnualStatisticsRowOut(serializers.Serializer):
    agency_id = serializers.IntegerField()
    agency_name = serializers.CharField(source="agency__name")
    cases_opened = serializers.IntegerField()
    cases_closed = serializers.IntegerField()
    penalty_cases = serializers.IntegerField()
    on_the_spot = serializers.IntegerField()
    no_penalty = serializers.IntegerField()
    transferred = serializers.IntegerField()
    fines_yuan = serializers.DecimalField(max_digits=16, decimal_places=2)
    confiscations_yuan = serializers.DecimalField(max_digits=16, decimal_places=2)
    hearings = serializers.IntegerField()
    legal_reviews = serializers.IntegerField()
    challenged = serializers.IntegerField()
    criminal_referrals = serializers.IntegerField()


class AnnualStatisticsOut(serializers.ModelSerializer):
    # the engine's deadline (31 January, 118号 二(三)), annotated by the selector
    due_on = serializers.DateField(read_only=True, allow_null=True, default=None)
    due_explanation = serializers.CharField(read_only=True, allow_null=True, default=None)
    on_time = serializers.BooleanField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = AnnualStatistics
        fields = ["id", "agency", "year", "figures", "due_on", "due_explanation", "published_on", "on_time"]


class AnnualStatisticsPublishIn(serializers.Serializer):
    agency = serializers.IntegerField()
    year = serializers.IntegerField()
    on = serializers.DateField()


class OfficerCertificateOut(serializers.ModelSerializer):
    kind = serializers.CharField()
    status = serializers.CharField()
    holder_name = serializers.CharField(source="holder.display_name")

    class Meta:
        model = Certificate
        fields = [
            "id", "number", "kind", "holder", "holder_name", "agency", "issuing_authority", "areas",
            "valid_from", "valid_until", "status", "status_reason",
        ]  # fmt: skip


class OfficerCertificateIssueIn(serializers.Serializer):
    holder = serializers.IntegerField()
    kind = serializers.CharField()
    number = serializers.CharField(allow_blank=True)
    issuing_authority = serializers.CharField(allow_blank=True)
    areas = serializers.CharField(required=False, allow_blank=True, default="")
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()


class OfficerCertificateStatusIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class OfficerTrainingShortfallOut(serializers.Serializer):
    officer = serializers.IntegerField(source="officer.pk")
    name = serializers.CharField(source="officer.display_name")
    agency = serializers.IntegerField(source="officer.agency_id")
    hours = serializers.DecimalField(max_digits=7, decimal_places=1)
    required_hours = serializers.DecimalField(source="required", max_digits=7, decimal_places=1)
    missing = serializers.DecimalField(max_digits=7, decimal_places=1)
