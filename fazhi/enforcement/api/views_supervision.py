"""Supervision and officer API: read-only lists scoped by selectors, one APIView per verb that calls
one service (STYLE.md §2.5). Errors go through fazhi.api.exception_handler (ADR 0001)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import param_date, param_year
from fazhi.core import workdays
from fazhi.enforcement import documents_supervision
from fazhi.enforcement.selectors import cases as case_sel
from fazhi.enforcement.selectors import officers as off_sel
from fazhi.enforcement.selectors import supervision as sel
from fazhi.enforcement.services import officers as off_svc
from fazhi.enforcement.services import supervision as svc
from fazhi.org.models import Agency, User
from fazhi.org.predicates import scope_filter

from . import serializers_supervision as s

YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认今年）")
ON = OpenApiParameter("on", OpenApiTypes.DATE, description="截至日期（默认今天）")


def _param_int(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise DrfValidationError({name: [f"“{raw}”不是有效的整数。"]}) from None


def _param_date(request: Request, name: str) -> date:
    raw = request.query_params.get(name, "")
    if raw == "":
        return workdays.today()
    try:
        date.fromisoformat(raw)
    except ValueError:
        raise DrfValidationError({name: [f"“{raw}”不是有效日期（格式：YYYY-MM-DD）。"]}) from None
    return param_date(request, name)  # type: ignore[no-any-return]  # and within 1949–2100


def _valid(serializer_class: Any, data: Any) -> dict[str, Any]:
    ser = serializer_class(data=data)
    ser.is_valid(raise_exception=True)
    return dict(ser.validated_data)


class SupervisionDashboardApi(APIView):
    """执法监督看板: per agency counts and the flagged cases (agency staff: their own agency)."""

    @extend_schema(
        parameters=[YEAR, ON],
        responses=s.SupervisionDashboardOut,
        operation_id="enforcement_supervision_dashboard",
    )
    def get(self, request: Request) -> Response:
        on = _param_date(request, "on")
        board = sel.dashboard(request.user, param_year(request, default=on.year), on)
        return Response(s.SupervisionDashboardOut(board).data)


class CaseFileReviewViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CaseFileReviewOut

    def get_queryset(self) -> Any:
        return sel.reviews_visible_to(self.request.user).order_by("-drawn_on", "-id")


class ReviewedCaseFileViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReviewedCaseFileOut
    filterset_fields = ["review", "agency"]

    def get_queryset(self) -> Any:
        from fazhi.enforcement.models import ReviewedCaseFile

        return (
            ReviewedCaseFile.objects.filter(scope_filter(self.request.user))
            .select_related("case")
            .order_by("pk")
        )


class CaseFileReviewDrawApi(APIView):
    @extend_schema(
        request=s.CaseFileReviewDrawIn,
        responses={201: s.CaseFileReviewOut},
        operation_id="enforcement_review_draw",
    )
    def post(self, request: Request) -> Response:
        data = _valid(s.CaseFileReviewDrawIn, request.data)
        user: Any = request.user
        review = svc.draw_case_files(actor=user, jurisdiction=user.jurisdiction, **data)
        return Response(s.CaseFileReviewOut(review).data, status=201)


class ReviewedCaseFileScoreApi(APIView):
    @extend_schema(
        request=s.ReviewedCaseFileScoreIn,
        responses=s.ReviewedCaseFileOut,
        operation_id="enforcement_review_file_score",
    )
    def post(self, request: Request, pk: int) -> Response:
        file = sel.file_for(request.user, pk)
        data = _valid(s.ReviewedCaseFileScoreIn, request.data)
        file = svc.score_case_file(actor=request.user, file=file, **data)
        return Response(s.ReviewedCaseFileOut(file).data)


class SupervisionOpinionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SupervisionOpinionOut
    filterset_fields = ["agency", "kind", "status"]

    def get_queryset(self) -> Any:
        return (
            sel.opinions_visible_to(self.request.user).prefetch_related("cases").order_by("-issued_on", "-id")
        )


class SupervisionOpinionIssueApi(APIView):
    @extend_schema(
        request=s.SupervisionOpinionIssueIn,
        responses={201: s.SupervisionOpinionOut},
        operation_id="enforcement_opinion_issue",
    )
    def post(self, request: Request) -> Response:
        data = _valid(s.SupervisionOpinionIssueIn, request.data)
        agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=data.pop("agency"))  # type: ignore[arg-type]
        review_id = data.pop("review")
        review = sel.reviews_visible_to(request.user).filter(pk=review_id).first() if review_id else None
        cases = list(case_sel.cases_visible_to(request.user).filter(pk__in=data.pop("cases")))
        opinion = svc.issue_opinion(actor=request.user, agency=agency, review=review, cases=cases, **data)
        return Response(s.SupervisionOpinionOut(opinion).data, status=201)


class SupervisionOpinionReplyApi(APIView):
    @extend_schema(
        request=s.SupervisionOpinionReplyIn,
        responses=s.SupervisionOpinionOut,
        operation_id="enforcement_opinion_reply",
    )
    def post(self, request: Request, pk: int) -> Response:
        opinion = sel.opinion_for(request.user, pk)
        opinion = svc.reply_to_opinion(
            actor=request.user, opinion=opinion, **_valid(s.SupervisionOpinionReplyIn, request.data)
        )
        return Response(s.SupervisionOpinionOut(opinion).data)


class SupervisionOpinionDocumentApi(APIView):
    @extend_schema(
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY
        },
        operation_id="enforcement_opinion_document",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        opinion = sel.opinion_for(request.user, pk)
        issuer: Any = opinion.issued_by
        return documents_supervision.opinion_response(
            opinion, issuer.agency.name if issuer.agency_id else "司法局"
        )


class CriminalReferralViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CriminalReferralOut
    filterset_fields = ["agency", "outcome"]

    def get_queryset(self) -> Any:
        return sel.referrals_visible_to(self.request.user).order_by("-referred_on", "-id")


class CriminalReferralOpenApi(APIView):
    """移送涉嫌犯罪案件, opened from the case (party and facts come from it)."""

    @extend_schema(
        request=s.CriminalReferralOpenIn,
        responses={201: s.CriminalReferralOut},
        operation_id="enforcement_case_refer",
    )
    def post(self, request: Request, pk: int) -> Response:
        case = case_sel.case_for(request.user, pk)
        referral = svc.refer_case(
            actor=request.user, case=case, **_valid(s.CriminalReferralOpenIn, request.data)
        )
        return Response(s.CriminalReferralOut(referral).data, status=201)


class CriminalReferralReceiptApi(APIView):
    @extend_schema(
        request=s.CriminalReferralReceiptIn,
        responses=s.CriminalReferralOut,
        operation_id="enforcement_referral_receipt",
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = sel.referral_for(request.user, pk)
        referral = svc.record_referral_receipt(
            actor=request.user, referral=referral, **_valid(s.CriminalReferralReceiptIn, request.data)
        )
        return Response(s.CriminalReferralOut(referral).data)


class CriminalReferralOutcomeApi(APIView):
    @extend_schema(
        request=s.CriminalReferralOutcomeIn,
        responses=s.CriminalReferralOut,
        operation_id="enforcement_referral_outcome",
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = sel.referral_for(request.user, pk)
        referral = svc.record_referral_outcome(
            actor=request.user, referral=referral, **_valid(s.CriminalReferralOutcomeIn, request.data)
        )
        return Response(s.CriminalReferralOut(referral).data)


class AnnualStatisticsApi(APIView):
    """年度行政执法统计, one row per visible agency (computed from the cases)."""

    @extend_schema(
        parameters=[YEAR],
        responses=s.AnnualStatisticsRowOut(many=True),
        operation_id="enforcement_statistics",
    )
    def get(self, request: Request) -> Response:
        year = param_year(request, default=workdays.today().year - 1)
        return Response(s.AnnualStatisticsRowOut(sel.statistics_rows(request.user, year), many=True).data)


class AnnualStatisticsPublishApi(APIView):
    @extend_schema(
        request=s.AnnualStatisticsPublishIn,
        responses={201: s.AnnualStatisticsOut},
        operation_id="enforcement_statistics_publish",
    )
    def post(self, request: Request) -> Response:
        data = _valid(s.AnnualStatisticsPublishIn, request.data)
        agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=data.pop("agency"))  # type: ignore[arg-type]
        stats = svc.publish_annual_statistics(actor=request.user, agency=agency, **data)
        return Response(s.AnnualStatisticsOut(stats).data, status=201)


class OfficerCertificateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.OfficerCertificateOut
    filterset_fields = ["status", "kind", "agency"]

    def get_queryset(self) -> Any:
        return off_sel.certificates_visible_to(self.request.user).order_by("agency_id", "number")


class OfficerCertificateExpiringApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("within", OpenApiTypes.INT, description="天数（默认 90）"), ON],
        responses=s.OfficerCertificateOut(many=True),
        operation_id="enforcement_certificates_expiring",
    )
    def get(self, request: Request) -> Response:
        qs = off_sel.certificates_expiring(
            request.user, _param_date(request, "on"), _param_int(request, "within", 90)
        )
        return Response(s.OfficerCertificateOut(qs, many=True).data)


class OfficerCertificateIssueApi(APIView):
    @extend_schema(
        request=s.OfficerCertificateIssueIn,
        responses={201: s.OfficerCertificateOut},
        operation_id="enforcement_certificate_issue",
    )
    def post(self, request: Request) -> Response:
        data = _valid(s.OfficerCertificateIssueIn, request.data)
        holder = get_object_or_404(User.objects.filter(scope_filter(request.user)), pk=data.pop("holder"))
        cert = off_svc.issue_certificate(actor=request.user, holder=holder, **data)
        return Response(s.OfficerCertificateOut(cert).data, status=201)


def _status_api(service: Any, verb: str) -> type[APIView]:
    class _Api(APIView):
        @extend_schema(
            request=s.OfficerCertificateStatusIn,
            responses=s.OfficerCertificateOut,
            operation_id=f"enforcement_certificate_{verb}",
        )
        def post(self, request: Request, pk: int) -> Response:
            cert = off_sel.certificate_for(request.user, pk)
            cert = service(
                actor=request.user, certificate=cert, **_valid(s.OfficerCertificateStatusIn, request.data)
            )
            return Response(s.OfficerCertificateOut(cert).data)

    _Api.__name__ = f"OfficerCertificate{verb.title()}Api"
    return _Api


CERTIFICATE_VERB_VIEWS = {
    "suspend": _status_api(off_svc.suspend_certificate, "suspend"),
    "reinstate": _status_api(off_svc.reinstate_certificate, "reinstate"),
    "revoke": _status_api(off_svc.revoke_certificate, "revoke"),
}


class OfficerTrainingShortfallApi(APIView):
    @extend_schema(
        parameters=[YEAR],
        responses=s.OfficerTrainingShortfallOut(many=True),
        operation_id="enforcement_training_shortfall",
    )
    def get(self, request: Request) -> Response:
        year = param_year(request, default=workdays.today().year)
        return Response(
            s.OfficerTrainingShortfallOut(
                off_sel.officers_short_of_training(request.user, year), many=True
            ).data
        )
