"""Public pages (/gongkai/affairs/): per-agency disclosure response statistics, the annual
disclosure reports, published replies to suggestions and proposals. Read-only, no personal data."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from fazhi.core import workdays
from fazhi.org.models import Agency
from fazhi.org.selectors import home_jurisdiction

from . import disclosure_report as dr
from . import selectors
from .models import DisclosureReport, Suggestion
from .views import docx_response


def _jurisdiction() -> Any:
    j = home_jurisdiction()
    if j is None:
        raise Http404("暂无数据")
    return j


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or workdays.today().year)
    except ValueError:
        return workdays.today().year


def home(request: HttpRequest) -> HttpResponse:
    j = _jurisdiction()
    year = _year(request)
    return render(
        request,
        "affairs/portal_home.html",
        {
            "jurisdiction": j,
            "year": year,
            "years": range(workdays.today().year, workdays.today().year - 4, -1),
            "statistics": selectors.disclosure_response_statistics(j, year),
            "reports": DisclosureReport.objects.filter(jurisdiction=j, published_on__isnull=False)
            .select_related("agency")
            .order_by("-year", "agency__name"),
        },
    )


def _report(agency_pk: int | None, year: int) -> dr.Report:
    """Only a published report is public (第四十九条), as it was published."""
    j = _jurisdiction()
    agency = get_object_or_404(Agency, pk=agency_pk, jurisdiction=j) if agency_pk else None
    report = dr.build(j, year, agency)
    if report.published_on is None:
        raise Http404("该年度报告尚未公开。")
    return report


def report(request: HttpRequest, year: int, agency_pk: int | None = None) -> HttpResponse:
    context = dr.template_context(_report(agency_pk, year))
    return render(request, "affairs/portal_report.html", {**context, "agency_pk": agency_pk})


def report_docx(request: HttpRequest, year: int, agency_pk: int | None = None) -> HttpResponse:
    return docx_response(_report(agency_pk, year))


def replies(request: HttpRequest) -> HttpResponse:
    qs = (
        Suggestion.objects.filter(jurisdiction=_jurisdiction(), published_on__isnull=False)
        .select_related("agency")
        .order_by("-published_on", "-id")
    )
    return render(
        request, "affairs/portal_replies.html", {"page": Paginator(qs, 30).get_page(request.GET.get("page"))}
    )
