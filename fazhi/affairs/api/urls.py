from django.urls import path

from rest_framework.routers import SimpleRouter

from . import views as v

router = SimpleRouter()
router.register("disclosure-requests", v.DisclosureRequestViewSet, basename="affairs-disclosure-request")
router.register("suggestions", v.SuggestionViewSet, basename="affairs-suggestion")
router.register("petitions", v.PetitionViewSet, basename="affairs-petition")
router.register("legal-aid-cases", v.LegalAidCaseViewSet, basename="affairs-legal-aid-case")
router.register(
    "legal-aid-consultations", v.LegalAidConsultationViewSet, basename="affairs-legal-aid-consultation"
)
router.register("education-events", v.LegalEducationEventViewSet, basename="affairs-education-event")
router.register("study-sessions", v.StudySessionViewSet, basename="affairs-study-session")

urlpatterns = [
    *v.DISCLOSURE_VERBS.api_urls(),
    *v.SUGGESTION_VERBS.api_urls(),
    *v.PETITION_VERBS.api_urls(),
    path("disclosure-statistics/", v.DisclosureStatisticsApi.as_view(), name="affairs-disclosure-statistics"),
    path("disclosure-report/", v.DisclosureReportApi.as_view(), name="affairs-disclosure-report"),
    path("overview/", v.OverviewApi.as_view(), name="affairs-overview"),
    *router.urls,
]
