"""Supervision reads, scoped by `scope_filter(user)` (the justice bureau sees every agency of its
jurisdiction, agency staff their own agency). The dashboard and the statistics are one GROUP BY
agency query each with conditional counts — never a query per row (DESIGN.md "lists stay fast")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from fazhi.enforcement.choices import DecisionKind, ProcedureKind, PublicityStatus
from fazhi.enforcement.models import (
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    PenaltyCase,
    PublicityRecord,
    ReviewedCaseFile,
    SupervisionOpinion,
)
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS, annotate_due, overdue
from fazhi.enforcement.selectors.publicity import annotate_publicity
from fazhi.org.predicates import scope_filter

OVERDUE = {
    "overdue_decision": "超过办案期限未作出决定",
    "overdue_service": "超过送达期限未送达",
}


def _year(field_name: str, year: int) -> Q:
    return Q(**{f"{field_name}__gte": date(year, 1, 1), f"{field_name}__lte": date(year, 12, 31)})


def overdue_conditions(on: date) -> dict[str, Q]:
    """Running deadlines already past on `on` (the decision deadline of 行政处罚法第六十条, the 7-day
    service of 第六十一条), read from the engine's Deadline rows (EXISTS, no per-row query)."""
    return {
        "overdue_decision": Q(overdue("decision", on)),
        "overdue_service": Q(overdue("service", on)),
    }


@dataclass
class Dashboard:
    year: int
    on: date
    rows: list[dict[str, Any]]
    totals: dict[str, int]
    flagged: list[PenaltyCase] = field(default_factory=list)
    flagged_total: int = 0


