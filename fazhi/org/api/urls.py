from django.urls import path

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("jurisdictions", views.JurisdictionViewSet, basename="org-jurisdiction")
router.register("agencies", views.AgencyViewSet, basename="org-agency")
router.register("users", views.UserViewSet, basename="org-user")

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="org-me"),
    path("token/", views.TokenApi.as_view(), name="org-token"),
    path("token/revoke/", views.TokenRevokeApi.as_view(), name="org-token-revoke"),
    *router.urls,
]
