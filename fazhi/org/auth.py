"""Login security: django-axes lockout per (username, address), growing cool-off, audited sign-ins.

Failed attempts are counted per username *and* client address together (AXES_LOCKOUT_PARAMETERS):
- FAZHI_LOGIN_MAX_FAILURES failures of one username from one address lock that pair out for a
  cool-off of FAZHI_LOGIN_LOCKOUT_SECONDS; every further lockout within a day doubles it (up to a
  day). Attempts during a lockout do not renew it. No lock is permanent.
- A successful login clears only its own (username, address) counter, so logging in to one's own
  account never clears the failures against a colleague's; and failures from one address never lock
  the account out for the colleague at their own address.
- The client address is REMOTE_ADDR, or the header named by FAZHI_TRUSTED_PROXY_HEADER when the
  site runs behind a reverse proxy that sets it (README, security section).
The web login form, /admin/login/ and the API token endpoint all go through `authenticate_throttled`;
every success and failure is written to the audit log.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt, AccessFailureLog
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.authentication import TokenAuthentication

from fazhi.core import audit
from fazhi.core.ratelimit import client_ip  # noqa: F401  (AXES_CLIENT_IP_CALLABLE)
from fazhi.org.models import User

BAD_CREDENTIALS = "用户名或密码不正确，请注意区分大小写。"
INACTIVE = "该账号已停用，请联系本单位管理员。"
# The longest cool-off after repeated lockouts (the doubling stops here).
MAX_COOL_OFF = timedelta(days=1)


def _key(username: str | None) -> str:
    return (username or "").strip().lower()[:150]


def _login_username(request: HttpRequest | None) -> str:
    """The username being tried: set by `authenticate_throttled`, else the form's POST field."""
    if request is None:
        return ""
    name = getattr(request, "fazhi_login_username", None)
    if name is None:
        name = request.POST.get("username", "") if request.method == "POST" else ""
    return _key(name)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: case and spaces do not make a new counter."""
    if credentials and credentials.get("username") is not None:
        return _key(credentials["username"])
    return _login_username(request)


def failure_limit(request: HttpRequest, credentials: Any) -> int:
    """AXES_FAILURE_LIMIT, read from FAZHI_LOGIN_MAX_FAILURES at each attempt."""
    return int(settings.FAZHI_LOGIN_MAX_FAILURES)


def _base_cool_off() -> timedelta:
    return timedelta(seconds=settings.FAZHI_LOGIN_LOCKOUT_SECONDS)


def _lockouts_today(username: str, ip: str | None) -> int:
    since = timezone.now() - timedelta(days=1)
    return AccessFailureLog.objects.filter(
        username=username, ip_address=ip, locked_out=True, attempt_time__gte=since
    ).count()


def cool_off(request: HttpRequest | None) -> timedelta:
    """AXES_COOLOFF_TIME: the base cool-off, doubled for every earlier lockout of this username from
    this address within the last day (1×, 1×, 2×, 4×… up to MAX_COOL_OFF)."""
    base = _base_cool_off()
    if request is None:
        return base
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    k = _lockouts_today(_login_username(request), ip)
    return min(base * (2 ** max(0, k - 1)), max(MAX_COOL_OFF, base))


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler, cleaning each (username, address) counter by its own cool-off.

    The stock handler deletes every counter older than the *current* caller's cool-off, which with
    growing cool-offs would end a longer lockout of someone else early.
    """

    def clean_expired_user_attempts(
        self, request: HttpRequest | None = None, credentials: dict[str, Any] | None = None
    ) -> int:
        now = timezone.now()
        count, _ = AccessAttempt.objects.filter(
            attempt_time__lte=now - max(MAX_COOL_OFF, _base_cool_off())
        ).delete()
        if request is not None and hasattr(request, "axes_ip_address"):
            threshold = (getattr(request, "axes_attempt_time", None) or now) - cool_off(request)
            for attempts in self.filter_user_attempts(request, credentials):
                count += attempts.filter(attempt_time__lte=threshold).delete()[0]
        return count


