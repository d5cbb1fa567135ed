from django.urls import path

from . import portal_views as views

app_name = "inspection_public"

urlpatterns = [
    path("", views.home, name="home"),
    path("chouqu/<int:pk>/", views.draw, name="draw"),
    path("chouqu/<int:pk>/<str:name>", views.draw_file, name="draw_file"),
    path("renwu/<str:token>/", views.task, name="task"),
]
