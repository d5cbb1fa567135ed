"""Read-only viewsets (scoped by selectors) and one APIView per verb (STYLE.md §2.5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.enforcement import documents
from fazhi.enforcement.selectors import cases as case_sel
from fazhi.enforcement.selectors import catalogue as cat_sel
from fazhi.enforcement.selectors import publicity as pub_sel
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import catalogue as cat_svc
from fazhi.enforcement.services import publicity as pub_svc

from . import serializers as s


class PenaltyCaseViewSet(viewsets.ReadOnlyModelViewSet):
    """行政处罚案件 — list and retrieve, scoped to what the user may see."""

    filterset_fields = ["state", "agency", "procedure_kind", "is_irregular", *case_sel.IRREGULARITY_FLAGS]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return s.PenaltyCaseListOut if self.action == "list" else s.PenaltyCaseOut

    def get_queryset(self) -> Any:
        qs = case_sel.cases_visible_to(self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("investigation_steps")
        return qs.order_by("-opened_on", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        case_sel.log_personal_data_view(request.user, case, note="API")
        return Response(s.PenaltyCaseOut(case).data)


class CaseOpenApi(APIView):
    @extend_schema(
        request=s.CaseOpenIn, responses={201: s.PenaltyCaseOut}, operation_id="enforcement_case_open"
    )
    def post(self, request: Request) -> Response:
        data = s.CaseOpenIn(data=request.data)
        data.is_valid(raise_exception=True)
        case = svc.open_case(actor=request.user, **data.validated_data)
        return Response(s.PenaltyCaseOut(case_sel.case_for(request.user, case.pk)).data, status=201)


class CaseStepApi(APIView):
    """调查取证记录, with files (multipart); `audio_video` files are stored as audio-video records."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request=s.CaseStepIn, responses={201: s.InvestigationStepOut}, operation_id="enforcement_case_step"
    )
    def post(self, request: Request, pk: int) -> Response:
        case = get_object_or_404(case_sel.cases_visible_to(request.user), pk=pk)
        data = s.CaseStepIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        files = [(f, "document") for f in v.pop("files")] + [(f, "audio_video") for f in v.pop("audio_video")]
        step = svc.record_investigation_step(actor=request.user, case=case, files=files, **v)
        return Response(s.InvestigationStepOut(step).data, status=201)


