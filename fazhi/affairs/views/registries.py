"""Registries: legal aid, legal education, leaders' study — forms, Excel template, export and import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import excel, forms, selectors, services
from ._common import _user

# --- registries -----------------------------------------------------------------------------------
REGISTRY_TITLES = {
    "legal_aid": "法律援助案件",
    "consultations": "法律援助咨询",
    "education": "普法活动",
    "study": "领导干部学法",
}
REGISTRY_SERVICES: dict[str, Callable[..., Any]] = {
    "legal_aid": services.record_legal_aid_case,
    "consultations": services.record_consultation,
    "education": services.record_education_event,
    "study": services.record_study_session,
}


@login_required
def registries(request: HttpRequest, key: str = "legal_aid") -> HttpResponse:
    if key not in REGISTRY_TITLES:
        raise Http404("没有这个台账。")
    user = request.user
    agency = getattr(user, "agency", None)
    form = forms.REGISTRY_FORMS[key](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if agency is None:
                raise PermissionDenied("您的账号未设置所在机关，不能登记台账。")
            REGISTRY_SERVICES[key](actor=user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{REGISTRY_TITLES[key]}。")
            return redirect("affairs:registry", key=key)
    page = Paginator(selectors.registry_visible_to(user, key), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "affairs/registries.html",
        {
            "key": key,
            "titles": REGISTRY_TITLES.items(),
            "title": REGISTRY_TITLES[key],
            "form": form,
            "page": page,
            "rows": [excel.row_cells(key, r) for r in page],
            "headers": [c.header for c in excel.COLUMNS[key]],
            "import_form": forms.ImportForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def registry_template(request: HttpRequest, key: str) -> HttpResponse:
    return excel.response(excel.template(key), f"{REGISTRY_TITLES[key]}导入模板.xlsx")


@login_required
def registry_export(request: HttpRequest, key: str) -> HttpResponse:
    return excel.response(
        excel.export(key, selectors.registry_visible_to(request.user, key)), f"{REGISTRY_TITLES[key]}.xlsx"
    )


@login_required
@require_POST
def registry_import(request: HttpRequest, key: str) -> HttpResponse:
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的 Excel 文件（.xlsx）。")
        return redirect("affairs:registry", key=key)
    agency = getattr(request.user, "agency", None)
    try:
        result = excel.import_rows(key, form.cleaned_data["file"].read(), actor=_user(request), agency=agency)
    except excel.ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("affairs:registry", key=key)
    if result.ok:
        messages.success(request, f"已导入 {result.created} 条。")
    else:
        messages.error(request, "；".join(f"第{e.row}行 {e.column}：{e.message}" for e in result.errors[:20]))
    return redirect("affairs:registry", key=key)
