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
from fazhi.org.models import Agency

from .. import forms, selectors, services
from ..procedures import DISCLOSURE, PETITION, SUGGESTION
from ._common import _agencies, _status, _user

Action = tuple[str, type[forms.forms.Form], Callable[[Any, Any, dict[str, Any]], Any]]


@dataclass
class Kind:
    key: str
    title: str
    detail: Callable[[Any, int], Any]
    actions: dict[str, Action]
    facts: Callable[[Any], list[tuple[str, Any]]]
    extra: Callable[[Any, Any], list[str]] = field(default=lambda case, user: [])
    form_kwargs: Callable[[Any, Any], dict[str, Any]] = field(default=lambda case, user: {})


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


def _kw(d: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: d.get(n) for n in names}


DF = forms.DISCLOSURE_FORMS
DISCLOSURE_KIND = Kind(
    key="disclosure",
    title="政府信息公开申请",
    detail=selectors.disclosure_detail,
    actions={
        "request_amendment": (
            "告知补正",
            DF["request_amendment"],
            lambda u, c, d: services.request_amendment(actor=u, case=c, **d),
        ),
        "supply_amendment": (
            "收到补正申请",
            DF["supply_amendment"],
            lambda u, c, d: services.supply_amendment(actor=u, case=c, **d),
        ),
        "abandon": (
            "逾期未补正，不再处理",
            DF["abandon"],
            lambda u, c, d: services.abandon_request(actor=u, case=c, **d),
        ),
        "consult_third_party": (
            "书面征求第三方意见",
            DF["consult_third_party"],
            lambda u, c, d: services.consult_third_party(actor=u, case=c, **d),
        ),
        "receive_third_party_opinion": (
            "收到第三方意见",
            DF["receive_third_party_opinion"],
            lambda u, c, d: services.receive_third_party_opinion(actor=u, case=c, **d),
        ),
        "notify_fee": (
            "发出收费通知",
            DF["notify_fee"],
            lambda u, c, d: services.notify_fee(actor=u, case=c, **d),
        ),
        "pay_fee": ("申请人已缴费", DF["pay_fee"], lambda u, c, d: services.pay_fee(actor=u, case=c, **d)),
        "fee_unpaid": (
            "逾期未缴费，不再处理",
            DF["fee_unpaid"],
            lambda u, c, d: services.fee_unpaid(actor=u, case=c, **d),
        ),
        "extend": ("延长答复期限", DF["extend"], lambda u, c, d: services.extend_reply(actor=u, case=c, **d)),
        "extend_processing": (
            "延长答复期限",
            DF["extend"],
            lambda u, c, d: services.extend_reply(actor=u, case=c, **d),
        ),
        "reply": ("作出答复", DF["reply"], lambda u, c, d: services.reply_request(actor=u, case=c, **d)),
        "withdraw": (
            "申请人撤回申请",
            DF["withdraw"],
            lambda u, c, d: services.withdraw_request(actor=u, case=c, **d),
        ),
    },
    facts=_disclosure_facts,
)

SF = forms.SUGGESTION_FORMS
SUGGESTION_KIND = Kind(
    key="suggestion",
    title="建议提案",
    detail=selectors.suggestion_detail,
    actions={
        "assign": (
            "交办",
            SF["assign"],
            lambda u, c, d: services.assign_suggestion(
                actor=u,
                case=c,
                on=d["on"],
                lead=d["lead"],
                co_handlers=list(d["co_handlers"]),
                is_complex=d["is_complex"],
            ),
        ),
        "extend": (
            "延期答复",
            SF["extend"],
            lambda u, c, d: services.extend_suggestion(actor=u, case=c, **d),
        ),
        "reply": ("答复", SF["reply"], lambda u, c, d: services.reply_suggestion(actor=u, case=c, **d)),
        "rereply": ("重新答复", SF["reply"], lambda u, c, d: services.reply_suggestion(actor=u, case=c, **d)),
        "close": (
            "代表委员反馈满意，办结",
            SF["feedback"],
            lambda u, c, d: services.close_suggestion(actor=u, case=c, **d),
        ),
        "rehandle": (
            "代表委员不满意，重新办理",
            SF["feedback"],
            lambda u, c, d: services.rehandle_suggestion(actor=u, case=c, **d),
        ),
        "countersign": (
            "会签",
            SF["countersign"],
            lambda u, c, d: services.countersign(actor=u, case=c, **d),
        ),
        "publish": ("公开复文", SF["publish"], lambda u, c, d: services.publish_reply(actor=u, case=c, **d)),
    },
    facts=_suggestion_facts,
    extra=lambda c, u: [
        *(["countersign"] if c.state == "assigned" and u.has_perm("affairs.countersign", c) else []),
        *(
            ["publish"]
            if c.state in ("replied", "closed")
            and not c.published_on
            and u.has_perm("affairs.assign_suggestion", c)
            else []
        ),
    ],
    form_kwargs=lambda c, u: {
        "assign": {"agencies": Agency.objects.filter(jurisdiction_id=c.jurisdiction_id, is_active=True)}
    },
)

