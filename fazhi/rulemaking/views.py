"""Staff pages: parse input → one selector or service → render (STYLE.md §2.2).

Every action form is named like its transition and posts to `<record>/do/<action>/`; the page lists
only the actions the engine says the user may take now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import excel, procedures, workdays
from fazhi.core.procedures.selectors import case_panel
from fazhi.org.models import User

from . import conf, forms, selectors, services
from .choices import CommentAnswer, FlagDecision
from .models import CleanupCampaign, LegalAdviser, NormativeDocument, PreReviewFlag, PublicComment
from .procedures import NORMATIVE_DOCUMENT, PAPER_REVIEW_PROCEDURE

Fn = Callable[[Any, Any, dict[str, Any]], Any]
Actions = dict[str, tuple[str, type[djforms.Form], Fn]]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _probe(user: User) -> CleanupCampaign:
    """A record of the user's jurisdiction, for the jurisdiction-wide permissions."""
    return CleanupCampaign(jurisdiction_id=user.jurisdiction_id or 0)


def _actions_context(
    request: HttpRequest, obj: Any, actions: Actions, names: list[str], bound: tuple[str, Any] | None
) -> list[dict[str, Any]]:
    today = workdays.today()
    out = []
    for name in dict.fromkeys(names):
        if name not in actions:
            continue
        label, form_class, _ = actions[name]
        form = bound[1] if bound and bound[0] == name else _form(form_class, obj, initial={"on": today})
        out.append({"name": name, "label": label, "form": form})
    return out


def _form(form_class: type[djforms.Form], obj: Any, data: Any = None, initial: Any = None) -> djforms.Form:
    form = form_class(data, initial=initial)
    if isinstance(form, forms.AssignForm):
        form.fields["reviewer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role="supervisor", jurisdiction_id=obj.jurisdiction_id, is_active=True
        )
        form.fields["adviser"].queryset = LegalAdviser.objects.filter(jurisdiction_id=obj.jurisdiction_id)  # type: ignore[attr-defined]
    return form


def _run(request: HttpRequest, obj: Any, actions: Actions, name: str) -> tuple[bool, Any]:
    if name not in actions:
        raise Http404("没有该办理环节。")
    label, form_class, fn = actions[name]
    form = _form(form_class, obj, data=request.POST)
    if form.is_valid():
        try:
            fn(_user(request), obj, dict(form.cleaned_data))
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"已办理“{label}”。")
            return True, None
    return False, (name, form)


# --- normative documents ------------------------------------------------------------------------
DOCUMENT_ACTIONS: Actions = {
    "assess": (
        "评估论证",
        forms.AssessForm,
        lambda u, d, v: services.assess_document(actor=u, document=d, **v),
    ),
    "add_version": (
        "录入修改稿",
        forms.VersionForm,
        lambda u, d, v: services.add_version(actor=u, document=d, **v),
    ),
    "open_comment": (
        "公开征求意见",
        forms.CommentPeriodForm,
        lambda u, d, v: services.open_comment(actor=u, document=d, **v),
    ),
    "close_comment": (
        "结束征求意见",
        forms.OnForm,
        lambda u, d, v: services.close_comment(actor=u, document=d, **v),
    ),
    "submit_review": (
        "报送合法性审核",
        forms.OnForm,
        lambda u, d, v: services.submit_review(actor=u, document=d, **v),
    ),
    "pass_review": (
        "出具审核意见（通过）",
        forms.OpinionForm,
        lambda u, d, v: services.pass_review(actor=u, document=d, **v),
    ),
    "fail_review": (
        "出具审核意见（不通过）",
        forms.FailForm,
        lambda u, d, v: services.fail_review(actor=u, document=d, **v),
    ),
    "resubmit": (
        "修改后重新报送审核",
        forms.OnForm,
        lambda u, d, v: services.resubmit_document(actor=u, document=d, **v),
    ),
    "fair_competition_review": (
        "公平竞争审查",
        forms.FairCompetitionForm,
        lambda u, d, v: services.record_fair_competition(actor=u, document=d, **v),
    ),
    "deliberate": (
        "集体审议",
        forms.DeliberationForm,
        lambda u, d, v: services.deliberate_document(actor=u, document=d, **v),
    ),
    "publish": (
        "签发公布（统一编号）",
        forms.PublicationForm,
        lambda u, d, v: services.publish_document(actor=u, document=d, prefix=v.pop("number_prefix"), **v),
    ),
    "take_effect": ("施行", forms.OnForm, lambda u, d, v: services.take_effect(actor=u, document=d, **v)),
    "file": ("报送备案", forms.FilingForm, lambda u, d, v: services.file_document(actor=u, document=d, **v)),
    "review_filing": (
        "备案审查",
        forms.FilingReviewForm,
        lambda u, d, v: services.review_filing(actor=u, document=d, **v),
    ),
    "evaluate": (
        "有效期届满前评估",
        forms.EvaluationForm,
        lambda u, d, v: services.evaluate_document(actor=u, document=d, **v),
    ),
    "end": ("废止、宣布失效", forms.EndForm, lambda u, d, v: services.end_document(actor=u, document=d, **v)),
    "withdraw": (
        "终止起草",
        forms.ReasonForm,
        lambda u, d, v: services.withdraw_document(actor=u, document=d, **v),
    ),
}
TRANSITION_ACTION = {"file_in_force": "file", "repeal": "end", "declare_expired": "end"}


