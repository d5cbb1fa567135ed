"""The test procedure's verb table: every transition through the engine (core.procedures.verbs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import include, path

from rest_framework import serializers

from fazhi.core import procedures
from fazhi.core.procedures.verbs import Verb, VerbTable

from .models import Application


class ApplicationOut(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = ["id", "title", "state"]


class StepIn(serializers.Serializer):
    on = serializers.DateField()
    ground = serializers.CharField(required=False, allow_blank=True)
    reasons = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.CharField(required=False, allow_blank=True)
    items = serializers.ListField(child=serializers.CharField(), required=False)


class StepForm(forms.Form):
    on = forms.DateField(label="办理日期")
    ground = forms.CharField(label="理由", required=False)
    outcome = forms.CharField(label="决定结果", required=False)


def _engine(name: str) -> Any:
    def perform(user: Any, case: Any, data: dict[str, Any]) -> Any:
        data = {k: v for k, v in data.items() if v not in ("", None)}
        return procedures.advance(case, name, actor=user, on=data.pop("on"), data=data)

    return perform


def _visible(user: Any) -> Any:
    return Application.objects.visible_to(user)


_NAMES = [t.name for t in procedures.get_procedure("testapp.reconsideration").transitions if not t.by_system]

TABLE = VerbTable(
    procedure="testapp.reconsideration",
    basename="applications",
    route="testapp-application",
    queryset=_visible,
    output=ApplicationOut,
    verbs=[Verb(n, _engine(n), api_input=StepIn, form=StepForm) for n in _NAMES],
)

urlpatterns = [
    path("api/v1/testapp/", include(TABLE.api_urls())),
    path("", include("fazhi.urls")),
]
