"""Reads of the disputes app, always scoped by the user (STYLE.md §2.2; ADR 0002)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, OuterRef, QuerySet, Subquery, Value, When
from django.http import Http404

from fazhi.core import procedures
from fazhi.core.procedures.models import Deadline, DeadlineState, Step
from fazhi.org.predicates import scope_filter

from .choices import ProcedureKind
from .models import (
    EnforcementApplication,
    LitigationCase,
    Mediation,
    Reconsideration,
    ReconsiderationOpinion,
)
from .procedures import LITIGATION, OPINION

ACCEPT_TRANSITIONS = ("accept", "accept_simplified", "deem_accepted")  # 第三十条


def _case_ct() -> ContentType:
    return ContentType.objects.get_for_model(Reconsideration)


def accepted_steps(ct: ContentType | None = None) -> QuerySet[Step]:
    """Acceptance steps (受理, 视为受理) of reconsideration cases."""
    return Step.objects.filter(content_type=ct or _case_ct(), transition__in=ACCEPT_TRANSITIONS)


def with_deadline_annotations(qs: QuerySet[Reconsideration]) -> QuerySet[Reconsideration]:
    """accepted_on, and the soonest running deadline (due date, label, provisional flag): subqueries,
    no per-row query. A provisional date (待日历确认) sorts by its date like the others."""
    ct = _case_ct()
    running = Deadline.objects.filter(
        content_type=ct, object_id=OuterRef("pk"), state__in=(DeadlineState.OPEN, DeadlineState.PAUSED)
    ).order_by(F("due_date").asc(nulls_last=True), "id")
    return qs.annotate(
        accepted_on=Subquery(
            accepted_steps(ct).filter(object_id=OuterRef("pk")).order_by("id").values("on")[:1]
        ),
        next_due=Subquery(running.values("due_date")[:1]),
        next_due_label=Subquery(running.values("label")[:1]),
        next_due_pending=Subquery(running.values("calendar_pending")[:1]),
    )


def with_decided_on_time(qs: QuerySet[Reconsideration]) -> QuerySet[Reconsideration]:
    """`decided_on_time`: "yes" / "no" / "pending" for closed cases (NULL for open ones).

    `closed_on_time` is stored when the case closes; it stays NULL when the decision deadline was
    then still awaiting calendar data and closed `undecided` (ADR 0003). Such a case is read from
    its decision deadline, which the engine turns into met / missed once the year is entered."""
    decision = (
        Deadline.objects.filter(
            content_type=_case_ct(), object_id=OuterRef("pk"), clock=OuterRef("_decision_clock")
        )
        .order_by("-id")
        .values("state")[:1]
    )
    return qs.annotate(
        _decision_clock=Case(
            When(procedure_kind=ProcedureKind.SIMPLIFIED, then=Value("decision_simplified")),
            default=Value("decision"),
            output_field=CharField(),
        ),
        _decision_state=Subquery(decision),
        decided_on_time=Case(
            When(closed_on__isnull=True, then=Value(None)),
            When(closed_on_time=True, then=Value("yes")),
            When(closed_on_time=False, then=Value("no")),
            When(_decision_state=DeadlineState.MET, then=Value("yes")),
            When(_decision_state=DeadlineState.UNDECIDED, then=Value("pending")),
            default=Value("no"),
            output_field=CharField(),
        ),
    )


def reconsiderations_visible_to(user: Any) -> QuerySet[Reconsideration]:
    """行政复议案件 the user may see, with respondent, parties and the next deadline."""
    qs = Reconsideration.objects.visible_to(user).select_related("respondent", "jurisdiction")
    return with_deadline_annotations(qs.prefetch_related("parties"))


def reconsiderations_overdue(user: Any, on: date) -> QuerySet[Reconsideration]:
    """Cases with a running deadline already past on `on` (a provisional date is never overdue)."""
    return reconsiderations_visible_to(user).filter(next_due__lt=on, next_due_pending=False)  # type: ignore[misc]


def reconsideration_detail(user: Any, pk: int) -> Reconsideration:
    try:
        return with_decided_on_time(
            reconsiderations_visible_to(user).prefetch_related("handlers", "hearings", "amendments")
        ).get(pk=pk)
    except Reconsideration.DoesNotExist:
        raise Http404("未找到该行政复议案件，或您无权查看。") from None


def published_decisions() -> QuerySet[Reconsideration]:
    """Decisions published on the portal (第七十九条); only the redacted text is shown there."""
    return (
        Reconsideration.objects.filter(published_on__isnull=False)
        .select_related("respondent")
        .only(
            "pk",
            "decision_number",
            "published_on",
            "published_text",
            "outcome",
            "respondent__name",
            "closed_on",
        )
        .order_by("-published_on", "-id")
    )


def litigation_cases_visible_to(user: Any) -> QuerySet[LitigationCase]:
    """Suits the user may see, with the engine's defence deadline (《行政诉讼法》第六十七条) annotated:
    `defence_due`, `defence_pending` (待日历确认), `defence_state` — one annotation, no per-row query."""
    qs = LitigationCase.objects.visible_to(user).select_related("agency").prefetch_related("hearings")
    return procedures.annotate_due(qs, LITIGATION, "defence", prefix="defence")


def enforcement_applications_visible_to(user: Any) -> QuerySet[EnforcementApplication]:
    return EnforcementApplication.objects.filter(scope_filter(user)).select_related("agency")


def mediations_visible_to(user: Any) -> QuerySet[Mediation]:
    return Mediation.objects.visible_to(user).select_related("agency")


def opinions_visible_to(user: Any) -> QuerySet[ReconsiderationOpinion]:
    """Opinions the user may see, with the engine's report deadline (第七十六条) annotated:
    `report_due`, `report_pending` (待日历确认), `report_state`."""
    qs = ReconsiderationOpinion.objects.filter(scope_filter(user)).select_related("agency", "case")
    return procedures.annotate_due(qs, OPINION, "report", prefix="report")


def opinions_overdue(user: Any, on: date) -> QuerySet[ReconsiderationOpinion]:
    """Opinions whose 60-day report (第七十六条) is missing after its due date."""
    return opinions_visible_to(user).filter(reported_on__isnull=True, report_due__lt=on)  # type: ignore[misc]


def record_deadline(record: Any, clock: str) -> Deadline | None:
    """The latest engine deadline of `clock` on a litigation case or an opinion (for its page)."""
    return procedures.deadlines(record).filter(clock=clock).order_by("-id").first()
