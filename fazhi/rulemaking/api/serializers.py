"""Shapes of the rulemaking API: *In (input) / *Out (output), names unique across the project."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.procedures.models import Deadline

from ..choices import (
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
from ..models import (
    Clause,
    CleanupCampaign,
    DraftVersion,
    LegalAdviser,
    MajorDecision,
    NormativeDocument,
    PaperReview,
    PreReviewFlag,
    PublicComment,
)


class RulemakingDeadlineOut(serializers.ModelSerializer):
    class Meta:
        model = Deadline
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


class PreReviewFlagOut(serializers.ModelSerializer):
    class Meta:
        model = PreReviewFlag
        fields = ["id", "kind", "excerpt", "basis", "message", "decision", "decision_note", "decided_on"]


class ClauseOut(serializers.ModelSerializer):
    flags = PreReviewFlagOut(many=True, read_only=True)

    class Meta:
        model = Clause
        fields = ["id", "position", "heading", "text", "flags"]


class DraftVersionOut(serializers.ModelSerializer):
    clauses = ClauseOut(many=True, read_only=True)

    class Meta:
        model = DraftVersion
        fields = ["id", "number", "created_on", "note", "clauses"]


class NormativeDocumentOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    next_due = serializers.DateField(read_only=True, allow_null=True)
    next_due_label = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "title",
            "number",
            "state",
            "state_label",
            "agency",
            "agency_name",
            "issuing_organ",
            "registered_on",
            "touches_market",
            "requires_comment",
            "comment_starts_on",
            "comment_ends_on",
            "legality_opinion",
            "legality_reviewed_on",
            "published_on",
            "effective_on",
            "validity_months",
            "filed_on",
            "filed_late",
            "filing_compliant",
            "to_amend",
            "next_due",
            "next_due_label",
        ]


class NormativeDocumentDetailOut(NormativeDocumentOut):
    versions = DraftVersionOut(many=True, read_only=True)
    deadlines = RulemakingDeadlineOut(many=True, read_only=True, source="procedure_deadlines")

    class Meta(NormativeDocumentOut.Meta):
        fields = [
            *NormativeDocumentOut.Meta.fields,
            "summary",
            "necessity_assessment",
            "comment_short_reason",
            "legality_opinion_text",
            "fair_competition_conclusion",
            "fair_competition_text",
            "meeting_kind",
            "meeting_name",
            "deliberated_on",
            "minutes",
            "signed_by",
            "late_filing_reason",
            "filed_with",
            "full_text",
            "versions",
            "deadlines",
        ]


class PublicDocumentOut(serializers.ModelSerializer):
    """A document of the public catalogue (现行有效): no internal data."""

    validity_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "title",
            "number",
            "issuing_organ",
            "published_on",
            "effective_on",
            "validity_due",
            "full_text",
        ]


class NormativeDocumentCreateIn(serializers.Serializer):
    agency = serializers.IntegerField(required=False, help_text="起草单位；默认为本人所在单位")
    title = serializers.CharField()
    issuing_organ = serializers.CharField()
    registered_on = serializers.DateField()
    text = serializers.CharField()
    touches_market = serializers.BooleanField(default=False)
    requires_comment = serializers.BooleanField(default=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    replaces = serializers.IntegerField(required=False, allow_null=True, default=None)


class RulemakingDateIn(serializers.Serializer):
    on = serializers.DateField()


class RulemakingReasonIn(RulemakingDateIn):
    reason = serializers.CharField()


class DocumentAssessIn(RulemakingDateIn):
    assessment = serializers.CharField()


class DocumentVersionIn(RulemakingDateIn):
    text = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommentPeriodIn(RulemakingDateIn):
    ends_on = serializers.DateField()
    short_reason = serializers.CharField(required=False, allow_blank=True, default="")


class LegalityOpinionIn(RulemakingDateIn):
    opinion = serializers.ChoiceField(
        choices=[c for c in ReviewOpinion.choices if c[0] != ReviewOpinion.FAILED],
        default=ReviewOpinion.PASSED,
    )
    opinion_text = serializers.CharField()


class LegalityFailIn(RulemakingDateIn):
    opinion_text = serializers.CharField()


class FairCompetitionIn(RulemakingDateIn):
    conclusion = serializers.ChoiceField(choices=FairCompetitionConclusion.choices)
    text = serializers.CharField()


class DeliberationIn(RulemakingDateIn):
    meeting_kind = serializers.ChoiceField(choices=MeetingKind.choices)
    meeting_name = serializers.CharField()
    minutes = serializers.CharField(allow_blank=True)


class PublicationIn(RulemakingDateIn):
    signed_by = serializers.CharField()
    effective_on = serializers.DateField()
    validity_months = serializers.IntegerField(min_value=1)
    number = serializers.CharField(required=False, allow_blank=True, default="")
    prefix = serializers.CharField(required=False, allow_blank=True, default="")


class FilingIn(RulemakingDateIn):
    filed_with = serializers.CharField()
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")


class FilingReviewIn(RulemakingDateIn):
    compliant = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluationIn(RulemakingDateIn):
    conclusion = serializers.CharField()


class DocumentEndIn(RulemakingReasonIn):
    how = serializers.ChoiceField(choices=[("repeal", "废止"), ("declare_expired", "宣布失效")])


class FlagDecisionIn(RulemakingDateIn):
    decision = serializers.ChoiceField(
        choices=[c for c in FlagDecision.choices if c[0] != FlagDecision.PENDING]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommentAnswerIn(RulemakingDateIn):
    answer = serializers.ChoiceField(
        choices=[c for c in CommentAnswer.choices if c[0] != CommentAnswer.PENDING]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PublicCommentOut(serializers.ModelSerializer):
    clause_heading = serializers.CharField(source="clause.heading", read_only=True, allow_null=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = PublicComment
        fields = [
            "id",
            "clause_heading",
            "name",
            "text",
            "submitted_on",
            "answer",
            "answer_reason",
            "answered_on",
        ]

    def get_name(self, obj: PublicComment) -> str:
        from fazhi.core.masking import mask_party

        return mask_party(obj.name, is_natural_person=not obj.is_organisation) if obj.name else "匿名"


class CleanupCampaignOut(serializers.ModelSerializer):
    n_documents = serializers.IntegerField(read_only=True)
    n_decided = serializers.IntegerField(read_only=True)

    class Meta:
        model = CleanupCampaign
        fields = ["id", "title", "kind", "topic", "started_on", "concluded_on", "n_documents", "n_decided"]


class CleanupCampaignCreateIn(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=CleanupKind.choices)
    started_on = serializers.DateField()
    topic = serializers.CharField(required=False, allow_blank=True, default="")
    documents = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class CleanupResultIn(RulemakingDateIn):
    document = serializers.IntegerField()
    conclusion = serializers.ChoiceField(choices=CleanupConclusion.choices)
    reason = serializers.CharField()


# --- major decisions ----------------------------------------------------------------------------
class MajorDecisionOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    next_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = MajorDecision
        fields = [
            "id",
            "title",
            "state",
            "state_label",
            "agency",
            "agency_name",
            "catalogue",
            "in_catalogue",
            "registered_on",
            "comment_starts_on",
            "comment_ends_on",
            "comment_closed_on",
            "hearing_on",
            "expert_review_on",
            "risk_assessed_on",
            "risk_level",
            "legality_opinion",
            "legality_reviewed_on",
            "meeting_kind",
            "decided_on",
            "dissent",
            "published_on",
            "next_due",
        ]


class MajorDecisionCreateIn(serializers.Serializer):
    agency = serializers.IntegerField(required=False)
    title = serializers.CharField()
    summary = serializers.CharField()
    registered_on = serializers.DateField()
    catalogue = serializers.IntegerField(required=False, allow_null=True, default=None)
    requires_expert_review = serializers.BooleanField(default=True)
    requires_risk_assessment = serializers.BooleanField(default=True)
    confidential = serializers.BooleanField(default=False)
    confidential_reason = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, allow_blank=True, default="")


class ParticipationCloseIn(RulemakingDateIn):
    adoption = serializers.CharField()


class HearingIn(serializers.Serializer):
    hearing_on = serializers.DateField()
    record = serializers.CharField()
    materials_sent_on = serializers.DateField(required=False, allow_null=True, default=None)


class ExpertReviewIn(RulemakingDateIn):
    experts = serializers.CharField()
    opinion = serializers.CharField()


class RiskAssessmentIn(RulemakingDateIn):
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    report = serializers.CharField()


class DecisionReviewSubmitIn(RulemakingDateIn):
    needed_by = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="要求出具审查意见的日期"
    )
    short_reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionLegalityIn(RulemakingDateIn):
    opinion_text = serializers.CharField()


class CollectiveDecisionIn(RulemakingDateIn):
    meeting_kind = serializers.ChoiceField(choices=MeetingKind.choices)
    meeting_name = serializers.CharField()
    minutes = serializers.CharField(allow_blank=True)
    outcome = serializers.CharField()
    dissent = serializers.CharField(required=False, allow_blank=True, default="")
    departs_from_majority = serializers.BooleanField(default=False)
    head_explanation = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionReportIn(RulemakingDateIn):
    by = serializers.CharField()
    text = serializers.CharField()
    is_evaluation = serializers.BooleanField(default=False)


# --- papers, advisers ---------------------------------------------------------------------------
class PaperReviewOut(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    review_due = serializers.DateField(read_only=True, allow_null=True)
    adviser_name = serializers.CharField(source="adviser.name", read_only=True, allow_null=True)

    class Meta:
        model = PaperReview
        fields = [
            "id",
            "kind",
            "title",
            "state",
            "state_label",
            "agency",
            "agency_name",
            "counterparty",
            "amount",
            "received_on",
            "reviewer",
            "adviser",
            "adviser_name",
            "conclusion",
            "opinion",
            "opinion_on",
            "review_due",
        ]


class PaperReviewCreateIn(serializers.Serializer):
    agency = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=PaperKind.choices)
    title = serializers.CharField()
    received_on = serializers.DateField()
    counterparty = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None
    )


class PaperAssignIn(RulemakingDateIn):
    reviewer = serializers.IntegerField(required=False, allow_null=True, default=None)
    adviser = serializers.IntegerField(required=False, allow_null=True, default=None)


class PaperOpinionIn(RulemakingDateIn):
    conclusion = serializers.ChoiceField(choices=PaperConclusion.choices)
    opinion = serializers.CharField()


class LegalAdviserOut(serializers.ModelSerializer):
    meeting_count = serializers.IntegerField(read_only=True)
    opinion_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LegalAdviser
        fields = [
            "id",
            "name",
            "kind",
            "organisation",
            "engaged_from",
            "engaged_to",
            "contract_number",
            "meeting_count",
            "opinion_count",
        ]


class LegalAdviserCreateIn(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=AdviserKind.choices)
    organisation = serializers.CharField()
    engaged_from = serializers.DateField()
    engaged_to = serializers.DateField()
    contract_number = serializers.CharField(required=False, allow_blank=True, default="")


class AdviserMeetingIn(RulemakingDateIn):
    meeting = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
