"""The three matter types (disclosure requests, suggestions and proposals, petitions) share one
detail page and one action endpoint: each `Kind` names its selector, its action forms (named like
the transitions and the API verbs) and the service each calls; lists and registration forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import procedures, workdays
from fazhi.core.procedures.verbs import Verb, VerbTable
from fazhi.org.models import Agency

from .. import forms, selectors, services
from ..api.views import DISCLOSURE_VERBS, PETITION_VERBS, SUGGESTION_VERBS
from ..procedures import DISCLOSURE, PETITION, SUGGESTION
from ._common import _agencies, _status, _user


@dataclass
class Kind:
    """One matter type on the staff pages. Its actions are the verbs of its verb table (the same
    names, services and labels as the API); `forms` gives the case page's form of each verb."""

    key: str
    title: str
    detail: Callable[[Any, int], Any]
    table: VerbTable
    forms: dict[str, type[forms.forms.Form]]
    facts: Callable[[Any], list[tuple[str, Any]]]
    done: Callable[[Any], set[str]] = field(default=lambda case: set())  # extras already done
    form_kwargs: Callable[[Any], dict[str, dict[str, Any]]] = field(default=lambda case: {})

    def form(self, name: str, case: Any, *args: Any, **kwargs: Any) -> Any:
        extra: dict[str, Any] = {**kwargs, **self.form_kwargs(case).get(name, {})}
        return self.forms[name](*args, **extra)

    def offered(self, case: Any, user: Any) -> list[tuple[Verb, bool, str]]:
        done = self.done(case)
        return [
            o for o in self.table.offered(case, user) if o[0].name in self.forms and o[0].name not in done
        ]


def _disclosure_facts(c: Any) -> list[tuple[str, Any]]:
    return [
        ("受理机关", c.agency.name),
        ("申请人", f"{c.applicant_name}（{c.get_applicant_kind_display()}）"),
        ("所需信息", c.description),
        ("提交方式", c.get_channel_display()),
        ("提交（寄出）日期", c.submitted_on),
        ("交邮日期", c.posted_on or "—"),
        ("收到申请日期（第三十一条）", c.received_on),
        ("补正事项", c.amendment_items or "—"),
        ("第三方", c.third_party or "—"),
        ("信息处理费", f"{c.fee_amount}元" if c.fee_amount else "—"),
        ("答复类型", c.get_reply_type_display() or "—"),
        (
            "答复用时",
            f"{c.response_working_days}个工作日（不含补正、征求意见、缴费时间）"
            if c.response_working_days is not None
            else "—",
        ),
    ]


def _suggestion_facts(c: Any) -> list[tuple[str, Any]]:
    co = "、".join(
        f"{h.agency.name}（{'已会签' if h.countersigned_on else '未会签'}）" for h in c.co_handlers.all()
    )
    return [
        ("类别", c.get_kind_display()),
        ("标题", c.title),
        ("领衔代表（委员）", c.proposers),
        ("主办单位", c.agency.name if c.agency else "待交办"),
        ("协办单位", co or "—"),
        ("复杂事项", "是" if c.is_complex else "否"),
        (
            "申请延期",
            f"{c.extension_requested_on:%Y-%m-%d}：{c.extension_request_ground}"
            if c.extension_requested_on
            else "—",
        ),
        ("办理结果分类", c.get_category_display() or "—"),
        ("答复内容", c.reply_text or "—"),
        ("满意度", c.get_satisfaction_display() or "—"),
        ("复文公开", c.published_on or "未公开"),
    ]


def _petition_facts(c: Any) -> list[tuple[str, Any]]:
    return [
        ("办理机关", c.agency.name),
        ("信访形式", c.get_channel_display()),
        ("信访人", c.petitioner),
        ("信访事项", c.content),
        ("收到日期", c.received_on),
        ("处理意见", c.get_outcome_display() or "—"),
        ("复查意见", c.get_review_outcome_display() or "—"),
        ("复核意见", c.get_rereview_outcome_display() or "—"),
        ("监督线索", "涉行政执法投诉" if c.is_enforcement_complaint else "否"),
        ("关联执法案件", c.enforcement_case or "—"),
    ]


DF, SF, PF = forms.DISCLOSURE_FORMS, forms.SUGGESTION_FORMS, forms.PETITION_FORMS
DISCLOSURE_KIND = Kind(
    key="disclosure",
    title="政府信息公开申请",
    detail=selectors.disclosure_detail,
    table=DISCLOSURE_VERBS,
    forms={**DF, "extend_processing": DF["extend"]},
    facts=_disclosure_facts,
)
SUGGESTION_KIND = Kind(
    key="suggestion",
    title="建议提案",
    detail=selectors.suggestion_detail,
    table=SUGGESTION_VERBS,
    forms={**SF, "rereply": SF["reply"], "close": SF["feedback"], "rehandle": SF["feedback"]},
    facts=_suggestion_facts,
    done=lambda c: {
        n
        for n, done in (
            ("publish", c.published_on is not None),
            ("request_extension", c.extension_requested_on is not None),
        )
        if done
    },
    form_kwargs=lambda c: {
        "assign": {"agencies": Agency.objects.filter(jurisdiction_id=c.jurisdiction_id, is_active=True)}
    },
)
PETITION_KIND = Kind(
    key="petition",
    title="信访事项",
    detail=selectors.petition_detail,
    table=PETITION_VERBS,
    forms=PF,
    facts=_petition_facts,
    done=lambda c: {
        n
        for n, done in (
            ("record_service", c.opinion_served_on is not None),
            ("record_review_service", c.review_served_on is not None),
            ("link_enforcement_case", c.enforcement_case_id is not None),
        )
        if done
    },
    form_kwargs=lambda c: {"link_enforcement_case": {"agency": c.agency}},
)
KINDS = {k.key: k for k in (DISCLOSURE_KIND, SUGGESTION_KIND, PETITION_KIND)}


