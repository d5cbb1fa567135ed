"""Shapes of the affairs API: *In (one input serializer per transition) / *Out, names unique
across the project (prefixed Affairs… where a generic name could collide)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.procedures.models import Deadline, Step

from ..choices import (
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
from ..models import (
    DisclosureRequest,
    LegalAidCase,
    LegalAidConsultation,
    LegalEducationEvent,
    Petition,
    StudySession,
    Suggestion,
)


class AffairsDeadlineOut(serializers.ModelSerializer):
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


class AffairsStepOut(serializers.ModelSerializer):
    actor: serializers.Field = serializers.StringRelatedField()

    class Meta:
        model = Step
        fields = ["on", "transition", "label", "from_state", "to_state", "actor", "note"]


class _CaseOut(serializers.ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default=None)
    next_due = serializers.DateField(read_only=True, allow_null=True, default=None)
    next_due_label = serializers.CharField(read_only=True, allow_null=True, default=None)


class _WithHistory(serializers.Serializer):
    deadlines = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    def get_deadlines(self, obj: Any) -> list[dict[str, Any]]:
        return AffairsDeadlineOut(obj.procedure_deadlines.order_by("id"), many=True).data  # type: ignore[return-value]

    def get_steps(self, obj: Any) -> list[dict[str, Any]]:
        return AffairsStepOut(obj.procedure_steps.select_related("actor").order_by("id"), many=True).data  # type: ignore[return-value]


DISCLOSURE_FIELDS = [
    "id",
    "number",
    "agency",
    "agency_name",
    "applicant_kind",
    "applicant_name",
    "channel",
    "submitted_on",
    "posted_on",
    "signed_on",
    "confirmed_on",
    "received_on",
    "state",
    "state_label",
    "reply_type",
    "closed_on",
    "closed_on_time",
    "response_working_days",
    "fee_amount",
    "next_due",
    "next_due_label",
]


class DisclosureRequestOut(_CaseOut):
    class Meta:
        model = DisclosureRequest
        fields = DISCLOSURE_FIELDS


class DisclosureRequestDetailOut(DisclosureRequestOut, _WithHistory):
    class Meta:
        model = DisclosureRequest
        fields = [
            *DISCLOSURE_FIELDS,
            "description",
            "amendment_items",
            "third_party",
            "reply_text",
            "deadlines",
            "steps",
        ]


class DisclosureRequestCreateIn(serializers.Serializer):
    agency = serializers.IntegerField()
    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    applicant_name = serializers.CharField(max_length=100)
    applicant_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    applicant_uscc = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    applicant_contact = serializers.CharField(max_length=200)
    description = serializers.CharField()
    form_wanted = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=DisclosureChannel.choices)
    submitted_on = serializers.DateField()
    posted_on = serializers.DateField(required=False, allow_null=True, default=None)
    signed_on = serializers.DateField(required=False, allow_null=True, default=None)
    confirmed_on = serializers.DateField(required=False, allow_null=True, default=None)


def _in(name: str, **fields: serializers.Field) -> type[serializers.Serializer]:
    return type(name, (serializers.Serializer,), {"on": serializers.DateField(), **fields})


def _text(required: bool = True) -> serializers.CharField:
    return serializers.CharField(
        required=required, allow_blank=not required, default="" if not required else serializers.empty
    )


def _opt_date() -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None)


def _opt_int(lo: int, hi: int) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, allow_null=True, default=None, min_value=lo, max_value=hi)


DISCLOSURE_IN = {
    "request_amendment": _in("DisclosureRequestAmendmentIn", items=_text(), period_days=_opt_int(1, 60)),
    "supply_amendment": _in("DisclosureSupplyAmendmentIn", posted_on=_opt_date(), late_reason=_text(False)),
    "abandon": _in("DisclosureAbandonIn"),
    "consult_third_party": _in("DisclosureConsultThirdPartyIn", third_party=_text()),
    "receive_third_party_opinion": _in("DisclosureThirdPartyOpinionIn", note=_text(False)),
    "notify_fee": _in(
        "DisclosureNotifyFeeIn",
        fee_amount=serializers.DecimalField(max_digits=10, decimal_places=2),
        ground=_text(),
    ),
    "pay_fee": _in("DisclosurePayFeeIn"),
    "fee_unpaid": _in("DisclosureFeeUnpaidIn"),
    "extend": _in("DisclosureExtendIn", ground=_text(), working_days=_opt_int(1, 40)),
    # a CharField, not a ChoiceField: the service names the statutory list in its Chinese refusal
    "reply": _in(
        "DisclosureReplyIn",
        reply_type=serializers.CharField(help_text="、".join(ReplyType.values)),
        reply_text=_text(False),
    ),
    "withdraw": _in("DisclosureWithdrawIn", reason=_text(False)),
}

SUGGESTION_FIELDS = [
    "id",
    "kind",
    "number",
    "agency",
    "agency_name",
    "title",
    "proposers",
    "received_on",
    "assigned_on",
    "is_complex",
    "state",
    "state_label",
    "category",
    "replied_on",
    "replied_on_time",
    "satisfaction",
    "rehandled",
    "published_on",
    "next_due",
    "next_due_label",
]


class SuggestionOut(_CaseOut):
    class Meta:
        model = Suggestion
        fields = SUGGESTION_FIELDS


class SuggestionDetailOut(SuggestionOut, _WithHistory):
    co_handlers = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = [
            *SUGGESTION_FIELDS,
            "content",
            "reply_text",
            "feedback_text",
            "co_handlers",
            "deadlines",
            "steps",
        ]

    def get_co_handlers(self, obj: Suggestion) -> list[dict[str, Any]]:
        return [
            {"agency": c.agency_id, "agency_name": c.agency.name, "countersigned_on": c.countersigned_on}
            for c in obj.co_handlers.select_related("agency")
        ]


class SuggestionCreateIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SuggestionKind.choices)
    title = serializers.CharField(max_length=200)
    proposers = serializers.CharField(max_length=200)
    received_on = serializers.DateField()
    content = _text(False)
    session = _text(False)
    number = _text(False)
    is_complex = serializers.BooleanField(required=False, default=False)


SUGGESTION_IN = {
    "assign": _in(
        "SuggestionAssignIn",
        lead=serializers.IntegerField(),
        co_handlers=serializers.ListField(child=serializers.IntegerField(), required=False, default=list),
        is_complex=serializers.BooleanField(required=False, allow_null=True, default=None),
    ),
    "request_extension": _in("SuggestionRequestExtensionIn", ground=_text()),
    "extend": _in("SuggestionExtendIn", ground=_text(), months=_opt_int(1, 6)),
    "reply": _in(
        "SuggestionReplyIn",
        category=serializers.ChoiceField(choices=SuggestionCategory.choices),
        reply_text=_text(),
    ),
    "feedback": _in(
        "SuggestionFeedbackIn",
        satisfaction=serializers.ChoiceField(choices=Satisfaction.choices),
        feedback_text=_text(False),
    ),
    "countersign": _in("SuggestionCountersignIn", opinion=_text()),
    "publish": _in("SuggestionPublishIn"),
}

PETITION_FIELDS = [
    "id",
    "number",
    "agency",
    "agency_name",
    "channel",
    "received_on",
    "posted_on",
    "state",
    "state_label",
    "route",
    "outcome",
    "answered_on",
    "answered_on_time",
    "review_outcome",
    "rereview_outcome",
    "is_long_standing",
    "is_enforcement_complaint",
    "enforcement_case",
    "next_due",
    "next_due_label",
]


class PetitionOut(_CaseOut):
    class Meta:
        model = Petition
        fields = PETITION_FIELDS


class PetitionDetailOut(PetitionOut, _WithHistory):
    class Meta:
        model = Petition
        fields = [*PETITION_FIELDS, "petitioner", "content", "opinion_text", "deadlines", "steps"]


class PetitionCreateIn(serializers.Serializer):
    agency = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=PetitionChannel.choices)
    petitioner = serializers.CharField(max_length=100)
    content = serializers.CharField()
    received_on = serializers.DateField()
    posted_on = _opt_date()
    id_number = _text(False)
    phone = _text(False)
    is_enforcement_complaint = serializers.BooleanField(required=False, default=False)
    enforcement_case = serializers.IntegerField(required=False, allow_null=True, default=None)
    is_long_standing = serializers.BooleanField(required=False, default=False)


_OUTCOME = serializers.ChoiceField(choices=PetitionOutcome.choices)
PETITION_IN = {
    "accept": _in("PetitionAcceptIn"),
    "route": _in("PetitionRouteIn", statutory_route=_text()),
    "not_accept": _in("PetitionNotAcceptIn", reasons=_text()),
    "extend": _in("PetitionExtendIn", ground=_text(), days=_opt_int(1, 30)),
    "answer": _in("PetitionAnswerIn", outcome=serializers.CharField(), opinion_text=_text(False)),
    "record_service": _in("PetitionRecordServiceIn"),
    "request_review": _in("PetitionRequestReviewIn", posted_on=_opt_date()),
    "decide_review": _in(
        "PetitionDecideReviewIn", outcome=serializers.ChoiceField(choices=PetitionOutcome.choices)
    ),
    "request_rereview": _in("PetitionRequestRereviewIn", posted_on=_opt_date()),
    "hold_hearing": _in("PetitionHoldHearingIn"),
    "end_hearing": _in("PetitionEndHearingIn"),
    "decide_rereview": _in(
        "PetitionDecideRereviewIn", outcome=serializers.ChoiceField(choices=PetitionOutcome.choices)
    ),
    "link_enforcement_case": type(
        "PetitionLinkEnforcementCaseIn",
        (serializers.Serializer,),
        {"enforcement_case": serializers.IntegerField()},
    ),
}


# --- registries -----------------------------------------------------------------------------------
class LegalAidCaseOut(serializers.ModelSerializer):
    class Meta:
        model = LegalAidCase
        fields = [
            "id",
            "agency",
            "number",
            "kind",
            "applicant",
            "recipients",
            "matter",
            "received_on",
            "closed_on",
            "losses_recovered",
            "documents_drafted",
        ]


class LegalAidCaseIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LegalAidKind.choices)
    applicant = serializers.CharField(max_length=100)
    matter = serializers.CharField(max_length=200)
    received_on = serializers.DateField()
    recipients = serializers.IntegerField(min_value=0, default=1)
    closed_on = _opt_date()
    losses_recovered = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    documents_drafted = serializers.IntegerField(min_value=0, default=0)
    number = _text(False)


class LegalAidConsultationOut(serializers.ModelSerializer):
    class Meta:
        model = LegalAidConsultation
        fields = ["id", "agency", "held_on", "channel", "persons", "topic"]


class LegalAidConsultationIn(serializers.Serializer):
    held_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=ConsultationChannel.choices)
    topic = serializers.CharField(max_length=200)
    persons = serializers.IntegerField(min_value=0, default=1)


class LegalEducationEventOut(serializers.ModelSerializer):
    class Meta:
        model = LegalEducationEvent
        fields = [
            "id",
            "agency",
            "held_on",
            "kind",
            "title",
            "audience",
            "participants",
            "materials",
            "promo_items",
        ]


class LegalEducationEventIn(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=EducationKind.choices)
    title = serializers.CharField(max_length=200)
    audience = serializers.ChoiceField(choices=Audience.choices)
    participants = serializers.IntegerField(min_value=0, default=0)
    materials = serializers.IntegerField(min_value=0, default=0)
    promo_items = serializers.IntegerField(min_value=0, default=0)


class StudySessionOut(serializers.ModelSerializer):
    class Meta:
        model = StudySession
        fields = ["id", "agency", "held_on", "kind", "topic", "lecturer", "participants"]


class StudySessionIn(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=StudyKind.choices)
    topic = serializers.CharField(max_length=200)
    lecturer = _text(False)
    participants = serializers.IntegerField(min_value=0, default=0)


class DisclosureStatisticsOut(serializers.Serializer):
    agency = serializers.CharField()
    received = serializers.IntegerField()
    closed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True)
    average_working_days = serializers.FloatField(allow_null=True)


class DisclosureReportOut(serializers.Serializer):
    title = serializers.CharField()
    year = serializers.IntegerField()
    due = serializers.DateField()
    table3 = serializers.DictField()
    cross_sum_errors = serializers.ListField(child=serializers.CharField())


class OverviewRowOut(serializers.Serializer):
    matter = serializers.CharField()
    case = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    clock = serializers.CharField()
    deadline_label = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.CharField()
    deadline = serializers.IntegerField()
