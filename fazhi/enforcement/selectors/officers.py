"""Officer reads: certificates (expiring), training hours short of the yearly requirement, annual
reviews. Certificates carry no jurisdiction of their own: they are scoped through their agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from fazhi.enforcement.services.officers import required_training_hours
from fazhi.org.models import AnnualReview, Certificate, CertificateStatus, TrainingRecord, User
from fazhi.org.predicates import scope_filter


def certificates_visible_to(user: Any) -> QuerySet[Certificate]:
    return Certificate.objects.filter(
        scope_filter(user, jurisdiction_field="agency__jurisdiction")
    ).select_related("holder", "agency")


def certificate_for(user: Any, pk: int) -> Certificate:
    from django.http import Http404

    try:
        return certificates_visible_to(user).get(pk=pk)
    except (Certificate.DoesNotExist, ValueError):
        raise Http404("未找到该证件，或您无权查看。") from None


def certificates_filtered(
    user: Any, *, status: str = "", kind: str = "", q: str = ""
) -> QuerySet[Certificate]:
    qs = certificates_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(
            Q(number__icontains=q) | Q(holder__full_name__icontains=q) | Q(agency__name__icontains=q)
        )
    return qs.order_by("agency__name", "number")


def certificates_expiring(user: Any, on: date, within_days: int = 90) -> QuerySet[Certificate]:
    """Valid certificates whose validity ends within `within_days` of `on` (on included), soonest first."""
    return (
        certificates_visible_to(user)
        .filter(
            status=CertificateStatus.VALID,
            valid_until__gte=on,
            valid_until__lte=on + timedelta(days=within_days),
        )
        .order_by("valid_until", "number")
    )


@dataclass(frozen=True)
class TrainingShortfall:
    officer: User
    hours: Decimal
    required: Decimal

    @property
    def missing(self) -> Decimal:
        return self.required - self.hours


def officers_short_of_training(
    user: Any, year: int, required: Decimal | None = None
) -> list[TrainingShortfall]:
    """Holders of a certificate valid on 31 Dec of `year` (or today, for the running year) whose training
    hours of `year` are below the yearly requirement (FAZHI_TRAINING_HOURS_REQUIRED). One query."""
    need = required if required is not None else required_training_hours()
    end = date(year, 12, 31)
    hours = (
        TrainingRecord.objects.filter(officer=OuterRef("pk"), year=year)
        .values("officer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    certified = Certificate.objects.filter(
        status=CertificateStatus.VALID, valid_from__lte=end, valid_until__gte=date(year, 1, 1)
    ).values("holder_id")
    officers = (
        User.objects.filter(scope_filter(user), is_active=True, pk__in=certified)
        .select_related("agency")
        .annotate(
            hours=Coalesce(
                Subquery(hours, output_field=DecimalField(max_digits=7, decimal_places=1)),
                Value(Decimal("0")),
                output_field=DecimalField(max_digits=7, decimal_places=1),
            )
        )
        .filter(hours__lt=need)
        .order_by("agency__name", "full_name", "pk")
    )
    return [TrainingShortfall(o, Decimal(o.hours).quantize(Decimal("0.1")), need) for o in officers]  # type: ignore[attr-defined]


def annual_reviews(user: Any, year: int, result: str = "") -> QuerySet[AnnualReview]:
    qs = AnnualReview.objects.filter(
        scope_filter(
            user, agency_field="certificate__agency", jurisdiction_field="certificate__agency__jurisdiction"
        ),
        year=year,
    ).select_related("certificate", "certificate__holder", "certificate__agency")
    if result:
        qs = qs.filter(result=result)
    return qs.order_by("certificate__agency__name", "certificate__number")
