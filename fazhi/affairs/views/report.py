"""The annual disclosure report page, its publication and the .docx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import workdays
from fazhi.org.models import Agency

from .. import disclosure_docx, excel, forms, selectors, services
from .. import disclosure_report as dr
from ._common import _agencies, _user


# --- annual disclosure report ----------------------------------------------------------------------
def _report_scope(request: HttpRequest) -> tuple[Any, int, Agency | None]:
    user = request.user
    jurisdiction = getattr(user, "jurisdiction", None)
    if jurisdiction is None:
        raise PermissionDenied("您的账号未设置行政区划。")
    try:
        year = int(request.GET.get("year") or workdays.today().year - 1)
    except ValueError:
        year = workdays.today().year - 1
    agency_id = request.GET.get("agency", "")
    if agency_id:
        agency = get_object_or_404(_agencies(user), pk=agency_id)
    elif user.has_perm("affairs.view_overview"):
        agency = None  # the government's report
    else:
        agency = getattr(user, "agency", None)
    return jurisdiction, year, agency


@login_required
def disclosure_report(request: HttpRequest) -> HttpResponse:
    jurisdiction, year, agency = _report_scope(request)
    report = dr.build(jurisdiction, year, agency)
    record = report.record
    can_edit = request.user.has_perm(
        "affairs.edit_disclosure_report", record if record.pk else agency or jurisdiction
    )
    form = forms.ReportForm(
        request.POST or None,
        initial={
            "overview": record.overview,
            "problems": record.problems,
            "other_matters": record.other_matters,
        },
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("您无权编辑该年度报告。")
        if form.is_valid():
            try:
                services.save_report_parts(
                    actor=_user(request),
                    jurisdiction=jurisdiction,
                    agency=agency,
                    year=year,
                    table2=excel.numbers_from_post(request.POST, "t2"),
                    table4=excel.numbers_from_post(request.POST, "t4"),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                forms.apply_service_errors(form, exc)
            else:
                messages.success(request, "已保存年度报告。")
                return redirect(
                    f"{reverse('affairs:disclosure_report')}?year={year}&agency={agency.pk if agency else ''}"
                )
    return render(
        request,
        "affairs/report.html",
        {
            **dr.template_context(report),
            "form": form,
            "can_edit": can_edit,
            "agencies": _agencies(request.user),
            "agency": agency,
            "year": year,
            "tab": "report",
            "statistics": selectors.disclosure_response_statistics(jurisdiction, year),
        },
    )


@login_required
@require_POST
def disclosure_report_publish(request: HttpRequest) -> HttpResponse:
    """公开年度报告 (第四十九条): frozen as published; the portal shows published reports only."""
    jurisdiction, year, agency = _report_scope(request)
    try:
        services.publish_report(
            actor=_user(request), jurisdiction=jurisdiction, agency=agency, year=year, on=workdays.today()
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "年度报告已公开。")
    return redirect(
        f"{reverse('affairs:disclosure_report')}?year={year}&agency={agency.pk if agency else ''}"
    )


@login_required
def disclosure_report_docx(request: HttpRequest) -> HttpResponse:
    jurisdiction, year, agency = _report_scope(request)
    report = dr.build(jurisdiction, year, agency)
    return docx_response(report)


def docx_response(report: dr.Report) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(
        disclosure_docx.document(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title + '.docx')}"
    return resp
