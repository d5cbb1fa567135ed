from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/retry/", views.job_retry, name="retry"),
]
