"""Shared DRF pieces: the single error shape (ADR 0001) and pagination."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404

from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorOut(serializers.Serializer):
    """The one error shape (ADR 0001), for `extend_schema(responses={400: ErrorOut, …})`."""

    message = serializers.CharField()
    code = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))  # type: ignore[assignment]


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def validation_error_detail(error: DjangoValidationError) -> dict[str, Any]:
    """{"message": "...", "code": "...", "fields": {field: [messages]}} from a Django ValidationError."""
    fields: dict[str, list[str]] = {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            fields[field] = [m for e in errors for m in e.messages]
        messages = [m for ms in fields.values() for m in ms]
        code = next((e.code for errs in error.error_dict.values() for e in errs if e.code), "invalid")
    else:
        messages = error.messages
        code = next((e.code for e in error.error_list if e.code), "invalid")
    return {"message": "；".join(messages), "code": code or "invalid", "fields": fields}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error has one shape: {"message", "code", "fields"} with a Chinese message."""
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_detail(exc), status=400)
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or "您没有执行此操作的权限。"
        return Response({"message": message, "code": "permission_denied", "fields": {}}, status=403)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("未找到该记录，或您无权查看。")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError) and isinstance(data, dict):
        fields = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in data.items()}
        message = "；".join(f"{k}：{m[0]}" if k != "non_field_errors" else m[0] for k, m in fields.items())
        response.data = {"message": message, "code": "invalid", "fields": fields}
    elif isinstance(data, dict) and "detail" in data:
        detail = data["detail"]
        response.data = {"message": str(detail), "code": getattr(detail, "code", "error"), "fields": {}}
    elif isinstance(data, list):
        response.data = {"message": "；".join(str(m) for m in data), "code": "invalid", "fields": {}}
    return response
