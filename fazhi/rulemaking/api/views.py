"""Rulemaking API: read-only viewsets (scoped by selectors) and one APIView per verb (STYLE.md §2.5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import workdays
from fazhi.org.models import Agency, User

from .. import selectors, services
from ..models import (
    CleanupCampaign,
    LegalAdviser,
    MajorDecision,
    NormativeDocument,
    PaperReview,
    PreReviewFlag,
    PublicComment,
)
from . import serializers as s


def _user(request: Request) -> User:
    return cast(User, request.user)


def _agency(user: User, pk: Any) -> Any:
    if pk is None:
        return user.agency
    return Agency.objects.filter(pk=pk).first()


# --- read-only viewsets -------------------------------------------------------------------------
class NormativeDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政规范性文件 visible to the user (a drafting agency: its own; the justice bureau: all)."""

    queryset = NormativeDocument.objects.none()

    def get_queryset(self) -> Any:
        qs = selectors.documents_visible_to(self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("versions__clauses__flags", "procedure_deadlines")
        state = self.request.query_params.get("state")
        return qs.filter(state=state) if state else qs

    def get_serializer_class(self) -> Any:
        return s.NormativeDocumentDetailOut if self.action == "retrieve" else s.NormativeDocumentOut

    @extend_schema(request=s.NormativeDocumentCreateIn, responses=s.NormativeDocumentOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.NormativeDocumentCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _user(request)
        replaces = v.pop("replaces")
        doc = services.register_document(
            actor=user,
            agency=_agency(user, v.pop("agency", None)),
            replaces=NormativeDocument.objects.filter(pk=replaces).first() if replaces else None,
            **v,
        )
        return Response(s.NormativeDocumentOut(selectors.document_detail(user, doc.pk)).data, status=201)


class PublicCatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """现行有效的行政规范性文件目录 (public, no account): full text and search (`q`)."""

    queryset = NormativeDocument.objects.none()
    serializer_class = s.PublicDocumentOut
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.valid_catalogue(q=self.request.query_params.get("q", ""))

    @extend_schema(parameters=[OpenApiParameter("q", str, description="检索：文件名称、文号或正文")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class PublicFeedbackViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """意见采纳情况 (public, no account): the comments on a draft put to public comment, with their
    answers; `document` or `decision`, filtered by `answer`. Names masked, contacts never shown."""

    queryset = PublicComment.objects.none()
    serializer_class = s.PublicCommentOut
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    def get_queryset(self) -> Any:
        params = self.request.query_params
        owner: Any = None
        if params.get("document", "").isdigit():
            owner = NormativeDocument.objects.filter(
                pk=params["document"], comment_starts_on__isnull=False
            ).first()
        elif params.get("decision", "").isdigit():
            owner = MajorDecision.objects.filter(
                pk=params["decision"], comment_starts_on__isnull=False
            ).first()
        if owner is None:
            return PublicComment.objects.none()
        return selectors.comments_of(owner, params.get("answer", ""))

    @extend_schema(
        parameters=[
            OpenApiParameter("document", int, description="规范性文件草案"),
            OpenApiParameter("decision", int, description="重大行政决策草案"),
            OpenApiParameter("answer", str, description="采纳情况：adopted / partly / not_adopted / pending"),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class MajorDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """重大行政决策 visible to the user."""

    queryset = MajorDecision.objects.none()
    serializer_class = s.MajorDecisionOut

    def get_queryset(self) -> Any:
        return selectors.decisions_visible_to(self.request.user)

    @extend_schema(request=s.MajorDecisionCreateIn, responses=s.MajorDecisionOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.MajorDecisionCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _user(request)
        catalogue_id = v.pop("catalogue")
        catalogue = selectors.catalogues_of(user).filter(pk=catalogue_id).first() if catalogue_id else None
        d = services.register_decision(
            actor=user, agency=_agency(user, v.pop("agency", None)), catalogue=catalogue, **v
        )
        return Response(
            s.MajorDecisionOut(selectors.decisions_visible_to(user).get(pk=d.pk)).data, status=201
        )


class PaperReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """合同、协议等涉法文件合法性审查."""

    queryset = PaperReview.objects.none()
    serializer_class = s.PaperReviewOut

    def get_queryset(self) -> Any:
        return selectors.papers_visible_to(self.request.user)

    @extend_schema(request=s.PaperReviewCreateIn, responses=s.PaperReviewOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.PaperReviewCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _user(request)
        paper = services.submit_paper(actor=user, agency=_agency(user, v.pop("agency", None)), **v)
        return Response(s.PaperReviewOut(selectors.papers_visible_to(user).get(pk=paper.pk)).data, status=201)


class LegalAdviserViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """政府法律顾问 with meetings attended and opinions given this year."""

    queryset = LegalAdviser.objects.none()
    serializer_class = s.LegalAdviserOut

    def get_queryset(self) -> Any:
        return selectors.advisers_of(self.request.user, workdays.today().year)

    @extend_schema(request=s.LegalAdviserCreateIn, responses=s.LegalAdviserOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.LegalAdviserCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划。")
        adviser = services.engage_adviser(actor=user, jurisdiction=user.jurisdiction, **data.validated_data)
        return Response(s.LegalAdviserOut(self.get_queryset().get(pk=adviser.pk)).data, status=201)


class CleanupCampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """规范性文件清理."""

    queryset = CleanupCampaign.objects.none()
    serializer_class = s.CleanupCampaignOut

    def get_queryset(self) -> Any:
        return selectors.cleanups_visible_to(self.request.user)

    @extend_schema(request=s.CleanupCampaignCreateIn, responses=s.CleanupCampaignOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.CleanupCampaignCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _user(request)
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划。")
        docs = list(NormativeDocument.objects.filter(pk__in=v.pop("documents")))
        campaign = services.start_cleanup(actor=user, jurisdiction=user.jurisdiction, documents=docs, **v)
        return Response(s.CleanupCampaignOut(self.get_queryset().get(pk=campaign.pk)).data, status=201)


# --- verbs ----------------------------------------------------------------------------------------
class _VerbApi(APIView):
    """POST /<plural>/{id}/<verb>/ → one service call → the record."""

    input_class: type[serializers.Serializer]
    output_class: type[serializers.Serializer]
    scope: Callable[[Any], Any]
    detail: Callable[[Any, int], Any]
    perform: Callable[[Any, Any, dict[str, Any]], Any]

    def post(self, request: Request, pk: int) -> Response:
        obj = get_object_or_404(type(self).scope(request.user), pk=pk)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        type(self).perform(request.user, obj, dict(data.validated_data))
        return Response(self.output_class(type(self).detail(request.user, pk)).data)


def _verb(
    name: str,
    doc: str,
    input_class: type[serializers.Serializer],
    fn: Callable[[Any, Any, dict[str, Any]], Any],
    *,
    scope: Callable[[Any], Any],
    detail: Callable[[Any, int], Any],
    output_class: type[serializers.Serializer],
) -> type[_VerbApi]:
    cls = type(
        name,
        (_VerbApi,),
        {
            "__doc__": doc,
            "input_class": input_class,
            "output_class": output_class,
            "scope": staticmethod(scope),
            "detail": staticmethod(detail),
            "perform": staticmethod(fn),
        },
    )
    cls.post = extend_schema(request=input_class, responses=output_class, summary=doc)(cls.post)  # type: ignore[attr-defined]
    return cls


def _flags_scope(user: Any) -> Any:
    return PreReviewFlag.objects.filter(clause__version__document__in=selectors.documents_visible_to(user))


def _comments_scope(user: Any) -> Any:
    docs = selectors.documents_visible_to(user)
    decisions = selectors.decisions_visible_to(user)
    return PublicComment.objects.filter(version__document__in=docs) | PublicComment.objects.filter(
        version__decision__in=decisions
    )


FlagDecideApi = _verb(
    "FlagDecideApi",
    "确认机器预审提示（问题成立 / 排除）",
    s.FlagDecisionIn,
    lambda u, f, v: services.decide_flag(actor=u, flag=f, **v),
    scope=_flags_scope,
    detail=lambda u, pk: _flags_scope(u).get(pk=pk),
    output_class=s.PreReviewFlagOut,
)
CommentAnswerApi = _verb(
    "CommentAnswerApi",
    "答复公众意见（采纳情况）",
    s.CommentAnswerIn,
    lambda u, c, v: services.answer_comment(actor=u, comment=c, **v),
    scope=_comments_scope,
    detail=lambda u, pk: _comments_scope(u).get(pk=pk),
    output_class=s.PublicCommentOut,
)


def _cleanup_result(u: Any, c: CleanupCampaign, v: dict[str, Any]) -> Any:
    result = get_object_or_404(c.results, document_id=v["document"])
    return services.record_cleanup_result(
        actor=u, result=result, conclusion=v["conclusion"], reason=v["reason"], on=v["on"]
    )


def _cleanup(
    name: str, doc: str, input_class: type[serializers.Serializer], fn: Callable[..., Any]
) -> type[_VerbApi]:
    return _verb(
        name,
        doc,
        input_class,
        fn,
        scope=selectors.cleanups_visible_to,
        detail=lambda u, pk: selectors.cleanups_visible_to(u).get(pk=pk),
        output_class=s.CleanupCampaignOut,
    )


CLEANUP_VERBS: dict[str, type[_VerbApi]] = {
    "record-result": _cleanup("CleanupRecordResultApi", "确定清理结论", s.CleanupResultIn, _cleanup_result),
    "conclude": _cleanup(
        "CleanupConcludeApi",
        "结束清理",
        s.RulemakingDateIn,
        lambda u, c, v: services.conclude_cleanup(actor=u, campaign=c, **v),
    ),
}


def _meeting(u: Any, a: LegalAdviser, v: dict[str, Any]) -> Any:
    return services.record_adviser_meeting(actor=u, adviser=a, **v)


ADVISER_VERBS: dict[str, type[_VerbApi]] = {
    "record-meeting": _verb(
        "AdviserRecordMeetingApi",
        "登记列席会议",
        s.AdviserMeetingIn,
        _meeting,
        scope=lambda u: selectors.advisers_of(u, workdays.today().year),
        detail=lambda u, pk: selectors.advisers_of(u, workdays.today().year).get(pk=pk),
        output_class=s.LegalAdviserOut,
    ),
}
