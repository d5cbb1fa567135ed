"""Penalty-case reads, scoped by `scope_filter(user)` (the list twin of `enforcement.view_case`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, DateField, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from fazhi.core.procedures.models import Deadline
from fazhi.enforcement.models import PenaltyCase

IRREGULARITY_FLAGS = {
    "flag_uncertified": "执法人员不足两名持证",
    "flag_missing_review": "应法制审核未审核",
    "flag_out_of_tier_unreasoned": "超出裁量基准无理由",
    "flag_late_decision": "超过办案期限作出决定",
    "flag_late_service": "超期送达",
    "flag_late_publicity": "超期公示",
    "flag_missing_av": "缺少音像记录",
}


# The engine's clocks of the penalty procedure → the attribute each case row carries its due date
# under (annotated, never stored: the Deadline row is the one source, ADR 0003).
DUE_ANNOTATIONS = {
    "decision": "decision_due_on",
    "service": "service_due_on",
    "payment": "payment_due_on",
    "hearing_request": "hearing_request_due_on",
    "statement": "statement_due_on",
    "hand_in": "handed_in_due_on",  # the standalone clock of 第七十一条 (procedures.COLLECTION)
}
STANDALONE = {"hand_in": "enforcement.collection"}
RUNNING = ("open", "paused")


def case_deadlines(clock: str) -> QuerySet[Deadline]:
    """The Deadline rows of one penalty clock for the case of the outer query (for Subquery/Exists)."""
    ct = ContentType.objects.get_for_model(PenaltyCase)
    group = STANDALONE.get(clock, PenaltyCase.procedure_code)
    return Deadline.objects.filter(
        content_type=ct, object_id=OuterRef("pk"), procedure_code=group, clock=clock
    ).exclude(state="superseded")


def annotate_due(
    qs: QuerySet[PenaltyCase], clocks: tuple[str, ...] = tuple(DUE_ANNOTATIONS)
) -> QuerySet[PenaltyCase]:
    """Each row gets `<field>` (the latest due date of the clock, provisional ones included) and
    `<field>_pending` (True while it awaits the year's holidays, 待日历确认) — two subqueries per clock
    in the same SELECT, no per-row query."""
    out: dict[str, Any] = {}
    for clock in clocks:
        name = DUE_ANNOTATIONS[clock]
        latest = case_deadlines(clock).order_by("-id")
        out[name] = Subquery(latest.values("due_date")[:1], output_field=DateField())
        out[f"{name}_pending"] = Subquery(latest.values("calendar_pending")[:1], output_field=BooleanField())
    return qs.annotate(**out)


def overdue(clock: str, on: date) -> Exists:
    """A running deadline of `clock` past its (exact) due date on `on` — a provisional date is never
    counted overdue (ADR 0003)."""
    return Exists(case_deadlines(clock).filter(state="open", due_date__lt=on, calendar_pending=False))


def cases_visible_to(user: Any) -> QuerySet[PenaltyCase]:
    """Every penalty case the user may see; one WHERE clause, related rows joined, the engine's due
    dates annotated (no per-row queries)."""
    return annotate_due(PenaltyCase.objects.visible_to(user).select_related("agency", "matter"))


def case_for(user: Any, pk: int) -> PenaltyCase:
    try:
        return (
            cases_visible_to(user)
            .select_related("officer_a", "officer_b", "hearing_chair", "legal_reviewer")
            .get(pk=pk)
        )
    except (PenaltyCase.DoesNotExist, ValueError):
        raise Http404("未找到该案件，或您无权查看。") from None


def cases_filtered(
    user: Any,
    *,
    state: str = "",
    q: str = "",
    irregular: bool = False,
    year: int | None = None,
    agency_id: int | None = None,
    flag: str = "",
) -> QuerySet[PenaltyCase]:
    """The case list with its filters; `flag` is one of IRREGULARITY_FLAGS (dashboard drill-down)."""
    qs = cases_visible_to(user)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if flag in IRREGULARITY_FLAGS:
        qs = qs.filter(**{flag: True})
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(party_name__icontains=q))
    if irregular:
        qs = qs.filter(is_irregular=True)
    if year:
        qs = qs.filter(opened_on__gte=date(year, 1, 1), opened_on__lte=date(year, 12, 31))
    return qs


def irregularity_counts(user: Any, year: int) -> list[dict[str, Any]]:
    """Per agency: cases opened in `year` and each irregularity — one aggregate query (dashboard)."""
    qs = PenaltyCase.objects.visible_to(user).filter(
        opened_on__gte=date(year, 1, 1), opened_on__lte=date(year, 12, 31)
    )
    aggregates = {"cases": Count("id"), "irregular": Count("id", filter=Q(is_irregular=True))}
    aggregates.update({flag: Count("id", filter=Q(**{flag: True})) for flag in IRREGULARITY_FLAGS})
    return list(qs.values("agency_id", "agency__name").annotate(**aggregates).order_by("agency__name"))


def case_flags(case: PenaltyCase) -> list[str]:
    return [label for flag, label in IRREGULARITY_FLAGS.items() if getattr(case, flag)]


PERSONAL_FIELDS = ("party_name", "party_id_number", "party_address")


def log_personal_data_view(user: Any, case: PenaltyCase, note: str = "") -> None:
    """A natural person's name, ID number and address were shown unmasked (DESIGN.md; 个人信息保护法第五十一条)."""
    if case.party_is_natural_person:
        from fazhi.core.audit import record_view

        record_view(user, case, PERSONAL_FIELDS, note=note)
