from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.index, name="index"),
    path("enter/", views.enter_year, name="enter"),
    path("<int:year>/", views.year_detail, name="year"),
]
