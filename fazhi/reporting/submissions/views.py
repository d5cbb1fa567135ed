"""数据填报 pages: campaigns and their progress, one agency's form (browser or Excel), review."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.indicators import registry
from fazhi.reporting.dashboard.views import SECTION_LABELS
from fazhi.reporting.submissions import excel as excel
from fazhi.reporting.submissions import selectors as sel
from fazhi.reporting.submissions import services as svc


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
            due = date.fromisoformat(request.POST.get("due_date", ""))
        except ValueError:
            errors = {"year": ["请填写年度和截止日期（YYYY-MM-DD）。"]}
        else:
            try:
                campaign = svc.open_campaign(
                    actor=user, jurisdiction=user.jurisdiction, year=year, due_date=due
                )
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                messages.success(request, f"已发起{campaign}，共 {campaign.submissions.count()} 个部门。")
                return redirect("reporting:campaign", pk=campaign.pk)
    rows = [(c, sel.campaign_progress(c, user)) for c in sel.campaigns_visible_to(user)]
    can_open = bool(user.jurisdiction_id) and user.has_perm("reporting.open_campaign", user.jurisdiction)
    return render(
        request,
        "reporting/campaigns.html",
        {
            "rows": rows,
            "can_open": can_open,
            "errors": errors,
            "default_year": timezone.localdate().year - 1,
            "default_due": date(timezone.localdate().year, 1, 31),
            "n_codes": len(svc.submission_codes()),
        },
    )


@login_required
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(sel.campaigns_visible_to(request.user), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "close":
        try:
            svc.close_campaign(actor=request.user, campaign=obj)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("reporting:campaign", pk=pk)
    return render(
        request,
        "reporting/campaign.html",
        {
            "campaign": obj,
            "progress": sel.campaign_progress(obj, request.user),
            "submissions": sel.campaign_submissions(obj, request.user),
            "can_review": request.user.has_perm("reporting.open_campaign", obj.jurisdiction),
            "today": timezone.localdate(),
        },
    )


def _rows(submission, posted=None, errors=None):  # type: ignore[no-untyped-def]
    previous = svc.previous_values(submission)
    current = {v.code: v for v in submission.values.all()}
    rows = []
    for code in submission.campaign.codes:
        e = registry.entry(code)
        v = current.get(code)
        rows.append(
            {
                "entry": e,
                "previous": previous.get(code),
                "value": posted.get(f"v:{code}", "")
                if posted is not None
                else (v.value if v and v.value is not None else ""),
                "not_applicable": bool(posted.get(f"na:{code}"))
                if posted is not None
                else bool(v and v.not_applicable),
                "note": posted.get(f"n:{code}", "") if posted is not None else (v.note if v else ""),
                "errors": (errors or {}).get(code, []),
                "section": SECTION_LABELS.get(e.extra.get("section", ""), e.extra.get("section", "")),
            }
        )
    return rows


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(sel.submissions_visible_to(request.user), pk=pk)
    user = request.user
    errors: dict[str, list[str]] = {}
    posted = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action in {"save", "submit"}:
                posted = request.POST
                entries = {
                    c: svc.Entry(
                        request.POST.get(f"v:{c}", ""),
                        request.POST.get(f"n:{c}", ""),
                        not_applicable=bool(request.POST.get(f"na:{c}")),
                    )
                    for c in obj.campaign.codes
                }
                svc.save_values(actor=user, submission=obj, entries=entries)
                if action == "submit":
                    svc.submit_submission(
                        actor=user,
                        submission=obj,
                        no_data=bool(request.POST.get("no_data")),
                        no_data_note=request.POST.get("no_data_note", ""),
                    )
                    messages.success(request, "已报送，等待司法局审核。")
                else:
                    messages.success(request, "已保存。")
            elif action == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError({"file": "请选择要上传的 .xlsx 文件。"})
                excel.import_upload(actor=user, submission=obj, data=upload.read())
                messages.success(request, "已导入 Excel 填报表。")
            elif action == "approve":
                svc.approve_submission(actor=user, submission=obj, note=request.POST.get("note", ""))
                messages.success(request, "审核通过。")
            elif action == "return":
                svc.return_submission(actor=user, submission=obj, reason=request.POST.get("reason", ""))
                messages.success(request, "已退回。")
            return redirect("reporting:submission", pk=pk)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        except PermissionDenied as exc:
            errors = {"__all__": [str(exc)]}
        obj.refresh_from_db()
    general = (
        errors.get("__all__", [])
        + errors.get("file", [])
        + errors.get("reason", [])
        + errors.get("no_data_note", [])
    )
    return render(
        request,
        "reporting/submission.html",
        {
            "submission": obj,
            "groups": [
                (k, list(g)) for k, g in groupby(_rows(obj, posted, errors), key=lambda r: r["section"])
            ],
            "general_errors": general,
            "no_data": bool(posted.get("no_data")) if posted is not None else bool(obj.no_data_note),
            "no_data_note": posted.get("no_data_note", "") if posted is not None else obj.no_data_note,
            "can_fill": obj.is_editable and user.has_perm("reporting.fill_submission", obj),
            "can_review": obj.status == "submitted" and user.has_perm("reporting.review_submission", obj),
        },
    )


@login_required
def submission_template(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(sel.submissions_visible_to(request.user), pk=pk)
    response = HttpResponse(excel.template_for(obj), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="submission-{obj.campaign.year}-{obj.pk}.xlsx"'
    return response


__all__ = ["campaign", "campaigns", "require_POST", "submission", "submission_template"]
