"""Staff UI (/inspection/): parse input → one selector or service → render (STYLE.md §2.2).
Action forms are named like the transitions and the API verbs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

import segno

from fazhi.core import workdays
from fazhi.core.excel import XLSX_CONTENT_TYPE, ImportFileError, error_report
from fazhi.core.procedures.selectors import case_panel
from fazhi.enforcement.models import Matter as PenaltyMatter
from fazhi.org.models import Agency, User

from . import excel, selectors, services, verbs
from .choices import CreditGrade, EntityKind, InspectionMethod, MatterCategory, PlanKind
from .models import InspectionPlan
from .procedures import PLAN


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or "您无权办理此事项。"


def _on(request: HttpRequest, key: str = "on") -> date:
    raw = (request.POST.get(key) or "").strip()
    if not raw:
        return workdays.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(f"日期“{raw}”无效，请按“年-月-日”填写。", code="invalid_date") from None


def _attempt(request: HttpRequest, fn: Callable[[], Any], ok: str) -> Any:
    try:
        result = fn()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
        return None
    messages.success(request, ok)
    return result


# --- plans ---------------------------------------------------------------------------------------
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST":
        matter = get_object_or_404(selectors.matters_visible_to(user), pk=request.POST.get("matter") or 0)
        partners = list(
            Agency.objects.filter(
                pk__in=request.POST.getlist("partners"), jurisdiction_id=matter.jurisdiction_id
            )
        )

        def create() -> Any:
            return services.create_plan(
                actor=user,
                matter=matter,
                title=request.POST.get("title", ""),
                year=int(request.POST["year"])
                if (request.POST.get("year") or "").isdigit()
                else workdays.today().year,
                kind=request.POST.get("kind") or PlanKind.ANNUAL,
                period_start=_on(request, "period_start"),
                period_end=_on(request, "period_end"),
                on=workdays.today(),
                ratio=request.POST.get("ratio") or None,
                count=int(request.POST["count"]) if (request.POST.get("count") or "").isdigit() else None,
                industry=request.POST.get("industry", ""),
                area=request.POST.get("area", ""),
                partners=partners,
            )

        plan = _attempt(request, create, "抽查计划已保存，请核对后提交审核。")
        if plan is not None:
            return redirect("inspection:plan_detail", plan.pk)
    qs = selectors.plans_visible_to(user)
    state = request.GET.get("state", "")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    year = workdays.today().year
    reviewer = user.has_perm("inspection.review_plan", InspectionPlan(jurisdiction_id=user.jurisdiction_id))
    return render(
        request,
        "inspection/plan_list.html",
        {
            "page": page,
            "states": PLAN.states.items(),
            "state": state,
            "year": year,
            "counts": selectors.plan_counts_by_agency(user, year),
            "overlaps": selectors.plan_overlaps(user) if reviewer else [],
            "matters": selectors.matters_visible_to(user).filter(is_active=True, agency_id=user.agency_id),
            "partners": Agency.objects.filter(
                jurisdiction_id=user.jurisdiction_id, has_enforcement_authority=True
            ).exclude(pk=user.agency_id),
            "kinds": PlanKind.choices,
            "today": workdays.today(),
        },
    )


def _plan_page(request: HttpRequest, plan: Any, bound: tuple[str, Any] | None = None) -> HttpResponse:
    today = workdays.today()
    return render(
        request,
        "inspection/plan_detail.html",
        {
            "plan": plan,
            "panel": case_panel(plan, request.user),
            "actions": verbs.PLAN_VERBS.html_actions(plan, request.user, initial={"on": today}, bound=bound),
            "draws": selectors.draws_visible_to(request.user).filter(plan=plan),
            "partners": plan.partners.all(),
            "partner_matters": plan.partner_matters.all(),
            "today": workdays.today(),
            "can_draw": request.user.has_perm("inspection.draw", plan) and plan.state == "approved",
        },
        status=400 if bound else 200,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, selectors.plan_for(request.user, pk))


@login_required
@require_POST
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One verb of the plan's table (verbs.PLAN_VERBS), or the draw commitment."""
    plan = selectors.plan_for(request.user, pk)
    if action == "commit_draw":
        d = _attempt(
            request,
            lambda: services.commit_draw(
                actor=request.user, plan=plan, on=_on(request), seed=request.POST.get("seed") or None
            ),
            "待抽取名单已冻结，种子哈希值已公布。",
        )
        return redirect("inspection:draw_detail", d.pk) if d else redirect("inspection:plan_detail", pk)
    try:
        done, form = verbs.PLAN_VERBS.html_post(request, plan, action)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("inspection:plan_detail", pk)
    if done:
        messages.success(request, "办理完成。")
        if action == "merge":
            return redirect("inspection:plan_detail", form.cleaned_data["into"])
        return redirect("inspection:plan_detail", pk)
    if action == "merge":  # posted from the overlap list: report there
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspection:plan_list")
    return _plan_page(request, selectors.plan_for(request.user, pk), bound=(action, form))


