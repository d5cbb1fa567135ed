"""办案期限规则 API: read every visible agency's rule (or the defaults), set one agency's rule."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.enforcement.selectors import rules as rule_sel
from fazhi.enforcement.services import rules as rule_svc
from fazhi.org.models import Agency


class TimeLimitOut(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    decision_days = serializers.IntegerField()
    extension_days = serializers.IntegerField()
    max_extensions = serializers.IntegerField()
    statement_days = serializers.IntegerField(help_text="陈述申辩期间（工作日；法律未规定，默认3个工作日）")
    extension_approver = serializers.CharField()
    legal_basis = serializers.CharField()
    configured = serializers.BooleanField(
        help_text="False: 未设置，适用默认值（90日，负责人批准延长一次30日）"
    )
    updated_by = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()

    def get_updated_by(self, obj: Any) -> int | None:
        return obj.rule.updated_by_id if obj.rule else None

    def get_updated_at(self, obj: Any) -> str | None:
        return obj.rule.updated_at.isoformat() if obj.rule else None


class TimeLimitListOut(serializers.Serializer):
    note = serializers.CharField()
    results = TimeLimitOut(many=True)


class TimeLimitIn(serializers.Serializer):
    decision_days = serializers.IntegerField()
    extension_days = serializers.IntegerField()
    max_extensions = serializers.IntegerField()
    statement_days = serializers.IntegerField(required=False, default=None, allow_null=True)
    extension_approver = serializers.CharField(max_length=100)
    legal_basis = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class TimeLimitListApi(APIView):
    """行政处罚办案期限规则 of every agency the user may see (行政处罚法第六十条; 部门规章)."""

    @extend_schema(responses={200: TimeLimitListOut}, operation_id="enforcement_time_limits_list")
    def get(self, request: Request) -> Response:
        rows = rule_sel.time_limits_visible_to(request.user)
        return Response({"note": rule_sel.NOTE, "results": TimeLimitOut(rows, many=True).data})


class TimeLimitApi(APIView):
    """One agency's rule: read, or set (the jurisdiction's supervisor or the agency's admin)."""

    def _agency(self, request: Request, agency: int) -> Agency:
        return get_object_or_404(Agency.objects.visible_to(request.user), pk=agency)  # type: ignore[arg-type]

    @extend_schema(responses={200: TimeLimitOut}, operation_id="enforcement_time_limit_retrieve")
    def get(self, request: Request, agency: int) -> Response:
        a = self._agency(request, agency)
        return Response(TimeLimitOut(rule_sel.time_limit_of_agency(a)).data)

    @extend_schema(
        request=TimeLimitIn, responses={200: TimeLimitOut}, operation_id="enforcement_time_limit_set"
    )
    def put(self, request: Request, agency: int) -> Response:
        a = self._agency(request, agency)
        data = TimeLimitIn(data=request.data)
        data.is_valid(raise_exception=True)
        rule_svc.set_time_limit_rule(actor=request.user, agency=a, **data.validated_data)
        return Response(TimeLimitOut(rule_sel.time_limit_of_agency(a)).data)
