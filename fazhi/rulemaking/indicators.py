"""Indicators of the rulemaking app (INDICATORS.md: normative_docs.*, major_decisions.*, legality.*,
legal_advisor.*). Computed from the records, each listing them. Scope: the jurisdiction, the year,
optionally one agency (the drafting / undertaking / submitting agency)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet

from fazhi.core.indicators import IndicatorValue, Scope, indicator
from fazhi.core.procedures.models import Step

from .choices import PASSING_OPINIONS, CleanupConclusion, MeetingKind
from .models import (
    AdviserMeeting,
    CleanupCampaign,
    CleanupResult,
    LegalAdviser,
    MajorDecision,
    NormativeDocument,
    PaperReview,
)

ENDING = ("repeal", "declare_expired", "expire", "replace")
GOVERNMENT_MEETINGS = (MeetingKind.EXECUTIVE, MeetingKind.PLENARY)


def _docs(scope: Scope) -> QuerySet[NormativeDocument]:
    qs = NormativeDocument.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _steps(transitions: tuple[str, ...], **on: Any) -> Any:
    ct = ContentType.objects.get_for_model(NormativeDocument)
    return Step.objects.filter(content_type=ct, transition__in=transitions, **on).values("object_id")


def _issued(scope: Scope) -> QuerySet[NormativeDocument]:
    return _docs(scope).filter(published_on__year=scope.year)


def _filed(scope: Scope) -> QuerySet[NormativeDocument]:
    return _docs(scope).filter(filed_on__year=scope.year)


def _campaigns(scope: Scope) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(jurisdiction=scope.jurisdiction, started_on__year=scope.year)


def _results(scope: Scope, *conclusions: str) -> QuerySet[CleanupResult]:
    qs = CleanupResult.objects.filter(campaign__in=_campaigns(scope))
    if scope.agency is not None:
        qs = qs.filter(document__agency=scope.agency)
    return qs.filter(conclusion__in=conclusions) if conclusions else qs


@indicator("normative_docs.issued")
def issued(scope: Scope) -> IndicatorValue:
    """Published (公布) in Y."""
    qs = _issued(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.reviewed")
def reviewed(scope: Scope) -> IndicatorValue:
    """Legality reviews completed in Y (an opinion, passing or not)."""
    qs = _docs(scope).filter(pk__in=_steps(("pass_review", "fail_review"), on__year=scope.year))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.review_rate")
def review_rate(scope: Scope) -> IndicatorValue:
    """Issued in Y after a passing legality review dated before the deliberation."""
    issued_qs = _issued(scope)
    passed = issued_qs.filter(
        legality_opinion__in=PASSING_OPINIONS,
        legality_reviewed_on__isnull=False,
        legality_reviewed_on__lte=F("deliberated_on"),
    )
    return IndicatorValue.rate(passed, issued_qs)


@indicator("normative_docs.filed")
def filed(scope: Scope) -> IndicatorValue:
    qs = _filed(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.filing_rate")
def filing_rate(scope: Scope) -> IndicatorValue:
    """Documents issued in Y that were filed / issued in Y."""
    issued_qs = _issued(scope)
    return IndicatorValue.rate(issued_qs.filter(filed_on__isnull=False), issued_qs)


@indicator("normative_docs.filing_timely_rate")
def filing_timely_rate(scope: Scope) -> IndicatorValue:
    qs = _filed(scope)
    return IndicatorValue.rate(qs.filter(filed_late=False), qs)


@indicator("normative_docs.filing_compliance_rate")
def filing_compliance_rate(scope: Scope) -> IndicatorValue:
    """Filings of Y that the justice bureau's filing review found complete and compliant."""
    qs = _filed(scope)
    return IndicatorValue.rate(qs.filter(filing_compliant=True), qs)


