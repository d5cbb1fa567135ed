"""Project middleware of core: bad input on HTML pages answers 400 in Chinese, never 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.api import DATE_OUT_OF_RANGE, is_date_out_of_range


class BadDateMiddleware:
    """A date far outside the calendar (e.g. 9999-12-31) that reached date arithmetic in a view:
    the view's transaction is already rolled back, so answer 400 with a Chinese message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_date_out_of_range(exception):
            return render(request, "400.html", {"message": DATE_OUT_OF_RANGE}, status=400)
        return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the refusal in Chinese (an API call gets the error shape)."""
    message = "页面已过期或请求来源无法验证（CSRF 校验失败），请刷新页面后重试。"
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"message": message, "code": "csrf_failed", "fields": {}}, status=403)
    return render(request, "400.html", {"message": message, "title": "请求被拒绝"}, status=403)
