"""Reconsideration: publication of redacted decisions (第七十九条), the advisory committee (第五十二条)
and reconsideration opinions with their 60-day follow-up (第七十六条)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.core.masking import mask_party
from fazhi.org.models import Agency, Jurisdiction, User

from ..choices import (
    Outcome,
    PartyKind,
    PartyRole,
)
from ..models import AdvisoryMember, Reconsideration, ReconsiderationOpinion
from ..procedures import OPINION
from .application import _locked
from .dates import refuse_future, refuse_future_on

__all__ = [
    "appoint_advisory_member",
    "end_advisory_membership",
    "issue_opinion",
    "publish_decision",
    "receive_opinion",
    "redacted_text",
    "report_opinion",
]


# --- publication (第七十九条) ---------------------------------------------------------------------
def redacted_text(case: Reconsideration) -> str:
    """The decision as the public sees it: natural persons masked (core.masking), no ID numbers,
    phones or addresses; organisations are not masked."""
    applicants = "、".join(
        mask_party(p.name, is_natural_person=p.kind == PartyKind.PERSON)
        for p in case.parties.all()
        if p.role == PartyRole.APPLICANT
    )
    lines = [
        f"{case.jurisdiction.name}人民政府行政复议决定书",
        case.decision_number,
        f"申请人：{applicants}",
        f"被申请人：{case.respondent.name}",
        f"申请人不服被申请人作出的{case.challenged_act}，于{case.received_on:%Y年%m月%d日}提出行政复议申请。",
        f"复议请求：{_mask_people(case, case.claim)}",
        f"本机关认为：{_mask_people(case, case.decision_reasons)}",
        f"决定：{Outcome(case.outcome).label}。",
        "申请人不服本决定的，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。",
    ]
    return "\n".join(lines)


def _mask_people(case: Reconsideration, text: str) -> str:
    for p in case.parties.all():
        if p.kind == PartyKind.PERSON and p.name:
            text = text.replace(p.name, mask_party(p.name, is_natural_person=True))
        for secret in (p.id_number, p.phone, p.address):
            if secret:
                text = text.replace(secret, "****")
    return text


@transaction.atomic
def publish_decision(*, actor: User, case: Reconsideration, on: date) -> Reconsideration:
    """公开复议决定书 (redacted) on the portal (第七十九条第一款)."""
    case = _locked(case)
    if not actor.has_perm("disputes.publish_decision", case):
        raise PermissionDenied("您无权公开复议决定书。")
    refuse_future_on(on, "公开日期")
    if case.state != "decided":
        raise ValidationError("只有已作出复议决定的案件才能公开决定书。", code="not_decided")
    if case.published_on is not None:
        raise ValidationError("该决定书已经公开。", code="already_published")
    case.published_text, case.published_on = redacted_text(case), on
    case.save(update_fields=["published_text", "published_on"])
    audit.record(actor=actor, action="disputes.publish_decision", obj=case, after={"published_on": on})
    return case


# --- advisory committee (第五十二条) ----------------------------------------------------------------
@transaction.atomic
def appoint_advisory_member(
    *, actor: User, jurisdiction: Jurisdiction, name: str, kind: str, affiliation: str, on: date
) -> AdvisoryMember:
    """聘任行政复议委员会成员: the head of the reconsideration body or the justice bureau's supervisor."""
    probe = ReconsiderationOpinion(jurisdiction=jurisdiction)
    if not actor.has_perm("disputes.manage_committee", probe):
        raise PermissionDenied("您无权管理行政复议委员会成员。")
    refuse_future_on(on, "聘任日期")
    if kind not in AdvisoryMember.Kind.values:
        raise ValidationError({"kind": ValidationError(f"类别：“{kind}”无效。", code="bad_kind")})
    if not name.strip() or not affiliation.strip():
        raise ValidationError({"name": ValidationError("姓名和工作单位：不能为空。", code="required")})
    member = AdvisoryMember.objects.create(
        jurisdiction=jurisdiction,
        name=name.strip(),
        kind=kind,
        affiliation=affiliation.strip(),
        appointed_on=on,
    )
    audit.record(
        actor=actor,
        action="disputes.appoint_advisory_member",
        obj=member,
        after={"name": member.name, "on": on},
    )
    return member


@transaction.atomic
def end_advisory_membership(*, actor: User, member: AdvisoryMember, on: date) -> AdvisoryMember:
    member = AdvisoryMember.objects.select_for_update().get(pk=member.pk)
    if not actor.has_perm(
        "disputes.manage_committee", ReconsiderationOpinion(jurisdiction=member.jurisdiction)
    ):
        raise PermissionDenied("您无权管理行政复议委员会成员。")
    refuse_future_on(on, "离任日期")
    if member.left_on is not None or on < member.appointed_on:
        raise ValidationError(
            {"on": ValidationError("离任日期：成员已离任，或离任日期早于聘任日期。", code="bad_date")}
        )
    member.left_on = on
    member.save(update_fields=["left_on"])
    audit.record(actor=actor, action="disputes.end_advisory_membership", obj=member, after={"left_on": on})
    return member


