"""Staff UI: parse input → one selector or service → render (STYLE.md §2.2)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import procedures, workdays
from fazhi.org.models import Agency, User

from . import documents, forms, selectors, services
from .choices import MediationOutcome
from .procedures import RECONSIDERATION
from .verbs import RECONSIDERATION_VERBS


def _status(due: Any, state: str = "open", on: Any = None) -> str:
    if due is None:
        return ""
    if state == "paused":
        return "paused"
    return workdays.deadline_status(due, on)


def _deadline_status(d: Any, on: Any) -> str:
    """Status of one running engine deadline; `calendar_pending` while its date is provisional."""
    if d.state == "paused":
        return "paused"
    if d.calendar_pending or d.due_date is None:
        return "calendar_pending"
    return workdays.deadline_status(d.due_date, on)


# --- reconsideration -----------------------------------------------------------------------------
@login_required
def reconsideration_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.reconsiderations_visible_to(request.user)
    state = request.GET.get("state", "")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = workdays.today()
    rows = [(c, _status(c.next_due, on=today)) for c in page]  # type: ignore[attr-defined]
    return render(
        request,
        "disputes/reconsideration_list.html",
        {
            "rows": rows,
            "page": page,
            "states": RECONSIDERATION.states.items(),
            "state": state,
            "can_register": request.user.has_perm("disputes.register_application"),
        },
    )


@login_required
def reconsideration_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_perm("disputes.register_application") or user.jurisdiction is None:
        raise PermissionDenied("您无权登记行政复议申请。")
    form = forms.CounterApplicationForm(request.POST or None, jurisdiction=user.jurisdiction)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.submit_application(
                actor=user, jurisdiction=user.jurisdiction, **form.service_kwargs()
            )
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"已登记行政复议申请 {case.number}。")
            return redirect(case)
    return render(request, "disputes/reconsideration_form.html", {"form": form})


def _detail_context(request: HttpRequest, case: Any, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    today = workdays.today()
    # the verb table's forms, named like the transitions; blocked ones greyed out with the reason
    actions = [
        a
        for a in RECONSIDERATION_VERBS.html_actions(case, user, initial={"on": today}, bound=bound)
        if not (a.name == "publish" and case.published_on is not None)
    ]
    deadlines = [
        (d, _deadline_status(d, today) if d.is_running else d.state)
        # start order, those awaiting calendar data after the dated ones (as core's case panel)
        for d in sorted(
            procedures.deadlines(case), key=lambda d: (d.due_date is None, d.due_date or d.start_date)
        )
    ]
    staff = User.objects.filter(role="reconsideration_staff", jurisdiction=case.jurisdiction, is_active=True)
    return {
        "case": case,
        "deadlines": deadlines,
        "steps": procedures.steps(case),
        "actions": actions,
        "documents": documents.available(case),
        "late": services.is_late(case),
        "evidence_form": forms.EvidenceForm() if user.has_perm("disputes.file_reply", case) else None,
        "handlers_form": forms.HandlersForm(initial={"handlers": case.handlers.all()}, staff=staff)
        if user.has_perm("disputes.handle_case", case) and case.state in {"received", "accepted", "suspended"}
        else None,
    }


@login_required
def reconsideration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.reconsideration_detail(request.user, pk)
    return render(request, "disputes/reconsideration_detail.html", _detail_context(request, case))


@login_required
@require_POST
def reconsideration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = selectors.reconsideration_detail(request.user, pk)
    if action == "handlers":
        staff = User.objects.filter(role="reconsideration_staff", jurisdiction=case.jurisdiction)
        hform = forms.HandlersForm(request.POST, staff=staff)
        if hform.is_valid():
            try:
                user: User = request.user  # type: ignore[assignment]
                services.assign_handlers(actor=user, case=case, handlers=list(hform.cleaned_data["handlers"]))
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已指定承办人员。")
        return redirect(case)
    if action == "evidence":
        eform = forms.EvidenceForm(request.POST, request.FILES)
        if eform.is_valid():
            try:
                services.attach_evidence(
                    actor=request.user,  # type: ignore[arg-type]
                    case=case,
                    file=eform.cleaned_data["file"],
                    description=eform.cleaned_data["description"],
                )
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已上传证据材料。")
        else:
            messages.error(request, "请选择要上传的文件。")
        return redirect(case)
    done, form = RECONSIDERATION_VERBS.html_post(request, case, action)
    verb = RECONSIDERATION_VERBS.verb(action)
    label = RECONSIDERATION_VERBS.label(verb) if verb is not None else action
    if done:
        messages.success(request, f"已办理：{label}。")
        return redirect(case)
    messages.error(request, f"“{label}”未办理，请查看下方提示。")
    case = selectors.reconsideration_detail(request.user, pk)
    return render(
        request,
        "disputes/reconsideration_detail.html",
        _detail_context(request, case, (action, form)),
        status=400,
    )


@login_required
def reconsideration_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = selectors.reconsideration_detail(request.user, pk)
    return documents.docx_response(case, kind)


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = forms.OpinionForm(
        request.POST or None, jurisdiction=user.jurisdiction, initial={"on": workdays.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            services.issue_opinion(
                actor=user,
                agency=d["agency"],
                on=d["on"],
                content=d["content"],
                received_on=d.get("received_on"),
            )
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, "已制发行政复议意见书。")
            return redirect("disputes:opinion_list")
    today = workdays.today()
    rows = []
    for o in selectors.opinions_visible_to(user):
        due = getattr(o, "report_due", None)  # annotated by the selector (engine deadline)
        rows.append((o, "" if o.reported_on or due is None else _status(due, on=today)))
    return render(
        request,
        "disputes/opinion_list.html",
        {"rows": rows, "form": form if user.has_perm("disputes.issue_opinion", None) else None},
    )


# --- litigation ----------------------------------------------------------------------------------
def _agencies(user: Any) -> Any:
    return Agency.objects.visible_to(user)


@login_required
def litigation_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = forms.LitigationForm(request.POST or None, agencies=_agencies(user))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.register_litigation_case(actor=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                raise
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"已登记应诉案件 {case.case_number}。")
            return redirect(case)
    page = Paginator(selectors.litigation_cases_visible_to(user), 50).get_page(request.GET.get("page"))
    return render(request, "disputes/litigation_list.html", {"page": page, "form": form})


def _defence_status(case: Any) -> str:
    """Due soon / overdue of the engine's defence deadline while no defence is filed (第六十七条)."""
    due = getattr(case, "defence_due", None)  # annotated by the selector
    return "" if case.defence_filed_on or due is None else _status(due)