def _detail_context(
    request: HttpRequest, kind: Kind, case: Any, bound: tuple[str, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    today = workdays.today()
    actions = []
    for verb, allowed, reason in kind.offered(case, user):
        form = None
        if allowed:
            form = (
                bound[1]
                if bound and bound[0] == verb.name
                else kind.form(verb.name, case, initial={"on": today})
            )
        actions.append(
            {
                "name": verb.name,
                "label": kind.table.label(verb),
                "form": form,
                "allowed": allowed,
                "reason": reason,
            }
        )
    return {
        "kind": kind,
        "case": case,
        "facts": kind.facts(case),
        "panel": procedures.case_panel(case, user, on=today),
        "actions": actions,
    }


@login_required
def matter_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k = KINDS[kind]
    case = k.detail(request.user, pk)
    return render(request, "affairs/matter_detail.html", _detail_context(request, k, case))


@login_required
@require_POST
def matter_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """One verb of the case's verb table, from its form; the service (and the engine) decide."""
    k = KINDS[kind]
    case = k.detail(request.user, pk)
    verb = k.table.verb(action)
    if verb is None or action not in k.forms:
        raise Http404("没有这个办理环节。")
    label = k.table.label(verb)
    if action not in {v.name for v, allowed, _ in k.offered(case, request.user) if allowed}:
        raise PermissionDenied(f"您现在不能办理“{label}”。")
    form = k.form(action, case, request.POST)
    if form.is_valid():
        try:
            verb.perform(request.user, case, dict(form.cleaned_data))
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"已办理：{label}。")
            return redirect(case)
    messages.error(request, f"“{label}”未办理，请查看下方提示。")
    case = k.detail(request.user, pk)
    return render(
        request, "affairs/matter_detail.html", _detail_context(request, k, case, (action, form)), status=400
    )


# --- lists ---------------------------------------------------------------------------------------
def _list(
    request: HttpRequest,
    *,
    qs: Any,
    title: str,
    tab: str,
    states: Any,
    columns: list[str],
    cells: Callable[[Any], list[Any]],
    create_url: str = "",
) -> HttpResponse:
    state = request.GET.get("state", "")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = workdays.today()
    rows = [
        {"case": c, "cells": cells(c), "status": _status(c.next_due, c.next_due_state, today)} for c in page
    ]
    return render(
        request,
        "affairs/matter_list.html",
        {
            "title": title,
            "tab": tab,
            "rows": rows,
            "page": page,
            "states": states.items(),
            "state": state,
            "columns": columns,
            "create_url": create_url,
        },
    )


@login_required
def disclosure_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        qs=selectors.disclosure_requests_visible_to(request.user),
        title="政府信息公开申请",
        tab="gongkai",
        states=DISCLOSURE.states,
        columns=["编号", "受理机关", "申请人", "收到日期"],
        cells=lambda c: [c.number, c.agency.name, c.applicant_name, c.received_on],
        create_url=reverse("affairs:disclosure_create"),
    )


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    can = request.user.has_perm("affairs.assign_suggestion")
    return _list(
        request,
        qs=selectors.suggestions_visible_to(request.user),
        title="人大代表建议和政协委员提案",
        tab="jianyi",
        states=SUGGESTION.states,
        columns=["编号", "标题", "主办单位", "提出日期"],
        cells=lambda c: [c.number, c.title, c.agency.name if c.agency else "待交办", c.received_on],
        create_url=reverse("affairs:suggestion_create") if can else "",
    )


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.petitions_visible_to(request.user)
    if request.GET.get("lead"):  # 12345 / petition complaints about enforcement: supervision leads
        qs = qs.filter(is_enforcement_complaint=True)
    return _list(
        request,
        qs=qs,
        title="信访事项",
        tab="xinfang",
        states=PETITION.states,
        columns=["编号", "办理机关", "信访人", "收到日期"],
        cells=lambda c: [c.number, c.agency.name, c.petitioner, c.received_on],
        create_url=reverse("affairs:petition_create"),
    )


# --- create ---------------------------------------------------------------------------------------
def _create(
    request: HttpRequest, form: Any, title: str, tab: str, save: Callable[[dict[str, Any]], Any]
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            case = save(dict(form.cleaned_data))
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记 {case.number}。")
            return redirect(case)
    return render(
        request,
        "affairs/form.html",
        {"form": form, "title": title, "tab": tab},
        status=400 if form.errors else 200,
    )


@login_required
def disclosure_create(request: HttpRequest) -> HttpResponse:
    form = forms.DisclosureRequestForm(
        request.POST or None, agencies=_agencies(request.user), initial={"submitted_on": workdays.today()}
    )
    return _create(
        request,
        form,
        "登记政府信息公开申请",
        "gongkai",
        lambda d: services.receive_request(actor=_user(request), **d),
    )


@login_required
def suggestion_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jurisdiction = user.jurisdiction
    if not user.has_perm("affairs.assign_suggestion") or jurisdiction is None:
        raise PermissionDenied("您无权登记建议提案。")
    form = forms.SuggestionForm(request.POST or None, initial={"received_on": workdays.today()})
    return _create(
        request,
        form,
        "登记建议提案",
        "jianyi",
        lambda d: services.register_suggestion(actor=user, jurisdiction=jurisdiction, **d),
    )


@login_required
def petition_create(request: HttpRequest) -> HttpResponse:
    form = forms.PetitionForm(
        request.POST or None, agencies=_agencies(request.user), initial={"received_on": workdays.today()}
    )
    return _create(
        request,
        form,
        "登记信访事项",
        "xinfang",
        lambda d: services.receive_petition(actor=_user(request), **d),
    )
