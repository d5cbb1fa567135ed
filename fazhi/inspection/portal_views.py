"""Public portal (/gongkai/choujian/): published results (masked), published draws with their
verification files, and the enterprise's page behind the task's QR code (亮码入企) — no account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from fazhi.core import workdays
from fazhi.core.masking import mask_address, mask_party

from . import selectors, services, verification
from .choices import DrawState, EntityKind
from .models import InspectionTask, Rating

BASE = "portal/base_public.html"


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_results(), 20).get_page(request.GET.get("page"))
    rows = [
        (
            t,
            mask_party(t.entity.name, is_natural_person=t.entity.kind == EntityKind.INDIVIDUAL),
            mask_address(t.entity.address),
        )
        for t in page
    ]
    draws = selectors.published_draws()[:20]
    return render(
        request, "inspection/portal_home.html", {"base": BASE, "page": page, "rows": rows, "draws": draws}
    )


def draw(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(selectors.published_draws(), pk=pk)
    files = list(verification.files_of(d))
    return render(
        request,
        "inspection/portal_draw.html",
        {
            "base": BASE,
            "draw": d,
            "files": [f.split("-", 2)[2] for f in files],
            "revealed": d.state != DrawState.COMMITTED,
        },
    )


def draw_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    d = get_object_or_404(selectors.published_draws().defer(None), pk=pk)
    files = verification.files_of(d)
    files[f"draw-{d.pk}-eligible.csv"] = verification.eligible_csv(d)
    if f"draw-{d.pk}-result.json" in files:
        files[f"draw-{d.pk}-result.csv"] = verification.result_csv(d)
    key = f"draw-{d.pk}-{name}"
    if key not in files:
        raise Http404("该文件尚未公布。")
    response = HttpResponse(
        files[key],
        content_type={"json": "application/json", "csv": "text/csv"}.get(
            name.rsplit(".", 1)[-1], "text/plain"
        )
        + "; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{key}"'
    return response


def task(request: HttpRequest, token: str) -> HttpResponse:
    """亮码入企: who inspects, with which certificate, for which matter; and an anonymous rating."""
    t = get_object_or_404(InspectionTask.objects.select_related("matter", "agency"), token=token)
    error, done = "", False
    if request.method == "POST":
        try:
            services.rate_task(
                token=token,
                score=request.POST.get("score"),
                comment=request.POST.get("comment", ""),
                on=workdays.today(),
                client=_client(request),
            )
            done = True
        except ValidationError as exc:
            error = "；".join(exc.messages)
    return render(
        request,
        "inspection/portal_task.html",
        {
            "base": BASE,
            "task": t,
            "inspectors": t.inspectors.all(),
            "rated": done or Rating.objects.filter(task=t).exists(),
            "done": done,
            "error": error,
            "scores": range(1, 6),
        },
        status=400 if error else 200,
    )
