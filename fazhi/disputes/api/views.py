"""Disputes API: read-only viewsets (scoped by selectors) and one APIView per verb (STYLE.md §2.5)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.org.models import Agency, User

from .. import documents, selectors, services
from ..models import (
    EnforcementApplication,
    LitigationCase,
    Mediation,
    Reconsideration,
    ReconsiderationOpinion,
)
from . import serializers as s


def _user(request: Request) -> User:
    """The authenticated staff user (DEFAULT_PERMISSION_CLASSES = IsAuthenticated)."""
    return cast(User, request.user)


def _agency(pk: Any) -> Any:
    """The Agency with this id, or the raw value (the service then says it is not an agency)."""
    return Agency.objects.filter(pk=pk).first() if pk is not None else None


class ReconsiderationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政复议案件 visible to the user."""

    queryset = Reconsideration.objects.none()  # schema only; get_queryset scopes by user

    def get_queryset(self) -> Any:
        return selectors.reconsiderations_visible_to(self.request.user)

    def get_serializer_class(self) -> Any:
        return s.ReconsiderationDetailOut if self.action == "retrieve" else s.ReconsiderationOut

    @extend_schema(request=s.ReconsiderationCreateIn, responses=s.ReconsiderationOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.ReconsiderationCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _user(request)
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划，不能登记申请。")
        parties = [services.PartyIn(**p) for p in v.pop("parties")]
        respondent = _agency(v.pop("respondent"))
        case = services.submit_application(
            actor=user,
            jurisdiction=user.jurisdiction,
            respondent=respondent,
            parties=parties,
            **v,
        )
        return Response(
            s.ReconsiderationOut(selectors.reconsiderations_visible_to(user).get(pk=case.pk)).data, status=201
        )


# The verbs of a reconsideration (one per transition, and the records kept on the case) come from
# the procedure's verb table: fazhi/disputes/verbs.py.


class ReconsiderationDocumentApi(APIView):
    """GET a .docx notice or decision (受理通知书, 不予受理决定书, 补正通知书, 答复通知书, 决定书)."""

    @extend_schema(
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes}
    )
    def get(self, request: Request, pk: int, kind: str) -> HttpResponse:
        case = selectors.reconsideration_detail(request.user, pk)
        return documents.docx_response(case, kind)


class ReconsiderationOpinionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """行政复议意见书 and their 60-day follow-up (第七十六条)."""

    serializer_class = s.ReconsiderationOpinionOut

    queryset = ReconsiderationOpinion.objects.none()  # schema only; get_queryset scopes by user

    def get_queryset(self) -> Any:
        return selectors.opinions_visible_to(self.request.user)

    @extend_schema(request=s.ReconsiderationOpinionIn, responses=s.ReconsiderationOpinionOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.ReconsiderationOpinionIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = None
        if v["case"] is not None:
            case = get_object_or_404(selectors.reconsiderations_visible_to(request.user), pk=v["case"])
        opinion = services.issue_opinion(
            actor=_user(request),
            agency=_agency(v["agency"]),
            on=v["on"],
            content=v["content"],
            case=case,
            received_on=v["received_on"],
        )
        out = selectors.opinions_visible_to(request.user).get(pk=opinion.pk)
        return Response(s.ReconsiderationOpinionOut(out).data, status=201)


class ReconsiderationOpinionReceiveApi(APIView):
    """收件机关收到意见书（第七十六条：反馈期限自收到之日起计算）."""

    @extend_schema(request=s.ReconsiderationOpinionReceiveIn, responses=s.ReconsiderationOpinionOut)
    def post(self, request: Request, pk: int) -> Response:
        opinion: ReconsiderationOpinion = get_object_or_404(
            selectors.opinions_visible_to(request.user), pk=pk
        )
        data = s.ReconsiderationOpinionReceiveIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.receive_opinion(actor=_user(request), opinion=opinion, **data.validated_data)
        return Response(
            s.ReconsiderationOpinionOut(selectors.opinions_visible_to(request.user).get(pk=pk)).data
        )


class ReconsiderationOpinionReportApi(APIView):
    @extend_schema(request=s.ReconsiderationOpinionReportIn, responses=s.ReconsiderationOpinionOut)
    def post(self, request: Request, pk: int) -> Response:
        opinion: ReconsiderationOpinion = get_object_or_404(
            selectors.opinions_visible_to(request.user), pk=pk
        )
        data = s.ReconsiderationOpinionReportIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_opinion(actor=_user(request), opinion=opinion, **data.validated_data)
        return Response(
            s.ReconsiderationOpinionOut(selectors.opinions_visible_to(request.user).get(pk=pk)).data
        )


# --- litigation -----------------------------------------------------------------------------------
class LitigationCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政应诉案件 (per instance)."""

    serializer_class = s.LitigationCaseOut

    queryset = LitigationCase.objects.none()  # schema only; get_queryset scopes by user

    def get_queryset(self) -> Any:
        return selectors.litigation_cases_visible_to(self.request.user)

    @extend_schema(request=s.LitigationCaseIn, responses=s.LitigationCaseOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.LitigationCaseIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        previous = None
        previous_id = v.pop("previous")
        if previous_id is not None:
            previous = get_object_or_404(selectors.litigation_cases_visible_to(request.user), pk=previous_id)
        case = services.register_litigation_case(
            actor=_user(request), agency=_agency(v.pop("agency")), previous=previous, **v
        )
        out = selectors.litigation_cases_visible_to(request.user).get(pk=case.pk)
        return Response(s.LitigationCaseOut(out).data, status=201)


class _LitigationVerbApi(APIView):
    def _case(self, request: Request, pk: int) -> LitigationCase:
        return get_object_or_404(selectors.litigation_cases_visible_to(request.user), pk=pk)

    def _out(self, request: Request, pk: int) -> Response:
        return Response(s.LitigationCaseOut(self._case(request, pk)).data)


class LitigationDefenceApi(_LitigationVerbApi):
    """提交答辩状（行政诉讼法第六十七条）."""

    @extend_schema(request=s.LitigationDefenceIn, responses=s.LitigationCaseOut)
    def post(self, request: Request, pk: int) -> Response:
        data = s.LitigationDefenceIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.file_defence(actor=_user(request), case=self._case(request, pk), **data.validated_data)
        return self._out(request, pk)


class LitigationHearingApi(_LitigationVerbApi):
    """开庭及负责人出庭（行政诉讼法第三条第三款）."""

    @extend_schema(request=s.LitigationHearingIn, responses=s.LitigationCaseOut)
    def post(self, request: Request, pk: int) -> Response:
        data = s.LitigationHearingIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.record_litigation_hearing(
            actor=_user(request), case=self._case(request, pk), **data.validated_data
        )
        return self._out(request, pk)


class LitigationJudgmentApi(_LitigationVerbApi):
    """裁判结果."""

    @extend_schema(request=s.LitigationJudgmentIn, responses=s.LitigationCaseOut)
    def post(self, request: Request, pk: int) -> Response:
        data = s.LitigationJudgmentIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.close_litigation_instance(
            actor=_user(request), case=self._case(request, pk), **data.validated_data
        )
        return self._out(request, pk)


class EnforcementApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """非诉执行申请 (《行政强制法》第五十三、五十四条)."""

    serializer_class = s.EnforcementApplicationOut
    queryset = EnforcementApplication.objects.none()  # schema only; get_queryset scopes by user

    def get_queryset(self) -> Any:
        return selectors.enforcement_applications_visible_to(self.request.user)

    @extend_schema(request=s.EnforcementApplicationIn, responses=s.EnforcementApplicationOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.EnforcementApplicationIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        app = services.register_enforcement_application(
            actor=_user(request), agency=_agency(v.pop("agency")), **v
        )
        return Response(s.EnforcementApplicationOut(app).data, status=201)


# --- mediation ------------------------------------------------------------------------------------
class MediationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MediationOut

    queryset = Mediation.objects.none()  # schema only; get_queryset scopes by user

    def get_queryset(self) -> Any:
        return selectors.mediations_visible_to(self.request.user)

    @extend_schema(request=s.MediationIn, responses=s.MediationOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.MediationIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        agency_id = v.pop("agency") or request.user.agency_id  # type: ignore[union-attr]
        m = services.record_mediation(actor=_user(request), agency=_agency(agency_id), **v)
        return Response(s.MediationOut(m).data, status=201)


class MediationCloseApi(APIView):
    @extend_schema(request=s.MediationCloseIn, responses=s.MediationOut)
    def post(self, request: Request, pk: int) -> Response:
        m: Mediation = get_object_or_404(selectors.mediations_visible_to(request.user), pk=pk)
        data = s.MediationCloseIn(data=request.data)
        data.is_valid(raise_exception=True)
        m = services.close_mediation(actor=_user(request), mediation=m, **data.validated_data)
        return Response(s.MediationOut(m).data)