PF = forms.PETITION_FORMS
PETITION_KIND = Kind(
    key="petition",
    title="信访事项",
    detail=selectors.petition_detail,
    actions={
        name: (label, PF[name], fn)
        for name, label, fn in (
            ("accept", "受理", lambda u, c, d: services.accept_petition(actor=u, case=c, **d)),
            ("route", "告知通过法定途径办理", lambda u, c, d: services.route_petition(actor=u, case=c, **d)),
            ("not_accept", "不予受理", lambda u, c, d: services.not_accept_petition(actor=u, case=c, **d)),
            ("extend", "延长办理期限", lambda u, c, d: services.extend_petition(actor=u, case=c, **d)),
            ("answer", "出具信访处理意见书", lambda u, c, d: services.answer_petition(actor=u, case=c, **d)),
            (
                "record_service",
                "登记处理意见书送达",
                lambda u, c, d: services.record_service(actor=u, case=c, **d),
            ),
            (
                "record_review_service",
                "登记复查意见送达",
                lambda u, c, d: services.record_service(actor=u, case=c, **d),
            ),
            ("request_review", "收到复查请求", lambda u, c, d: services.request_review(actor=u, case=c, **d)),
            ("decide_review", "出具复查意见", lambda u, c, d: services.decide_review(actor=u, case=c, **d)),
            (
                "request_rereview",
                "收到复核请求",
                lambda u, c, d: services.request_rereview(actor=u, case=c, **d),
            ),
            ("hold_hearing", "举行听证", lambda u, c, d: services.hold_hearing(actor=u, case=c, **d)),
            ("end_hearing", "听证结束", lambda u, c, d: services.end_hearing(actor=u, case=c, **d)),
            (
                "decide_rereview",
                "出具复核意见",
                lambda u, c, d: services.decide_rereview(actor=u, case=c, **d),
            ),
            (
                "link_enforcement_case",
                "关联执法案件（监督线索）",
                lambda u, c, d: services.link_enforcement_case(actor=u, case=c, **d),
            ),
        )
    },
    facts=_petition_facts,
    extra=lambda c, u: [
        *(
            ["record_service"]
            if c.state == "answered" and not c.opinion_served_on and u.has_perm("affairs.handle_petition", c)
            else []
        ),
        *(
            ["record_review_service"]
            if c.state == "reviewed" and not c.review_served_on and u.has_perm("affairs.review_petition", c)
            else []
        ),
        *(
            ["link_enforcement_case"]
            if c.enforcement_case_id is None and u.has_perm("affairs.handle_petition", c)
            else []
        ),
    ],
    form_kwargs=lambda c, u: {"link_enforcement_case": {"agency": c.agency}},
)
KINDS = {k.key: k for k in (DISCLOSURE_KIND, SUGGESTION_KIND, PETITION_KIND)}


def _detail_context(
    request: HttpRequest, kind: Kind, case: Any, bound: tuple[str, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    today = workdays.today()
    names = [t.name for t in procedures.available_transitions(case, user)]
    names = [n for n in dict.fromkeys([*names, *kind.extra(case, user)]) if n in kind.actions]
    actions = []
    for name in names:
        label, form_class, _fn = kind.actions[name]
        kwargs = kind.form_kwargs(case, user).get(name, {})
        form = bound[1] if bound and bound[0] == name else form_class(initial={"on": today}, **kwargs)
        actions.append({"name": name, "label": label, "form": form})
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
    k = KINDS[kind]
    case = k.detail(request.user, pk)
    if action not in k.actions:
        raise Http404("没有这个办理环节。")
    label, form_class, fn = k.actions[action]
    kwargs = k.form_kwargs(case, request.user).get(action, {})
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            fn(request.user, case, dict(form.cleaned_data))
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
