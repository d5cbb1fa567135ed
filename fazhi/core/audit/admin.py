"""Read-only admin for the audit log: nobody adds, changes or deletes an entry here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .models import AuditEntry
from .service import record_view

# Field names that hold personal data (《个人信息保护法》): ID numbers, phones, addresses, e-mail.
PERSONAL_FIELD_MARKERS = ("id_number", "phone", "address", "email")


class AuditedViewMixin(admin.ModelAdmin):
    """A ModelAdmin whose detail page writes `view_personal_data` when it shows personal fields.

    The personal fields are the model's fields whose names contain PERSONAL_FIELD_MARKERS, less the
    admin's `exclude`; a list of them can be given as `personal_fields` instead.
    """

    personal_fields: tuple[str, ...] | None = None

    def _personal_fields(self, request: HttpRequest, obj: Any) -> list[str]:
        if self.personal_fields is not None:
            return list(self.personal_fields)
        shown = set(self.get_fields(request, obj))
        return [
            f.name
            for f in self.model._meta.fields
            if f.name in shown and any(m in f.name for m in PERSONAL_FIELD_MARKERS)
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            fields = self._personal_fields(request, obj) if obj is not None else []
            if obj is not None and fields:
                record_view(request.user, obj, fields, note="后台查看")
        return response


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_name", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "action", "object_type", "object_id", "object_repr", "note")
    date_hierarchy = "at"
    ordering = ("-seq",)
    list_per_page = 100
    show_full_result_count = False  # no COUNT(*) over the whole log on every page
    actions = None

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
