"""Publicity reads: staff lists (scoped), the public portal listing, the on-time rate per agency."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When

from fazhi.core import procedures
from fazhi.enforcement.choices import PublicityStatus
from fazhi.enforcement.models import PublicityRecord
from fazhi.enforcement.procedures import PUBLICITY


def annotate_publicity(qs: QuerySet[PublicityRecord]) -> QuerySet[PublicityRecord]:
    """The engine's deadlines of each record, in the same SELECT (no per-row query): `due_on`,
    `calendar_pending` (provisional date, 待日历确认), `due_explanation`, `withdrawal_due_on`, and
    `on_time` — True / False once published and settled, None while unpublished or undecided (a
    provisional date whose year is not entered yet)."""
    qs = procedures.annotate_due(qs, PUBLICITY, "publish", prefix="publish")
    qs = procedures.annotate_due(qs, PUBLICITY, "withdraw", prefix="withdraw")
    return qs.annotate(
        due_on=F("publish_due"),
        calendar_pending=F("publish_pending"),
        due_explanation=F("publish_explanation"),
        withdrawal_due_on=F("withdraw_due"),
        on_time=Case(
            When(published_on__isnull=True, then=Value(None)),
            When(publish_state="met", then=Value(True)),
            When(publish_state="missed", then=Value(False)),
            default=Value(None),
            output_field=BooleanField(null=True),
        ),
    )


def publicity_visible_to(user: Any) -> QuerySet[PublicityRecord]:
    return annotate_publicity(PublicityRecord.objects.visible_to(user).select_related("agency"))


def publicity_of_case(case: Any) -> PublicityRecord | None:
    return annotate_publicity(PublicityRecord.objects.filter(case=case)).first()


def publicity_of_permit(permit: Any) -> PublicityRecord | None:
    return annotate_publicity(PublicityRecord.objects.filter(permit=permit)).first()


def publicity_public(
    *, q: str = "", agency_id: int | None = None, kind: str = ""
) -> QuerySet[PublicityRecord]:
    """What the portal shows: published, not withdrawn; subject already masked at write time."""
    qs = PublicityRecord.objects.filter(
        status__in=[PublicityStatus.PUBLISHED, PublicityStatus.WITHDRAWAL_DUE]
    ).select_related("agency")
    if q:
        qs = qs.filter(
            Q(subject__icontains=q) | Q(matter_name__icontains=q) | Q(document_number__icontains=q)
        )
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-published_on", "-id")


def _due_in_year(qs: QuerySet[PublicityRecord], year: int, on: date) -> QuerySet[PublicityRecord]:
    """Records whose deadline fell in `year` and has passed by `on` (or that were published)."""
    return qs.filter(due_on__gte=date(year, 1, 1), due_on__lte=date(year, 12, 31)).filter(  # type: ignore[misc]  # annotated
        Q(published_on__isnull=False) | Q(due_on__lt=on)
    )


def publicity_on_time_by_agency(user: Any, year: int, on: date) -> list[dict[str, Any]]:
    """执法决定按期公示率 per agency (INDICATORS.md enforcement.publicity_on_time_rate): one query."""
    qs = _due_in_year(annotate_publicity(PublicityRecord.objects.visible_to(user)), year, on)
    rows: list[dict[str, Any]] = [
        dict(r)
        for r in qs.values("agency_id", "agency__name")
        .annotate(due=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
        .order_by("agency__name")
    ]
    for r in rows:
        r["rate"] = round(100 * r["on_time"] / r["due"], 1) if r["due"] else None
    return rows


def publicity_due_records(user: Any) -> QuerySet[PublicityRecord]:
    return publicity_visible_to(user).filter(status__in=[PublicityStatus.DUE, PublicityStatus.WITHDRAWAL_DUE])


def publicity_backlog(user: Any, on: date) -> dict[str, int]:
    """Records still to publish (and how many are past due) and withdrawals still to do — one query."""
    return publicity_visible_to(user).aggregate(
        due=Count("id", filter=Q(status=PublicityStatus.DUE)),
        overdue=Count("id", filter=Q(status=PublicityStatus.DUE, due_on__lt=on, calendar_pending=False)),
        withdrawals=Count("id", filter=Q(status=PublicityStatus.WITHDRAWAL_DUE)),
    )
