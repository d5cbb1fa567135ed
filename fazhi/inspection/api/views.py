"""Inspection API: read-only viewsets scoped by selectors, one APIView per verb (STYLE.md §2.5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import workdays
from fazhi.core.excel import ImportFileError
from fazhi.org.models import Agency, User

from .. import excel, selectors, services, verification
from ..models import Draw, Entity, InspectionMatter, InspectionPlan, InspectionTask, Inspector, Rating
from . import serializers as s


def _user(request: Request) -> User:
    return cast(User, request.user)


def _valid(cls: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = cls(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class InspectionMatterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽查事项清单 visible to the user."""

    queryset = InspectionMatter.objects.none()
    serializer_class = s.InspectionMatterOut

    def get_queryset(self) -> Any:
        return selectors.matters_visible_to(self.request.user).order_by("agency__name", "code")

    @extend_schema(request=s.InspectionMatterCreateIn, responses=s.InspectionMatterOut)
    def create(self, request: Request) -> Response:
        user = _user(request)
        if user.agency is None:
            raise Http404("您的账号未设置所在机关。")
        matter = services.create_matter(
            actor=user, agency=user.agency, **_valid(s.InspectionMatterCreateIn, request)
        )
        return Response(s.InspectionMatterOut(matter).data, status=201)


class InspectionEntityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """检查对象名录库 of the user's jurisdiction."""

    queryset = Entity.objects.none()
    serializer_class = s.InspectionEntityOut

    def get_queryset(self) -> Any:
        qs = selectors.entities_visible_to(self.request.user)
        for key in ("kind", "credit_grade", "industry"):
            if self.request.query_params.get(key):
                qs = qs.filter(**{key: self.request.query_params[key]})
        return qs.order_by("key")

    @extend_schema(request=s.InspectionEntityIn, responses=s.InspectionEntityOut)
    def create(self, request: Request) -> Response:
        user = _user(request)
        entity, created = services.save_entity(
            actor=user,
            jurisdiction=user.jurisdiction,
            on=workdays.today(),
            **_valid(s.InspectionEntityIn, request),
        )
        return Response(s.InspectionEntityOut(entity).data, status=201 if created else 200)


class InspectionEntityImportApi(APIView):
    """导入名录库（.xlsx 或 .csv）：同一统一社会信用代码更新原记录；任一行有错则整个文件不导入。"""

    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(request={"multipart/form-data": s.InspectionImportIn}, responses=s.InspectionImportOut)
    def post(self, request: Request) -> Response:
        f = _valid(s.InspectionImportIn, request)["file"]
        user = _user(request)
        try:
            result = excel.import_directory(
                actor=user,
                jurisdiction=user.jurisdiction,
                content=f.read(),
                filename=f.name,
                on=workdays.today(),
            )
        except ImportFileError as exc:
            raise ValidationError(str(exc), code="import_file") from None
        if not result.ok:
            return Response(
                {
                    "message": f"导入失败：共{len(result.errors)}处错误，文件未导入。",
                    "code": "import_rows",
                    "fields": {},
                    "errors": [
                        {"row": e.row, "column": e.column, "message": e.message} for e in result.errors
                    ],
                },
                status=400,
            )
        return Response(s.InspectionImportOut(result).data)


class InspectorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """执法检查人员名录库."""

    queryset = Inspector.objects.none()
    serializer_class = s.InspectorOut

    def get_queryset(self) -> Any:
        return selectors.inspectors_visible_to(self.request.user).order_by("agency__name", "pk")


class InspectionPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽查计划: an agency sees its own, the justice bureau every plan of its jurisdiction."""

    queryset = InspectionPlan.objects.none()
    serializer_class = s.InspectionPlanOut

    def get_queryset(self) -> Any:
        qs = selectors.plans_visible_to(self.request.user)
        if self.request.query_params.get("state"):
            qs = qs.filter(state=self.request.query_params["state"])
        if self.request.query_params.get("year"):
            qs = qs.filter(year=self.request.query_params["year"])
        return qs

    @extend_schema(request=s.InspectionPlanCreateIn, responses=s.InspectionPlanOut)
    def create(self, request: Request) -> Response:
        v = _valid(s.InspectionPlanCreateIn, request)
        user = _user(request)
        matter = get_object_or_404(selectors.matters_visible_to(user), pk=v.pop("matter"))
        partners = list(
            Agency.objects.filter(pk__in=v.pop("partners"), jurisdiction_id=matter.jurisdiction_id)
        )
        plan = services.create_plan(actor=user, matter=matter, partners=partners, **v)
        return Response(s.InspectionPlanOut(selectors.plan_for(user, plan.pk)).data, status=201)


class InspectionPlanCountsApi(APIView):
    """各部门抽查计划数：提交、通过、退回."""

    @extend_schema(responses=s.InspectionPlanCountOut(many=True))
    def get(self, request: Request) -> Response:
        year = int(request.query_params.get("year") or workdays.today().year)
        return Response(
            s.InspectionPlanCountOut(selectors.plan_counts_by_agency(request.user, year), many=True).data
        )


class InspectionPlanOverlapsApi(APIView):
    """不同部门对同类对象、检查期间重叠的计划（可合并为联合抽查）."""

    @extend_schema(responses=s.InspectionPlanOverlapOut(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.InspectionPlanOverlapOut(selectors.plan_overlaps(request.user), many=True).data)


class _VerbApi(APIView):
    input_class: ClassVar[type[serializers.Serializer]]
    output: ClassVar[Callable[[Any, int], Any]]

    def target(self, user: Any, pk: int) -> Any:
        raise NotImplementedError

    def perform(self, user: Any, obj: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        obj = self.target(user, pk)
        result = self.perform(user, obj, _valid(self.input_class, request))
        return Response(type(self).output(user, result))


def _draw_out(user: Any, draw: Any) -> Any:
    return s.InspectionDrawOut(get_object_or_404(selectors.draws_visible_to(user), pk=draw.pk)).data


def _verb(
    name: str, base: str, input_class: type[serializers.Serializer], doc: str, fn: Callable[..., Any]
) -> type[_VerbApi]:
    targets = {
        "plan": (selectors.plans_visible_to, _draw_out, s.InspectionDrawOut),
        "draw": (selectors.draws_visible_to, _draw_out, s.InspectionDrawOut),
    }
    visible, out, out_class = targets[base]
    cls = type(
        name,
        (_VerbApi,),
        {
            "__doc__": doc,
            "input_class": input_class,
            "output": staticmethod(out),
            "target": lambda self, user, pk: get_object_or_404(visible(user), pk=pk),
            "perform": lambda self, user, obj, d: fn(user, obj, d),
        },
    )
    cls.post = extend_schema(request=input_class, responses=out_class)(cls.post)  # type: ignore[attr-defined]
    return cls


InspectionDrawCommitApi = _verb(
    "InspectionDrawCommitApi",
    "plan",
    s.InspectionDrawCommitIn,
    "公布种子哈希、冻结待抽取名单",
    lambda u, p, d: services.commit_draw(actor=u, plan=p, on=d["on"], seed=d["seed"] or None),
)
DRAW_VERBS: dict[str, type[_VerbApi]] = {
    "draw": _verb(
        "InspectionDrawDrawApi",
        "draw",
        s.InspectionPlanDateIn,
        "揭示种子并抽取",
        lambda u, x, d: services.draw_objects(actor=u, draw=x, **d),
    ),
    "confirm": _verb(
        "InspectionDrawConfirmApi",
        "draw",
        s.InspectionDrawConfirmIn,
        "确认并下达任务",
        lambda u, x, d: services.confirm_draw(actor=u, draw=x, **d),
    ),
    "redraw": _verb(
        "InspectionDrawRedrawApi",
        "draw",
        s.InspectionDrawRedrawIn,
        "重新抽取（保留原批次）",
        lambda u, x, d: services.redraw(actor=u, draw=x, **d),
    ),
}


class InspectionDrawViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽取批次 (seed shown only once revealed)."""

    queryset = Draw.objects.none()
    serializer_class = s.InspectionDrawOut

    def get_queryset(self) -> Any:
        return selectors.draws_visible_to(self.request.user).select_related("superseded_by")


class InspectionDrawFileApi(APIView):
    """下载抽取公示文件（JSON 可用于 verify-draw 核验；CSV 供查阅）."""

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request: Request, pk: int, name: str) -> HttpResponse:
        d = get_object_or_404(Draw.objects.visible_to(request.user), pk=pk)
        files = verification.files_of(d)
        if name == "eligible.csv":
            content, ctype = verification.eligible_csv(d), "text/csv"
        elif name == "result.csv" and d.result_file and d.state != "committed":
            content, ctype = verification.result_csv(d), "text/csv"
        elif f"draw-{d.pk}-{name}" in files:
            content, ctype = (
                files[f"draw-{d.pk}-{name}"],
                "application/json" if name.endswith(".json") else "text/plain",
            )
        else:
            raise Http404("该文件尚未公布。")
        response = HttpResponse(content, content_type=f"{ctype}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="draw-{d.pk}-{name}"'
        return response


class InspectionTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽查任务, with the engine's publicity due date."""

    queryset = InspectionTask.objects.none()
    serializer_class = s.InspectionTaskOut

    def get_queryset(self) -> Any:
        qs = selectors.tasks_with_publicity_due(selectors.tasks_visible_to(self.request.user))
        if self.request.query_params.get("state"):
            qs = qs.filter(state=self.request.query_params["state"])
        return qs.prefetch_related("inspectors").order_by("-id")


class InspectionRatingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """企业评价: the justice bureau only."""

    queryset = Rating.objects.none()
    serializer_class = s.InspectionRatingOut

    def get_queryset(self) -> Any:
        return selectors.ratings_visible_to(self.request.user)
