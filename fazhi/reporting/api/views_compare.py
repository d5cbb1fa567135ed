"""API: published reports of other jurisdictions and the comparison table."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import parse_year

from ..extraction import selectors, services
from ..models import ExtractedFigure, PublishedReport


class ExtractedFigureOut(serializers.ModelSerializer):
    class Meta:
        model = ExtractedFigure
        fields = ["id", "indicator", "label", "value", "unit", "approx", "quote", "start", "end"]


class PublishedReportOut(serializers.ModelSerializer):
    class Meta:
        model = PublishedReport
        fields = [
            "id",
            "jurisdiction_name",
            "level",
            "year",
            "division_code",
            "population",
            "source_name",
            "sha256",
            "published_on",
            "imported_at",
            "structure",
        ]


class PublishedReportDetailOut(PublishedReportOut):
    figures = ExtractedFigureOut(many=True, read_only=True)

    class Meta(PublishedReportOut.Meta):
        fields = [*PublishedReportOut.Meta.fields, "figures"]


class PublishedReportListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PublishedReportOut(many=True))
    def get(self, request: Request) -> Response:
        return Response(PublishedReportOut(selectors.published_reports(), many=True).data)


class PublishedReportDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PublishedReportDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(selectors.published_reports().prefetch_related("figures"), pk=pk)
        return Response(PublishedReportDetailOut(report).data)


class ReportPopulationIn(serializers.Serializer):
    population = serializers.IntegerField(min_value=1, allow_null=True)


class PublishedReportPopulationApi(APIView):
    """常住人口 of an external jurisdiction (for per-10,000-resident comparison)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportPopulationIn, responses=PublishedReportOut)
    def post(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(selectors.published_reports(), pk=pk)
        data = ReportPopulationIn(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.set_report_population(
            actor=request.user, report=report, population=data.validated_data["population"]
        )
        return Response(PublishedReportOut(report).data)


class ComparisonApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, many=True, description="指标代码，可多个"),
            OpenApiParameter("year", int, many=True, description="报告年度，可多个"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        codes = [c for c in request.query_params.getlist("indicator") if c]
        years = [parse_year(y) for y in request.query_params.getlist("year") if y]
        comp = selectors.comparison(codes=codes or None, years=years or None)
        return Response(selectors.comparison_json(comp))
