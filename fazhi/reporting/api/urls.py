from django.urls import path

from . import views_compare, views_indicators  # views_indicators: issue 8

urlpatterns: list = [
    # --- comparison with other jurisdictions' published reports (issue 9) -------------------
    path(
        "published-reports/",
        views_compare.PublishedReportListApi.as_view(),
        name="reporting-published-reports",
    ),
    path(
        "published-reports/<int:pk>/",
        views_compare.PublishedReportDetailApi.as_view(),
        name="reporting-published-report-detail",
    ),
    path(
        "published-reports/<int:pk>/population/",
        views_compare.PublishedReportPopulationApi.as_view(),
        name="reporting-published-report-population",
    ),
    path("compare/", views_compare.ComparisonApi.as_view(), name="reporting-compare"),
    # --- end comparison --------------------------------------------------------------------
]

# --- indicators, submissions, annual report (issue 8) ---------------------------------------
urlpatterns += [
    path("indicators/", views_indicators.IndicatorValueListApi.as_view(), name="reporting-indicators"),
    path("submissions/", views_indicators.SubmissionListApi.as_view(), name="reporting-submissions"),
    path(
        "submissions/<int:pk>/values/",
        views_indicators.SubmissionValuesApi.as_view(),
        name="reporting-submission-values",
    ),
    path(
        "submissions/<int:pk>/submit/",
        views_indicators.SubmissionSubmitApi.as_view(),
        name="reporting-submission-submit",
    ),
    path(
        "submissions/<int:pk>/approve/",
        views_indicators.SubmissionApproveApi.as_view(),
        name="reporting-submission-approve",
    ),
    path(
        "submissions/<int:pk>/return/",
        views_indicators.SubmissionReturnApi.as_view(),
        name="reporting-submission-return",
    ),
    path("annual-reports/", views_indicators.AnnualReportListApi.as_view(), name="reporting-annual-reports"),
    path(
        "annual-reports/<int:pk>/publish/",
        views_indicators.AnnualReportPublishApi.as_view(),
        name="reporting-annual-report-publish",
    ),
]
# --- end issue 8 ------------------------------------------------------------------------------
