"""Shapes of the org API (*In / *Out names unique across the project)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.org.models import Agency, Jurisdiction, User


class JurisdictionOut(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["id", "division_code", "name", "level", "parent_name", "population", "is_external"]


class AgencyOut(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "jurisdiction",
            "name",
            "short_name",
            "uscc",
            "uscc_override_reason",
            "kind",
            "kind_display",
            "parent",
            "has_enforcement_authority",
            "address",
            "phone",
            "is_active",
        ]


class AgencyBriefOut(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind"]


class UserOut(serializers.ModelSerializer):
    """A staff account: never the password hash, never the ID number."""

    agency = AgencyBriefOut(read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "role",
            "role_display",
            "is_head",
            "jurisdiction",
            "agency",
            "is_active",
        ]


class MeOut(UserOut):
    permissions = serializers.SerializerMethodField()

    class Meta(UserOut.Meta):
        fields = [*UserOut.Meta.fields, "email", "phone", "permissions"]

    def get_permissions(self, obj: User) -> list[str]:
        """Global (object-less) permissions this account holds, for a client to show or hide actions."""
        import rules

        names = sorted(n for n in rules.permissions.permissions if n.startswith(("org.",)))
        return [n for n in names if obj.has_perm(n)]


class TokenIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)


class TokenOut(serializers.Serializer):
    token = serializers.CharField()
    user = UserOut()
