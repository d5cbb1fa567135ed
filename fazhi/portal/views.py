from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """公开 — the public portal's home page: no login, read-only (GET/HEAD only; POST gets 405).

    The sections are the `fazhi_portal_nav` entries other apps declare (core.context_processors).
    """
    return render(request, "portal/home.html")
