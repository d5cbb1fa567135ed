"""Registry entries for the justice bureau's enforcement supervision (INDICATORS.md "Enforcement
cases and enforcement supervision"): referrals, review rounds, files reviewed, issues, opinions.
Each returns the records behind the figure. Imported from `indicators.py` (autodiscovered)."""

from __future__ import annotations

from django.db.models import QuerySet, Sum

from fazhi.core.indicators import IndicatorValue, Scope, indicator
from fazhi.enforcement.models import CaseFileReview, CriminalReferral, ReviewedCaseFile, SupervisionOpinion
from fazhi.org.models import Agency


def _scoped(qs: QuerySet, scope: Scope) -> QuerySet:
    qs = qs.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


@indicator("enforcement.criminal_referrals")
def criminal_referrals(scope: Scope) -> IndicatorValue:
    """Cases referred to public security as suspected crimes in Y (两法衔接; 国务院令第310号)."""
    qs = _scoped(CriminalReferral.objects.all(), scope).filter(
        referred_on__gte=scope.start, referred_on__lte=scope.end
    )
    return IndicatorValue(value=qs.count(), records=qs)


def _files_scored(scope: Scope) -> QuerySet[ReviewedCaseFile]:
    return _scoped(ReviewedCaseFile.objects.all(), scope).filter(
        scored_on__gte=scope.start, scored_on__lte=scope.end
    )


@indicator("enforcement.supervision_checks")
def supervision_checks(scope: Scope) -> IndicatorValue:
    """Case-file review rounds drawn in Y (for one agency: the rounds that drew its files)."""
    qs = CaseFileReview.objects.filter(
        jurisdiction=scope.jurisdiction, drawn_on__gte=scope.start, drawn_on__lte=scope.end
    )
    if scope.agency is not None:
        qs = qs.filter(files__agency=scope.agency).distinct()
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.agencies_reviewed")
def agencies_reviewed(scope: Scope) -> IndicatorValue:
    """Agencies whose case files were scored in Y."""
    qs = Agency.objects.filter(pk__in=_files_scored(scope).values("agency_id"))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.case_files_reviewed")
def case_files_reviewed(scope: Scope) -> IndicatorValue:
    """Case files scored by the justice bureau in Y (集中评查)."""
    qs = _files_scored(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("enforcement.case_review_issues")
def case_review_issues(scope: Scope) -> IndicatorValue:
    """Problems found by the files scored in Y: checklist items below their maximum."""
    qs = _files_scored(scope)
    total = qs.aggregate(n=Sum("issues"))["n"] or 0
    return IndicatorValue(value=int(total), records=qs.filter(issues__gt=0))


@indicator("enforcement.supervision_opinions")
def supervision_opinions(scope: Scope) -> IndicatorValue:
    """监督意见书 and 评查结果反馈通知书 issued in Y (the two papers are one code)."""
    qs = _scoped(SupervisionOpinion.objects.all(), scope).filter(
        issued_on__gte=scope.start, issued_on__lte=scope.end
    )
    return IndicatorValue(value=qs.count(), records=qs)
