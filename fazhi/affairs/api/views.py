"""Affairs API: read-only viewsets scoped by selectors, `create` through the services, and one
APIView per transition at /<plural>/{id}/<verb>/ (STYLE.md §2.5; the verb table's shape)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, cast

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import param_pk, param_year
from fazhi.core import workdays
from fazhi.core.procedures.verbs import Verb, VerbTable
from fazhi.org.models import Agency, User

from .. import disclosure_report as dr
from .. import selectors, services
from . import serializers as s


def _user(request: Request) -> User:
    return cast(User, request.user)


def _agency(pk: Any) -> Agency:
    """The agency with this id (the API) or the agency itself (a form's choice)."""
    if isinstance(pk, Agency):
        return pk
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"agency": ValidationError(f"机关“{pk}”不存在。", code="invalid")})
    return agency


def _penalty_case(user: User, pk: Any) -> Any:
    from django.core.exceptions import ValidationError

    from fazhi.enforcement.models import PenaltyCase

    if isinstance(pk, PenaltyCase):  # a form's choice, already limited to the agency's cases
        return pk
    case = PenaltyCase.objects.visible_to(user).filter(pk=pk).first()  # type: ignore[attr-defined]
    if case is None:
        raise ValidationError(
            {"enforcement_case": ValidationError(f"执法案件“{pk}”不存在或不可见。", code="invalid")}
        )
    return case


