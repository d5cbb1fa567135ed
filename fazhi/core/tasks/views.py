"""后台任务 — the page a long piece of work redirects to: a progress bar polled with htmx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; `?fragment=1` (htmx, every second until finished) returns the bar only."""
    job = get_object_or_404(services.job_visible_to(request.user), pk=pk)
    template = "tasks/_progress.html" if request.GET.get("fragment") else "tasks/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(services.job_visible_to(request.user), pk=pk)
    try:
        services.retry(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("tasks:job", pk=job.pk)
