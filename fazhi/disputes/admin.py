"""Read-only admin: every write goes through the services (STYLE.md §2.2)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from fazhi.core.audit.admin import AuditedViewMixin

from .models import (
    EnforcementApplication,
    LitigationCase,
    LossRule,
    Mediation,
    Reconsideration,
    ReconsiderationOpinion,
)


class ReadOnlyAdmin(AuditedViewMixin):  # detail pages with personal data are audited
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Reconsideration)
class ReconsiderationAdmin(ReadOnlyAdmin):
    list_display = ("number", "respondent", "received_on", "state", "outcome", "closed_on")
    list_filter = ("state", "procedure_kind", "outcome")
    search_fields = ("number", "challenged_act")
    list_select_related = ("respondent",)


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "court", "instance", "agency", "served_on", "judgment")
    list_filter = ("instance", "judgment")
    list_select_related = ("agency",)


@admin.register(Mediation)
class MediationAdmin(ReadOnlyAdmin):
    list_display = ("received_on", "kind", "dispute_kind", "committee", "outcome")
    list_filter = ("kind", "outcome", "linkage")


admin.site.register(ReconsiderationOpinion, ReadOnlyAdmin)
admin.site.register(EnforcementApplication, ReadOnlyAdmin)
admin.site.register(LossRule, ReadOnlyAdmin)
