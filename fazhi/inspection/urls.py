from django.urls import path

from . import views

app_name = "inspection"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/<str:action>/", views.plan_action, name="plan_action"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/<str:action>/", views.draw_action, name="draw_action"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/<str:action>/", views.task_action, name="task_action"),
    path("matters/", views.matter_list, name="matter_list"),
    path("entities/", views.entity_list, name="entity_list"),
    path("entities/template.xlsx", views.entity_template, name="entity_template"),
    path("entities/import/", views.entity_import, name="entity_import"),
    path("inspectors/", views.inspector_list, name="inspector_list"),
    path("inspectors/<int:pk>/conflict/", views.inspector_conflict, name="inspector_conflict"),
    path("ratings/", views.rating_list, name="rating_list"),
]
