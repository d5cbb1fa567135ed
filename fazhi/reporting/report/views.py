"""年度报告 pages (staff): draft, edit sections, build figures, download, publish; and the portal's
list of published reports (/gongkai/baogao/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from fazhi.reporting.annual_report import render as doc_render
from fazhi.reporting.models import AnnualReport, ReportStatus
from fazhi.reporting.report import services as svc

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _reports(user: Any) -> Any:
    qs = AnnualReport.objects.select_related("jurisdiction")
    return qs if user.is_superuser else qs.filter(jurisdiction_id=user.jurisdiction_id)


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    error = ""
    if request.method == "POST":
        try:
            report = svc.create_report(
                actor=user, jurisdiction=user.jurisdiction, year=int(request.POST.get("year", "0"))
            )
        except ValueError:
            error = "请填写报告年度。"
        except (ValidationError, PermissionDenied) as exc:
            error = "；".join(getattr(exc, "messages", [str(exc)]))
        else:
            return redirect("reporting:report", pk=report.pk)
    can_create = bool(user.jurisdiction_id) and user.has_perm("reporting.edit_report", user.jurisdiction)
    return render(
        request,
        "reporting/reports.html",
        {
            "reports": _reports(user),
            "can_create": can_create,
            "error": error,
            "default_year": timezone.localdate().year - 1,
            "today": timezone.localdate(),
        },
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    obj = get_object_or_404(_reports(user), pk=pk)
    errors: dict[int, str] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "save_section":
                section = get_object_or_404(obj.sections, pk=request.POST.get("section"))
                svc.update_section(actor=user, section=section, body=request.POST.get("body", ""))
                svc.build_report(actor=user, report=obj)
                messages.success(request, f"已保存“{section.heading or '导语'}”并重新生成数据。")
            elif action == "build":
                svc.build_report(actor=user, report=obj)
                messages.success(request, "已根据最新数据重新生成报告中的全部数字。")
            elif action == "publish":
                svc.publish_report(actor=user, report=obj)
                messages.success(request, "年度报告已在门户网站公开。")
            return redirect("reporting:report", pk=pk)
        except ValidationError as exc:
            msg = "；".join(exc.messages)
            if action == "save_section":
                errors[int(request.POST.get("section") or 0)] = msg
            else:
                messages.error(request, msg)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    blocks = doc_render.blocks(obj, with_chart=False)
    section_list = list(obj.sections.order_by("order"))
    return render(
        request,
        "reporting/report.html",
        {
            "report": obj,
            "blocks": blocks,
            "sections": section_list,
            "errors": errors,
            "can_edit": obj.status == ReportStatus.DRAFT and user.has_perm("reporting.edit_report", obj),
            "figure_count": obj.figures.count(),
            "missing_count": obj.figures.filter(source="missing").count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    obj = get_object_or_404(_reports(request.user), pk=pk)
    if request.GET.get("links") == "1":  # staff copy: every figure links to the records behind it
        return _download(obj, fmt, link_base=request.build_absolute_uri("/"))
    return _download(obj, fmt)


def _download(obj: AnnualReport, fmt: str, link_base: str | None = None) -> HttpResponse | FileResponse:
    stored = obj.docx_file if fmt == "docx" else obj.pdf_file if fmt == "pdf" else None
    if stored is None:
        raise Http404("只提供 docx 和 pdf 两种格式。")
    filename = f"{obj.jurisdiction.name}{obj.year}年度法治政府建设情况报告.{fmt}"
    if obj.status == ReportStatus.PUBLISHED and stored and not link_base:
        return FileResponse(stored.open("rb"), as_attachment=True, filename=filename)
    if fmt == "docx":
        data = doc_render.render_docx(obj, link_base=link_base)
    else:
        data = doc_render.render_pdf(obj, link_base=link_base)
    response = HttpResponse(data, content_type=DOCX if fmt == "docx" else "application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# --- public portal (/gongkai/baogao/) -------------------------------------------------------
def public_reports(request: HttpRequest) -> HttpResponse:
    qs = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("jurisdiction")
    return render(request, "reporting/public_reports.html", {"reports": qs})


def public_report(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(AnnualReport, pk=pk, status=ReportStatus.PUBLISHED)
    return render(
        request,
        "reporting/public_report.html",
        {"report": obj, "blocks": doc_render.blocks(obj, with_chart=False)},
    )


def public_report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    obj = get_object_or_404(AnnualReport, pk=pk, status=ReportStatus.PUBLISHED)
    return _download(obj, fmt)
