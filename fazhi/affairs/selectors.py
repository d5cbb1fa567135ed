"""Reads of the affairs app, each scoped with one filter (`visible_to`) and a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from fazhi.core import workdays
from fazhi.core.procedures.models import Deadline, DeadlineState, ProcedureCase

from .choices import DISCLOSURE_CLOSED_STATES
from .models import (
    DisclosureRequest,
    LegalAidCase,
    LegalAidConsultation,
    LegalEducationEvent,
    Petition,
    Reminder,
    StudySession,
    Suggestion,
)
from .procedures import NOT_AGENCY_DUTIES

RUNNING = (DeadlineState.OPEN, DeadlineState.PAUSED)


def with_next_due(qs: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate the soonest running engine deadline (`next_due`, `next_due_label`, `next_due_state`)."""
    ct = ContentType.objects.get_for_model(qs.model)
    running = Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), state__in=RUNNING).order_by(
        "due_date", "id"
    )
    return qs.annotate(
        next_due=Subquery(running.values("due_date")[:1]),
        next_due_label=Subquery(running.values("label")[:1]),
        next_due_state=Subquery(running.values("state")[:1]),
        next_due_pending=Subquery(running.values("calendar_pending")[:1]),
    )


def disclosure_requests_visible_to(user: Any) -> QuerySet[DisclosureRequest]:
    return with_next_due(DisclosureRequest.objects.visible_to(user).select_related("agency"))


def disclosure_detail(user: Any, pk: int) -> DisclosureRequest:
    return get_object_or_404(DisclosureRequest.objects.visible_to(user).select_related("agency"), pk=pk)


def suggestions_visible_to(user: Any) -> QuerySet[Suggestion]:
    return with_next_due(Suggestion.objects.visible_to(user).select_related("agency"))


def suggestion_detail(user: Any, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.visible_to(user).select_related("agency").prefetch_related("co_handlers__agency"),
        pk=pk,
    )


def petitions_visible_to(user: Any) -> QuerySet[Petition]:
    return with_next_due(Petition.objects.visible_to(user).select_related("agency"))


def petition_detail(user: Any, pk: int) -> Petition:
    return get_object_or_404(
        Petition.objects.visible_to(user).select_related("agency", "enforcement_case"), pk=pk
    )


def reminders_for(user: Any) -> QuerySet[Reminder]:
    return Reminder.objects.visible_to(user).select_related("agency", "deadline", "sent_by", "assignee")


REGISTRIES = {
    "legal_aid": LegalAidCase,
    "consultations": LegalAidConsultation,
    "education": LegalEducationEvent,
    "study": StudySession,
}


def registry_visible_to(user: Any, key: str) -> QuerySet[Any]:
    return REGISTRIES[key].objects.visible_to(user).select_related("agency")  # type: ignore[attr-defined]


# --- public response statistics (as Alaveteli and froide show them) -----------------------------
@dataclass(frozen=True)
class AgencyResponseStats:
    agency: str
    received: int
    closed: int
    on_time: int
    average_working_days: float | None

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time * 100 / self.closed, 1) if self.closed else None


def disclosure_response_statistics(jurisdiction: Any, year: int) -> list[AgencyResponseStats]:
    """Per agency: received in Y, answered (closed) in Y, on time, mean working days taken
    (the applicant's time left out). One query."""
    rows = (
        DisclosureRequest.objects.filter(jurisdiction=jurisdiction)
        .filter(Q(received_on__year=year) | Q(closed_on__year=year))
        .values("agency__name")
        .annotate(
            received=Count("pk", filter=Q(received_on__year=year)),
            closed=Count("pk", filter=Q(closed_on__year=year, state__in=DISCLOSURE_CLOSED_STATES)),
            on_time=Count("pk", filter=Q(closed_on__year=year, closed_on_time=True)),
            avg_days=Avg("response_working_days", filter=Q(closed_on__year=year, state="replied")),
        )
        .order_by("agency__name")
    )
    return [
        AgencyResponseStats(
            r["agency__name"],
            r["received"],
            r["closed"],
            r["on_time"],
            round(r["avg_days"], 1) if r["avg_days"] is not None else None,
        )
        for r in rows
    ]


# --- the justice bureau's overview ---------------------------------------------------------------
@dataclass(frozen=True)
class OverviewRow:
    deadline: Deadline
    case: Any
    matter: str
    status: str
    days_left: int | None


def _case_models() -> list[type[ProcedureCase]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, ProcedureCase) and hasattr(m._default_manager, "visible_to")
    ]


def overview(user: Any, on: date | None = None, *, days: int | None = None) -> list[OverviewRow]:
    """Every running deadline overdue or due within `days` across every matter type (every
    ProcedureCase model) and agency the user sees: one query per matter type (deadlines joined to
    the scoped cases), plus one per type for the cases themselves."""
    on = on or workdays.today()
    horizon = on + timedelta(days=days if days is not None else settings.FAZHI_DUE_SOON_DAYS)
    out: list[OverviewRow] = []
    for model in _case_models():
        ct = ContentType.objects.get_for_model(model)
        visible = model._default_manager.visible_to(user)  # type: ignore[attr-defined]
        rows = list(
            Deadline.objects.filter(
                content_type=ct,
                state=DeadlineState.OPEN,
                due_date__isnull=False,
                due_date__lte=horizon,
                object_id__in=visible.values("pk"),
            ).order_by("due_date", "id")
        )
        if not rows:
            continue
        related = [f for f in getattr(model, "pending_select_related", ()) if f]
        cases = model._default_manager.select_related(*related).in_bulk({d.object_id for d in rows})
        label = str(model._meta.verbose_name)
        for d in rows:
            assert d.due_date is not None
            if (d.procedure_code, d.clock) in NOT_AGENCY_DUTIES:
                continue
            out.append(
                OverviewRow(
                    d,
                    cases.get(d.object_id),
                    label,
                    workdays.deadline_status(d.due_date, on),
                    (d.due_date - on).days,
                )
            )
    out.sort(key=lambda r: (r.deadline.due_date, r.matter))
    return out
