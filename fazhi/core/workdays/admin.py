"""Read-only admin: years are entered and corrected on /calendar/ through the service, which
checks permission, audits the change and recomputes open deadlines."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CalendarDay, HolidayYear


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ("date", "kind", "name")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ("year", "notice_title", "notice_number", "published_on", "entered_by", "updated_at")
    readonly_fields = (
        "year",
        "notice_title",
        "notice_number",
        "published_on",
        "source_url",
        "note",
        "entered_by",
        "created_at",
        "updated_at",
    )
    inlines = [CalendarDayInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # use /calendar/enter/

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
