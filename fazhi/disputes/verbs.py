"""The reconsideration procedure's verb table (core.procedures.verbs): which service performs each
transition and what it takes. The API endpoints (`/api/v1/disputes/reconsiderations/<pk>/<slug>/`),
the case page's action forms and the URL of every 我的待办 action come from it, named like the
transitions in procedures.py."""

from __future__ import annotations

from typing import Any

from fazhi.core.procedures.verbs import Verb, VerbTable
from fazhi.org.models import User

from . import forms, selectors, services
from .api import serializers as s

HANDLING = {"accepted", "suspended"}


def _accept(u: Any, c: Any, d: dict[str, Any]) -> Any:
    return services.accept_application(actor=u, case=c, simplified_ground="", **d)


def _request_amendment(u: Any, c: Any, d: dict[str, Any]) -> Any:
    items = d["items"].splitlines() if isinstance(d["items"], str) else d["items"]  # form: one a line
    return services.request_amendment(
        actor=u, case=c, on=d["on"], items=items, notice_received_on=d.get("notice_received_on")
    )


def _send_copy(u: Any, c: Any, d: dict[str, Any]) -> Any:
    # one service for both procedures: the guards keep each transition to its own procedure
    return services.send_copy(actor=u, case=c, on=d["on"], received_on=d.get("received_on"))


def _receive_copy(u: Any, c: Any, d: dict[str, Any]) -> Any:
    return services.receive_copy(actor=u, case=c, on=d["on"])


def _assign_handlers(u: Any, c: Any, d: dict[str, Any]) -> Any:
    return services.assign_handlers(actor=u, case=c, handlers=list(User.objects.filter(pk__in=d["handlers"])))


RECONSIDERATION_VERBS = VerbTable(
    procedure="disputes.reconsideration",
    basename="reconsiderations",
    route="disputes-reconsideration",
    queryset=selectors.reconsiderations_visible_to,
    output=s.ReconsiderationDetailOut,
    detail=selectors.reconsideration_detail,
    html_route="disputes:reconsideration_action",
    verbs=[
        # 第三十、三十一条 — the acceptance review
        Verb("accept", _accept, api_input=s.ReconsiderationAcceptIn, form=forms.AcceptForm),
        Verb(
            "accept_simplified",
            lambda u, c, d: services.accept_application(actor=u, case=c, **d),
            api_input=s.ReconsiderationAcceptSimplifiedIn,
            form=forms.AcceptSimplifiedForm,
        ),
        Verb(
            "reject",
            lambda u, c, d: services.reject_application(actor=u, case=c, **d),
            api_input=s.ReconsiderationRejectIn,
            form=forms.RejectForm,
        ),
        Verb(
            "request_amendment",
            _request_amendment,
            api_input=s.ReconsiderationAmendmentIn,
            form=forms.AmendmentForm,
        ),
        Verb(
            "receive_amendment_notice",
            lambda u, c, d: services.receive_amendment_notice(actor=u, case=c, **d),
            api_input=s.ReconsiderationNoticeReceivedIn,
            form=forms.NoticeReceivedForm,
        ),
        Verb(
            "supply_amendment",
            lambda u, c, d: services.supply_amendment(actor=u, case=c, **d),
            api_input=s.ReconsiderationSupplyAmendmentIn,
            form=forms.SupplyAmendmentForm,
        ),
        Verb(
            "extend_amendment",
            lambda u, c, d: services.extend_amendment_period(actor=u, case=c, **d),
            api_input=s.ReconsiderationExtendAmendmentIn,
            form=forms.ExtendAmendmentForm,
        ),
        # 第四十八至五十五条 — copy, reply, conversion
        Verb("send_copy", _send_copy, api_input=s.ReconsiderationSendCopyIn, form=forms.SendCopyForm),
        Verb(
            "send_copy_simplified", _send_copy, api_input=s.ReconsiderationSendCopyIn, form=forms.SendCopyForm
        ),
        Verb(
            "receive_copy",
            _receive_copy,
            api_input=s.ReconsiderationCopyReceivedIn,
            form=forms.ReceiveCopyForm,
        ),
        Verb(
            "receive_copy_simplified",
            _receive_copy,
            api_input=s.ReconsiderationCopyReceivedIn,
            form=forms.ReceiveCopyForm,
        ),
        Verb(
            "receive_reply",
            lambda u, c, d: services.file_reply(actor=u, case=c, **d),
            api_input=s.ReconsiderationReplyIn,
            form=forms.ReplyForm,
        ),
        Verb(
            "convert_to_ordinary",
            lambda u, c, d: services.convert_to_ordinary(actor=u, case=c, **d),
            api_input=s.ReconsiderationGroundIn,
            form=forms.GroundForm,
        ),
        # 第三十九、六十二条 — suspension and extension
        Verb(
            "suspend",
            lambda u, c, d: services.suspend_case(actor=u, case=c, **d),
            api_input=s.ReconsiderationSuspendIn,
            form=forms.SuspendForm,
        ),
        Verb(
            "resume",
            lambda u, c, d: services.resume_case(actor=u, case=c, **d),
            api_input=s.ReconsiderationDateIn,
            form=forms.OnDateForm,
        ),
        Verb(
            "extend",
            lambda u, c, d: services.extend_decision_period(actor=u, case=c, **d),
            api_input=s.ReconsiderationExtendIn,
            form=forms.ExtendForm,
        ),
        # 第四十一、六十一至七十四条 — closure
        Verb(
            "decide",
            lambda u, c, d: services.decide_case(actor=u, case=c, **d),
            api_input=s.ReconsiderationDecideIn,
            form=forms.DecideForm,
        ),
        Verb(
            "mediate",
            lambda u, c, d: services.mediate_case(actor=u, case=c, **d),
            api_input=s.ReconsiderationMediateIn,
            form=forms.MediateForm,
        ),
        Verb(
            "terminate",
            lambda u, c, d: services.terminate_case(actor=u, case=c, **d),
            api_input=s.ReconsiderationTerminateIn,
            form=forms.TerminateForm,
        ),
        # not transitions: records kept on the case (第三十六、四十九至五十二、七十九条)
        Verb(
            "assign_handlers",
            _assign_handlers,
            api_input=s.ReconsiderationHandlersIn,
            label="指定承办人员（第三十六条）",
            perm="disputes.handle_case",
            states={"received", "accepted", "suspended"},
        ),
        Verb(
            "hearing",
            lambda u, c, d: services.record_hearing(actor=u, case=c, **d),
            api_input=s.ReconsiderationHearingIn,
            form=forms.HearingForm,
            label="登记听取意见/听证",
            perm="disputes.handle_case",
            states=HANDLING,
        ),
        Verb(
            "advisory_opinion",
            lambda u, c, d: services.record_advisory_opinion(actor=u, case=c, **d),
            api_input=s.ReconsiderationTextIn,
            form=forms.TextForm,
            label="登记咨询意见",
            perm="disputes.handle_case",
            states=HANDLING,
        ),
        Verb(
            "publish",
            lambda u, c, d: services.publish_decision(actor=u, case=c, on=d["on"]),
            api_input=s.ReconsiderationDateIn,
            form=forms.OnDateForm,
            label="公开决定书",
            perm="disputes.publish_decision",
            states={"decided"},
        ),
    ],
)
