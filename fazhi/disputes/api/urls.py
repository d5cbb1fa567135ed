from django.urls import path

from rest_framework.routers import SimpleRouter

from ..verbs import RECONSIDERATION_VERBS
from . import views as v

router = SimpleRouter()
router.register("reconsiderations", v.ReconsiderationViewSet, basename="disputes-reconsideration")
router.register("opinions", v.ReconsiderationOpinionViewSet, basename="disputes-opinion")
router.register("litigation", v.LitigationCaseViewSet, basename="disputes-litigation")
router.register(
    "enforcement-applications", v.EnforcementApplicationViewSet, basename="disputes-enforcement-application"
)
router.register("mediations", v.MediationViewSet, basename="disputes-mediation")

urlpatterns = [
    *RECONSIDERATION_VERBS.api_urls(),
    path(
        "reconsiderations/<int:pk>/documents/<str:kind>.docx",
        v.ReconsiderationDocumentApi.as_view(),
        name="disputes-reconsideration-document",
    ),
    path(
        "opinions/<int:pk>/receive/",
        v.ReconsiderationOpinionReceiveApi.as_view(),
        name="disputes-opinion-receive",
    ),
    path(
        "opinions/<int:pk>/report/",
        v.ReconsiderationOpinionReportApi.as_view(),
        name="disputes-opinion-report",
    ),
    path(
        "litigation/<int:pk>/defence/", v.LitigationDefenceApi.as_view(), name="disputes-litigation-defence"
    ),
    path(
        "litigation/<int:pk>/hearing/", v.LitigationHearingApi.as_view(), name="disputes-litigation-hearing"
    ),
    path(
        "litigation/<int:pk>/judgment/",
        v.LitigationJudgmentApi.as_view(),
        name="disputes-litigation-judgment",
    ),
    path("mediations/<int:pk>/close/", v.MediationCloseApi.as_view(), name="disputes-mediation-close"),
    *router.urls,
]
