from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """公开 — the public portal's home page: no login, read-only."""
    return render(request, "portal/home.html")
