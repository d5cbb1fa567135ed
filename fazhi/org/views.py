"""Staff UI of the org app under /org/: parse input → one selector or service → render."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import audit
from fazhi.core import excel as core_excel
from fazhi.org import excel, selectors, services
from fazhi.org.choices import AgencyKind, Role
from fazhi.org.forms import AgencyForm, StaffForm, add_service_error
from fazhi.org.models import Agency, Jurisdiction, User

SESSION_ERRORS = "org_import_errors"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y%m%d")
    return core_excel.xlsx_response(content, f"{name}-{stamp}.xlsx")  # type: ignore[no-any-return]


def _actor(request: HttpRequest) -> User:
    """The signed-in staff account (views are behind login_required)."""
    return cast(User, request.user)


def _jurisdiction_of(user: Any) -> Jurisdiction:
    if user.jurisdiction_id:
        return user.jurisdiction
    home = selectors.home_jurisdiction()
    if home is None:
        raise PermissionDenied("尚未设置行政区划。")
    return home


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    """机构列表 — the agencies the user may see, with filters."""
    params = {k: request.GET.get(k, "") for k in ("q", "kind", "enforcement")}
    params["active"] = request.GET.get("active", "1")
    agencies = selectors.agencies_filtered(request.user, **params)
    return render(
        request,
        "org/agency_list.html",
        {
            "agencies": agencies,
            "params": params,
            "kinds": AgencyKind.choices,
            "can_import": request.user.has_perm("org.import_agencies", _jurisdiction_of(request.user)),
            "can_import_staff": request.user.has_perm("org.import_staff"),
        },
    )


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """机构详情 — the agency and its staff."""
    agency = get_object_or_404(selectors.agencies_visible_to(request.user), pk=pk)
    staff = (
        selectors.users_visible_to(request.user)
        .filter(agency=agency)
        .order_by("-is_active", "role", "username")
    )
    return render(
        request,
        "org/agency_detail.html",
        {
            "agency": agency,
            "staff": staff,
            "can_manage": request.user.has_perm("org.manage_staff", agency),
            "can_change": request.user.has_perm("org.change_agency", agency),
        },
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    """人员列表."""
    params = {k: request.GET.get(k, "") for k in ("q", "role", "agency")}
    params["active"] = request.GET.get("active", "1")
    users = selectors.users_filtered(request.user, **params)
    return render(
        request,
        "org/staff_list.html",
        {
            "users": users,
            "params": params,
            "roles": Role.choices,
            "agencies": Agency.objects.visible_to(_actor(request)).only("pk", "name"),
            "can_import": request.user.has_perm("org.import_staff"),
        },
    )


@login_required
@require_POST
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """停用账号 (POST)."""
    target = get_object_or_404(selectors.users_visible_to(request.user), pk=pk)
    try:
        services.deactivate_user(actor=_actor(request), user=target, reason=request.POST.get("reason", ""))
        messages.success(request, f"已停用账号“{target.username}”。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    if target.agency_id:
        return redirect("org:agency_detail", pk=target.agency_id)
    return redirect("org:staff_list")


@login_required
@require_POST
def staff_activate(request: HttpRequest, pk: int) -> HttpResponse:
    """恢复账号 (POST)."""
    target = get_object_or_404(selectors.users_visible_to(request.user), pk=pk)
    try:
        services.activate_user(actor=_actor(request), user=target)
        messages.success(request, f"已恢复账号“{target.username}”。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    if target.agency_id:
        return redirect("org:agency_detail", pk=target.agency_id)
    return redirect("org:staff_list")


@login_required
def agency_export(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("q", "kind", "enforcement")}
    params["active"] = request.GET.get("active", "1")
    return _xlsx(excel.export_agencies(selectors.agencies_filtered(request.user, **params)), "行政机关")


@login_required
def staff_export(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("q", "role", "agency")}
    params["active"] = request.GET.get("active", "1")
    users = list(selectors.users_filtered(request.user, **params))
    # The export carries personal data (ID and phone numbers): the read itself is audited (DESIGN.md: audit).
    audit.record(
        actor=_actor(request),
        action="org.export_staff",
        object_type="org.user",
        object_repr=f"导出工作人员 {len(users)} 人",
        after={"count": len(users), "filters": params},
    )
    return _xlsx(excel.export_staff(users), "工作人员")


@login_required
def agency_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel.agency_template(), "行政机关导入模板")


@login_required
def staff_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel.staff_template(), "工作人员导入模板")


def _import(request: HttpRequest, kind: str) -> HttpResponse:
    is_agency = kind == "agencies"
    jurisdiction = _jurisdiction_of(request.user)
    perm_ok = (
        request.user.has_perm("org.import_agencies", jurisdiction)
        if is_agency
        else request.user.has_perm("org.import_staff")
    )
    if not perm_ok:
        raise PermissionDenied("您无权批量导入。")
    context: dict[str, Any] = {
        "kind": kind,
        "title": "导入行政机关" if is_agency else "导入工作人员",
        "template_url": "org:agency_template" if is_agency else "org:staff_template",
        "columns": excel.AGENCY_COLUMNS if is_agency else excel.STAFF_COLUMNS,
        "jurisdiction": jurisdiction,
    }
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise excel.ImportFileError("请选择要上传的 Excel 文件（.xlsx）。")
            content = upload.read()
            run = excel.import_agencies if is_agency else excel.import_staff
            result = run(actor=_actor(request), jurisdiction=jurisdiction, content=content)
        except excel.ImportFileError as exc:
            context["file_error"] = str(exc)
            status = 400
        else:
            context["result"] = result
            if result.ok:
                messages.success(
                    request,
                    f"导入成功：共 {result.rows} 行，新增 {result.created} 条，更新 {result.updated} 条。",
                )
                request.session.pop(SESSION_ERRORS, None)
            else:
                request.session[SESSION_ERRORS] = [[e.row, e.column, e.message] for e in result.errors]
                status = 400
    return render(request, "org/import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agency_import(request: HttpRequest) -> HttpResponse:
    """导入行政机关."""
    return _import(request, "agencies")


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest) -> HttpResponse:
    """导入工作人员."""
    return _import(request, "staff")


@login_required
def import_errors(request: HttpRequest) -> HttpResponse:
    """The last failed import's error report as .xlsx."""
    rows = request.session.get(SESSION_ERRORS) or []
    errors = [excel.RowError(int(r), str(c), str(m)) for r, c, m in rows]
    return _xlsx(excel.error_report(errors), "导入错误报告")


