"""Staff pages: parse input → one selector or service → render (STYLE.md §2.2).

Every action form is named like its transition and posts to `<record>/do/<action>/`; the page lists
only the actions the engine says the user may take now.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import excel, procedures, workdays
from fazhi.core.procedures.selectors import case_panel
from fazhi.core.procedures.verbs import VerbTable
from fazhi.org.models import User

from . import conf, forms, selectors, services
from .choices import CommentAnswer, FlagDecision
from .models import CleanupCampaign, NormativeDocument, PreReviewFlag, PublicComment
from .procedures import NORMATIVE_DOCUMENT, PAPER_REVIEW_PROCEDURE
from .verbs import DECISION_VERBS, DOCUMENT_VERBS, PAPER_VERBS


def _actions(table: VerbTable, case: Any, user: User, bound: tuple[str, Any] | None) -> list[Any]:
    """The case page's action forms from the verb table (blocked ones with their reason)."""
    actions = table.html_actions(case, user, initial={"on": workdays.today()}, bound=bound)
    for a in actions:  # the paper's jurisdiction only (the service checks it again)
        if isinstance(a.form, forms.AssignForm):
            for name in ("reviewer", "adviser"):
                field = a.form.fields[name]
                field.queryset = field.queryset.filter(jurisdiction_id=case.jurisdiction_id)  # type: ignore[attr-defined]
    return actions


def _post(
    table: VerbTable, request: HttpRequest, case: Any, name: str
) -> tuple[bool, tuple[str, Any] | None]:
    done, form = table.html_post(request, case, name)
    if done:
        messages.success(request, "已办理。")
        return True, None
    return False, (name, form)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _probe(user: User) -> CleanupCampaign:
    """A record of the user's jurisdiction, for the jurisdiction-wide permissions."""
    return CleanupCampaign(jurisdiction_id=user.jurisdiction_id or 0)


