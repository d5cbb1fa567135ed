from django.urls import path

from rest_framework.routers import SimpleRouter

from . import views, views_rules

router = SimpleRouter()
router.register("cases", views.PenaltyCaseViewSet, basename="enforcement-case")
router.register("publicity", views.PublicityRecordViewSet, basename="enforcement-publicity")
router.register("matters", views.MatterViewSet, basename="enforcement-matter")
router.register("legal-review-items", views.LegalReviewItemViewSet, basename="enforcement-legal-review-item")

urlpatterns = [
    path("cases/open/", views.CaseOpenApi.as_view(), name="enforcement-case-open"),
    path("cases/<int:pk>/steps/", views.CaseStepApi.as_view(), name="enforcement-case-step"),
    path("cases/<int:pk>/evidence/", views.CaseEvidenceApi.as_view(), name="enforcement-case-evidence"),
    path(
        "cases/<int:pk>/documents/<slug:kind>/",
        views.CaseDocumentApi.as_view(),
        name="enforcement-case-document",
    ),
    *[
        path(f"cases/<int:pk>/{verb}/", view.as_view(), name=f"enforcement-case-{verb}")
        for verb, view in views.VERB_VIEWS.items()
    ],
    path(
        "publicity/<int:pk>/publish/",
        views.PublicityPublishApi.as_view(),
        name="enforcement-publicity-publish",
    ),
    path(
        "publicity/<int:pk>/revoke/", views.PublicityRevokeApi.as_view(), name="enforcement-publicity-revoke"
    ),
    path(
        "publicity/<int:pk>/withdraw/",
        views.PublicityWithdrawApi.as_view(),
        name="enforcement-publicity-withdraw",
    ),
    path("matters/create/", views.MatterCreateApi.as_view(), name="enforcement-matter-create"),
    path("permits/", views.PermitDecisionCreateApi.as_view(), name="enforcement-permit-record"),
    path(
        "matters/<int:pk>/benchmarks/",
        views.BenchmarkCreateApi.as_view(),
        name="enforcement-benchmark-create",
    ),
    path(
        "legal-review-items/create/",
        views.LegalReviewItemCreateApi.as_view(),
        name="enforcement-legal-review-item-create",
    ),
    path("time-limits/", views_rules.TimeLimitListApi.as_view(), name="enforcement-time-limits"),
    path("time-limits/<int:agency>/", views_rules.TimeLimitApi.as_view(), name="enforcement-time-limit"),
    *router.urls,
]

from .urls_supervision import supervision_api_urlpatterns  # noqa: E402 — supervision API (issue 3, part 2)

urlpatterns += supervision_api_urlpatterns
