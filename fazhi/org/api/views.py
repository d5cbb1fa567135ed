"""Org API: jurisdictions, agencies and users (scoped by the user), `me/` and `token/`."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, throttling, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import ErrorOut
from fazhi.org import auth, selectors
from fazhi.org.models import Agency, Jurisdiction, User

from .serializers import AgencyOut, JurisdictionOut, MeOut, TokenIn, TokenOut, UserOut


@extend_schema_view(
    list=extend_schema(summary="行政区划列表"), retrieve=extend_schema(summary="行政区划详情")
)
class JurisdictionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JurisdictionOut
    filterset_fields = ["division_code", "is_external"]

    def get_queryset(self) -> QuerySet[Jurisdiction]:
        return selectors.jurisdictions_visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="行政机关列表（按当前用户可见范围）"),
    retrieve=extend_schema(summary="行政机关详情"),
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencyOut
    filterset_fields = ["kind", "has_enforcement_authority", "is_active", "jurisdiction"]

    def get_queryset(self) -> QuerySet[Agency]:
        return selectors.agencies_visible_to(self.request.user).order_by("pk")


@extend_schema_view(
    list=extend_schema(summary="工作人员列表（按当前用户可见范围；不含密码和身份证号码）"),
    retrieve=extend_schema(summary="工作人员详情"),
)
class UserViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UserOut
    filterset_fields = ["role", "agency", "is_active", "is_head"]

    def get_queryset(self) -> QuerySet[User]:
        return selectors.users_visible_to(self.request.user).order_by("pk")


class MeApi(APIView):
    @extend_schema(responses=MeOut, summary="当前登录用户")
    def get(self, request: Request) -> Response:
        return Response(MeOut(request.user).data)


class LoginRateThrottle(throttling.ScopedRateThrottle):
    scope_attr = "throttle_scope"

    def get_ident(self, request: Request) -> str:
        # DRF would trust any X-Forwarded-For sent by the client; use the configured address instead.
        return auth.client_ip(request._request) or ""


class TokenApi(APIView):
    """POST username + password → an API token (valid FAZHI_TOKEN_TTL_DAYS days). Guarded by the
    same lockout as the login page (django-axes, fazhi.org.auth) and by the `login` throttle rate."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=TokenIn,
        responses={200: TokenOut, 400: ErrorOut, 429: ErrorOut},
        summary="获取 API 令牌",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = TokenIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = auth.authenticate_throttled(
                request._request, data.validated_data["username"], data.validated_data["password"]
            )
        except forms.ValidationError as exc:
            status = 429 if exc.code == "locked_out" else 400
            return Response({"message": exc.messages[0], "code": exc.code, "fields": {}}, status=status)
        auth.record_success(user, auth.client_ip(request._request), via="api_token")
        token = auth.issue_token(user)
        return Response(TokenOut({"token": token.key, "user": user}).data)


class TokenRevokeApi(APIView):
    """POST → the caller's API token is deleted (log out of the API everywhere)."""

    @extend_schema(request=None, responses={204: None, 401: ErrorOut}, summary="注销 API 令牌")
    def post(self, request: Request) -> Response:
        auth.revoke_tokens(request.user, actor=request.user, reason="本人注销 API 令牌")  # type: ignore[arg-type]
        return Response(status=204)
