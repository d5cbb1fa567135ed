"""Django admin for org models: read-mostly. Writes go through fazhi.org.services (audited), so the
admin lists and shows records but does not add, change or delete agencies and accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from rest_framework.authtoken.admin import TokenAdmin as DrfTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from fazhi.core.audit.admin import AuditedViewMixin
from fazhi.org.auth import AdminLoginForm, revoke_tokens
from fazhi.org.models import (
    Agency,
    AnnualReview,
    Certificate,
    Jurisdiction,
    QualificationExam,
    TrainingRecord,
    User,
)


class ReadOnlyAdmin(AuditedViewMixin):  # detail pages with personal data are audited
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


@admin.register(Jurisdiction)
class JurisdictionAdmin(ReadOnlyAdmin):
    list_display = ["division_code", "name", "level", "parent_name", "is_external"]
    search_fields = ["division_code", "name"]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "jurisdiction", "kind", "uscc", "has_enforcement_authority", "is_active"]
    list_filter = ["jurisdiction", "kind", "has_enforcement_authority", "is_active"]
    search_fields = ["name", "short_name", "uscc"]
    list_select_related = ["jurisdiction"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "role", "agency", "is_head", "is_active", "last_login"]
    list_filter = ["role", "is_head", "is_active", "jurisdiction"]
    search_fields = ["username", "full_name"]
    list_select_related = ["agency"]
    exclude = ["password", "id_number"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "holder", "agency", "kind", "valid_from", "valid_until", "status"]
    list_filter = ["kind", "status", "agency"]
    search_fields = ["number", "holder__full_name", "holder__username"]
    list_select_related = ["holder", "agency"]


@admin.register(AnnualReview)
class AnnualReviewAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "year", "result", "reviewed_on"]
    list_filter = ["year", "result"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ReadOnlyAdmin):
    list_display = ["officer", "year", "course", "hours", "completed_on"]
    list_filter = ["year"]
    search_fields = ["officer__full_name", "course"]


@admin.register(QualificationExam)
class QualificationExamAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "exam_date", "score", "passed"]
    list_filter = ["passed"]


# /admin/login/ goes through the same lockout and audit as the staff login (fazhi.org.auth).
admin.site.login_form = AdminLoginForm

# API tokens: no minting for another user in the admin (DRF's TokenAdmin allowed it, unaudited);
# a superuser may only list them (without the key) and revoke them, audited.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(DrfTokenAdmin):
    list_display = ("user", "created")
    fields = ("user", "created")
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        revoke_tokens(obj.user, actor=request.user, reason="管理员在后台注销 API 令牌")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:  # pragma: no cover
        for token in queryset.select_related("user"):  # (DRF's TokenAdmin has no bulk actions)
            revoke_tokens(token.user, actor=request.user, reason="管理员在后台注销 API 令牌")
