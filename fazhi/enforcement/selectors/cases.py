"""Penalty-case reads, scoped by `scope_filter(user)` (the list twin of `enforcement.view_case`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

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


def cases_visible_to(user: Any) -> QuerySet[PenaltyCase]:
    """Every penalty case the user may see; one WHERE clause, related rows joined (no per-row queries)."""
    return PenaltyCase.objects.visible_to(user).select_related("agency", "matter")


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
