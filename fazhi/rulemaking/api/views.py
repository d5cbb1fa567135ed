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


def _doc_detail(user: Any, pk: int) -> Any:
    return (
        selectors.documents_visible_to(user)
        .prefetch_related("versions__clauses__flags", "procedure_deadlines")
        .get(pk=pk)
    )


def _doc(
    name: str, doc: str, input_class: type[serializers.Serializer], fn: Callable[..., Any]
) -> type[_VerbApi]:
    return _verb(
        name,
        doc,
        input_class,
        fn,
        scope=selectors.documents_visible_to,
        detail=_doc_detail,
        output_class=s.NormativeDocumentDetailOut,
    )


DOCUMENT_VERBS: dict[str, type[_VerbApi]] = {
    "assess": _doc(
        "DocumentAssessApi",
        "评估论证",
        s.DocumentAssessIn,
        lambda u, d, v: services.assess_document(actor=u, document=d, **v),
    ),
    "add-version": _doc(
        "DocumentAddVersionApi",
        "录入修改稿",
        s.DocumentVersionIn,
        lambda u, d, v: services.add_version(actor=u, document=d, **v),
    ),
    "open-comment": _doc(
        "DocumentOpenCommentApi",
        "公开征求意见",
        s.CommentPeriodIn,
        lambda u, d, v: services.open_comment(actor=u, document=d, **v),
    ),
    "close-comment": _doc(
        "DocumentCloseCommentApi",
        "结束征求意见",
        s.RulemakingDateIn,
        lambda u, d, v: services.close_comment(actor=u, document=d, **v),
    ),
    "submit-review": _doc(
        "DocumentSubmitReviewApi",
        "报送合法性审核（机器预审）",
        s.RulemakingDateIn,
        lambda u, d, v: services.submit_review(actor=u, document=d, **v),
    ),
    "pass-review": _doc(
        "DocumentPassReviewApi",
        "出具审核意见（通过）",
        s.LegalityOpinionIn,
        lambda u, d, v: services.pass_review(actor=u, document=d, **v),
    ),
    "fail-review": _doc(
        "DocumentFailReviewApi",
        "出具审核意见（不通过）",
        s.LegalityFailIn,
        lambda u, d, v: services.fail_review(actor=u, document=d, **v),
    ),
    "resubmit": _doc(
        "DocumentResubmitApi",
        "修改后重新报送审核",
        s.RulemakingDateIn,
        lambda u, d, v: services.resubmit_document(actor=u, document=d, **v),
    ),
    "fair-competition-review": _doc(
        "DocumentFairCompetitionApi",
        "公平竞争审查",
        s.FairCompetitionIn,
        lambda u, d, v: services.record_fair_competition(actor=u, document=d, **v),
    ),
    "deliberate": _doc(
        "DocumentDeliberateApi",
        "集体审议",
        s.DeliberationIn,
        lambda u, d, v: services.deliberate_document(actor=u, document=d, **v),
    ),
    "publish": _doc(
        "DocumentPublishApi",
        "签发公布（统一编号）",
        s.PublicationIn,
        lambda u, d, v: services.publish_document(actor=u, document=d, **v),
    ),
    "take-effect": _doc(
        "DocumentTakeEffectApi",
        "施行",
        s.RulemakingDateIn,
        lambda u, d, v: services.take_effect(actor=u, document=d, **v),
    ),
    "file": _doc(
        "DocumentFileApi",
        "报送备案",
        s.FilingIn,
        lambda u, d, v: services.file_document(actor=u, document=d, **v),
    ),
    "review-filing": _doc(
        "DocumentReviewFilingApi",
        "备案审查",
        s.FilingReviewIn,
        lambda u, d, v: services.review_filing(actor=u, document=d, **v),
    ),
    "evaluate": _doc(
        "DocumentEvaluateApi",
        "有效期届满前评估",
        s.EvaluationIn,
        lambda u, d, v: services.evaluate_document(actor=u, document=d, **v),
    ),
    "end": _doc(
        "DocumentEndApi",
        "废止、宣布失效",
        s.DocumentEndIn,
        lambda u, d, v: services.end_document(actor=u, document=d, **v),
    ),
    "withdraw": _doc(
        "DocumentWithdrawApi",
        "终止起草",
        s.RulemakingReasonIn,
        lambda u, d, v: services.withdraw_document(actor=u, document=d, **v),
    ),
}


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


def _dec(
    name: str, doc: str, input_class: type[serializers.Serializer], fn: Callable[..., Any]
) -> type[_VerbApi]:
    return _verb(
        name,
        doc,
        input_class,
        fn,
        scope=selectors.decisions_visible_to,
        detail=lambda u, pk: selectors.decisions_visible_to(u).get(pk=pk),
        output_class=s.MajorDecisionOut,
    )


