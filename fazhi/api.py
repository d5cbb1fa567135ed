"""Shared DRF pieces: the single error shape (ADR 0001) and pagination."""

from __future__ import annotations

from typing import Any, overload

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404

from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# The years a date or year parameter may have (query parameters, and dates in bodies).
YEAR_MIN, YEAR_MAX = 1949, 2100


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


DATE_OUT_OF_RANGE = "日期超出可处理的范围，应在 1949—2100 年之间。"


def is_date_out_of_range(exc: BaseException) -> bool:
    """Date arithmetic past year 9999 or before year 1 (e.g. a deadline from 9999-12-31)."""
    if isinstance(exc, OverflowError):
        return True
    return isinstance(exc, ValueError) and "is out of range" in str(exc) and "year" in str(exc)


def _far_dates(data: Any) -> dict[str, list[str]]:
    """The body's date-like values outside YEAR_MIN..YEAR_MAX, by field (to name them in the error)."""
    import re

    found: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            m = re.match(r"^\s*(\d{1,5})-\d{1,2}-\d{1,2}", value) if isinstance(value, str) else None
            if m and not YEAR_MIN <= int(m.group(1)) <= YEAR_MAX:
                found[str(key)] = [f"日期“{value[:20]}”超出范围，应在 {YEAR_MIN}—{YEAR_MAX} 年之间。"]
    return found


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error has one shape: {"message", "code", "fields"} with a Chinese message."""
    if is_date_out_of_range(exc):
        # The service ran in a transaction that has been rolled back: nothing is saved.
        request = context.get("request")
        fields = _far_dates(getattr(request, "data", None))
        message = "；".join(m for ms in fields.values() for m in ms) or DATE_OUT_OF_RANGE
        return Response({"message": message, "code": "date_out_of_range", "fields": fields}, status=400)
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


# --- Query parameters: parsed once, refused with a Chinese message (never a 5xx) ---------------
def parse_year(raw: Any, name: str = "year") -> int:
    """A year between YEAR_MIN and YEAR_MAX, else a DRF ValidationError on `name` (400)."""
    text = str(raw).strip()
    if not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise exceptions.ValidationError(
            {name: [f"年度“{text[:20]}”无效，应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数字。"]}
        )
    return int(text)


@overload
def param_year(request: Any, name: str = ..., *, default: int) -> int: ...
@overload
def param_year(request: Any, name: str = ..., *, default: None = ...) -> int | None: ...
def param_year(request: Any, name: str = "year", *, default: int | None = None) -> int | None:
    """The `name` query parameter as a year (parse_year); `default` when absent."""
    raw = request.query_params.get(name, "")
    return default if raw == "" else parse_year(raw, name)


def param_pk(request: Any, name: str) -> int | None:
    """A record id (positive integer) or None when absent."""
    raw = str(request.query_params.get(name, "")).strip()
    if raw == "":
        return None
    if not raw.isdigit() or not 0 < int(raw) < 2**63:
        raise exceptions.ValidationError({name: [f"“{raw[:20]}”不是有效的编号。"]})
    return int(raw)


def param_date(request: Any, name: str, default: Any = None) -> Any:
    """An ISO date (YYYY-MM-DD) with a year between YEAR_MIN and YEAR_MAX, else 400."""
    from datetime import date

    raw = str(request.query_params.get(name, "")).strip()
    if raw == "":
        return default
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None:
        raise exceptions.ValidationError({name: [f"日期“{raw[:20]}”格式错误，应为 YYYY-MM-DD。"]})
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise exceptions.ValidationError(
            {name: [f"日期“{raw[:20]}”超出范围，应在 {YEAR_MIN}—{YEAR_MAX} 年之间。"]}
        )
    return value
