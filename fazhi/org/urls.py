from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/export.xlsx", views.agency_export, name="agency_export"),
    path("agencies/template.xlsx", views.agency_template, name="agency_template"),
    path("agencies/import/", views.agency_import, name="agency_import"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/activate/", views.staff_activate, name="staff_activate"),
    path("staff/export.xlsx", views.staff_export, name="staff_export"),
    path("staff/template.xlsx", views.staff_template, name="staff_template"),
    path("staff/import/", views.staff_import, name="staff_import"),
    path("import/errors.xlsx", views.import_errors, name="import_errors"),
]