class _Cases(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    list_class: ClassVar[type[serializers.Serializer]]
    detail_class: ClassVar[type[serializers.Serializer]]
    create_class: ClassVar[type[serializers.Serializer]]

    def scoped(self) -> Any:
        raise NotImplementedError

    def get_queryset(self) -> Any:
        return self.scoped()

    def get_serializer_class(self) -> Any:
        return self.detail_class if self.action == "retrieve" else self.list_class

    def make(self, user: User, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.create_class(data=request.data)
        data.is_valid(raise_exception=True)
        case = self.make(_user(request), dict(data.validated_data))
        return Response(self.detail_class(self.scoped().get(pk=case.pk)).data, status=201)


class DisclosureRequestViewSet(_Cases):
    """政府信息公开申请 visible to the user."""

    queryset = selectors.DisclosureRequest.objects.none()
    list_class, detail_class, create_class = (
        s.DisclosureRequestOut,
        s.DisclosureRequestDetailOut,
        s.DisclosureRequestCreateIn,
    )

    def scoped(self) -> Any:
        return selectors.disclosure_requests_visible_to(self.request.user)

    def make(self, user: User, data: dict[str, Any]) -> Any:
        return services.receive_request(actor=user, agency=_agency(data.pop("agency")), **data)

    @extend_schema(request=s.DisclosureRequestCreateIn, responses=s.DisclosureRequestDetailOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)


class SuggestionViewSet(_Cases):
    """人大代表建议、政协委员提案 visible to the user (lead agency, co-handlers, supervising office)."""

    queryset = selectors.Suggestion.objects.none()
    list_class, detail_class, create_class = s.SuggestionOut, s.SuggestionDetailOut, s.SuggestionCreateIn

    def scoped(self) -> Any:
        return selectors.suggestions_visible_to(self.request.user)

    def make(self, user: User, data: dict[str, Any]) -> Any:
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划，不能登记建议提案。")
        return services.register_suggestion(actor=user, jurisdiction=user.jurisdiction, **data)

    @extend_schema(request=s.SuggestionCreateIn, responses=s.SuggestionDetailOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)


class PetitionViewSet(_Cases):
    """信访事项 visible to the user."""

    queryset = selectors.Petition.objects.none()
    list_class, detail_class, create_class = s.PetitionOut, s.PetitionDetailOut, s.PetitionCreateIn

    def scoped(self) -> Any:
        return selectors.petitions_visible_to(self.request.user)

    def make(self, user: User, data: dict[str, Any]) -> Any:
        from fazhi.enforcement.models import PenaltyCase

        agency = _agency(data.pop("agency"))
        case_pk = data.pop("enforcement_case")
        enforcement_case = (
            PenaltyCase.objects.visible_to(user).filter(pk=case_pk).first() if case_pk else None
        )  # type: ignore[attr-defined]
        return services.receive_petition(actor=user, agency=agency, enforcement_case=enforcement_case, **data)

    @extend_schema(request=s.PetitionCreateIn, responses=s.PetitionDetailOut)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)


# --- the verb tables (core.procedures.verbs): one endpoint per transition, named like it ---------
def _v(name: str, fn: Any, api_input: Any = None, **extra: Any) -> Verb:
    return Verb(name, lambda u, c, d: fn(actor=u, case=c, **d), api_input=api_input, **extra)


DI = s.DISCLOSURE_IN
DISCLOSURE_VERBS = VerbTable(
    procedure="affairs.disclosure",
    basename="disclosure-requests",
    route="affairs-disclosure-request",
    queryset=selectors.disclosure_requests_visible_to,
    detail=selectors.disclosure_detail,
    output=s.DisclosureRequestDetailOut,
    verbs=[
        _v("request_amendment", services.request_amendment, DI["request_amendment"]),
        _v("supply_amendment", services.supply_amendment, DI["supply_amendment"]),
        _v("abandon", services.abandon_request, DI["abandon"]),
        _v("consult_third_party", services.consult_third_party, DI["consult_third_party"]),
        _v(
            "receive_third_party_opinion",
            services.receive_third_party_opinion,
            DI["receive_third_party_opinion"],
        ),
        _v("notify_fee", services.notify_fee, DI["notify_fee"]),
        _v("pay_fee", services.pay_fee, DI["pay_fee"]),
        _v("fee_unpaid", services.fee_unpaid, DI["fee_unpaid"]),
        # 第三十三条第二款: one service for the extension in either pending state
        _v("extend", services.extend_reply, DI["extend"]),
        _v("extend_processing", services.extend_reply, DI["extend"]),
        _v("reply", services.reply_request, DI["reply"]),
        _v("withdraw", services.withdraw_request, DI["withdraw"]),
    ],
)


def _assign(actor: User, case: Any, on: Any, lead: Any, co_handlers: Any, is_complex: Any) -> Any:
    return services.assign_suggestion(
        actor=actor,
        case=case,
        on=on,
        lead=_agency(lead),
        co_handlers=[_agency(a) for a in co_handlers],
        is_complex=is_complex,
    )


SI = s.SUGGESTION_IN
SUGGESTION_VERBS = VerbTable(
    procedure="affairs.suggestion",
    basename="suggestions",
    route="affairs-suggestion",
    queryset=selectors.suggestions_visible_to,
    detail=selectors.suggestion_detail,
    output=s.SuggestionDetailOut,
    verbs=[
        _v("assign", _assign, SI["assign"]),
        _v(
            "request_extension",
            services.request_extension,
            SI["request_extension"],
            perm="affairs.reply_suggestion",
            states={"assigned"},
            label="在线申请延期",
        ),
        _v("extend", services.extend_suggestion, SI["extend"]),
        _v("reply", services.reply_suggestion, SI["reply"]),
        _v("rereply", services.reply_suggestion, SI["reply"]),
        _v("close", services.close_suggestion, SI["feedback"]),
        _v("rehandle", services.rehandle_suggestion, SI["feedback"]),
        _v(
            "countersign",
            services.countersign,
            SI["countersign"],
            perm="affairs.countersign",
            states={"assigned"},
            label="会签",
        ),
        _v(
            "publish",
            services.publish_reply,
            SI["publish"],
            perm="affairs.assign_suggestion",
            states={"replied", "closed"},
            label="公开复文",
        ),
    ],
)


def _link(actor: User, case: Any, enforcement_case: Any) -> Any:
    return services.link_enforcement_case(
        actor=actor, case=case, enforcement_case=_penalty_case(actor, enforcement_case)
    )


PI = s.PETITION_IN
OPEN_PETITION = {"received", "accepted", "answered", "review", "reviewed", "rereview", "rereview_hearing"}
PETITION_VERBS = VerbTable(
    procedure="affairs.petition",
    basename="petitions",
    route="affairs-petition",
    queryset=selectors.petitions_visible_to,
    detail=selectors.petition_detail,
    output=s.PetitionDetailOut,
    verbs=[
        _v("accept", services.accept_petition, PI["accept"]),
        _v("route", services.route_petition, PI["route"]),
        _v("not_accept", services.not_accept_petition, PI["not_accept"]),
        _v("extend", services.extend_petition, PI["extend"]),
        _v("answer", services.answer_petition, PI["answer"]),
        _v("request_review", services.request_review, PI["request_review"]),
        _v("decide_review", services.decide_review, PI["decide_review"]),
        _v("request_rereview", services.request_rereview, PI["request_rereview"]),
        _v("hold_hearing", services.hold_hearing, PI["hold_hearing"]),
        _v("end_hearing", services.end_hearing, PI["end_hearing"]),
        _v("decide_rereview", services.decide_rereview, PI["decide_rereview"]),
        _v(
            "record_service",
            services.record_service,
            PI["record_service"],
            perm="affairs.handle_petition",
            states={"answered"},
            label="登记处理意见书送达",
        ),
        _v(
            "record_review_service",
            services.record_service,
            PI["record_service"],
            perm="affairs.review_petition",
            states={"reviewed"},
            label="登记复查意见送达",
        ),
        Verb(
            "link_enforcement_case",
            lambda u, c, d: _link(u, c, **d),
            api_input=PI["link_enforcement_case"],
            perm="affairs.handle_petition",
            states=OPEN_PETITION | {"not_accepted", "routed", "concluded"},
            label="关联执法案件（12345、信访投诉作为监督线索）",
        ),
    ],
)


# --- registries -----------------------------------------------------------------------------------
class _Registry(mixins.ListModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    key: ClassVar[str]
    input_class: ClassVar[type[serializers.Serializer]]
    service: ClassVar[Any]

    def get_queryset(self) -> Any:
        return selectors.registry_visible_to(self.request.user, self.key).order_by("-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = _user(request)
        if user.agency is None:
            raise PermissionDenied("您的账号未设置所在机关，不能登记台账。")
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        obj = type(self).service(actor=user, agency=user.agency, **data.validated_data)
        return Response(self.get_serializer_class()(obj).data, status=201)


def _registry(name: str, key: str, out: Any, inp: Any, service: Any, doc: str) -> type[_Registry]:
    cls = type(
        name,
        (_Registry,),
        {
            "__doc__": doc,
            "key": key,
            "serializer_class": out,
            "input_class": inp,
            "service": staticmethod(service),
            "queryset": out.Meta.model.objects.none(),
        },
    )
    cls.create = extend_schema(request=inp, responses=out)(cls.create)  # type: ignore[attr-defined]
    return cls


LegalAidCaseViewSet = _registry(
    "LegalAidCaseViewSet",
    "legal_aid",
    s.LegalAidCaseOut,
    s.LegalAidCaseIn,
    services.record_legal_aid_case,
    "法律援助案件",
)
LegalAidConsultationViewSet = _registry(
    "LegalAidConsultationViewSet",
    "consultations",
    s.LegalAidConsultationOut,
    s.LegalAidConsultationIn,
    services.record_consultation,
    "法律援助咨询",
)
LegalEducationEventViewSet = _registry(
    "LegalEducationEventViewSet",
    "education",
    s.LegalEducationEventOut,
    s.LegalEducationEventIn,
    services.record_education_event,
    "普法活动",
)
StudySessionViewSet = _registry(
    "StudySessionViewSet",
    "study",
    s.StudySessionOut,
    s.StudySessionIn,
    services.record_study_session,
    "领导干部学法",
)


YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认上一年）")


def _year(request: Request) -> int:
    """The report year (default last year); a malformed or out-of-range year is a Chinese 400."""
    return param_year(request, default=workdays.today().year - 1)


class DisclosureStatisticsApi(APIView):
    """各单位依申请公开答复情况（本行政区划）."""

    @extend_schema(parameters=[YEAR], responses=s.DisclosureStatisticsOut(many=True))
    def get(self, request: Request) -> Response:
        user = _user(request)
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划。")
        stats = selectors.disclosure_response_statistics(user.jurisdiction, _year(request))
        return Response(
            s.DisclosureStatisticsOut(
                [{**st.__dict__, "on_time_rate": st.on_time_rate} for st in stats], many=True
            ).data
        )


class DisclosureReportApi(APIView):
    """政府信息公开工作年度报告 table 三 and its cross-sum check (agency omitted = the government)."""

    @extend_schema(
        parameters=[
            YEAR,
            OpenApiParameter("agency", OpenApiTypes.INT, description="单位（不填为本级政府汇总）"),
        ],
        responses=s.DisclosureReportOut,
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        if user.jurisdiction is None:
            raise PermissionDenied("您的账号未设置行政区划。")
        agency_pk = param_pk(request, "agency")
        agency = get_object_or_404(Agency.objects.visible_to(user), pk=agency_pk) if agency_pk else None
        if agency is None and not user.has_perm("affairs.view_overview"):
            agency = user.agency
        report = dr.build(user.jurisdiction, _year(request), agency)
        t = report.table3
        table3 = {
            "new": t.with_total(t.new),
            "carried_in": t.with_total(t.carried_in),
            **{key: t.with_total(v) for key, v in t.rows.items()},
            "closed_total": t.with_total(t.closed_total),
            "carried_out": t.with_total(t.carried_out),
        }
        return Response(
            {
                "title": report.title,
                "year": report.year,
                "due": report.due,
                "table3": table3,
                "cross_sum_errors": report.errors,
            }
        )


class OverviewApi(APIView):
    """期限总览：已超期或即将到期的办理期限（司法局：本行政区划全部事项）."""

    @extend_schema(
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE)], responses=s.OverviewRowOut(many=True)
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        if not user.has_perm("affairs.view_overview"):
            raise PermissionDenied("您无权查看期限总览。")
        raw = request.query_params.get("on")
        try:
            on = date.fromisoformat(raw) if raw else workdays.today()
        except ValueError:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"on": ValidationError(f"日期“{raw}”无效，格式应为 2025-10-09。", code="invalid_date")}
            ) from None
        rows = selectors.overview(user, on)
        return Response(
            s.OverviewRowOut(
                [
                    {
                        "matter": r.matter,
                        "case": str(r.case),
                        "agency": getattr(getattr(r.case, "agency", None), "name", None),
                        "clock": r.deadline.clock,
                        "deadline_label": r.deadline.label,
                        "due_date": r.deadline.due_date,
                        "status": r.status,
                        "deadline": r.deadline.pk,
                    }
                    for r in rows
                ],
                many=True,
            ).data
        )
