from django.urls import path

from . import views_compare

app_name = "reporting"

urlpatterns: list = [
    # --- comparison with other jurisdictions' published reports (issue 9) -------------------
    path("compare/", views_compare.compare, name="compare"),
    path("compare/upload/", views_compare.compare_upload, name="compare_upload"),
    path("compare/export.<str:fmt>", views_compare.compare_export, name="compare_export"),
    path("compare/reports/<int:pk>/population/", views_compare.report_population, name="report_population"),
    # --- end comparison --------------------------------------------------------------------
]
