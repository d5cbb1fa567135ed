"""API (issue 8): indicator values with last year and source, department submissions and their
verbs, and the annual reports. Every write goes through the same services as the web pages."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import param_pk, param_year

from ..dashboard import selectors as sel
from ..models import AnnualReport, ReportFigure, Submission, SubmissionValue
from ..report import services as services_report
from ..submissions import selectors as subsel
from ..submissions import services as services_submissions

YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="报告年度（默认上一年）")
AGENCY = OpenApiParameter("agency", OpenApiTypes.INT, description="部门 ID（不填为全区划）")


class IndicatorValueOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    previous = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    change = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    change_pct = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    source = serializers.CharField(help_text="computed 系统计算 / submission 部门填报 / missing 暂无数据")  # type: ignore[assignment]


def _scope(request: Request) -> Any:
    user: Any = request.user
    from fazhi.org.models import Agency

    year = param_year(request, default=timezone.localdate().year - 1)
    agency = None
    if request.query_params.get("agency"):
        agency = get_object_or_404(Agency, pk=param_pk(request, "agency"))
    return sel.scope_for(user, user.jurisdiction, year, agency)


class IndicatorValueListApi(APIView):
    """Every catalogue indicator for the user's jurisdiction (or agency) and year."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[YEAR, AGENCY], responses=IndicatorValueOut(many=True))
    def get(self, request: Request) -> Response:
        rows = sel.dashboard_rows(_scope(request))
        data = [
            {
                "code": r.entry.code,
                "name": r.entry.name,
                "unit": r.entry.unit,
                "kind": r.entry.kind,
                "value": r.current.value,
                "previous": r.previous.value,
                "change": r.change,
                "change_pct": r.change_pct,
                "numerator": r.current.computed.numerator if r.current.computed else None,
                "denominator": r.current.computed.denominator if r.current.computed else None,
                "source": r.current.source,
            }
            for r in rows
        ]
        return Response(IndicatorValueOut(data, many=True).data)


class SubmissionValueOut(serializers.ModelSerializer):
    class Meta:
        model = SubmissionValue
        fields = ["code", "value", "not_applicable", "note"]


class SubmissionOut(serializers.ModelSerializer):
    year = serializers.IntegerField(source="campaign.year", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    values = SubmissionValueOut(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "year",
            "agency",
            "agency_name",
            "status",
            "submitted_at",
            "reviewed_at",
            "review_note",
            "no_data_note",
            "values",
        ]


class SubmissionEntryIn(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        help_text="数值；留空为未填写（不保存），“无此项”等同 not_applicable",
    )
    note = serializers.CharField(allow_blank=True, required=False, default="")
    not_applicable = serializers.BooleanField(
        required=False, default=False, help_text="本单位无此项工作（不能同时填写数值，不计入汇总）"
    )


class SubmissionValuesIn(serializers.Serializer):
    values = SubmissionEntryIn(many=True)


class SubmissionSubmitIn(serializers.Serializer):
    no_data = serializers.BooleanField(
        required=False, default=False, help_text="声明“无数据可报”（填报表中没有任何数值时）"
    )
    no_data_note = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="无数据说明（声明无数据可报时必填）"
    )


class SubmissionReturnIn(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


def _submissions(request: Request) -> Any:
    return subsel.submissions_visible_to(request.user).prefetch_related("values")


class SubmissionListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[YEAR], responses=SubmissionOut(many=True))
    def get(self, request: Request) -> Response:
        qs = _submissions(request)
        if request.query_params.get("year"):
            qs = qs.filter(campaign__year=param_year(request))
        return Response(SubmissionOut(qs, many=True).data)


class SubmissionValuesApi(APIView):
    """保存填报数值 (blank value = not filled, removed; not_applicable = 本单位无此项工作)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=SubmissionValuesIn, responses=SubmissionOut)
    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(_submissions(request), pk=pk)
        data = SubmissionValuesIn(data=request.data)
        data.is_valid(raise_exception=True)
        entries = {
            e["code"]: services_submissions.Entry(
                e["value"], e.get("note", ""), not_applicable=e.get("not_applicable", False)
            )
            for e in data.validated_data["values"]
        }
        obj = services_submissions.save_values(
            actor=request.user, submission=obj, entries=entries, source="api"
        )
        return Response(SubmissionOut(_submissions(request).get(pk=obj.pk)).data)


class SubmissionSubmitApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=SubmissionSubmitIn, responses=SubmissionOut)
    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(_submissions(request), pk=pk)
        data = SubmissionSubmitIn(data=request.data)
        data.is_valid(raise_exception=True)
        services_submissions.submit_submission(
            actor=request.user,
            submission=obj,
            no_data=data.validated_data["no_data"],
            no_data_note=data.validated_data["no_data_note"],
        )
        return Response(SubmissionOut(_submissions(request).get(pk=pk)).data)


class SubmissionApproveApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=SubmissionOut)
    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(_submissions(request), pk=pk)
        services_submissions.approve_submission(actor=request.user, submission=obj)
        return Response(SubmissionOut(_submissions(request).get(pk=pk)).data)


class SubmissionReturnApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=SubmissionReturnIn, responses=SubmissionOut)
    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(_submissions(request), pk=pk)
        data = SubmissionReturnIn(data=request.data)
        data.is_valid(raise_exception=True)
        services_submissions.return_submission(
            actor=request.user, submission=obj, reason=data.validated_data["reason"]
        )
        return Response(SubmissionOut(_submissions(request).get(pk=pk)).data)


class ReportFigureOut(serializers.ModelSerializer):
    section = serializers.CharField(source="section.key", read_only=True)
    submissions: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ReportFigure
        fields = [
            "section",
            "position",
            "kind",
            "code",
            "value",
            "previous",
            "text",
            "source",
            "record_count",
            "submissions",
        ]


class AnnualReportOut(serializers.ModelSerializer):
    figures = ReportFigureOut(many=True, read_only=True)

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "year",
            "title",
            "issuer",
            "status",
            "built_at",
            "published_on",
            "report_due",
            "publication_due",
            "figures",
        ]


def _reports(request: Request) -> Any:
    user: Any = request.user
    qs = AnnualReport.objects.prefetch_related("figures__section", "figures__submissions")
    return qs if user.is_superuser else qs.filter(jurisdiction_id=user.jurisdiction_id)


class AnnualReportListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=AnnualReportOut(many=True))
    def get(self, request: Request) -> Response:
        return Response(AnnualReportOut(_reports(request), many=True).data)


class AnnualReportPublishApi(APIView):
    """向社会公开 (builds the figures, writes .docx and PDF)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=AnnualReportOut)
    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(_reports(request), pk=pk)
        services_report.publish_report(actor=request.user, report=obj)
        return Response(AnnualReportOut(_reports(request).get(pk=pk)).data)