def _document_names(doc: Any, user: User) -> list[str]:
    names = [TRANSITION_ACTION.get(t.name, t.name) for t in procedures.available_transitions(doc, user)]
    if user.has_perm("rulemaking.draft_document", doc) and doc.state in (
        "registered",
        "assessed",
        "commented",
        "review_failed",
        "reviewed",
    ):
        names.append("add_version")
    if user.has_perm("rulemaking.accept_filing", doc) and doc.filed_on and doc.filing_compliant is None:
        names.append("review_filing")
    if doc.filed_on:
        names = [n for n in names if n != "file"]
    return names


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
        "actions": _actions_context(request, doc, DOCUMENT_ACTIONS, _document_names(doc, user), bound),
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
    ok, bound = _run(request, doc, DOCUMENT_ACTIONS, action)
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
    form = forms.CleanupForm(request.POST or None, initial={"started_on": workdays.today()})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.start_cleanup(actor=user, jurisdiction=user.jurisdiction, **form.cleaned_data)
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
DECISION_ACTIONS: Actions = {
    "open_participation": (
        "公开征求意见",
        forms.CommentPeriodForm,
        lambda u, d, v: services.open_participation(actor=u, decision=d, **v),
    ),
    "close_participation": (
        "结束征求意见",
        forms.ParticipationCloseForm,
        lambda u, d, v: services.close_participation(actor=u, decision=d, **v),
    ),
    "record_hearing": (
        "听证",
        forms.HearingForm,
        lambda u, d, v: services.record_hearing(actor=u, decision=d, **v),
    ),
    "record_expert_review": (
        "专家论证",
        forms.ExpertForm,
        lambda u, d, v: services.record_expert_review(actor=u, decision=d, **v),
    ),
    "record_risk_assessment": (
        "风险评估",
        forms.RiskForm,
        lambda u, d, v: services.record_risk_assessment(actor=u, decision=d, **v),
    ),
    "submit_review": (
        "报送合法性审查",
        forms.OnForm,
        lambda u, d, v: services.submit_decision_review(actor=u, decision=d, **v),
    ),
    "pass_review": (
        "合法性审查意见（通过）",
        forms.DecisionOpinionForm,
        lambda u, d, v: services.pass_decision_review(actor=u, decision=d, **v),
    ),
    "fail_review": (
        "合法性审查意见（不通过）",
        forms.DecisionOpinionForm,
        lambda u, d, v: services.fail_decision_review(actor=u, decision=d, **v),
    ),
    "resubmit": (
        "修改后重新报送审查",
        forms.OnForm,
        lambda u, d, v: services.resubmit_decision(actor=u, decision=d, **v),
    ),
    "decide": ("集体讨论决定", forms.DecideForm, lambda u, d, v: services.decide(actor=u, decision=d, **v)),
    "publish_decision": (
        "决策公布",
        forms.OnForm,
        lambda u, d, v: services.publish_decision(actor=u, decision=d, **v),
    ),
    "record_report": (
        "执行情况报告、后评估",
        forms.ReportForm,
        lambda u, d, v: services.record_report(actor=u, decision=d, **v),
    ),
    "abandon": (
        "终止决策",
        forms.ReasonForm,
        lambda u, d, v: services.abandon_decision(actor=u, decision=d, **v),
    ),
}


def _decision_names(decision: Any, user: User) -> list[str]:
    names = [t.name for t in procedures.available_transitions(decision, user)]
    if user.has_perm("rulemaking.manage_decision", decision):
        if decision.state in ("registered", "consulting", "consulted", "review_failed"):
            names += ["record_hearing", "record_expert_review", "record_risk_assessment"]
        if decision.state == "decided":
            names += ["record_report"] + ([] if decision.published_on else ["publish_decision"])
    return names


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
        "actions": _actions_context(
            request, decision, DECISION_ACTIONS, _decision_names(decision, user), bound
        ),
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
    ok, bound = _run(request, decision, DECISION_ACTIONS, action)
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
PAPER_ACTIONS: Actions = {
    "assign": ("分办", forms.AssignForm, lambda u, p, v: services.assign_paper(actor=u, paper=p, **v)),
    "give_opinion": (
        "出具法律意见书",
        forms.PaperOpinionForm,
        lambda u, p, v: services.give_opinion(actor=u, paper=p, **v),
    ),
    "return_paper": ("退回", forms.ReasonForm, lambda u, p, v: services.return_paper(actor=u, paper=p, **v)),
}


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
    names = [t.name for t in procedures.available_transitions(paper, user)]
    return {
        "paper": paper,
        "panel": case_panel(paper, user),
        "actions": _actions_context(request, paper, PAPER_ACTIONS, names, bound),
    }


@login_required
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(selectors.papers_visible_to(request.user), pk=pk)
    return render(request, "rulemaking/paper_detail.html", _paper_context(request, paper))


@login_required
@require_POST
def paper_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    paper = get_object_or_404(selectors.papers_visible_to(request.user), pk=pk)
    ok, bound = _run(request, paper, PAPER_ACTIONS, action)
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
