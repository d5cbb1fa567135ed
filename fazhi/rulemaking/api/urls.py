from collections.abc import Mapping

from django.urls import URLPattern, path

from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from ..verbs import DECISION_VERBS, DOCUMENT_VERBS, PAPER_VERBS
from . import views as v

router = SimpleRouter()
router.register("documents", v.NormativeDocumentViewSet, basename="rulemaking-document")
router.register("catalogue", v.PublicCatalogueViewSet, basename="rulemaking-catalogue")
router.register("feedback", v.PublicFeedbackViewSet, basename="rulemaking-feedback")
router.register("decisions", v.MajorDecisionViewSet, basename="rulemaking-decision")
router.register("papers", v.PaperReviewViewSet, basename="rulemaking-paper")
router.register("advisers", v.LegalAdviserViewSet, basename="rulemaking-adviser")
router.register("cleanups", v.CleanupCampaignViewSet, basename="rulemaking-cleanup")


def _verbs(plural: str, verbs: Mapping[str, type[APIView]]) -> list[URLPattern]:
    return [
        path(f"{plural}/<int:pk>/{verb}/", view.as_view(), name=f"rulemaking-{plural}-{verb}")
        for verb, view in verbs.items()
    ]


urlpatterns = [
    *DOCUMENT_VERBS.api_urls(),
    *DECISION_VERBS.api_urls(),
    *PAPER_VERBS.api_urls(),
    *_verbs("cleanups", v.CLEANUP_VERBS),
    *_verbs("advisers", v.ADVISER_VERBS),
    path("flags/<int:pk>/decide/", v.FlagDecideApi.as_view(), name="rulemaking-flag-decide"),
    path("comments/<int:pk>/answer/", v.CommentAnswerApi.as_view(), name="rulemaking-comment-answer"),
    *router.urls,
]