@login_required
def litigation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = get_object_or_404(selectors.litigation_cases_visible_to(user), pk=pk)
    hearing_form = forms.LitigationHearingForm(
        request.POST if request.POST.get("form") == "hearing" else None
    )
    judgment_form = forms.JudgmentForm(
        request.POST if request.POST.get("form") == "judgment" else None, initial={"on": workdays.today()}
    )
    defence_form = forms.OnDateForm(
        request.POST if request.POST.get("form") == "defence" else None, initial={"on": workdays.today()}
    )
    if request.method == "POST":
        which = request.POST.get("form")
        form: Any = {"hearing": hearing_form, "judgment": judgment_form, "defence": defence_form}.get(
            which or ""
        )
        if form is not None and form.is_valid():
            try:
                if which == "hearing":
                    services.record_litigation_hearing(actor=user, case=case, **form.cleaned_data)
                elif which == "judgment":
                    services.close_litigation_instance(actor=user, case=case, **form.cleaned_data)
                else:
                    services.file_defence(actor=user, case=case, on=form.cleaned_data["on"])
            except ValidationError as exc:
                forms.apply_service_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect(case)
    return render(
        request,
        "disputes/litigation_detail.html",
        {
            "case": case,
            "defence": selectors.record_deadline(case, "defence"),
            "defence_status": _defence_status(case),
            "is_loss": case.judgment in services.loss_judgments(case.jurisdiction_id),
            "hearing_form": hearing_form,
            "judgment_form": judgment_form,
            "defence_form": defence_form,
            "can_manage": user.has_perm("disputes.manage_litigation", case),
        },
    )