def lockout_seconds_left(request: HttpRequest, username: str) -> int:
    """Seconds until this username may try again from this address; 0 when not locked out."""
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    last = (
        AccessAttempt.objects.filter(username=_key(username), ip_address=ip)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if last is None:
        return 0
    return max(0, math.ceil((last + cool_off(request) - timezone.now()).total_seconds()))


def lockout_message(seconds: int) -> str:
    return f"登录失败次数过多，请 {max(1, math.ceil(seconds / 60))} 分钟后再试。"


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the API gets the error shape; a page that already shows the lockout
    message (our login form) is kept; anything else (the admin) gets a short Chinese page. 429."""
    username = axes_username(request, credentials if isinstance(credentials, dict) else None)
    message = lockout_message(lockout_seconds_left(request, username))
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "code": "locked_out", "fields": {}}, status=429)
    if original_response is not None and getattr(request, "fazhi_lockout_shown", False):
        original_response.status_code = 429
        return original_response
    return HttpResponse(
        f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>暂停登录</title><p>{message}</p></html>',
        status=429,
    )


def record_failure(username: str, ip: str | None, reason: str) -> None:
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
    audit.record(actor=user, action="org.login", obj=user, after={"ip": ip, "via": via})


def authenticate_throttled(request: HttpRequest, username: str, password: str) -> User:
    """Authenticate through axes; raise forms.ValidationError with a Chinese message.

    Audits the failure (org.login_failed); the caller audits the success with `record_success`.
    """
    request.fazhi_login_username = username  # type: ignore[attr-defined]
    ip = client_ip(request)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            request.fazhi_lockout_shown = True  # type: ignore[attr-defined]
            record_failure(username, ip, "已锁定，拒绝登录")
            raise forms.ValidationError(
                lockout_message(lockout_seconds_left(request, username)), code="locked_out"
            )
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
            assert self.request is not None
            self.user_cache = authenticate_throttled(self.request, username, password)
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class AdminLoginForm(AdminAuthenticationForm):
    """/admin/login/: the same lockout, and the login audited (via "admin")."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            assert self.request is not None
            self.user_cache = authenticate_throttled(self.request, username, password)
            self.confirm_login_allowed(self.user_cache)
            record_success(self.user_cache, client_ip(self.request), via="admin")
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


# --- API tokens -------------------------------------------------------------------------------
def token_expired(token: Any) -> bool:
    return bool(token.created < timezone.now() - timedelta(days=settings.FAZHI_TOKEN_TTL_DAYS))


def issue_token(user: User) -> Any:
    """The user's API token; an expired one is replaced by a new key."""
    from rest_framework.authtoken.models import Token

    token = Token.objects.filter(user=user).first()
    if token is not None and token_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


def revoke_tokens(user: User, *, actor: Any, reason: str) -> int:
    """Delete the user's API tokens (revocation, password change, deactivation); audited."""
    from rest_framework.authtoken.models import Token

    count, _ = Token.objects.filter(user=user).delete()
    if count:
        audit.record(actor=actor, action="org.token_revoked", obj=user, note=reason)
    return count


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused (401) once the key is FAZHI_TOKEN_TTL_DAYS old."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed("API 令牌已过期，请重新获取。")
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication with the CSRF refusal in Chinese (403, the error shape)."""

    def enforce_csrf(self, request: Any) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                "CSRF 校验失败：使用登录会话调用写操作时，请在 X-CSRFToken 请求头中附上 CSRF 令牌；或改用 API 令牌。",
                code="csrf_failed",
            ) from None


class SessionAuthenticationScheme(SessionScheme):
    """The OpenAPI security scheme of our SessionAuthentication (drf-spectacular does not match
    subclasses of DRF's session class): the same `cookieAuth` as before."""

    target_class = "fazhi.org.auth.SessionAuthentication"
