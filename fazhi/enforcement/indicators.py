"""Registry entries for the enforcement figures (INDICATORS.md "Enforcement cases and enforcement
supervision"). Each returns the records behind the figure so a click on it lists them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, Sum

from fazhi.core.indicators import IndicatorValue, Scope, indicator
from fazhi.core.procedures.models import Step
from fazhi.enforcement.choices import DecisionKind, PublicityStatus, Tier
from fazhi.enforcement.models import Benchmark, PenaltyCase, PublicityRecord


def _cases(scope: Scope) -> QuerySet[PenaltyCase]:
    qs = PenaltyCase.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _in_year(field: str, scope: Scope) -> Q:
    return Q(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})


@indicator("enforcement.cases_opened")
def cases_opened(scope: Scope) -> IndicatorValue:
    """立案 in Y (行政处罚法第五十四条)."""
    qs = _cases(scope).filter(_in_year("opened_on", scope))
    return IndicatorValue(value=qs.count(), records=qs)


def _stepped_in_year(scope: Scope) -> QuerySet[Step, Any]:
    ct = ContentType.objects.get_for_model(PenaltyCase)
    return Step.objects.filter(content_type=ct, on__gte=scope.start, on__lte=scope.end).values("object_id")


@indicator("enforcement.cases_handled")
def cases_handled(scope: Scope) -> IndicatorValue:
    """Cases with any procedure step in Y."""
    qs = _cases(scope).filter(pk__in=_stepped_in_year(scope))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.cases_closed")
def cases_closed(scope: Scope) -> IndicatorValue:
    qs = _cases(scope).filter(_in_year("closed_on", scope))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.cases_pending")
def cases_pending(scope: Scope) -> IndicatorValue:
    """Opened by 31 Dec of Y and not closed by then."""
    qs = (
        _cases(scope)
        .filter(opened_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end))
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.penalty_cases")
def penalty_cases(scope: Scope) -> IndicatorValue:
    """Penalty decisions made in Y, ordinary and on-the-spot procedure."""
    qs = _cases(scope).filter(_in_year("decided_on", scope), decision_kind=DecisionKind.PENALTY)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.fines")
def fines(scope: Scope) -> IndicatorValue:
    """罚没款 decided in Y, in 万元 (2 decimals); the exact yuan figure is in the note."""
    qs = _cases(scope).filter(_in_year("decided_on", scope), decision_kind=DecisionKind.PENALTY)
    totals = qs.aggregate(f=Sum("fine_amount"), c=Sum("confiscation_amount"))
    yuan = (totals["f"] or Decimal(0)) + (totals["c"] or Decimal(0))
    wan = (yuan / Decimal(10000)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return IndicatorValue(value=wan, records=qs, note=f"合计 {yuan:.2f} 元")


@indicator("enforcement.lenient_cases")
def lenient_cases(scope: Scope) -> IndicatorValue:
    """Closed in Y with no penalty (第三十三条) or a mitigated penalty (第三十二条)."""
    qs = (
        _cases(scope)
        .filter(_in_year("closed_on", scope))
        .filter(
            Q(decision_kind=DecisionKind.NO_PENALTY_MINOR)
            | Q(proposed_tier__in=[Tier.NO_PENALTY, Tier.MITIGATED])
        )
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.no_penalty_items")
def no_penalty_items(scope: Scope) -> IndicatorValue:
    """Benchmark items on the no-penalty / mitigation lists of active matters at the end of Y."""
    qs = Benchmark.objects.filter(
        matter__jurisdiction=scope.jurisdiction,
        matter__is_active=True,
        tier__in=[Tier.NO_PENALTY, Tier.MITIGATED],
    )
    if scope.agency is not None:
        qs = qs.filter(matter__agency=scope.agency)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.legal_reviews")
def legal_reviews(scope: Scope) -> IndicatorValue:
    """法制审核 completed (approved or returned) in Y (第五十八条)."""
    qs = _cases(scope).filter(_in_year("legal_reviewed_on", scope))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.legal_review_rate")
def legal_review_rate(scope: Scope) -> IndicatorValue:
    """Decisions in Y that required review and had it approved before the decision / those that required it."""
    required = _cases(scope).filter(_in_year("decided_on", scope), legal_review_required=True)
    done = required.filter(legal_review_status="approved", flag_missing_review=False)
    return IndicatorValue.rate(done, required, records=required)


def _publicity(scope: Scope) -> QuerySet[PublicityRecord]:
    """Records of the scope with their engine deadlines annotated (due_on, on_time …)."""
    from fazhi.enforcement.selectors.publicity import annotate_publicity

    qs = PublicityRecord.objects.filter(jurisdiction=scope.jurisdiction)
    return annotate_publicity(qs.filter(agency=scope.agency) if scope.agency is not None else qs)


@indicator("enforcement.publicity_records")
def publicity_records(scope: Scope) -> IndicatorValue:
    """双公示 records published in Y (withdrawn ones included: they were published)."""
    qs = _publicity(scope).filter(_in_year("published_on", scope))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.publicity_on_time_rate")
def publicity_on_time_rate(scope: Scope) -> IndicatorValue:
    """Published within 7 / 20 working days (118号 二(三)) / records due in Y."""
    due = (
        _publicity(scope)
        .filter(_in_year("due_on", scope))
        .exclude(status=PublicityStatus.WITHDRAWN, published_on__isnull=True)
    )
    on_time = due.filter(on_time=True)  # type: ignore[misc]  # annotated
    return IndicatorValue.rate(on_time, due, records=due)


@indicator("enforcement.platform_agencies")
def platform_agencies(scope: Scope) -> IndicatorValue:
    """Agencies that handled cases on Fazhi in Y: any step of a case in Y, including older open cases."""
    from fazhi.org.models import Agency

    active = _cases(scope).filter(
        Q(pk__in=_stepped_in_year(scope))
        | _in_year("opened_on", scope)
        | _in_year("decided_on", scope)
        | _in_year("closed_on", scope)
    )
    qs = Agency.objects.filter(pk__in=active.values("agency_id"))
    return IndicatorValue(value=qs.count(), records=qs)


from .supervision import indicators as indicators_supervision  # noqa: E402, F401 — supervision figures (issue 3, part 2)
