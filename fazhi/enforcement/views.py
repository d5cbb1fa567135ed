"""Staff pages (server-rendered). Parse input → call one selector or service → render.

Errors from services (ValidationError / PermissionDenied) are shown next to the form, keeping what
the user typed (ADR 0001)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import procedures, workdays
from fazhi.core.procedures.selectors import case_panel
from fazhi.enforcement import documents
from fazhi.enforcement.api import serializers as s
from fazhi.enforcement.api.views import VERBS
from fazhi.enforcement.choices import PublicityStatus
from fazhi.enforcement.forms import ACTION_FORMS, STEP_FORM, TRANSITION_VERB
from fazhi.enforcement.models import Matter
from fazhi.enforcement.selectors import cases as case_sel
from fazhi.enforcement.selectors import catalogue as cat_sel
from fazhi.enforcement.selectors import publicity as pub_sel
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import catalogue as cat_svc
from fazhi.enforcement.services import publicity as pub_svc
from fazhi.enforcement.services._common import actor_agency, as_date
from fazhi.enforcement.services.guards import late_surcharge
from fazhi.org.models import User


def _errors(exc: Exception) -> dict[str, list[str]]:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        return {"non_field": exc.messages}
    if hasattr(exc, "detail"):  # DRF serializer errors
        detail = exc.detail  # type: ignore[attr-defined]
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in dict(detail).items()}
    return {"non_field": [str(exc) or "您无权执行此操作。"]}


def _year(request: HttpRequest) -> int:
    """The year asked for; by default the current year, or the last year with cases if it has none yet."""
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        pass
    this_year = workdays.today().year
    qs = case_sel.cases_visible_to(request.user)
    if qs.filter(opened_on__year=this_year).exists():
        return this_year
    last = qs.order_by("-opened_on").values_list("opened_on", flat=True).first()
    return last.year if last else this_year


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """执法监督首页: irregular cases and publicity on time, per agency (the justice bureau sees all)."""
    year = _year(request)
    rows = case_sel.irregularity_counts(request.user, year)
    publicity = pub_sel.publicity_on_time_by_agency(request.user, year, workdays.today())
    totals = {k: sum(r[k] for r in rows) for k in ("cases", "irregular")}
    years = [d.year for d in case_sel.cases_visible_to(request.user).dates("opened_on", "year", order="DESC")]
    return render(
        request,
        "enforcement/home.html",
        {
            "year": year,
            "years": years,
            "rows": rows,
            "flags": case_sel.IRREGULARITY_FLAGS,
            "publicity": publicity,
            "totals": totals,
            "backlog": pub_sel.publicity_backlog(request.user, workdays.today()),
        },
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    qs = case_sel.cases_filtered(
        request.user,
        state=request.GET.get("state", ""),
        q=request.GET.get("q", "").strip(),
        irregular=request.GET.get("irregular") == "1",
        year=int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None,
        agency_id=int(request.GET["agency"]) if request.GET.get("agency", "").isdigit() else None,
        flag=request.GET.get("flag", ""),
    )
    page = Paginator(qs.order_by("-opened_on", "-id"), 50).get_page(request.GET.get("page"))
    from fazhi.enforcement.procedures import PENALTY

    return render(
        request,
        "enforcement/case_list.html",
        {"page": page, "states": PENALTY.states, "today": workdays.today(), "params": request.GET},
    )


def _agency_staff(user: Any, agency_id: int | None) -> Any:
    if agency_id is None:
        return User.objects.none()
    return User.objects.filter(agency_id=agency_id, is_active=True).order_by("full_name")


@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    agency_id = getattr(request.user, "agency_id", None)
    ctx: dict[str, Any] = {
        "matters": cat_sel.penalty_matters_for_agency(agency_id) if agency_id else [],
        "staff": _agency_staff(request.user, agency_id),
        "data": request.POST or {"opened_on": workdays.today().isoformat(), "procedure_kind": "ordinary"},
        "errors": {},
    }
    if request.method == "POST":
        data = s.CaseOpenIn(data=request.POST)
        try:
            data.is_valid(raise_exception=True)
            case = svc.open_case(actor=request.user, **data.validated_data)
        except Exception as exc:  # noqa: BLE001 — every refusal is shown on the form
            if not isinstance(exc, (ValidationError, PermissionDenied)) and not hasattr(exc, "detail"):
                raise
            ctx["errors"] = _errors(exc)
        else:
            messages.success(request, f"已立案：{case.number}")
            return redirect(case)
    return render(request, "enforcement/case_open.html", ctx)


def _detail_context(
    request: HttpRequest, case: Any, *, active: str = "", errors: Any = None, data: Any = None
) -> dict:
    user = request.user
    verbs = []
    for t in procedures.available_transitions(case, user):
        verb = TRANSITION_VERB.get(t.name)
        if verb and verb not in verbs:
            verbs.append(verb)
    if (
        case.procedure_kind == "on_the_spot"
        and case.decided_on
        and not case.filed_on
        and not case.is_closed
        and user.has_perm("enforcement.handle_case", case)
    ):
        verbs.append("file")
    if case.decided_on is None and not case.is_closed and user.has_perm("enforcement.handle_case", case):
        verbs.append("update-details")
    if (
        case.collected_on_the_spot
        and not case.handed_in_on
        and user.has_perm("enforcement.handle_case", case)
    ):
        verbs.append("hand-in")
    if case.procedure_kind == "on_the_spot":
        verbs = [v for v in verbs if v not in ("notify",)]
    else:
        verbs = [v for v in verbs if v != "decide-on-the-spot"]
    today = workdays.today().isoformat()
    initial = {
        "on": today,
        "decision_number": case.decision_number,
        "penalty_types": case.proposed_penalty_types,
        "fine_amount": case.proposed_fine,
        "confiscation_amount": case.proposed_confiscation,
        "decision_basis": case.matter.basis_article,
        # never retype: the evidence listed in the decision starts from the investigation records
        "evidence_summary": case.evidence_summary
        or "；".join(
            f"{s.get_kind_display()}（{s.on:%Y-%m-%d}）：{s.summary}" for s in case.investigation_steps.all()
        ),
        "remedies": "如不服本决定，可以在收到本决定书之日起六十日内向本级人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
        "performance": "自收到本决定书之日起十五日内缴纳至指定银行或者通过电子支付系统缴纳。",
        "days": 30,
        "officer_a": case.officer_a_id,
        "officer_b": case.officer_b_id,
        "party_address": case.party_address,
        "party_id_number": case.party_id_number,
        "facts": case.facts,
    }
    forms = []
    for verb in verbs:
        title, fields = ACTION_FORMS[verb]
        values = dict(initial)
        if verb == active and data is not None:
            values = {k: (data.getlist(k) if k == "penalty_types" else data.get(k)) for k in data}
        form_errors = _fold(errors, fields) if verb == active else {}
        forms.append(
            {"verb": verb, "title": title, "fields": fields, "values": values, "errors": form_errors}
        )
    publicity = pub_sel.publicity_of_case(case) if case.decided_on else None
    can_step = case.state == "investigating" and user.has_perm("enforcement.handle_case", case)
    step_values = initial if active != "step" or data is None else data
    return {
        "case": case,
        "panel": case_panel(case, user),
        "flags": case_sel.case_flags(case),
        "forms": forms,
        "step_form": {
            "fields": STEP_FORM,
            "values": step_values,
            "errors": _fold(errors, STEP_FORM) if active == "step" else {},
        }
        if can_step
        else None,
        "staff": _agency_staff(user, case.agency_id),
        "steps": case.investigation_steps.select_related("officer_a", "officer_b"),
        "documents": documents.available(case),
        "publicity": publicity,
        "can_attach": not case.is_closed and user.has_perm("enforcement.handle_case", case),
        "surcharge": late_surcharge(
            case.fine_amount, None if case.payment_due_on_pending else case.payment_due_on, workdays.today()
        )
        if case.state == "served"
        else None,
        "can_publish": bool(publicity and user.has_perm("enforcement.publish", publicity)),
    }


def _fold(errors: Any, fields: Any) -> dict[str, list[str]]:
    """Errors for fields the form does not show go to the top of the form."""
    names = {f.name for f in fields}
    out: dict[str, list[str]] = {}
    for key, msgs in (errors or {}).items():
        out.setdefault(key if key in names else "non_field", []).extend(msgs)
    return out


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_sel.case_for(request.user, pk)
    case_sel.log_personal_data_view(request.user, case, note="案件页面")
    return render(request, "enforcement/case_detail.html", _detail_context(request, case))


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    case = case_sel.case_for(request.user, pk)
    if verb not in VERBS:
        raise PermissionDenied("未知的办理环节。")
    in_cls, service, label = VERBS[verb]
    data = in_cls(data=request.POST)
    try:
        data.is_valid(raise_exception=True)
        service(actor=request.user, case=case, **data.validated_data)
    except Exception as exc:  # noqa: BLE001
        if not isinstance(exc, (ValidationError, PermissionDenied)) and not hasattr(exc, "detail"):
            raise
        case = case_sel.case_for(request.user, pk)
        ctx = _detail_context(request, case, active=verb, errors=_errors(exc), data=request.POST)
        messages.error(request, "；".join(m for ms in _errors(exc).values() for m in ms))
        return render(request, "enforcement/case_detail.html", ctx, status=400)
    messages.success(request, f"已办理：{label}")
    return redirect("enforcement:case_detail", pk=pk)


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_sel.case_for(request.user, pk)
    data = s.CaseStepIn(
        data={
            **request.POST.dict(),
            "files": request.FILES.getlist("files"),
            "audio_video": request.FILES.getlist("audio_video"),
        }
    )
    try:
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        files = [(f, "document") for f in v.pop("files")] + [(f, "audio_video") for f in v.pop("audio_video")]
        svc.record_investigation_step(actor=request.user, case=case, files=files, **v)
    except Exception as exc:  # noqa: BLE001
        if not isinstance(exc, (ValidationError, PermissionDenied)) and not hasattr(exc, "detail"):
            raise
        ctx = _detail_context(request, case, active="step", errors=_errors(exc), data=request.POST)
        messages.error(request, "；".join(m for ms in _errors(exc).values() for m in ms))
        return render(request, "enforcement/case_detail.html", ctx, status=400)
    messages.success(request, "已记录调查取证。")
    return redirect("enforcement:case_detail", pk=pk)


@login_required
@require_POST
def case_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_sel.case_for(request.user, pk)
    try:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "请选择要上传的文件。"})
        ev = svc.attach_evidence(
            actor=request.user, case=case, file=upload, description=request.POST.get("description", "")
        )
    except (ValidationError, PermissionDenied) as exc:
        for texts in _errors(exc).values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, f"已保存证据文件 {ev.original_name}（SHA-256 {ev.sha256[:16]}…）。")
    return redirect("enforcement:case_detail", pk=pk)


@login_required
def case_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = case_sel.case_for(request.user, pk)
    case_sel.log_personal_data_view(request.user, case, note=f"下载文书：{documents.label(kind)}")
    return documents.docx_response(case, kind)


# --- publicity ------------------------------------------------------------------------------
@login_required
def publicity_list(request: HttpRequest) -> HttpResponse:
    qs = pub_sel.publicity_visible_to(request.user)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    page = Paginator(
        qs.order_by(F("due_on").asc(nulls_last=True), "id") if status == "due" else qs, 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/publicity_list.html",
        {"page": page, "statuses": PublicityStatus.choices, "status": status, "today": workdays.today()},
    )


@login_required
@require_POST
def publicity_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    record = get_object_or_404(pub_sel.publicity_visible_to(request.user), pk=pk)
    try:
        on = as_date(request.POST.get("on") or workdays.today(), "on", "日期")
        if verb == "publish":
            pub_svc.publish_record(actor=request.user, record=record, on=on)
        elif verb == "revoke":
            pub_svc.revoke_decision(
                actor=request.user, record=record, on=on, reason=request.POST.get("reason", "")
            )
        elif verb == "withdraw":
            pub_svc.withdraw_record(actor=request.user, record=record, on=on)
        else:
            raise PermissionDenied("未知操作。")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(m for ms in _errors(exc).values() for m in ms))
    else:
        messages.success(request, "已办理。")
    return redirect(request.POST.get("next") or "enforcement:publicity")


@login_required
def permit_new(request: HttpRequest) -> HttpResponse:
    agency_id = getattr(request.user, "agency_id", None)
    ctx: dict[str, Any] = {
        "matters": cat_sel.matters_visible_to(request.user, kind="permit", agency_id=agency_id),
        "data": request.POST or {"decided_on": workdays.today().isoformat()},
        "errors": {},
    }
    if request.method == "POST":
        data = s.PermitDecisionIn(data=request.POST)
        try:
            data.is_valid(raise_exception=True)
            permit = pub_svc.record_permit_decision(actor=request.user, **data.validated_data)
        except Exception as exc:  # noqa: BLE001
            if not isinstance(exc, (ValidationError, PermissionDenied)) and not hasattr(exc, "detail"):
                raise
            ctx["errors"] = _errors(exc)
        else:
            record: Any = pub_sel.publicity_of_permit(permit)  # annotated: due_on, calendar_pending
            due = (
                f"{record.due_on}（待日历确认）"
                if record and record.calendar_pending
                else record and record.due_on
            )
            messages.success(request, f"已登记行政许可决定 {permit.number}，公示期限 {due}。")
            return redirect("enforcement:publicity")
    return render(request, "enforcement/permit_new.html", ctx)


# --- catalogue ------------------------------------------------------------------------------
@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    qs = cat_sel.matters_with_benchmarks(request.user).order_by("agency__name", "code")
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    from fazhi.enforcement.choices import MatterKind, NoPenaltyList, ReviewGround, Tier

    review_items = cat_sel.legal_review_items_visible_to(request.user)
    agency_id = getattr(request.user, "agency_id", None)
    own = cat_sel.matters_visible_to(request.user, agency_id=agency_id).order_by("code") if agency_id else []
    return render(
        request,
        "enforcement/matter_list.html",
        {
            "page": page,
            "kinds": MatterKind.choices,
            "kind": kind,
            "review_items": review_items,
            "own_matters": own,
            "tiers": Tier.choices,
            "lists": [c for c in NoPenaltyList.choices if c[0]],
            "grounds": ReviewGround.choices,
            "can_manage": bool(agency_id)
            and request.user.has_perm(
                "enforcement.manage_catalogue",
                Matter(agency_id=agency_id, jurisdiction_id=getattr(request.user, "jurisdiction_id", None)),  # type: ignore[misc]
            ),
        },
    )


@login_required
def matter_export(request: HttpRequest) -> HttpResponse:
    content = cat_svc.export_catalogue(
        cat_sel.matters_with_benchmarks(request.user).order_by("agency__name", "code")
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E6%89%A7%E6%B3%95%E4%BA%8B%E9%A1%B9%E6%B8%85%E5%8D%95.xlsx"
    )
    return response


@login_required
@require_POST
def matter_import(request: HttpRequest) -> HttpResponse:
    try:
        agency = actor_agency(request.user, "导入执法事项清单")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "请选择要导入的 Excel 文件。"})
        counts = cat_svc.import_catalogue(actor=request.user, agency=agency, file=upload)
    except (ValidationError, PermissionDenied) as exc:
        for ms in _errors(exc).values():
            for m in ms:
                messages.error(request, m)
    else:
        messages.success(
            request, f"已导入执法事项 {counts['matters']} 项、裁量基准 {counts['benchmarks']} 条。"
        )
    return redirect("enforcement:matters")


@login_required
@require_POST
def catalogue_add(request: HttpRequest, what: str) -> HttpResponse:
    """Add a matter, a benchmark or a legal-review item for the user's own agency (forms on 执法事项)."""
    try:
        agency = actor_agency(request.user, "维护执法事项清单")
        post = request.POST
        if what == "matter":
            created = cat_svc.create_matter(
                actor=request.user,
                agency=agency,
                code=post.get("code", ""),
                name=post.get("name", ""),
                kind=post.get("kind", ""),
                legal_basis=post.get("legal_basis", ""),
                basis_article=post.get("basis_article", ""),
            )
            messages.success(request, f"已登记执法事项 {created.code} {created.name}。")
        elif what == "benchmark":
            matter = get_object_or_404(cat_sel.matters_visible_to(request.user), pk=post.get("matter") or 0)
            cat_svc.add_benchmark(
                actor=request.user,
                matter=matter,
                tier=post.get("tier", ""),
                circumstance=post.get("circumstance", ""),
                fine_min=post.get("fine_min"),
                fine_max=post.get("fine_max"),
                no_penalty_list=post.get("no_penalty_list", ""),
                other_penalties=post.get("other_penalties", ""),
            )
            messages.success(request, f"已为“{matter.name}”增加裁量基准。")
        elif what == "review-item":
            matter_id = post.get("matter") or None
            listed = (
                get_object_or_404(cat_sel.matters_visible_to(request.user), pk=matter_id)
                if matter_id
                else None
            )
            cat_svc.add_legal_review_item(
                actor=request.user,
                agency=agency,
                ground=post.get("ground", ""),
                matter=listed,
                circumstance=post.get("circumstance", ""),
                min_fine=post.get("min_fine"),
            )
            messages.success(request, "已增加法制审核目录事项。")
        else:
            raise PermissionDenied("未知操作。")
    except (ValidationError, PermissionDenied) as exc:
        for texts in _errors(exc).values():
            for text in texts:
                messages.error(request, text)
    return redirect("enforcement:matters")