DECISION_VERBS: dict[str, type[_VerbApi]] = {
    "open-participation": _dec(
        "DecisionOpenParticipationApi",
        "公开征求意见（第十四、十五条）",
        s.CommentPeriodIn,
        lambda u, d, v: services.open_participation(actor=u, decision=d, **v),
    ),
    "close-participation": _dec(
        "DecisionCloseParticipationApi",
        "结束征求意见",
        s.ParticipationCloseIn,
        lambda u, d, v: services.close_participation(actor=u, decision=d, **v),
    ),
    "record-hearing": _dec(
        "DecisionHearingApi",
        "听证（第十六、十七条）",
        s.HearingIn,
        lambda u, d, v: services.record_hearing(actor=u, decision=d, **v),
    ),
    "record-expert-review": _dec(
        "DecisionExpertReviewApi",
        "专家论证（第十九至二十一条）",
        s.ExpertReviewIn,
        lambda u, d, v: services.record_expert_review(actor=u, decision=d, **v),
    ),
    "record-risk-assessment": _dec(
        "DecisionRiskAssessmentApi",
        "风险评估（第二十二至二十四条）",
        s.RiskAssessmentIn,
        lambda u, d, v: services.record_risk_assessment(actor=u, decision=d, **v),
    ),
    "submit-review": _dec(
        "DecisionSubmitReviewApi",
        "报送合法性审查（第二十五条）",
        s.RulemakingDateIn,
        lambda u, d, v: services.submit_decision_review(actor=u, decision=d, **v),
    ),
    "pass-review": _dec(
        "DecisionPassReviewApi",
        "合法性审查意见（通过）",
        s.DecisionLegalityIn,
        lambda u, d, v: services.pass_decision_review(actor=u, decision=d, **v),
    ),
    "fail-review": _dec(
        "DecisionFailReviewApi",
        "合法性审查意见（不通过）",
        s.DecisionLegalityIn,
        lambda u, d, v: services.fail_decision_review(actor=u, decision=d, **v),
    ),
    "resubmit": _dec(
        "DecisionResubmitApi",
        "修改后重新报送审查",
        s.RulemakingDateIn,
        lambda u, d, v: services.resubmit_decision(actor=u, decision=d, **v),
    ),
    "decide": _dec(
        "DecisionDecideApi",
        "集体讨论决定（第三十、三十一条）",
        s.CollectiveDecisionIn,
        lambda u, d, v: services.decide(actor=u, decision=d, **v),
    ),
    "publish": _dec(
        "DecisionPublishApi",
        "决策公布（第三十二条）",
        s.RulemakingDateIn,
        lambda u, d, v: services.publish_decision(actor=u, decision=d, **v),
    ),
    "report": _dec(
        "DecisionReportApi",
        "执行情况报告、后评估（第三十四、三十六条）",
        s.DecisionReportIn,
        lambda u, d, v: services.record_report(actor=u, decision=d, **v),
    ),
    "abandon": _dec(
        "DecisionAbandonApi",
        "终止决策",
        s.RulemakingReasonIn,
        lambda u, d, v: services.abandon_decision(actor=u, decision=d, **v),
    ),
}


def _assign(u: Any, p: PaperReview, v: dict[str, Any]) -> Any:
    from django.contrib.auth import get_user_model

    reviewer = get_user_model().objects.filter(pk=v["reviewer"]).first() if v.get("reviewer") else None
    adviser = (
        selectors.advisers_of(u, v["on"].year).filter(pk=v["adviser"]).first() if v.get("adviser") else None
    )
    return services.assign_paper(actor=u, paper=p, on=v["on"], reviewer=reviewer, adviser=adviser)


def _paper(
    name: str, doc: str, input_class: type[serializers.Serializer], fn: Callable[..., Any]
) -> type[_VerbApi]:
    return _verb(
        name,
        doc,
        input_class,
        fn,
        scope=selectors.papers_visible_to,
        detail=lambda u, pk: selectors.papers_visible_to(u).get(pk=pk),
        output_class=s.PaperReviewOut,
    )


PAPER_VERBS: dict[str, type[_VerbApi]] = {
    "assign": _paper("PaperAssignApi", "分办", s.PaperAssignIn, _assign),
    "give-opinion": _paper(
        "PaperGiveOpinionApi",
        "出具法律意见书",
        s.PaperOpinionIn,
        lambda u, p, v: services.give_opinion(actor=u, paper=p, **v),
    ),
    "return-paper": _paper(
        "PaperReturnApi",
        "退回",
        s.RulemakingReasonIn,
        lambda u, p, v: services.return_paper(actor=u, paper=p, **v),
    ),
}


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
