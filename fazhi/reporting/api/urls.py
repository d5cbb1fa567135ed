from django.urls import path

from . import views_compare

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
