from django.urls import path

from . import views

app_name = "affairs"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("remind/<int:deadline_pk>/", views.send_reminder, name="send_reminder"),
    path("gongkai/", views.disclosure_list, name="disclosure_list"),
    path("gongkai/new/", views.disclosure_create, name="disclosure_create"),
    path("gongkai/report/", views.disclosure_report, name="disclosure_report"),
    path("gongkai/report.docx", views.disclosure_report_docx, name="disclosure_report_docx"),
    path("gongkai/report/publish/", views.disclosure_report_publish, name="disclosure_report_publish"),
    path("gongkai/<int:pk>/", views.matter_detail, {"kind": "disclosure"}, name="disclosure_detail"),
    path("jianyi/", views.suggestion_list, name="suggestion_list"),
    path("jianyi/new/", views.suggestion_create, name="suggestion_create"),
    path("jianyi/<int:pk>/", views.matter_detail, {"kind": "suggestion"}, name="suggestion_detail"),
    path("xinfang/", views.petition_list, name="petition_list"),
    path("xinfang/new/", views.petition_create, name="petition_create"),
    path("xinfang/<int:pk>/", views.matter_detail, {"kind": "petition"}, name="petition_detail"),
    path("<str:kind>/<int:pk>/do/<str:action>/", views.matter_action, name="matter_action"),
    path("taizhang/", views.registries, name="registries"),
    path("taizhang/<str:key>/", views.registries, name="registry"),
    path("taizhang/<str:key>/template.xlsx", views.registry_template, name="registry_template"),
    path("taizhang/<str:key>/export.xlsx", views.registry_export, name="registry_export"),
    path("taizhang/<str:key>/import/", views.registry_import, name="registry_import"),
]