# --- mediation -----------------------------------------------------------------------------------
@login_required
def mediation_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = forms.MediationForm(request.POST or None, agencies=_agencies(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_mediation(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, "已登记调解。")
            return redirect("disputes:mediation_list")
    qs = selectors.mediations_visible_to(user)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/mediation_list.html",
        {
            "page": page,
            "form": form,
            "pending": MediationOutcome.PENDING,
            "close_form": forms.MediationCloseForm(initial={"on": workdays.today()}),
        },
    )


@login_required
@require_POST
def opinion_receive(request: HttpRequest, pk: int) -> HttpResponse:
    """收件机关收到意见书: the 60-day report period starts (复议法第七十六条)."""
    opinion = get_object_or_404(selectors.opinions_visible_to(request.user), pk=pk)
    form = forms.OnDateForm(request.POST)
    if form.is_valid():
        try:
            services.receive_opinion(actor=request.user, opinion=opinion, on=form.cleaned_data["on"])  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已登记收件机关收到意见书的日期，反馈期限自该日起计算。")
    else:
        messages.error(request, "请填写收到日期。")
    return redirect("disputes:opinion_list")


@login_required
@require_POST
def mediation_close(request: HttpRequest, pk: int) -> HttpResponse:
    m = get_object_or_404(selectors.mediations_visible_to(request.user), pk=pk)
    form = forms.MediationCloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_mediation(actor=request.user, mediation=m, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已结案。")
    else:
        messages.error(request, "请填写结案日期和结果。")
    return redirect("disputes:mediation_list")


# --- statistics ----------------------------------------------------------------------------------
STAT_GROUPS = (
    (
        "行政复议",
        (
            "reconsideration.received",
            "reconsideration.accepted",
            "reconsideration.rejected",
            "reconsideration.closed",
            "reconsideration.carried_over",
            "reconsideration.pending",
            "reconsideration.correction_rate",
            "reconsideration.closed_on_time_rate",
            "reconsideration.mediated",
            "reconsideration.terminated",
            "reconsideration.opinions_issued",
        ),
    ),
    (
        "行政应诉",
        (
            "litigation.cases",
            "litigation.closed",
            "litigation.head_appearance_rate",
            "litigation.losses",
            "litigation.loss_rate",
            "litigation.non_litigation_enforcement",
            "litigation.pretrial_referred",
            "litigation.pretrial_settled",
        ),
    ),
    ("调解", ("mediation.cases", "mediation.successful", "mediation.success_rate", "mediation.amount")),
)
OUTCOME_CODES = (
    "reconsideration.upheld",
    "reconsideration.altered",
    "reconsideration.revoked",
    "reconsideration.declared_unlawful",
    "reconsideration.ordered_performance",
    "reconsideration.declared_void",
    "reconsideration.dismissed",
)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """统计 — the indicator codes of INDICATORS.md, computed from the records in the user's scope."""
    from fazhi.core.indicators import Scope, registry

    user: User = request.user  # type: ignore[assignment]
    if user.jurisdiction is None:
        raise PermissionDenied("您的账号未设置行政区划。")
    try:
        year = int(request.GET.get("year") or workdays.today().year)
    except ValueError:
        year = workdays.today().year
    agency = None if (user.is_superuser or user.sees_whole_jurisdiction) else user.agency
    scope = Scope(user.jurisdiction, year, agency)
    groups = []
    for title, codes in STAT_GROUPS:
        items = []
        for code in codes:
            entry, value = registry.entry(code), registry.compute(code, scope)
            items.append({"code": code, "name": entry.name, "unit": entry.unit, "value": value})
        groups.append((title, items))
    outcomes = [(registry.entry(c).name, registry.compute(c, scope).value) for c in OUTCOME_CODES]
    return render(
        request,
        "disputes/statistics.html",
        {
            "groups": groups,
            "year": year,
            "agency": agency,
            "outcomes": outcomes,
            "years": range(year - 3, year + 2),
        },
    )
