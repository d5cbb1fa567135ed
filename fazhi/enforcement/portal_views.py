"""Public portal: 行政执法公示 — published permit and penalty decisions, natural persons masked
(行政处罚法第四十八条; 国办发〔2018〕118号 二(三)). Read-only, no login."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.enforcement.choices import PublicityKind
from fazhi.enforcement.selectors.publicity import publicity_public
from fazhi.org.models import Agency


def decisions(request: HttpRequest) -> HttpResponse:
    agency = request.GET.get("agency", "")
    qs = publicity_public(
        q=request.GET.get("q", "").strip()[:50],
        agency_id=int(agency) if agency.isdigit() else None,
        kind=request.GET.get("kind", "") if request.GET.get("kind") in PublicityKind.values else "",
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    agencies = Agency.objects.filter(has_enforcement_authority=True, is_active=True).order_by("name")
    return render(
        request,
        "enforcement/portal_decisions.html",
        {"page": page, "agencies": agencies, "kinds": PublicityKind.choices, "params": request.GET},
    )
