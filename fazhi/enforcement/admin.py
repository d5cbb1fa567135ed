"""Read-only admin for enforcement part 1: every write goes through the services (STYLE.md §2.2).
Part 2 (supervision) may register its own models in another module imported from here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from fazhi.core.audit.admin import AuditedViewMixin

from .models import Benchmark, LegalReviewItem, Matter, PenaltyCase, PermitDecision, PublicityRecord


class ReadOnlyAdmin(AuditedViewMixin):  # detail pages with personal data are audited
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class BenchmarkInline(admin.TabularInline):
    model = Benchmark
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "agency", "basis_article", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("agency",)
    inlines = [BenchmarkInline]


@admin.register(LegalReviewItem)
class LegalReviewItemAdmin(ReadOnlyAdmin):
    list_display = ("agency", "matter", "ground", "min_fine")
    list_select_related = ("agency", "matter")


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "title",
        "agency",
        "procedure_kind",
        "state",
        "opened_on",
        "decided_on",
        "is_irregular",
    )
    list_filter = ("state", "procedure_kind", "is_irregular")
    search_fields = ("number", "title", "party_name")
    list_select_related = ("agency",)
    date_hierarchy = "opened_on"


@admin.register(PermitDecision)
class PermitDecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "applicant_name", "agency", "matter", "decided_on", "granted")
    list_select_related = ("agency", "matter")
    search_fields = ("number", "applicant_name")


@admin.register(PublicityRecord)
class PublicityRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "document_number",
        "kind",
        "subject",
        "agency",
        "decided_on",
        "due_on",
        "published_on",
        "status",
    )
    list_filter = ("kind", "status", "on_time")
    list_select_related = ("agency",)