# --- Create and edit forms --------------------------------------------------------------------


def _show_warnings(request: HttpRequest, warnings: list[str]) -> None:
    for w in warnings:
        messages.warning(request, w)


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    """新增行政机关 (the justice bureau)."""
    jurisdiction = _jurisdiction_of(request.user)
    if not request.user.has_perm("org.add_agency", jurisdiction):
        raise PermissionDenied("您无权新增行政机关。")
    parents = Agency.objects.filter(jurisdiction=jurisdiction, is_active=True)
    can_override = request.user.has_perm("org.override_uscc", jurisdiction)
    form = AgencyForm(request.POST or None, parents=parents, can_override=can_override)
    if request.method == "POST" and form.is_valid():
        try:
            agency, warnings = services.create_agency(
                actor=_actor(request), jurisdiction=jurisdiction, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已新增“{agency.name}”。")
            _show_warnings(request, warnings)
            return redirect("org:agency_detail", pk=agency.pk)
    return render(
        request, "org/form.html", {"form": form, "title": "新增行政机关"}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """修改行政机关 — an agency_admin sees only the contact fields."""
    agency = get_object_or_404(selectors.agencies_visible_to(request.user), pk=pk)
    if not request.user.has_perm("org.change_agency", agency):
        raise PermissionDenied("您无权修改该行政机关的信息。")
    contact_only = not request.user.has_perm("org.change_agency_core", agency)
    initial = {f: getattr(agency, f) for f in services.AGENCY_FIELDS}
    form = AgencyForm(
        request.POST or None,
        initial=initial,
        parents=Agency.objects.filter(jurisdiction_id=agency.jurisdiction_id).exclude(pk=agency.pk),
        contact_only=contact_only,
        can_override=request.user.has_perm("org.override_uscc", agency),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agency, warnings = services.update_agency(
                actor=_actor(request), agency=agency, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已保存“{agency.name}”。")
            _show_warnings(request, warnings)
            return redirect("org:agency_detail", pk=agency.pk)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": f"修改：{agency.name}"},
        status=400 if form.errors else 200,
    )


def _staff_choices(user: Any) -> tuple[Any, list[tuple[str, str]]]:
    """Agencies the user may staff, and the roles the user may give."""
    visible = Agency.objects.visible_to(user).filter(is_active=True)
    ids = [a.pk for a in visible if user.has_perm("org.manage_staff", a)]
    roles = [
        (v, label)
        for v, label in Role.choices
        if v not in services.JURISDICTION_ROLE_KINDS or user.has_perm("org.assign_jurisdiction_roles")
    ]
    return Agency.objects.filter(pk__in=ids), roles


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    """新增工作人员账号."""
    agencies, roles = _staff_choices(request.user)
    if not agencies.exists():
        raise PermissionDenied("您无权新增工作人员。")
    initial = {"agency": request.GET.get("agency")} if request.GET.get("agency", "").isdigit() else {}
    form = StaffForm(request.POST or None, initial=initial, agencies=agencies, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_user(actor=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已新增账号“{user.username}”。")
            return redirect("org:agency_detail", pk=user.agency_id)
    return render(
        request, "org/form.html", {"form": form, "title": "新增工作人员"}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """修改工作人员账号."""
    target = get_object_or_404(selectors.users_visible_to(request.user), pk=pk)
    if not request.user.has_perm("org.manage_staff", target):
        raise PermissionDenied("您无权修改该工作人员的账号。")
    agencies, roles = _staff_choices(request.user)
    initial = {f: getattr(target, f) for f in services.USER_FIELDS}
    form = StaffForm(request.POST or None, initial=initial, agencies=agencies, roles=roles, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        password = data.pop("password", "")
        try:
            services.update_user(actor=_actor(request), user=target, password=password, **data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已保存账号“{target.username}”。")
            return redirect("org:agency_detail", pk=data["agency"].pk)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": f"修改账号：{target.username}"},
        status=400 if form.errors else 200,
    )