# --- draws ---------------------------------------------------------------------------------------
@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(selectors.draws_visible_to(request.user).defer(None), pk=pk)
    tasks = (
        selectors.tasks_visible_to(request.user)
        .filter(draw=d)
        .prefetch_related("inspectors")
        .order_by("entity__key")
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspection/draw_detail.html",
        {
            "draw": d,
            "page": page,
            "can_draw": request.user.has_perm("inspection.draw", d.plan),
            "today": workdays.today(),
        },
    )


@login_required
@require_POST
def draw_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    d = get_object_or_404(selectors.draws_visible_to(request.user), pk=pk)
    if action == "draw":
        _attempt(
            request,
            lambda: services.draw_objects(actor=request.user, draw=d, on=_on(request)),
            "已揭示种子并完成抽取。",
        )
    elif action == "confirm":
        ack = request.POST.get("acknowledge_frequency") == "on"
        _attempt(
            request,
            lambda: services.confirm_draw(
                actor=request.user, draw=d, on=_on(request), acknowledge_frequency=ack
            ),
            "已确认，抽查任务已下达。",
        )
    elif action == "redraw":
        new = _attempt(
            request,
            lambda: services.redraw(
                actor=request.user, draw=d, on=_on(request), reason=request.POST.get("reason", "")
            ),
            "已重新抽取，原批次保留备查。",
        )
        if new:
            return redirect("inspection:draw_detail", new.pk)
    else:
        raise Http404("没有这项操作。")
    return redirect("inspection:draw_detail", pk)


# --- tasks ---------------------------------------------------------------------------------------
@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.tasks_with_publicity_due(selectors.tasks_visible_to(request.user)).order_by("-id")
    if request.GET.get("mine"):
        qs = qs.filter(inspectors__inspector__officer_id=request.user.pk)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "inspection/task_list.html", {"page": page})


def portal_task_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("inspection_public:task", args=[token]))


def _task_page(request: HttpRequest, task: Any, bound: tuple[str, Any] | None = None) -> HttpResponse:
    url = portal_task_url(request, task.token)
    actions = verbs.TASK_VERBS.html_actions(task, request.user, initial={"on": workdays.today()}, bound=bound)
    matters = PenaltyMatter.objects.filter(agency_id=task.agency_id, kind="penalty", is_active=True)
    for a in actions:
        if a.form is not None and "penalty_matter" in a.form.fields:
            a.form.fields["penalty_matter"].widget.choices = [("", "—")] + [
                (m.pk, f"{m.code} {m.name}") for m in matters
            ]
    return render(
        request,
        "inspection/task_detail.html",
        {
            "task": task,
            "panel": case_panel(task, request.user),
            "inspectors": task.inspectors.all(),
            "qr_svg": segno.make(url, error="m").svg_inline(scale=4, title="扫码核验检查人员并评价"),
            "portal_url": url,
            "actions": actions,
        },
        status=400 if bound else 200,
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, get_object_or_404(selectors.tasks_visible_to(request.user), pk=pk))


@login_required
@require_POST
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One verb of the task's table (verbs.TASK_VERBS)."""
    task = get_object_or_404(selectors.tasks_visible_to(request.user), pk=pk)
    try:
        done, form = verbs.TASK_VERBS.html_post(request, task, action)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("inspection:task_detail", pk)
    if done:
        messages.success(request, "办理完成。")
        return redirect("inspection:task_detail", pk)
    return _task_page(
        request, get_object_or_404(selectors.tasks_visible_to(request.user), pk=pk), bound=(action, form)
    )


