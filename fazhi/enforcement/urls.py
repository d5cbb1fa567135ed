from django.urls import path

from . import views, views_rules

app_name = "enforcement"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="cases"),
    path("cases/open/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/steps/", views.case_step, name="case_step"),
    path("cases/<int:pk>/evidence/", views.case_evidence, name="case_evidence"),
    path("cases/<int:pk>/documents/<slug:kind>.docx", views.case_document, name="case_document"),
    path("cases/<int:pk>/<slug:verb>/", views.case_action, name="case_action"),
    path("publicity/", views.publicity_list, name="publicity"),
    path("publicity/<int:pk>/<slug:verb>/", views.publicity_action, name="publicity_action"),
    path("permits/new/", views.permit_new, name="permit_new"),
    path("matters/", views.matter_list, name="matters"),
    path("matters/export.xlsx", views.matter_export, name="matter_export"),
    path("matters/import/", views.matter_import, name="matter_import"),
    path("matters/add/<slug:what>/", views.catalogue_add, name="catalogue_add"),
    path("time-limits/", views_rules.time_limits, name="time_limits"),
]

from .supervision.urls import supervision_urlpatterns  # noqa: E402 — supervision pages (issue 3, part 2)

urlpatterns += supervision_urlpatterns
