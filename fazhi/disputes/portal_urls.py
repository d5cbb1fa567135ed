from django.urls import path

from . import portal_views as views

app_name = "disputes_public"

urlpatterns = [
    path("", views.home, name="home"),
    path("shenqing/", views.apply, name="apply"),
    path("shenqing/done/", views.done, name="done"),
    path("jueding/<int:pk>/", views.decision, name="decision"),
]