class CaseEvidenceApi(APIView):
    """执法全过程记录: one file (multipart `file`, `description`) linked to the latest step, with SHA-256."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=s.CaseEvidenceIn, responses={201: s.CaseEvidenceOut}, operation_id="enforcement_case_evidence"
    )
    def post(self, request: Request, pk: int) -> Response:
        case = get_object_or_404(case_sel.cases_visible_to(request.user), pk=pk)
        data = s.CaseEvidenceIn(data=request.data)
        data.is_valid(raise_exception=True)
        ev = svc.attach_evidence(actor=request.user, case=case, **data.validated_data)
        return Response(s.CaseEvidenceOut(ev).data, status=201)


def _case_verb(
    name: str, in_cls: type[serializers.Serializer], service: Callable[..., Any], doc: str
) -> type[APIView]:
    def post(self: APIView, request: Request, pk: int) -> Response:
        case = get_object_or_404(case_sel.cases_visible_to(request.user), pk=pk)
        data = in_cls(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, case=case, **data.validated_data)
        return Response(s.PenaltyCaseOut(case_sel.case_for(request.user, case.pk)).data)

    post.__doc__ = doc
    decorated = extend_schema(
        request=in_cls, responses=s.PenaltyCaseOut, operation_id=f"enforcement_case_{name}"
    )(post)
    camel = "".join(p.capitalize() for p in name.split("_"))
    return type(f"Case{camel}Api", (APIView,), {"post": decorated, "__doc__": doc})


VERBS: dict[str, tuple[type[serializers.Serializer], Callable[..., Any], str]] = {
    "update-details": (s.CaseDetailsIn, svc.update_case_details, "补正当事人信息和案情"),
    "notify": (s.CaseNotifyIn, svc.notify_intended_penalty, "告知拟处罚（行政处罚法第四十四条）"),
    "make-statement": (s.CaseStatementIn, svc.make_statement, "当事人陈述申辩（第七条、第四十五条）"),
    "request-hearing": (s.CaseFilingIn, svc.request_hearing, "当事人申请听证（第六十四条第一项）"),
    "waive-hearing": (s.CaseOnIn, svc.waive_hearing, "当事人书面放弃陈述申辩、听证（第六十二条）"),
    "schedule-hearing": (s.CaseScheduleHearingIn, svc.schedule_hearing, "通知听证（第六十四条第二项）"),
    "hold-hearing": (s.CaseHoldHearingIn, svc.hold_hearing, "举行听证（第六十四、六十五条）"),
    "submit-review": (s.CaseOnIn, svc.submit_for_legal_review, "提交法制审核（第五十八条）"),
    "approve-review": (s.CaseReviewIn, svc.approve_legal_review, "法制审核通过（第五十八条）"),
    "return-review": (s.CaseReviewIn, svc.return_legal_review, "法制审核退回（第五十八条）"),
    "discuss": (s.CaseDiscussIn, svc.record_collective_discussion, "负责人集体讨论（第五十七条第二款）"),
    "decide": (s.CaseDecideIn, svc.decide_case, "作出处罚决定（第五十七、五十九条）"),
    "decide-on-the-spot": (s.CaseDecideOnTheSpotIn, svc.decide_on_the_spot, "当场处罚（第五十一、五十二条）"),
    "file": (s.CaseOnIn, svc.file_on_the_spot_decision, "当场处罚决定备案（第五十二条第三款）"),
    "serve": (s.CaseServeIn, svc.serve_decision, "送达（第六十一条）"),
    "record-payment": (s.CasePaymentIn, svc.record_payment, "缴纳罚款（第六十七条）"),
    "hand-in": (s.CaseOnIn, svc.hand_in_collected_fine, "当场收缴罚款交至行政机关（第七十一条）"),
    "close": (s.CaseCloseIn, svc.close_case, "结案"),
    "suspend": (s.CaseGroundIn, svc.suspend_case, "中止调查"),
    "resume": (s.CaseOnIn, svc.resume_case, "恢复调查"),
    "extend": (s.CaseExtendIn, svc.extend_decision_period, "延长办案期限（负责人批准）"),
}
VERB_VIEWS = {verb: _case_verb(verb.replace("-", "_"), *spec) for verb, spec in VERBS.items()}


class CaseDocumentApi(APIView):
    """文书下载 (.docx): filing, notice, decision, service receipt."""

    @extend_schema(
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes},
        operation_id="enforcement_case_document",
    )
    def get(self, request: Request, pk: int, kind: str) -> HttpResponse:
        case = case_sel.case_for(request.user, pk)
        case_sel.log_personal_data_view(request.user, case, note=f"下载文书：{documents.label(kind)}")
        return documents.docx_response(case, kind)


class PublicityRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """行政执法公示记录 — staff view (scoped)."""

    serializer_class = s.PublicityRecordOut
    filterset_fields = ["status", "kind", "agency"]

    def get_queryset(self) -> Any:
        return pub_sel.publicity_visible_to(self.request.user).order_by("-decided_on", "-id")


class PublicityPublishApi(APIView):
    @extend_schema(
        request=s.CaseOnIn, responses=s.PublicityRecordOut, operation_id="enforcement_publicity_publish"
    )
    def post(self, request: Request, pk: int) -> Response:
        record = get_object_or_404(pub_sel.publicity_visible_to(request.user), pk=pk)
        data = s.CaseOnIn(data=request.data)
        data.is_valid(raise_exception=True)
        record = pub_svc.publish_record(actor=request.user, record=record, **data.validated_data)
        return Response(
            s.PublicityRecordOut(pub_sel.publicity_visible_to(request.user).get(pk=record.pk)).data
        )


class PublicityRevokeApi(APIView):
    @extend_schema(
        request=s.PublicityRevokeIn,
        responses=s.PublicityRecordOut,
        operation_id="enforcement_publicity_revoke",
    )
    def post(self, request: Request, pk: int) -> Response:
        record = get_object_or_404(pub_sel.publicity_visible_to(request.user), pk=pk)
        data = s.PublicityRevokeIn(data=request.data)
        data.is_valid(raise_exception=True)
        record = pub_svc.revoke_decision(actor=request.user, record=record, **data.validated_data)
        return Response(
            s.PublicityRecordOut(pub_sel.publicity_visible_to(request.user).get(pk=record.pk)).data
        )


class PublicityWithdrawApi(APIView):
    @extend_schema(
        request=s.CaseOnIn, responses=s.PublicityRecordOut, operation_id="enforcement_publicity_withdraw"
    )
    def post(self, request: Request, pk: int) -> Response:
        record = get_object_or_404(pub_sel.publicity_visible_to(request.user), pk=pk)
        data = s.CaseOnIn(data=request.data)
        data.is_valid(raise_exception=True)
        record = pub_svc.withdraw_record(actor=request.user, record=record, **data.validated_data)
        return Response(
            s.PublicityRecordOut(pub_sel.publicity_visible_to(request.user).get(pk=record.pk)).data
        )


class MatterViewSet(viewsets.ReadOnlyModelViewSet):
    """执法事项清单 with discretion benchmarks."""

    serializer_class = s.MatterOut
    filterset_fields = ["kind", "agency", "is_active"]

    def get_queryset(self) -> Any:
        return cat_sel.matters_with_benchmarks(self.request.user).order_by("agency_id", "code")


class MatterCreateApi(APIView):
    @extend_schema(
        request=s.MatterCreateIn, responses={201: s.MatterOut}, operation_id="enforcement_matter_create"
    )
    def post(self, request: Request) -> Response:
        data = s.MatterCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        agency = svc.actor_agency(request.user, "维护执法事项清单")
        matter = cat_svc.create_matter(actor=request.user, agency=agency, **data.validated_data)
        return Response(s.MatterOut(matter).data, status=201)


class PermitDecisionCreateApi(APIView):
    @extend_schema(
        request=s.PermitDecisionIn,
        responses={201: s.PermitDecisionOut},
        operation_id="enforcement_permit_record",
    )
    def post(self, request: Request) -> Response:
        data = s.PermitDecisionIn(data=request.data)
        data.is_valid(raise_exception=True)
        permit = pub_svc.record_permit_decision(actor=request.user, **data.validated_data)
        out = {"id": permit.pk, "number": permit.number, "publicity": pub_sel.publicity_of_permit(permit)}
        return Response(s.PermitDecisionOut(out).data, status=201)


class BenchmarkCreateApi(APIView):
    """裁量基准 (行政处罚法第三十四条) for one penalty matter."""

    @extend_schema(
        request=s.BenchmarkCreateIn,
        responses={201: s.BenchmarkOut},
        operation_id="enforcement_benchmark_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        matter = get_object_or_404(cat_sel.matters_visible_to(request.user), pk=pk)
        data = s.BenchmarkCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        benchmark = cat_svc.add_benchmark(actor=request.user, matter=matter, **data.validated_data)
        return Response(s.BenchmarkOut(benchmark).data, status=201)


class LegalReviewItemViewSet(viewsets.ReadOnlyModelViewSet):
    """法制审核目录 (行政处罚法第五十八条)."""

    serializer_class = s.LegalReviewItemOut

    def get_queryset(self) -> Any:
        return cat_sel.legal_review_items_visible_to(self.request.user).order_by("agency_id", "id")


class LegalReviewItemCreateApi(APIView):
    @extend_schema(
        request=s.LegalReviewItemIn,
        responses={201: s.LegalReviewItemOut},
        operation_id="enforcement_legal_review_item_create",
    )
    def post(self, request: Request) -> Response:
        data = s.LegalReviewItemIn(data=request.data)
        data.is_valid(raise_exception=True)
        agency = svc.actor_agency(request.user, "维护法制审核目录")
        item = cat_svc.add_legal_review_item(actor=request.user, agency=agency, **data.validated_data)
        return Response(s.LegalReviewItemOut(item).data, status=201)
