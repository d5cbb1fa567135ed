"""Staff pages: compare the county with other jurisdictions' published annual reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.reporting.extraction import selectors, services
from fazhi.reporting.extraction.export import comparison_csv, comparison_xlsx
from fazhi.reporting.models import PublishedReport


def _params(request: HttpRequest) -> tuple[list[str], list[int]]:
    codes = [c for c in request.GET.getlist("indicator") if c]
    years = [int(y) for y in request.GET.getlist("year") if y.isdigit()]
    return codes, years


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    _codes, years = _params(request)
    comp = selectors.comparison(years=years or None)
    chosen = request.GET.get("indicator") or (comp.rows[0]["code"] if comp.rows else "")
    chart = None
    row = next((r for r in comp.rows if r["code"] == chosen), None)
    if row is not None:
        use_per_10k = request.GET.get("per") == "10k"
        labels, values = [], []
        for col in comp.columns:
            cell = row["cells"].get(col.key)
            if cell is None:
                continue
            value = cell.per_10k if use_per_10k else cell.value
            if value is None:
                continue
            labels.append(f"{col.jurisdiction}{col.year or ''}" + ("（本县）" if col.is_own else ""))
            values.append(float(value))
        chart = {"labels": labels, "values": values, "unit": ("每万人 " if use_per_10k else "") + row["unit"]}
    table = [{"row": r, "cells": [r["cells"].get(col.key) for col in comp.columns]} for r in comp.rows]
    return render(
        request,
        "reporting/compare.html",
        {
            "comparison": comp,
            "table": table,
            "chosen": chosen,
            "chart": chart,  # rendered with json_script: no |safe on data from uploaded reports
            "reports": selectors.published_reports(),
            "per": request.GET.get("per", ""),
            "years": sorted({r.year for r in selectors.published_reports() if r.year}, reverse=True),
            "chosen_years": years,
        },
    )


@login_required
def compare_export(request: HttpRequest, fmt: str) -> HttpResponse:
    codes, years = _params(request)
    comp = selectors.comparison(codes=codes or None, years=years or None)
    if fmt == "csv":
        response = HttpResponse(comparison_csv(comp), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="compare.csv"'
        return response
    response = HttpResponse(
        comparison_xlsx(comp),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="compare.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def compare_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reporting.manage_comparison"):
        raise PermissionDenied("您无权管理对比报告（仅司法局可上传或修改）。")
    outcomes = []
    if request.method == "POST":
        files = [(f.name or "report", f.read()) for f in request.FILES.getlist("files")]
        if not files:
            messages.error(request, "请选择要上传的报告文件。")
        outcomes = services.import_published_reports(actor=request.user, files=files)
    template = "reporting/compare_upload_result.html" if request.htmx else "reporting/compare_upload.html"  # type: ignore[attr-defined]
    return render(request, template, {"outcomes": outcomes})


@login_required
@require_POST
def report_population(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(PublishedReport, pk=pk)
    raw = request.POST.get("population", "").strip()
    try:
        population = int(raw) if raw else None
        services.set_report_population(actor=request.user, report=report, population=population)
        messages.success(request, f"已更新{report.jurisdiction_name}的常住人口。")
    except ValueError:
        messages.error(request, "常住人口应为整数。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("reporting:compare")
