from django.urls import path

from . import portal_views

app_name = "enforcement_public"

urlpatterns = [
    path("", portal_views.decisions, name="decisions"),
]