def dashboard_rows(user: Any, year: int, on: date) -> list[dict[str, Any]]:
    """Per agency, for cases opened in `year`: totals, each irregularity, overdue decisions and
    service (one query), and unpublished decisions past their publicity deadline (one query)."""
    late = overdue_conditions(on)
    aggregates: dict[str, Any] = {
        "cases": Count("id"),
        "closed": Count("id", filter=Q(state="closed")),
        "irregular": Count("id", filter=Q(is_irregular=True)),
    }
    aggregates.update({flag: Count("id", filter=Q(**{flag: True})) for flag in IRREGULARITY_FLAGS})
    aggregates.update({name: Count("id", filter=cond) for name, cond in late.items()})
    aggregates["overdue"] = Count("id", filter=late["overdue_decision"] | late["overdue_service"])
    aggregates["flagged"] = Count(
        "id", filter=Q(is_irregular=True) | late["overdue_decision"] | late["overdue_service"]
    )
    rows: list[dict[str, Any]] = [
        dict(r)
        for r in PenaltyCase.objects.filter(scope_filter(user), _year("opened_on", year))
        .values("agency_id", "agency__name")
        .annotate(**aggregates)
        .order_by("agency__name", "agency_id")
    ]
    late_publicity = dict(
        annotate_publicity(PublicityRecord.objects.filter(scope_filter(user), _year("decided_on", year)))  # type: ignore[misc]  # annotated
        .filter(status=PublicityStatus.DUE, due_on__lt=on, calendar_pending=False)
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    for r in rows:
        r["overdue_publicity"] = late_publicity.get(r["agency_id"], 0)
    return rows


def flagged_cases(user: Any, year: int, on: date, *, agency_id: int | None = None) -> QuerySet[PenaltyCase]:
    """The irregular or overdue cases behind the dashboard's numbers, agency and matter joined."""
    late = overdue_conditions(on)
    qs = (
        annotate_due(PenaltyCase.objects.filter(scope_filter(user), _year("opened_on", year)))
        .filter(Q(is_irregular=True) | late["overdue_decision"] | late["overdue_service"])
        .select_related("agency")
        .order_by("opened_on", "id")  # oldest first; walks the (jurisdiction, opened_on) index
    )
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs


def case_problems(case: PenaltyCase, on: date) -> list[str]:
    """The labels of what is wrong with one case, from its stored fields (no query)."""
    labels = [label for flag, label in IRREGULARITY_FLAGS.items() if getattr(case, flag)]
    for clock, key in (("decision", "overdue_decision"), ("service", "overdue_service")):
        due, pending = getattr(case, f"{clock}_due_on", None), getattr(case, f"{clock}_due_on_pending", False)
        running = (case.decided_on is None) if clock == "decision" else (case.served_on is None)
        if case.state != "closed" and running and due and not pending and due < on:
            labels.append(OVERDUE[key])
    return labels


def dashboard(user: Any, year: int, on: date, *, agency_id: int | None = None, limit: int = 200) -> Dashboard:
    """执法监督看板: three queries whatever the number of cases (rows, publicity, flagged page)."""
    rows = dashboard_rows(user, year, on)
    keys = [
        "cases",
        "closed",
        "irregular",
        "overdue",
        "flagged",
        "overdue_publicity",
        *IRREGULARITY_FLAGS,
        *OVERDUE,
    ]
    totals = {k: sum(r[k] for r in rows) for k in keys}
    flagged = list(flagged_cases(user, year, on, agency_id=agency_id)[:limit])
    for c in flagged:
        c.problems = case_problems(c, on)  # type: ignore[attr-defined]
    flagged_total = (
        sum(r["flagged"] for r in rows if r["agency_id"] == agency_id) if agency_id else totals["flagged"]
    )
    return Dashboard(year, on, rows, totals, flagged, flagged_total)


# --- 案卷评查, 监督意见书, 两法衔接 -------------------------------------------------------------
def reviews_visible_to(user: Any) -> QuerySet[CaseFileReview]:
    """Review rounds: the bureau sees its jurisdiction's; an agency the rounds that drew its files."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CaseFileReview.objects.none()
    if user.is_superuser:
        return CaseFileReview.objects.all()
    if user.sees_whole_jurisdiction:
        return CaseFileReview.objects.filter(jurisdiction_id=user.jurisdiction_id)
    drawn = ReviewedCaseFile.objects.filter(scope_filter(user)).values("review_id")
    return CaseFileReview.objects.filter(pk__in=drawn)


def review_for(user: Any, pk: int) -> CaseFileReview:
    try:
        return reviews_visible_to(user).get(pk=pk)
    except (CaseFileReview.DoesNotExist, ValueError):
        raise Http404("未找到该评查，或您无权查看。") from None


def review_files(user: Any, review: CaseFileReview) -> QuerySet[ReviewedCaseFile]:
    return (
        ReviewedCaseFile.objects.filter(scope_filter(user), review=review)
        .select_related("case", "agency")
        .order_by("agency__name", "case__number")
    )


def review_summary(user: Any, review: CaseFileReview) -> list[dict[str, Any]]:
    """Per agency: files drawn, scored, average score, issues found (one query)."""
    return [
        dict(r)
        for r in ReviewedCaseFile.objects.filter(scope_filter(user), review=review)
        .values("agency_id", "agency__name")
        .annotate(
            files=Count("id"),
            scored=Count("id", filter=Q(total__isnull=False)),
            points=Sum("total"),
            issues=Sum("issues"),
        )
        .order_by("agency__name")
    ]


def file_for(user: Any, pk: int) -> ReviewedCaseFile:
    try:
        return (
            ReviewedCaseFile.objects.filter(scope_filter(user))
            .select_related("case", "agency", "review")
            .get(pk=pk)
        )
    except (ReviewedCaseFile.DoesNotExist, ValueError):
        raise Http404("未找到该评查案卷，或您无权查看。") from None


def annotate_reply_due(qs: QuerySet[SupervisionOpinion]) -> QuerySet[SupervisionOpinion]:
    """The reply deadline of each opinion (engine Deadline; same SELECT): reply_due_on,
    reply_due_pending (待日历确认), due_explanation, reply_state."""
    from django.db.models import F

    from fazhi.core import procedures
    from fazhi.enforcement.procedures import SUPERVISION

    qs = procedures.annotate_due(qs, SUPERVISION, "reply", prefix="reply")
    return qs.annotate(reply_due_on=F("reply_due"), due_explanation=F("reply_explanation"))


def opinions_visible_to(user: Any) -> QuerySet[SupervisionOpinion]:
    return annotate_reply_due(SupervisionOpinion.objects.filter(scope_filter(user)).select_related("agency"))


def opinion_for(user: Any, pk: int) -> SupervisionOpinion:
    try:
        return opinions_visible_to(user).select_related("issued_by", "replied_by", "review").get(pk=pk)
    except (SupervisionOpinion.DoesNotExist, ValueError):
        raise Http404("未找到该监督意见书，或您无权查看。") from None


def referrals_visible_to(user: Any) -> QuerySet[CriminalReferral]:
    return CriminalReferral.objects.filter(scope_filter(user)).select_related("agency", "case")


def referral_for(user: Any, pk: int) -> CriminalReferral:
    try:
        return referrals_visible_to(user).get(pk=pk)
    except (CriminalReferral.DoesNotExist, ValueError):
        raise Http404("未找到该移送案件，或您无权查看。") from None


# --- 年度行政执法统计 ------------------------------------------------------------------------
# (key, label, indicator code of INDICATORS.md or "")
STATISTICS_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("cases_opened", "立案数", "enforcement.cases_opened"),
    ("cases_closed", "结案数", "enforcement.cases_closed"),
    ("penalty_cases", "作出行政处罚决定数", "enforcement.penalty_cases"),
    ("on_the_spot", "其中当场处罚", ""),
    ("no_penalty", "不予行政处罚决定数", ""),
    ("transferred", "移送司法机关决定数", ""),
    ("fines_yuan", "罚款金额（元）", "enforcement.fines"),
    ("confiscations_yuan", "没收金额（元）", "enforcement.fines"),
    ("hearings", "听证数", ""),
    ("legal_reviews", "法制审核数", "enforcement.legal_reviews"),
    ("challenged", "决定被申请行政复议数", ""),
    ("criminal_referrals", "移送涉嫌犯罪案件数", "enforcement.criminal_referrals"),
)
MONEY_KEYS = {"fines_yuan", "confiscations_yuan"}


def _statistics_query(qs: QuerySet[PenaltyCase], year: int) -> QuerySet[Any]:
    from fazhi.disputes.models import Reconsideration

    decided = _year("decided_on", year)
    penalty = decided & Q(decision_kind=DecisionKind.PENALTY)
    challenged = Reconsideration.objects.filter(
        respondent_id=OuterRef("agency_id"), act_document_number=OuterRef("decision_number")
    )
    relevant = (
        _year("opened_on", year)
        | decided
        | _year("closed_on", year)
        | _year("hearing_on", year)
        | _year("legal_reviewed_on", year)
        | _year("criminal_referral__referred_on", year)
    )
    return (
        qs.filter(relevant)
        .values("agency_id", "agency__name")
        .annotate(
            cases_opened=Count("id", filter=_year("opened_on", year)),
            cases_closed=Count("id", filter=_year("closed_on", year)),
            penalty_cases=Count("id", filter=penalty),
            on_the_spot=Count("id", filter=penalty & Q(procedure_kind=ProcedureKind.ON_THE_SPOT)),
            no_penalty=Count(
                "id",
                filter=decided
                & Q(decision_kind__in=[DecisionKind.NO_PENALTY_MINOR, DecisionKind.NO_PENALTY_FACTS]),
            ),
            transferred=Count("id", filter=decided & Q(decision_kind=DecisionKind.TRANSFER)),
            fines_yuan=Sum("fine_amount", filter=penalty),
            confiscations_yuan=Sum("confiscation_amount", filter=penalty),
            hearings=Count("id", filter=_year("hearing_on", year)),
            legal_reviews=Count("id", filter=_year("legal_reviewed_on", year)),
            challenged=Count("id", filter=decided & ~Q(decision_number="") & Q(Exists(challenged))),
            criminal_referrals=Count("id", filter=_year("criminal_referral__referred_on", year)),
        )
        .order_by("agency__name", "agency_id")
    )


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    for key in MONEY_KEYS:
        row[key] = (row[key] or Decimal(0)).quantize(Decimal("0.01"))
    return row


def statistics_rows(user: Any, year: int) -> list[dict[str, Any]]:
    """年度行政执法统计, one row per agency the user may see (one query)."""
    qs = PenaltyCase.objects.filter(scope_filter(user))
    return [_clean(r) for r in _statistics_query(qs, year)]


def statistics_for_agency(agency: Any, year: int) -> dict[str, Any]:
    """The published snapshot of one agency: JSON-ready (money as "1234.50")."""
    rows = list(_statistics_query(PenaltyCase.objects.filter(agency=agency), year))
    row = (
        _clean(rows[0])
        if rows
        else {k: 0 for k, _l, _c in STATISTICS_COLUMNS} | {k: Decimal("0.00") for k in MONEY_KEYS}
    )
    return {k: (f"{row[k]:.2f}" if k in MONEY_KEYS else int(row[k])) for k, _l, _c in STATISTICS_COLUMNS}


def published_statistics(user: Any, year: int) -> dict[int, AnnualStatistics]:
    qs = annotate_statistics_due(AnnualStatistics.objects.filter(scope_filter(user), year=year))
    return {s.agency_id: s for s in qs}


def annotate_statistics_due(qs: QuerySet[AnnualStatistics]) -> QuerySet[AnnualStatistics]:
    """due_on, due_explanation and on_time of published statistics, from the engine's deadline."""
    from django.db.models import BooleanField, Case, F, Value, When

    from fazhi.core import procedures
    from fazhi.enforcement.procedures import SUPERVISION

    qs = procedures.annotate_due(qs, SUPERVISION, "statistics", prefix="statistics")
    return qs.annotate(
        due_on=F("statistics_due"),
        due_explanation=F("statistics_explanation"),
        on_time=Case(
            When(statistics_state="met", then=Value(True)),
            When(statistics_state="missed", then=Value(False)),
            default=Value(None),
            output_field=BooleanField(null=True),
        ),
    )
