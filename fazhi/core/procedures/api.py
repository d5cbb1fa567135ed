"""GET /api/v1/core/my-tasks/ — 我的待办 as JSON (the same rows as the page)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import param_date
from fazhi.core import workdays

from .selectors import TASK_STATUSES, task_page
from .verbs import action_urls


class MyTaskActionOut(serializers.Serializer):
    name = serializers.CharField(help_text="环节代码（办理接口的路径段为其连字符形式）")
    label = serializers.CharField(help_text="环节名称")  # type: ignore[assignment]
    url = serializers.CharField(
        allow_blank=True, help_text="办理该环节的接口（POST）；该程序尚未提供接口时为空"
    )


class MyTaskDeadlineOut(serializers.Serializer):
    clock = serializers.CharField()
    label = serializers.CharField(help_text="期限名称")  # type: ignore[assignment]
    due_date = serializers.DateField(
        allow_null=True,
        help_text="届满日；calendar_pending 为 true 时为暂按双休日推算的日期（待日历确认）",
    )
    calendar_pending = serializers.BooleanField(
        help_text="届满日所在年度的节假日安排尚未录入：届满日暂按双休日推算，录入后自动改为准确日期"
    )
    days_left = serializers.IntegerField(
        allow_null=True, help_text="剩余天数（日历日，负数为已超期）；中止计时时为空"
    )
    status = serializers.ChoiceField(
        choices=["on_time", "due_soon", "overdue", "paused", "calendar_pending"],
        help_text="calendar_pending：届满日待日历确认（暂按双休日推算）",
    )
    explanation = serializers.CharField(help_text="期限计算说明")


class MyTaskOut(serializers.Serializer):
    procedure = serializers.CharField(help_text="程序代码")
    procedure_label = serializers.CharField()
    case_type = serializers.CharField(help_text="案件模型 app_label.model")
    case_id = serializers.IntegerField()
    case = serializers.CharField(help_text="案件名称")
    url = serializers.CharField(allow_blank=True)
    state = serializers.CharField()
    state_label = serializers.CharField()
    actions = MyTaskActionOut(many=True)
    deadlines = MyTaskDeadlineOut(many=True)


def _on(request: Request) -> date:
    return param_date(request, "on", default=workdays.today())  # type: ignore[no-any-return]


class MyTaskCountsOut(serializers.Serializer):
    overdue = serializers.IntegerField(help_text="已超期")
    due_soon = serializers.IntegerField(help_text="即将到期")
    on_time = serializers.IntegerField(help_text="正常")
    paused = serializers.IntegerField(help_text="中止计时")
    calendar_pending = serializers.IntegerField(help_text="待日历确认")
    none = serializers.IntegerField(help_text="无计时期限")


class MyTaskPageOut(serializers.Serializer):
    count = serializers.IntegerField(help_text="符合条件的待办件数（全部页）")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    counts = MyTaskCountsOut(help_text="按最近期限状态统计的件数（状态筛选前）")
    results = MyTaskOut(many=True)


PAGE_SIZE_MAX = 100


def _positive(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        bound = f"1 至 {maximum} 之间" if maximum else "正"
        raise ValidationError({name: f"“{raw}”无效，应为{bound}的整数。"}, code="bad_number")
    return int(raw)


class MyTasksApi(APIView):
    """我的待办: cases waiting for the current user, soonest deadline first, one page."""

    @extend_schema(
        operation_id="core_my_tasks",
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="按该日期计算剩余天数（默认今天）"),
            OpenApiParameter("page", OpenApiTypes.INT, description="页码（默认 1）"),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT, description=f"每页件数（默认 20，最多 {PAGE_SIZE_MAX}）"
            ),
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=list(TASK_STATUSES), description="只看最近期限为该状态的"
            ),
            OpenApiParameter(
                "mine", OpenApiTypes.BOOL, description="只看本人承办的案件（案件类型记录承办人时）"
            ),
        ],
        responses=MyTaskPageOut,
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status", "")
        if status and status not in TASK_STATUSES:
            raise ValidationError({"status": f"状态“{status}”无效。"}, code="bad_status")
        result = task_page(
            request.user,
            _on(request),
            page=_positive(request, "page", 1),
            page_size=_positive(request, "page_size", 20, PAGE_SIZE_MAX),
            status=status,
            mine=request.query_params.get("mine") in ("1", "true"),
        )
        rows = []
        for p in result.steps:
            urls = action_urls(p.procedure.code, [t.name for t in p.actions], p.case.pk)
            rows.append(
                {
                    "procedure": p.procedure.code,
                    "procedure_label": p.procedure.label,
                    "case_type": p.case._meta.label_lower,
                    "case_id": p.case.pk,
                    "case": str(p.case),
                    "url": p.url,
                    "state": p.state,
                    "state_label": p.state_label,
                    "actions": [
                        {"name": t.name, "label": t.display, "url": urls.get(t.name, "")} for t in p.actions
                    ],
                    "deadlines": [vars(d) for d in p.deadlines],
                }
            )
        body = {
            "count": result.total,
            "page": result.number,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "counts": result.counts,
            "results": rows,
        }
        return Response(MyTaskPageOut(body).data)
