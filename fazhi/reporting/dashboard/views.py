"""指标看板: a jurisdiction's (or one agency's) indicators for a year, with the year before, the
change, a chart, and a link from each figure to the records or submissions behind it."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.core.indicators import UnknownIndicatorError, registry
from fazhi.org.models import Agency, Jurisdiction
from fazhi.reporting.dashboard import selectors as sel

SECTION_LABELS = {
    "Leadership, organisation and honours": "法治建设领导、组织与荣誉",
    "Enforcement officers, certificates, exams and training": "行政执法人员、证件、考试与培训",
    "Enforcement cases and enforcement supervision": "行政执法案件与执法监督",
    "Random inspections (双随机、一公开)": "“双随机、一公开”监管",
    "Normative documents (行政规范性文件)": "行政规范性文件",
    "Major decisions, legality review of other papers, legal advisers": "重大行政决策、合法性审查与法律顾问",
    "Administrative reconsideration (行政复议)": "行政复议",
    "Litigation defence (行政应诉)": "行政应诉",
    "Mediation, petitions, legal aid and other legal services": "调解、信访、法律援助与法律服务",
    "Government information disclosure (政务公开)": "政务公开",
    "Supervision: people's congress, CPPCC, audit, discipline": "人大、政协、审计与纪律监督",
    "Government services and streamlining (政务服务、放管服)": "政务服务与“放管服”改革",
    "Social credit": "社会信用",
    "Legal study and legal education (学法、普法)": "学法用法与普法",
}

CHART_CODES = (
    "enforcement.cases_opened",
    "enforcement.cases_closed",
    "enforcement.penalty_cases",
    "reconsideration.received",
    "reconsideration.closed",
    "litigation.cases",
    "mediation.cases",
    "petitions.received",
    "disclosure.requests_received",
)


def _context_scope(request: HttpRequest) -> tuple[Any, Jurisdiction, list[Agency]]:
    user: Any = request.user
    jurisdiction: Any
    if user.is_superuser and request.GET.get("jurisdiction"):
        jurisdiction = get_object_or_404(Jurisdiction, pk=request.GET["jurisdiction"])
    elif getattr(user, "jurisdiction_id", None):
        jurisdiction = user.jurisdiction
    else:
        jurisdiction = Jurisdiction.objects.filter(is_external=False).first()
        if jurisdiction is None:
            raise Http404("尚无行政区划。")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    agency = None
    if request.GET.get("agency"):
        raw = request.GET["agency"]  # a non-number is no agency (404), not a 500
        agency = get_object_or_404(Agency, pk=int(raw) if raw.isdigit() else 0, jurisdiction=jurisdiction)
    scope = sel.scope_for(user, jurisdiction, year, agency)
    agencies = list(Agency.objects.visible_to(user).filter(jurisdiction=jurisdiction))
    return scope, jurisdiction, agencies


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, jurisdiction, agencies = _context_scope(request)
    only = request.GET.get("source", "")
    rows = sel.dashboard_rows(scope)
    if only in {"computed", "submission", "missing"}:
        rows = [r for r in rows if r.current.source == only]
    sections = [
        (SECTION_LABELS.get(section, section), list(items))
        for section, items in groupby(rows, key=lambda r: r.entry.extra.get("section", ""))
    ]
    by_code = {r.entry.code: r for r in rows}
    chart = [by_code[c] for c in CHART_CODES if c in by_code]
    chart_data = {
        "labels": [r.entry.name for r in chart],
        "current": [float(r.current.value or 0) for r in chart],
        "previous": [float(r.previous.value or 0) for r in chart],
        "year": scope.year,
    }
    stats = {
        "computed": sum(1 for r in rows if r.current.source == "computed"),
        "submission": sum(1 for r in rows if r.current.source == "submission"),
        "missing": sum(1 for r in rows if r.current.source == "missing"),
    }
    return render(
        request,
        "reporting/dashboard.html",
        {
            "scope": scope,
            "jurisdiction": jurisdiction,
            "agencies": agencies,
            "sections": sections,
            "chart_data": chart_data,
            "stats": stats,
            "source": only,
        },
    )


@login_required
def indicator_records(request: HttpRequest, code: str) -> HttpResponse:
    """The records (or the approved submissions) behind one figure."""
    try:
        registry.entry(code)
    except UnknownIndicatorError:
        raise Http404(f"指标代码“{code}”不在指标目录中。") from None
    scope, jurisdiction, agencies = _context_scope(request)
    if not request.user.has_perm("reporting.view_dashboard"):
        raise PermissionDenied("无权查看指标。")
    fig, records = sel.records_behind(code, scope)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    items = [{"obj": r, "url": sel.record_link(r)} for r in page.object_list]
    return render(
        request,
        "reporting/indicator_records.html",
        {
            "figure": fig,
            "scope": scope,
            "page": page,
            "items": items,
            "value_text": sel.format_value(fig.value, fig.entry),
            "is_submission": fig.computed is None,
            "by_agency": sel.per_agency(code, scope, agencies) if len(agencies) > 1 else [],
        },
    )
