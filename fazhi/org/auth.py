"""Login security: lockout after repeated failures, audited sign-ins, Chinese messages.

After settings.FAZHI_LOGIN_MAX_FAILURES failed attempts for one username, or from one client
address, within FAZHI_LOGIN_LOCKOUT_SECONDS, further attempts are refused — even with the right
password — until the window has passed. A successful login clears the counters. The same check
guards the web login form and the API token endpoint.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from fazhi.core import audit
from fazhi.org.models import LoginFailure, User

BAD_CREDENTIALS = "用户名或密码不正确，请注意区分大小写。"
INACTIVE = "该账号已停用，请联系本单位管理员。"


def client_ip(request: HttpRequest | None) -> str | None:
    """The peer address. X-Forwarded-For is not trusted: a proxy must set REMOTE_ADDR."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def lockout_seconds_left(username: str, ip: str | None) -> int:
    """Seconds until this username / address may try again; 0 when not locked out."""
    window = timedelta(seconds=settings.FAZHI_LOGIN_LOCKOUT_SECONDS)
    since = timezone.now() - window
    limit = settings.FAZHI_LOGIN_MAX_FAILURES
    recent = LoginFailure.objects.filter(at__gte=since)
    waits: list[float] = []
    for qs in (
        recent.filter(username=_key(username)),
        recent.filter(ip=ip) if ip else recent.none(),
    ):
        stamps = list(qs.order_by("-at").values_list("at", flat=True)[:limit])
        if len(stamps) >= limit:
            # Locked until the oldest of the last `limit` failures leaves the window.
            waits.append((stamps[-1] + window - timezone.now()).total_seconds())
    return max(0, math.ceil(max(waits))) if waits else 0


def lockout_message(seconds: int) -> str:
    return f"登录失败次数过多，请 {max(1, math.ceil(seconds / 60))} 分钟后再试。"


def record_failure(username: str, ip: str | None, reason: str) -> None:
    now = timezone.now()
    # Rows older than the window (and a day) no longer count; keep the table small.
    keep = max(settings.FAZHI_LOGIN_LOCKOUT_SECONDS, 86400)
    LoginFailure.objects.filter(at__lt=now - timedelta(seconds=keep)).delete()
    LoginFailure.objects.create(username=_key(username), ip=ip, at=now)
    user = User.objects.filter(username=username).first()
    audit.record(
        actor=None,
        action="org.login_failed",
        obj=user,
        object_type="org.user",
        object_id="",
        object_repr=username[:200],
        after={"username": username[:150], "ip": ip},
        note=reason,
    )


def record_success(user: User, ip: str | None, via: str = "web") -> None:
    cleared = Q(username=_key(user.get_username()))
    if ip:
        cleared |= Q(ip=ip)
    LoginFailure.objects.filter(cleared).delete()
    audit.record(actor=user, action="org.login", obj=user, after={"ip": ip, "via": via})


def authenticate_throttled(request: HttpRequest | None, username: str, password: str) -> User:
    """Authenticate with the lockout; raise forms.ValidationError with a Chinese message.

    Audits the failure (org.login_failed); the caller audits the success with `record_success`.
    """
    ip = client_ip(request)
    left = lockout_seconds_left(username, ip)
    if left:
        record_failure(username, ip, "已锁定，拒绝登录")
        raise forms.ValidationError(lockout_message(left), code="locked_out")
    user = authenticate(request, username=username, password=password)
    if user is None:
        inactive = User.objects.filter(username=username, is_active=False).first()
        if inactive is not None and inactive.check_password(password):
            record_failure(username, ip, "账号已停用")
            raise forms.ValidationError(INACTIVE, code="inactive")
        record_failure(username, ip, "用户名或密码错误")
        raise forms.ValidationError(BAD_CREDENTIALS, code="invalid_login")
    return user  # type: ignore[return-value]


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form with the lockout and audited failures."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate_throttled(self.request, username, password)
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class FazhiLoginView(LoginView):
    """登录 — on success to 我的待办 (LOGIN_REDIRECT_URL)."""

    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["max_failures"] = settings.FAZHI_LOGIN_MAX_FAILURES
        context["lockout_minutes"] = math.ceil(settings.FAZHI_LOGIN_LOCKOUT_SECONDS / 60)
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record_success(form.get_user(), client_ip(self.request))
        return response