# --- the list and the two directories -------------------------------------------------------------
@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST" and user.agency is not None:
        _attempt(
            request,
            lambda: services.create_matter(
                actor=user,
                agency=user.agency,
                **{
                    k: request.POST.get(k, "")
                    for k in ("code", "name", "legal_basis", "object_kind", "method", "category", "frequency")
                },
                ratio=request.POST.get("ratio") or None,
            ),
            "抽查事项已加入清单。",
        )
        return redirect("inspection:matter_list")
    page = Paginator(selectors.matters_visible_to(user).order_by("agency__name", "code"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspection/matter_list.html",
        {
            "page": page,
            "kinds": EntityKind.choices,
            "methods": InspectionMethod.choices,
            "categories": MatterCategory.choices,
        },
    )


@login_required
def entity_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = selectors.entities_visible_to(user)
    filters = {k: request.GET.get(k, "") for k in ("kind", "credit_grade", "q")}
    if filters["kind"]:
        qs = qs.filter(kind=filters["kind"])
    if filters["credit_grade"]:
        qs = qs.filter(credit_grade=filters["credit_grade"])
    if filters["q"]:
        qs = qs.filter(name__icontains=filters["q"]) | qs.filter(key=filters["q"].upper())
    if request.GET.get("export"):
        response = HttpResponse(
            excel.export_entities(qs.order_by("key")[:50000]), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = 'attachment; filename="directory.xlsx"'
        return response
    page = Paginator(qs.order_by("key"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspection/entity_list.html",
        {"page": page, "kinds": EntityKind.choices, "grades": CreditGrade.choices, "filters": filters},
    )


@login_required
def entity_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(excel.directory_template(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="directory-template.xlsx"'
    return response


@login_required
@require_POST
def entity_import(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    f = request.FILES.get("file")
    if f is None:
        messages.error(request, "请选择要导入的 Excel 或 CSV 文件。")
        return redirect("inspection:entity_list")
    try:
        result = excel.import_directory(
            actor=user,
            jurisdiction=user.jurisdiction,
            content=f.read(),
            filename=f.name or "",
            on=workdays.today(),
        )
    except (ImportFileError, PermissionDenied) as exc:
        messages.error(request, str(exc) or "您无权导入名录库。")
        return redirect("inspection:entity_list")
    if not result.ok:
        response = HttpResponse(error_report(result.errors), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="import-errors.xlsx"'
        return response
    messages.success(request, f"导入完成：新增{result.created}个对象，更新{result.updated}个对象。")
    return redirect("inspection:entity_list")


@login_required
def inspector_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST":
        officer = get_object_or_404(
            User.objects.filter(agency_id=user.agency_id), pk=request.POST.get("officer") or 0
        )
        _attempt(
            request,
            lambda: services.add_inspector(
                actor=user,
                officer=officer,
                on=workdays.today(),
                specialties=request.POST.get("specialties", ""),
            ),
            "已列入检查人员名录库。",
        )
        return redirect("inspection:inspector_list")
    page = Paginator(selectors.inspectors_visible_to(user), 50).get_page(request.GET.get("page"))
    officers = User.objects.filter(agency_id=user.agency_id, is_active=True, inspector__isnull=True).order_by(
        "full_name"
    )
    return render(request, "inspection/inspector_list.html", {"page": page, "officers": officers})


@login_required
@require_POST
def inspector_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    inspector = get_object_or_404(selectors.inspectors_visible_to(request.user), pk=pk)
    entity = (
        selectors.entities_visible_to(request.user)
        .filter(key=(request.POST.get("entity") or "").strip().upper())
        .first()
    )
    if entity is None:
        messages.error(request, "名录库中没有该统一社会信用代码或对象编码。")
    else:
        _attempt(
            request,
            lambda: services.add_conflict(
                actor=request.user,
                inspector=inspector,
                entity=entity,
                reason=request.POST.get("reason", ""),
                on=workdays.today(),
            ),
            "回避申报已登记。",
        )
    return redirect("inspection:inspector_list")


@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.ratings_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "inspection/rating_list.html", {"page": page})
