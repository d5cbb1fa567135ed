from django.urls import path

from . import views

app_name = "rulemaking"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("wenjian/new/", views.document_create, name="document_create"),
    path("wenjian/<int:pk>/", views.document_detail, name="document_detail"),
    path("wenjian/<int:pk>/do/<str:action>/", views.document_action, name="document_action"),
    path("wenjian/<int:pk>/beian/", views.filing_set, name="filing_set"),
    path("tishi/<int:pk>/decide/", views.flag_decide, name="flag_decide"),
    path("yijian/<int:pk>/answer/", views.comment_answer, name="comment_answer"),
    path("qingli/", views.cleanup_list, name="cleanup_list"),
    path("qingli/<int:pk>/", views.cleanup_detail, name="cleanup_detail"),
    path("qingli/<int:pk>/sheet.xlsx", views.cleanup_sheet, name="cleanup_sheet"),
    path("juece/", views.decision_list, name="decision_list"),
    path("juece/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("juece/<int:pk>/do/<str:action>/", views.decision_action, name="decision_action"),
    path("juece/mulu/", views.catalogue_action, name="catalogue_action"),
    path("shencha/", views.paper_list, name="paper_list"),
    path("shencha/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("shencha/<int:pk>/do/<str:action>/", views.paper_action, name="paper_action"),
    path("guwen/", views.adviser_list, name="adviser_list"),
]