# --- reconsideration opinions (第七十六条) --------------------------------------------------------
@transaction.atomic
def issue_opinion(
    *,
    actor: User,
    agency: Any,
    on: date,
    content: str,
    case: Reconsideration | None = None,
    received_on: date | None = None,
) -> ReconsiderationOpinion:
    """行政复议意见书; the recipient reports its corrections within 60 days of receiving it
    (第七十六条). Served on the spot, `received_on` starts that period now; otherwise
    `receive_opinion` records the receipt later."""
    if not isinstance(agency, Agency):
        raise ValidationError({"agency": ValidationError("收件机关：必须是行政机关。", code="not_agency")})
    if case is not None and not actor.has_perm("disputes.issue_opinion", case):
        raise PermissionDenied("您无权制发行政复议意见书。")
    if not actor.has_perm("disputes.issue_opinion", agency):
        raise PermissionDenied("您无权向该机关制发行政复议意见书。")
    refuse_future({"on": ("制发日期", on), "received_on": ("收件机关收到日期", received_on)})
    if not content.strip():
        raise ValidationError({"content": ValidationError("意见内容：不能为空。", code="required")})
    opinion = ReconsiderationOpinion.objects.create(
        case=case,
        jurisdiction=agency.jurisdiction,
        agency=agency,
        issued_on=on,
        content=content.strip(),
    )
    audit.record(actor=actor, action="disputes.issue_opinion", obj=opinion, after={"agency": agency.pk})
    if received_on is not None:
        _receive(actor, opinion, received_on)
    return opinion


def _receive(actor: User, opinion: ReconsiderationOpinion, on: date) -> None:
    if opinion.received_on is not None:
        raise ValidationError(
            {
                "on": ValidationError(
                    f"收到日期：收件机关已于{opinion.received_on.isoformat()}收到该意见书，反馈期限自该日起计算，不能重复登记。",
                    code="already_received",
                )
            }
        )
    if on < opinion.issued_on:
        raise ValidationError({"on": ValidationError("收到日期：不能早于意见书制发日期。", code="bad_date")})
    opinion.received_on = on
    opinion.save(update_fields=["received_on"])
    audit.record(actor=actor, action="disputes.receive_opinion", obj=opinion, after={"received_on": on})
    procedures.start_clock(opinion, OPINION, "report", actor=actor, on=on)


@transaction.atomic
def receive_opinion(*, actor: User, opinion: ReconsiderationOpinion, on: date) -> ReconsiderationOpinion:
    """收件机关收到意见书 (送达回证): the 60-day report period runs from this day (第七十六条). Recorded
    by the reconsideration office or by the recipient itself."""
    opinion = ReconsiderationOpinion.objects.select_for_update().get(pk=opinion.pk)
    if not (
        actor.has_perm("disputes.issue_opinion", opinion.agency)
        or actor.has_perm("disputes.report_opinion", opinion)
    ):
        raise PermissionDenied("您无权登记该意见书的收到日期。")
    refuse_future_on(on, "收到日期")
    _receive(actor, opinion, on)
    return opinion


@transaction.atomic
def report_opinion(
    *, actor: User, opinion: ReconsiderationOpinion, on: date, report: str
) -> ReconsiderationOpinion:
    """整改情况反馈 by the recipient (第七十六条)."""
    opinion = ReconsiderationOpinion.objects.select_for_update().get(pk=opinion.pk)
    if not actor.has_perm("disputes.report_opinion", opinion):
        raise PermissionDenied("您无权反馈该意见书的整改情况。")
    refuse_future_on(on, "反馈日期")
    if opinion.reported_on is not None:
        raise ValidationError("该意见书已经反馈。", code="already_reported")
    if not report.strip():
        raise ValidationError({"report": ValidationError("整改情况：不能为空。", code="required")})
    if opinion.received_on is None:
        raise ValidationError(
            "请先登记收件机关收到意见书的日期：六十日反馈期限自收到之日起计算（行政复议法第七十六条）。",
            code="receipt_not_recorded",
        )
    if on < opinion.received_on:
        raise ValidationError(
            {"on": ValidationError("反馈日期：不能早于收到意见书的日期。", code="bad_date")}
        )
    opinion.reported_on, opinion.report = on, report.strip()
    opinion.save(update_fields=["reported_on", "report"])
    audit.record(actor=actor, action="disputes.report_opinion", obj=opinion, after={"reported_on": on})
    procedures.stop_clock(opinion, OPINION, "report", actor=actor, on=on)
    return opinion
