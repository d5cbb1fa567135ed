from django.urls import URLPattern, path

from fazhi.core.procedures.api import MyTasksApi

app_name = "core-api"

urlpatterns: list[URLPattern] = [
    path("my-tasks/", MyTasksApi.as_view(), name="my-tasks"),
]