@indicator("normative_docs.public_comment")
def public_comment(scope: Scope) -> IndicatorValue:
    qs = _docs(scope).filter(comment_starts_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.public_comment_rate")
def public_comment_rate(scope: Scope) -> IndicatorValue:
    """Issued in Y after public comment / issued in Y that required it."""
    required = _issued(scope).filter(requires_comment=True)
    return IndicatorValue.rate(required.filter(comment_closed_on__isnull=False), required)


@indicator("normative_docs.cleanup_campaigns")
def cleanup_campaigns(scope: Scope) -> IndicatorValue:
    qs = _campaigns(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.cleaned")
def cleaned(scope: Scope) -> IndicatorValue:
    qs = _docs(scope).filter(pk__in=_results(scope).values("document_id"))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.retained")
def retained(scope: Scope) -> IndicatorValue:
    qs = _docs(scope).filter(pk__in=_results(scope, CleanupConclusion.RETAIN).values("document_id"))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.amended")
def amended(scope: Scope) -> IndicatorValue:
    """Cleanup concluded 需修改 in Y, or replaced by an amended document in Y."""
    qs = _docs(scope).filter(
        Q(pk__in=_results(scope, CleanupConclusion.AMEND).values("document_id"))
        | Q(pk__in=_steps(("replace",), on__year=scope.year))
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.repealed")
def repealed(scope: Scope) -> IndicatorValue:
    """Repealed or expired in Y, or concluded (proposed) to be repealed / declared expired by a cleanup of Y."""
    qs = _docs(scope).filter(
        Q(pk__in=_steps(("repeal", "declare_expired", "expire"), on__year=scope.year))
        | Q(pk__in=_results(scope, CleanupConclusion.REPEAL, CleanupConclusion.EXPIRE).values("document_id"))
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("normative_docs.valid")
def valid(scope: Scope) -> IndicatorValue:
    """In force on 31 December of Y: took effect by then and not ended by then."""
    qs = (
        _docs(scope)
        .filter(pk__in=_steps(("take_effect",), on__lte=scope.end))
        .exclude(pk__in=_steps(ENDING, on__lte=scope.end))
    )
    return IndicatorValue(value=qs.count(), records=qs)


# --- major decisions ----------------------------------------------------------------------------
def _decisions(scope: Scope) -> QuerySet[MajorDecision]:
    qs = MajorDecision.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _decided(scope: Scope) -> QuerySet[MajorDecision]:
    return _decisions(scope).filter(state="decided", decided_on__year=scope.year)


@indicator("major_decisions.catalogued")
def catalogued(scope: Scope) -> IndicatorValue:
    """On the published catalogue of Y (after adjustments)."""
    qs = _decisions(scope).filter(catalogue__year=scope.year, catalogue__state="published", in_catalogue=True)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("major_decisions.decided")
def decided(scope: Scope) -> IndicatorValue:
    qs = _decided(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("major_decisions.procedures_complete_rate")
def procedures_complete_rate(scope: Scope) -> IndicatorValue:
    """All five procedures recorded (the ones the matter requires)."""
    qs = _decided(scope)
    complete = qs.filter(
        Q(comment_closed_on__isnull=False) | Q(confidential=True),
        Q(expert_review_on__isnull=False) | Q(requires_expert_review=False),
        Q(risk_assessed_on__isnull=False) | Q(requires_risk_assessment=False),
        legality_reviewed_on__isnull=False,
        meeting_kind__in=GOVERNMENT_MEETINGS,
    )
    return IndicatorValue.rate(complete, qs)


@indicator("major_decisions.collective_rate")
def collective_rate(scope: Scope) -> IndicatorValue:
    qs = _decided(scope)
    return IndicatorValue.rate(qs.filter(meeting_kind__in=GOVERNMENT_MEETINGS).exclude(minutes=""), qs)


@indicator("legality.papers_reviewed")
def papers_reviewed(scope: Scope) -> IndicatorValue:
    qs = PaperReview.objects.filter(
        jurisdiction=scope.jurisdiction, state="opined", opinion_on__year=scope.year
    )
    if scope.agency is not None:
        qs = qs.filter(agency=scope.agency)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("legal_advisor.engaged")
def advisers_engaged(scope: Scope) -> IndicatorValue:
    """Retained at the end of Y."""
    qs = LegalAdviser.objects.filter(
        jurisdiction=scope.jurisdiction, engaged_from__lte=scope.end, engaged_to__gte=scope.end
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("legal_advisor.opinions")
def adviser_opinions(scope: Scope) -> IndicatorValue:
    qs = PaperReview.objects.filter(
        jurisdiction=scope.jurisdiction, adviser__isnull=False, state="opined", opinion_on__year=scope.year
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("legal_advisor.meetings_attended")
def adviser_meetings(scope: Scope) -> IndicatorValue:
    qs = AdviserMeeting.objects.filter(adviser__jurisdiction=scope.jurisdiction, on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)
