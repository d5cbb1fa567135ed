from django.urls import path

from .report import views as views_report

app_name = "reporting_public"

urlpatterns: list = []

# --- published annual reports (issue 8) -----------------------------------------------------
urlpatterns += [
    path("", views_report.public_reports, name="reports"),
    path("<int:pk>/", views_report.public_report, name="report"),
    path("<int:pk>/download.<str:fmt>", views_report.public_report_download, name="download"),
]
# --- end issue 8 ------------------------------------------------------------------------------
