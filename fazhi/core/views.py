from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的待办 — the user's open procedure steps with their deadlines."""
    return render(request, "core/my_tasks.html", {"tasks": []})
