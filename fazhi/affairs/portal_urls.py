from django.urls import path

from . import portal_views

app_name = "affairs_public"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("nianbao/<int:year>/", portal_views.report, name="report"),
    path("nianbao/<int:year>/<int:agency_pk>/", portal_views.report, name="agency_report"),
    path("nianbao/<int:year>/report.docx", portal_views.report_docx, name="report_docx"),
    path(
        "nianbao/<int:year>/<int:agency_pk>/report.docx", portal_views.report_docx, name="agency_report_docx"
    ),
    path("fuwen/", portal_views.replies, name="replies"),
]
