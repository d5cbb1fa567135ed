from django.urls import path

from . import portal_views as views

app_name = "rulemaking_public"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("wenjian/<int:pk>/", views.document, name="document"),
    path("zhengqiu/", views.consultations, name="consultations"),
    path("zhengqiu/<str:kind>/<int:pk>/", views.consultation, name="consultation"),
    path("zhengqiu/<str:kind>/<int:pk>/done/", views.thanks, name="thanks"),
    path("zhengqiu/<str:kind>/<int:pk>/fankui/", views.feedback, name="feedback"),
    path("juece/", views.decisions, name="decisions"),
]
