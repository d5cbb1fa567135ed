from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

api_v1: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script as a file: no inline script (Content-Security-Policy).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("org/", include("fazhi.org.api.urls")),
    path("core/", include("fazhi.core.api_urls")),
    path("enforcement/", include("fazhi.enforcement.api.urls")),
    path("disputes/", include("fazhi.disputes.api.urls")),
    path("affairs/", include("fazhi.affairs.api.urls")),
    path("rulemaking/", include("fazhi.rulemaking.api.urls")),
    path("reporting/", include("fazhi.reporting.api.urls")),
    path("inspection/", include("fazhi.inspection.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("gongkai/zhifa/", include("fazhi.enforcement.portal_urls")),
    path("gongkai/fuyi/", include("fazhi.disputes.portal_urls")),
    path("gongkai/affairs/", include("fazhi.affairs.portal_urls")),
    path("gongkai/guifan/", include("fazhi.rulemaking.portal_urls")),
    path("gongkai/baogao/", include("fazhi.reporting.portal_urls")),
    path("gongkai/choujian/", include("fazhi.inspection.portal_urls")),
    path("gongkai/", include("fazhi.portal.urls")),
    path("org/", include("fazhi.org.auth_urls")),
    path("org/", include("fazhi.org.urls")),
    path("calendar/", include("fazhi.core.workdays.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("disputes/", include("fazhi.disputes.urls")),
    path("affairs/", include("fazhi.affairs.urls")),
    path("rulemaking/", include("fazhi.rulemaking.urls")),
    path("reporting/", include("fazhi.reporting.urls")),
    path("inspection/", include("fazhi.inspection.urls")),
    path("evidence/", include("fazhi.core.evidence.urls")),
    path("tasks/", include("fazhi.core.tasks.urls")),
    path("", include("fazhi.core.urls")),
]
