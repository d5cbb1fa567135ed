"""Supervision and officer API routes, appended to `enforcement.api.urls` (/api/v1/enforcement/)."""

from django.urls import path

from rest_framework.routers import SimpleRouter

from . import views_supervision as v

router = SimpleRouter()
router.register("supervision/reviews", v.CaseFileReviewViewSet, basename="enforcement-review")
router.register("supervision/review-files", v.ReviewedCaseFileViewSet, basename="enforcement-review-file")
router.register("supervision/opinions", v.SupervisionOpinionViewSet, basename="enforcement-opinion")
router.register("supervision/referrals", v.CriminalReferralViewSet, basename="enforcement-referral")
router.register("officers/certificates", v.OfficerCertificateViewSet, basename="enforcement-certificate")

supervision_api_urlpatterns = [
    path(
        "supervision/dashboard/",
        v.SupervisionDashboardApi.as_view(),
        name="enforcement-supervision-dashboard",
    ),
    path("supervision/reviews/draw/", v.CaseFileReviewDrawApi.as_view(), name="enforcement-review-draw"),
    path(
        "supervision/review-files/<int:pk>/score/",
        v.ReviewedCaseFileScoreApi.as_view(),
        name="enforcement-review-file-score",
    ),
    path(
        "supervision/opinions/issue/",
        v.SupervisionOpinionIssueApi.as_view(),
        name="enforcement-opinion-issue",
    ),
    path(
        "supervision/opinions/<int:pk>/reply/",
        v.SupervisionOpinionReplyApi.as_view(),
        name="enforcement-opinion-reply",
    ),
    path(
        "supervision/opinions/<int:pk>/document/",
        v.SupervisionOpinionDocumentApi.as_view(),
        name="enforcement-opinion-document",
    ),
    path(
        "cases/<int:pk>/criminal-referral/",
        v.CriminalReferralOpenApi.as_view(),
        name="enforcement-case-refer",
    ),
    path(
        "supervision/referrals/<int:pk>/receipt/",
        v.CriminalReferralReceiptApi.as_view(),
        name="enforcement-referral-receipt",
    ),
    path(
        "supervision/referrals/<int:pk>/outcome/",
        v.CriminalReferralOutcomeApi.as_view(),
        name="enforcement-referral-outcome",
    ),
    path("supervision/statistics/", v.AnnualStatisticsApi.as_view(), name="enforcement-statistics"),
    path(
        "supervision/statistics/publish/",
        v.AnnualStatisticsPublishApi.as_view(),
        name="enforcement-statistics-publish",
    ),
    path(
        "officers/certificates/expiring/",
        v.OfficerCertificateExpiringApi.as_view(),
        name="enforcement-certificates-expiring",
    ),
    path(
        "officers/certificates/issue/",
        v.OfficerCertificateIssueApi.as_view(),
        name="enforcement-certificate-issue",
    ),
    *[
        path(
            f"officers/certificates/<int:pk>/{verb}/", view.as_view(), name=f"enforcement-certificate-{verb}"
        )
        for verb, view in v.CERTIFICATE_VERB_VIEWS.items()
    ],
    path(
        "officers/training-shortfall/",
        v.OfficerTrainingShortfallApi.as_view(),
        name="enforcement-training-shortfall",
    ),
    *router.urls,
]