# --- normative documents ------------------------------------------------------------------------
@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    qs = selectors.documents_visible_to(user)
    state, q = request.GET.get("state", ""), request.GET.get("q", "").strip()
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(title__icontains=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = workdays.today()
    return render(
        request,
        "rulemaking/document_list.html",
        {
            "page": page,
            "states": NORMATIVE_DOCUMENT.states.items(),
            "state": state,
            "q": q,
            "expiring": selectors.documents_expiring(user, on=today)[:20],
            "can_register": user.agency_id is not None
            and user.has_perm(
                "rulemaking.draft_document",
                NormativeDocument(agency=user.agency, jurisdiction_id=user.jurisdiction_id or 0),
            ),
            "local_note": conf.LOCAL_RULE_NOTE,
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.DocumentCreateForm(request.POST or None, initial={"registered_on": workdays.today()})
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.register_document(actor=user, agency=user.agency, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"已登记《{doc.title}》。")
            return redirect(doc)
    return render(request, "rulemaking/form_page.html", {"form": form, "title": "登记规范性文件草案"})


def _document_context(request: HttpRequest, doc: Any, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    user = _user(request)
    version = selectors.latest_version(doc)
    may_decide = user.has_perm("rulemaking.decide_flag", doc) and doc.state == "legality_review"
    may_answer = user.has_perm("rulemaking.answer_comment", doc)
    today = workdays.today()
    return {
        "doc": doc,
        "panel": case_panel(doc, user),
        "version": version,
        "clauses": selectors.clauses_with_flags_and_comments(version) if version else [],
        "actions": _actions(DOCUMENT_VERBS, doc, user, bound),
        "flag_form": forms.FlagDecisionForm(initial={"on": today}) if may_decide else None,
        "answer_form": forms.AnswerForm(initial={"on": today}) if may_answer else None,
        "pending": FlagDecision.PENDING,
        "unanswered": CommentAnswer.PENDING,
        "local_note": conf.LOCAL_RULE_NOTE,
    }


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    return render(request, "rulemaking/document_detail.html", _document_context(request, doc))


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    ok, bound = _post(DOCUMENT_VERBS, request, doc, action)
    if ok:
        return redirect(doc)
    return render(
        request, "rulemaking/document_detail.html", _document_context(request, doc, bound), status=400
    )


@login_required
def filing_set(request: HttpRequest, pk: int) -> HttpResponse:
    """备案材料 — the printable filing set: report, text, explanation, opinion, minutes, comments."""
    doc = get_object_or_404(
        selectors.documents_visible_to(request.user).filter(published_on__isnull=False), pk=pk
    )
    comments = selectors.comments_of(doc)
    counts = {"total": comments.count()} | {
        a: comments.filter(answer=a).count() for a in ("adopted", "partly", "not_adopted")
    }
    filing = procedures.deadlines(doc).filter(clock="filing").order_by("-id").first()
    return render(request, "rulemaking/filing_set.html", {"doc": doc, "counts": counts, "filing": filing})


@login_required
@require_POST
def flag_decide(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(
        PreReviewFlag.objects.filter(
            clause__version__document__in=selectors.documents_visible_to(request.user)
        ),
        pk=pk,
    )
    form = forms.FlagDecisionForm(request.POST)
    doc = flag.clause.version.document
    if form.is_valid():
        try:
            services.decide_flag(actor=_user(request), flag=flag, **form.cleaned_data)
            messages.success(request, "已确认预审提示。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "请填写确认结果和日期。")
    return redirect(doc) if doc is not None else redirect("rulemaking:document_list")


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    docs = selectors.documents_visible_to(request.user)
    decisions = selectors.decisions_visible_to(request.user)
    comment = get_object_or_404(
        PublicComment.objects.filter(version__document__in=docs)
        | PublicComment.objects.filter(version__decision__in=decisions),
        pk=pk,
    )
    form = forms.AnswerForm(request.POST)
    owner = comment.version.document or comment.version.decision
    if form.is_valid():
        try:
            services.answer_comment(actor=_user(request), comment=comment, **form.cleaned_data)
            messages.success(request, "已答复。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "请选择采纳情况。")
    return redirect(owner) if owner is not None else redirect("rulemaking:document_list")


# --- cleanup ------------------------------------------------------------------------------------
@login_required
def cleanup_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    valid = (
        NormativeDocument.objects.filter(jurisdiction_id=user.jurisdiction_id or 0).valid().order_by("number")
    )
    form = forms.CleanupForm(
        request.POST or None, initial={"started_on": workdays.today()}, valid_documents=valid
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["documents"] = list(data["documents"])
        try:
            campaign = services.start_cleanup(actor=user, jurisdiction=user.jurisdiction, **data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            return redirect(campaign)
    page = Paginator(selectors.cleanups_visible_to(user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rulemaking/cleanup_list.html",
        {
            "page": page,
            "form": form if user.has_perm("rulemaking.manage_cleanup", _probe(user)) else None,
        },
    )


def _campaign(request: HttpRequest, pk: int) -> CleanupCampaign:
    return get_object_or_404(selectors.cleanups_visible_to(request.user), pk=pk)


@login_required
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    user = _user(request)
    errors: list[Any] = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "result":
                form = forms.CleanupResultForm(request.POST)
                result = get_object_or_404(campaign.results, pk=request.POST.get("result"))
                if not form.is_valid():
                    raise ValidationError("请选择清理结论并填写理由。")
                services.record_cleanup_result(actor=user, result=result, **form.cleaned_data)
            elif action == "upload":
                upload = request.FILES.get("file")
                outcome = services.import_cleanup_results(
                    actor=user,
                    campaign=campaign,
                    content=upload.read() if upload else b"",
                    on=workdays.today(),
                )
                errors = outcome.errors
                if not errors:
                    messages.success(request, f"已导入 {outcome.updated} 件文件的清理结论。")
            elif action == "conclude":
                services.conclude_cleanup(actor=user, campaign=campaign, on=workdays.today())
                messages.success(request, "清理工作已结束，清理结果已生效。")
        except excel.ImportFileError as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        if not errors:
            return redirect(campaign)
    results = campaign.results.select_related("document").order_by("document__number")
    return render(
        request,
        "rulemaking/cleanup_detail.html",
        {
            "campaign": campaign,
            "results": results,
            "errors": errors,
            "may_manage": user.has_perm("rulemaking.manage_cleanup", campaign)
            and campaign.concluded_on is None,
            "result_form": forms.CleanupResultForm(initial={"on": workdays.today()}),
        },
        status=400 if errors else 200,
    )


@login_required
def cleanup_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    response = HttpResponse(services.result_sheet(campaign), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="cleanup-{campaign.pk}.xlsx"'
    return response


# --- major decisions ----------------------------------------------------------------------------
@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.DecisionCreateForm(request.POST or None, initial={"registered_on": workdays.today()})
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.register_decision(actor=user, agency=user.agency, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            return redirect(decision)
    page = Paginator(selectors.decisions_visible_to(user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rulemaking/decision_list.html",
        {
            "page": page,
            "form": form,
            "catalogues": selectors.catalogues_of(user),
            "may_catalogue": user.has_perm("rulemaking.manage_catalogue", _probe(user)),
        },
    )


def _decision_context(
    request: HttpRequest, decision: Any, bound: tuple[str, Any] | None = None
) -> dict[str, Any]:
    user = _user(request)
    version = selectors.latest_version(decision)
    return {
        "decision": decision,
        "panel": case_panel(decision, user),
        "version": version,
        "clauses": selectors.clauses_with_flags_and_comments(version) if version else [],
        "reports": decision.reports.all(),
        "actions": _actions(DECISION_VERBS, decision, user, bound),
        "answer_form": forms.AnswerForm(initial={"on": workdays.today()})
        if user.has_perm("rulemaking.manage_decision", decision)
        else None,
        "unanswered": CommentAnswer.PENDING,
    }


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    return render(request, "rulemaking/decision_detail.html", _decision_context(request, decision))


@login_required
@require_POST
def decision_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    ok, bound = _post(DECISION_VERBS, request, decision, action)
    if ok:
        return redirect(decision)
    return render(
        request, "rulemaking/decision_detail.html", _decision_context(request, decision, bound), status=400
    )


@login_required
@require_POST
def catalogue_action(request: HttpRequest) -> HttpResponse:
    """目录: create (year), approve (党委同意), publish."""
    user = _user(request)
    action = request.POST.get("action")
    try:
        if action == "create":
            services.create_catalogue(
                actor=user,
                jurisdiction=user.jurisdiction,
                year=int(request.POST.get("year") or workdays.today().year),
            )
        else:
            catalogue = get_object_or_404(selectors.catalogues_of(user), pk=request.POST.get("catalogue"))
            if action == "approve":
                services.approve_catalogue(
                    actor=user,
                    catalogue=catalogue,
                    on=workdays.today(),
                    approval_note=request.POST.get("approval_note", ""),
                )
            elif action == "publish":
                services.publish_catalogue(actor=user, catalogue=catalogue, on=workdays.today())
            elif action == "add":
                decision = get_object_or_404(
                    selectors.decisions_visible_to(user), pk=request.POST.get("decision")
                )
                if catalogue.state == "drafted":
                    services.adjust_catalogue(
                        actor=user,
                        catalogue=catalogue,
                        decision=decision,
                        added=True,
                        on=workdays.today(),
                        reason=request.POST.get("reason") or "列入年度目录",
                    )
                else:
                    services.adjust_catalogue(
                        actor=user,
                        catalogue=catalogue,
                        decision=decision,
                        added=True,
                        on=workdays.today(),
                        reason=request.POST.get("reason", ""),
                    )
        messages.success(request, "已办理。")
    except ValueError:
        messages.error(request, "年度：请填写四位数年度。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("rulemaking:decision_list")


# --- papers and advisers ------------------------------------------------------------------------
@login_required
def paper_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.PaperCreateForm(request.POST or None, initial={"received_on": workdays.today()})
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.submit_paper(actor=user, agency=user.agency, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            return redirect(paper)
    qs = selectors.papers_visible_to(user)
    state = request.GET.get("state", "")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rulemaking/paper_list.html",
        {
            "page": page,
            "form": form,
            "states": PAPER_REVIEW_PROCEDURE.states.items(),
            "state": state,
            "local_note": conf.LOCAL_RULE_NOTE,
        },
    )


def _paper_context(request: HttpRequest, paper: Any, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    user = _user(request)
    return {
        "paper": paper,
        "panel": case_panel(paper, user),
        "actions": _actions(PAPER_VERBS, paper, user, bound),
    }


@login_required
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(selectors.papers_visible_to(request.user), pk=pk)
    return render(request, "rulemaking/paper_detail.html", _paper_context(request, paper))


@login_required
@require_POST
def paper_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    paper = get_object_or_404(selectors.papers_visible_to(request.user), pk=pk)
    ok, bound = _post(PAPER_VERBS, request, paper, action)
    if ok:
        return redirect(paper)
    return render(request, "rulemaking/paper_detail.html", _paper_context(request, paper, bound), status=400)


@login_required
def adviser_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = workdays.today().year
    form = forms.AdviserForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "meeting":
        adviser = get_object_or_404(selectors.advisers_of(user, year), pk=request.POST.get("adviser"))
        mform = forms.MeetingForm(request.POST)
        if mform.is_valid():
            try:
                services.record_adviser_meeting(actor=user, adviser=adviser, **mform.cleaned_data)
                messages.success(request, "已登记列席会议。")
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
        else:
            messages.error(request, "请填写会议日期和名称。")
        return redirect("rulemaking:adviser_list")
    if request.method == "POST" and form.is_valid():
        try:
            services.engage_adviser(actor=user, jurisdiction=user.jurisdiction, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, "已登记法律顾问。")
            return redirect("rulemaking:adviser_list")
    advisers = selectors.advisers_of(user, year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(services.adviser_sheet(advisers), content_type=excel.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="legal-advisers-{year}.xlsx"'
        return response
    return render(
        request,
        "rulemaking/adviser_list.html",
        {
            "advisers": advisers,
            "year": year,
            "form": form if user.has_perm("rulemaking.manage_advisers", _probe(user)) else None,
            "meeting_form": forms.MeetingForm(initial={"on": workdays.today()}),
        },
    )
