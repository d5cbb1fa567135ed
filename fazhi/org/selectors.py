"""Reads of the org app, always scoped by the user (ADR 0002)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.org.models import Agency, Jurisdiction, User
from fazhi.org.predicates import scope_filter


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """The list twin of `org.view_agency`."""
    return Agency.objects.visible_to(user).select_related("jurisdiction", "parent")


def agencies_filtered(
    user: Any,
    *,
    q: str = "",
    kind: str = "",
    enforcement: str = "",
    active: str = "1",
) -> QuerySet[Agency]:
    """The agency list page: visible agencies with the filters of the form and a staff count."""
    qs = agencies_visible_to(user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(uscc__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if enforcement in {"1", "0"}:
        qs = qs.filter(has_enforcement_authority=enforcement == "1")
    if active in {"1", "0"}:
        qs = qs.filter(is_active=active == "1")
    return qs.annotate(staff_count=Count("staff", filter=Q(staff__is_active=True)))


def users_visible_to(user: Any) -> QuerySet[User]:
    """The list twin of `org.view_user`: one WHERE clause (`scope_filter`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return User.objects.none()
    return User.objects.filter(scope_filter(user)).select_related("agency", "jurisdiction")


def users_filtered(
    user: Any, *, q: str = "", role: str = "", agency: str = "", active: str = "1"
) -> QuerySet[User]:
    """The staff list page."""
    qs = users_visible_to(user)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    if role:
        qs = qs.filter(role=role)
    if agency.isdigit():
        qs = qs.filter(agency_id=int(agency))
    if active in {"1", "0"}:
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("agency__name", "username")


def jurisdictions_visible_to(user: Any) -> QuerySet[Jurisdiction]:
    """Jurisdictions are public reference data; any signed-in user may list them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.all()


def home_jurisdiction() -> Jurisdiction | None:
    """The jurisdiction this installation serves: the first one that is not an external comparison."""
    return Jurisdiction.objects.filter(is_external=False).order_by("pk").first()
