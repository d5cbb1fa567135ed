from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.reconsideration_list, name="reconsideration_list"),
    path("fuyi/new/", views.reconsideration_create, name="reconsideration_create"),
    path("fuyi/<int:pk>/", views.reconsideration_detail, name="reconsideration_detail"),
    path("fuyi/<int:pk>/do/<str:action>/", views.reconsideration_action, name="reconsideration_action"),
    path(
        "fuyi/<int:pk>/docs/<str:kind>.docx", views.reconsideration_document, name="reconsideration_document"
    ),
    path("fuyi/opinions/", views.opinion_list, name="opinion_list"),
    path("fuyi/opinions/<int:pk>/receive/", views.opinion_receive, name="opinion_receive"),
    path("yingsu/", views.litigation_list, name="litigation_list"),
    path("yingsu/<int:pk>/", views.litigation_detail, name="litigation_detail"),
    path("tongji/", views.statistics, name="statistics"),
    path("tiaojie/", views.mediation_list, name="mediation_list"),
    path("tiaojie/<int:pk>/close/", views.mediation_close, name="mediation_close"),
]
