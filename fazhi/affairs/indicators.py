"""Indicators of the affairs app (INDICATORS.md: disclosure.*, supervision.*, petitions.*,
legal_aid.*, education.*), computed from the records, which they list. Scope: the jurisdiction, the
year (1 Jan – 31 Dec), optionally one agency (the receiving / lead / handling agency)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from fazhi.core.indicators import IndicatorValue, Scope, indicator

from .choices import DISCLOSURE_CLOSED_STATES, SATISFIED_VALUES, EducationKind, StudyKind, SuggestionKind
from .models import (
    DisclosureRequest,
    LegalAidCase,
    LegalAidConsultation,
    LegalEducationEvent,
    Petition,
    StudySession,
    Suggestion,
)


def _scoped(model: Any, scope: Scope) -> QuerySet[Any]:
    qs = model.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


# --- disclosure ---------------------------------------------------------------------------------
def _disclosure_closed(scope: Scope) -> QuerySet[DisclosureRequest]:
    return _scoped(DisclosureRequest, scope).filter(
        state__in=DISCLOSURE_CLOSED_STATES, closed_on__year=scope.year
    )


@indicator("disclosure.requests_received")
def disclosure_received(scope: Scope) -> IndicatorValue:
    """Received in Y — the receipt date of 条例第三十一条 (table 三 row 一 of the annual report)."""
    qs = _scoped(DisclosureRequest, scope).filter(received_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("disclosure.requests_closed")
def disclosure_closed(scope: Scope) -> IndicatorValue:
    """Concluded in Y, requests carried in from Y−1 included (table 三 row （七）总计)."""
    qs = _disclosure_closed(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("disclosure.reply_rate")
def disclosure_reply_rate(scope: Scope) -> IndicatorValue:
    """Answered / due for an answer in Y: the requests whose reply period ended in Y, or that were
    answered in Y (those still running on 31 Dec with a later due date are not yet due)."""
    due = (
        _scoped(DisclosureRequest, scope)
        .filter(
            Q(closed_on__year=scope.year, state__in=DISCLOSURE_CLOSED_STATES)
            | Q(closed_on__isnull=True, received_on__lte=scope.end)
            & Q(
                procedure_deadlines__clock="reply",
                procedure_deadlines__state="open",
                procedure_deadlines__due_date__lte=scope.end,
            )
        )
        .distinct()
    )
    answered = due.filter(state__in=DISCLOSURE_CLOSED_STATES)
    return IndicatorValue.rate(answered, due)


@indicator("disclosure.on_time_rate")
def disclosure_on_time_rate(scope: Scope) -> IndicatorValue:
    """Answered within 20 WD (+ approved extension; the applicant's time excluded) / answered in Y."""
    replied = _disclosure_closed(scope).filter(state="replied")
    return IndicatorValue.rate(replied.filter(closed_on_time=True), replied)


# --- NPC suggestions and CPPCC proposals (supervision.*) -----------------------------------------
def _handled(scope: Scope, kind: str | None = None) -> QuerySet[Suggestion]:
    """Assigned in Y (the handling year of the session)."""
    qs = _scoped(Suggestion, scope).filter(assigned_on__year=scope.year)
    return qs.filter(kind=kind) if kind else qs


@indicator("supervision.npc_suggestions")
def npc_suggestions(scope: Scope) -> IndicatorValue:
    qs = _handled(scope, SuggestionKind.NPC)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("supervision.cppcc_proposals")
def cppcc_proposals(scope: Scope) -> IndicatorValue:
    qs = _handled(scope, SuggestionKind.CPPCC)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("supervision.reply_rate")
def suggestion_reply_rate(scope: Scope) -> IndicatorValue:
    """Answered / assigned in Y, both kinds together (reports give one figure)."""
    assigned = _handled(scope)
    return IndicatorValue.rate(assigned.filter(replied_on__isnull=False), assigned)


@indicator("supervision.satisfaction_rate")
def suggestion_satisfaction_rate(scope: Scope) -> IndicatorValue:
    """Satisfied or basically satisfied / rated, feedback recorded in Y (the last rating counts)."""
    rated = _scoped(Suggestion, scope).filter(feedback_on__year=scope.year).exclude(satisfaction="")
    return IndicatorValue.rate(rated.filter(satisfaction__in=SATISFIED_VALUES), rated)


# --- petitions -----------------------------------------------------------------------------------
@indicator("petitions.received")
def petitions_received(scope: Scope) -> IndicatorValue:
    """Accepted in Y (信访工作条例第二十三条): the date of the acceptance step."""
    from fazhi.core.procedures.models import Step

    accepted = Step.objects.filter(
        procedure_code="affairs.petition", transition="accept", on__year=scope.year
    )
    qs = _scoped(Petition, scope).filter(pk__in=accepted.values("object_id"))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("petitions.handled")
def petitions_handled(scope: Scope) -> IndicatorValue:
    """Concluded with a written opinion in Y (第三十二条)."""
    qs = _scoped(Petition, scope).filter(answered_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("petitions.on_time_rate")
def petitions_on_time_rate(scope: Scope) -> IndicatorValue:
    """Answered within 60 days (+ approved extension) / answered in Y."""
    answered = _scoped(Petition, scope).filter(answered_on__year=scope.year)
    return IndicatorValue.rate(answered.filter(answered_on_time=True), answered)


# --- legal aid --------------------------------------------------------------------------------------
def _aid(scope: Scope) -> QuerySet[LegalAidCase]:
    return _scoped(LegalAidCase, scope).filter(received_on__year=scope.year)


@indicator("legal_aid.cases")
def legal_aid_cases(scope: Scope) -> IndicatorValue:
    qs = _aid(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("legal_aid.recipients")
def legal_aid_recipients(scope: Scope) -> IndicatorValue:
    qs = _aid(scope)
    return IndicatorValue(value=qs.aggregate(n=Sum("recipients"))["n"] or 0, records=qs)


@indicator("legal_aid.coverage_rate")
def legal_aid_coverage_rate(scope: Scope) -> IndicatorValue:
    """Recipients in Y per 10,000 residents (the jurisdiction's population)."""
    qs = _aid(scope)
    population = getattr(scope.jurisdiction, "population", None) or 0
    recipients = qs.aggregate(n=Sum("recipients"))["n"] or 0
    return IndicatorValue.rate(recipients, population, records=qs, per=10000)


@indicator("legal_aid.losses_recovered")
def legal_aid_losses(scope: Scope) -> IndicatorValue:
    """Recovered for cases closed in Y, in 万元 (2 dp, half-up); the exact sum in yuan in the note."""
    qs = _scoped(LegalAidCase, scope).filter(closed_on__year=scope.year, losses_recovered__isnull=False)
    yuan = qs.aggregate(n=Sum("losses_recovered"))["n"] or Decimal("0.00")
    wan = (yuan / Decimal(10000)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return IndicatorValue(value=wan, records=qs, note=f"{yuan}元")


@indicator("legal_aid.consultations")
def legal_aid_consultations(scope: Scope) -> IndicatorValue:
    qs = _scoped(LegalAidConsultation, scope).filter(held_on__year=scope.year)
    return IndicatorValue(value=qs.aggregate(n=Sum("persons"))["n"] or 0, records=qs)


@indicator("legal_aid.documents_drafted")
def legal_aid_documents(scope: Scope) -> IndicatorValue:
    qs = _aid(scope)
    return IndicatorValue(value=qs.aggregate(n=Sum("documents_drafted"))["n"] or 0, records=qs)


# --- legal study and legal education ------------------------------------------------------------------
def _study(kind: str) -> Any:
    def compute(scope: Scope) -> IndicatorValue:
        qs = _scoped(StudySession, scope).filter(held_on__year=scope.year, kind=kind)
        return IndicatorValue(value=qs.count(), records=qs)

    return compute


STAFF_EVENTS = (EducationKind.TRAINING, EducationKind.EXAM, EducationKind.COURT_HEARING)


def _events(kind: str | None = None, total: str | None = None) -> Any:
    """Events of `kind` held in Y (count, or the sum of `total`); without a kind, the public events
    (staff training, exams and court hearings are the officials' own, counted under their codes)."""

    def compute(scope: Scope) -> IndicatorValue:
        qs = _scoped(LegalEducationEvent, scope).filter(held_on__year=scope.year)
        qs = qs.filter(kind=kind) if kind else qs.exclude(kind__in=STAFF_EVENTS)
        if total:
            return IndicatorValue(value=qs.aggregate(n=Sum(total))["n"] or 0, records=qs)
        return IndicatorValue(value=qs.count(), records=qs)

    return compute


for _code, _kind in (
    ("education.central_group_study", StudyKind.CENTRAL_GROUP),
    ("education.exec_meeting_study", StudyKind.EXEC_MEETING),
    ("education.thought_study_sessions", StudyKind.THOUGHT),
    ("education.dept_leader_study", StudyKind.DEPT_LEADER),
):
    indicator(_code)(_study(_kind))

for _code, _ekind, _total in (
    ("education.lectures", EducationKind.LECTURE, None),
    ("education.staff_training_classes", EducationKind.TRAINING, None),
    ("education.staff_training_participants", EducationKind.TRAINING, "participants"),
    ("education.staff_exams", EducationKind.EXAM, None),
    ("education.court_hearing_attendance", EducationKind.COURT_HEARING, None),
    ("education.campaign_events", EducationKind.CAMPAIGN, None),
    ("education.school_events", EducationKind.SCHOOL, None),
    ("education.performances", EducationKind.PERFORMANCE, None),
    ("education.audience", None, "participants"),
    ("education.materials_distributed", None, "materials"),
    ("education.promo_items", None, "promo_items"),
):
    indicator(_code)(_events(_ekind, _total))
