from django.urls import path

from .compare import views as views_compare
from .dashboard import views as views_dashboard
from .report import views as views_report
from .submissions import views as views_submissions

app_name = "reporting"

urlpatterns: list = [
    # --- comparison with other jurisdictions' published reports (issue 9) -------------------
    path("compare/", views_compare.compare, name="compare"),
    path("compare/upload/", views_compare.compare_upload, name="compare_upload"),
    path("compare/export.<str:fmt>", views_compare.compare_export, name="compare_export"),
    path("compare/reports/<int:pk>/population/", views_compare.report_population, name="report_population"),
    # --- end comparison --------------------------------------------------------------------
]

# --- indicators, submissions, dashboard, annual report (issue 8) ----------------------------
urlpatterns += [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("indicators/<str:code>/", views_dashboard.indicator_records, name="indicator_records"),
    path("submissions/", views_submissions.campaigns, name="campaigns"),
    path("submissions/campaigns/<int:pk>/", views_submissions.campaign, name="campaign"),
    path("submissions/<int:pk>/", views_submissions.submission, name="submission"),
    path(
        "submissions/<int:pk>/template.xlsx",
        views_submissions.submission_template,
        name="submission_template",
    ),
    path("reports/", views_report.reports, name="reports"),
    path("reports/<int:pk>/", views_report.report, name="report"),
    path("reports/<int:pk>/download.<str:fmt>", views_report.report_download, name="report_download"),
]
# --- end issue 8 ------------------------------------------------------------------------------
