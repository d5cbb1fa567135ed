"""Read-only admin views of the procedure history and deadlines: every write goes through the
engine (`procedures.advance`), so nothing here can add, change or delete a row."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import Deadline, DeadlineExtension, DeadlinePause, Step


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Step)
class StepAdmin(ReadOnlyAdmin):
    list_display = ("on", "procedure_code", "object_id", "label", "from_state", "to_state", "actor")
    list_filter = ("procedure_code", "transition")
    search_fields = ("note",)
    date_hierarchy = "on"


class PauseInline(admin.TabularInline):
    model = DeadlinePause
    fk_name = "deadline"
    fields = ("start", "end", "ground")
    readonly_fields = fields
    extra = 0
    can_delete = False


class ExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    fk_name = "deadline"
    fields = ("period_n", "period_unit", "ground", "approved_by", "old_due", "new_due")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = (
        "label",
        "procedure_code",
        "object_id",
        "start_date",
        "due_date",
        "calendar_pending",
        "state",
        "closed_on",
    )
    list_filter = ("state", "calendar_pending", "procedure_code", "clock")
    date_hierarchy = "due_date"
    inlines = (PauseInline, ExtensionInline)
