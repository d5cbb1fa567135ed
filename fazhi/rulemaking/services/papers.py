"""Legality review of contracts and other papers, and the legal advisers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.core import audit, excel, procedures
from fazhi.org.models import Agency, User

from ..choices import AdviserKind, PaperKind
from ..models import AdviserMeeting, LegalAdviser, PaperReview
from .common import check_date, err, require, required_text

__all__ = [
    "ADVISER_COLUMNS",
    "adviser_sheet",
    "assign_paper",
    "engage_adviser",
    "give_opinion",
    "record_adviser_meeting",
    "return_paper",
    "submit_paper",
]


def _lock(paper: PaperReview) -> PaperReview:
    return PaperReview.objects.select_for_update().get(pk=paper.pk)


@transaction.atomic
def submit_paper(
    *,
    actor: User,
    agency: Any,
    kind: str,
    title: str,
    received_on: date,
    counterparty: str = "",
    amount: Decimal | None = None,
) -> PaperReview:
    """送审 — an agency submits a contract, agreement, decision draft or reply for legality review."""
    if not isinstance(agency, Agency):
        raise err("agency", "送审单位：必须是行政机关。", "not_agency")
    probe = PaperReview(agency=agency, jurisdiction=agency.jurisdiction)
    if not actor.has_perm("rulemaking.review_paper", probe):  # the bureau may register on an agency's behalf
        require(actor, "rulemaking.submit_paper", probe, "您无权为该单位送审文件。")
    check_date(received_on, "received_on", "收件日期")
    if kind not in PaperKind.values:
        raise err("kind", "文件类型：请选择合同、行政协议、决策草案、答复或其他。", "bad_kind")
    if amount is not None and amount < 0:
        raise err("amount", "合同金额：不能为负数。", "negative")
    paper = PaperReview.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        kind=kind,
        title=required_text(title, "title", "送审文件"),
        counterparty=counterparty.strip(),
        amount=amount,
        received_on=received_on,
    )
    procedures.start(paper, actor=actor, on=received_on)
    audit.record(actor=actor, action="rulemaking.submit_paper", obj=paper, after={"title": paper.title})
    return paper


@transaction.atomic
def assign_paper(
    *, actor: User, paper: PaperReview, on: date, reviewer: Any = None, adviser: LegalAdviser | None = None
) -> PaperReview:
    """分办 — to an in-house reviewer of the justice bureau or to a retained legal adviser."""
    paper = _lock(paper)
    check_date(on)
    if reviewer is not None and not (
        isinstance(reviewer, get_user_model())
        and reviewer.agency_id
        and reviewer.jurisdiction_id == paper.jurisdiction_id
    ):
        raise err("reviewer", "审查人员：应为本地区司法行政部门的工作人员。", "bad_reviewer")
    if adviser is not None:
        if adviser.jurisdiction_id != paper.jurisdiction_id:
            raise err("adviser", "法律顾问：不是本地区聘请的法律顾问。", "bad_adviser")
        if not (adviser.engaged_from <= on <= adviser.engaged_to):
            raise err(
                "adviser",
                f"法律顾问：{adviser.name}的聘期为{adviser.engaged_from}至{adviser.engaged_to}，不在聘期内。",
                "adviser_not_engaged",
            )
    paper.reviewer, paper.adviser = reviewer, adviser
    procedures.advance(
        paper,
        "assign",
        actor=actor,
        on=on,
        data={"reviewer": getattr(reviewer, "pk", None), "adviser": getattr(adviser, "pk", None)},
    )
    return paper


@transaction.atomic
def give_opinion(*, actor: User, paper: PaperReview, on: date, conclusion: str, opinion: str) -> PaperReview:
    """出具法律意见书, with its date."""
    paper = _lock(paper)
    check_date(on)
    if on < paper.received_on:
        raise err("on", "出具意见日期：不能早于收件日期。", "bad_date")
    paper.conclusion, paper.opinion, paper.opinion_on = conclusion, str(opinion or "").strip(), on
    procedures.advance(
        paper, "give_opinion", actor=actor, on=on, data={"conclusion": conclusion, "opinion": paper.opinion}
    )
    return paper


@transaction.atomic
def return_paper(*, actor: User, paper: PaperReview, on: date, reason: str) -> PaperReview:
    paper = _lock(paper)
    check_date(on)
    procedures.advance(paper, "return_paper", actor=actor, on=on, data={"reason": str(reason or "").strip()})
    return paper


@transaction.atomic
def engage_adviser(
    *,
    actor: User,
    jurisdiction: Any,
    name: str,
    kind: str,
    organisation: str,
    engaged_from: date,
    engaged_to: date,
    contract_number: str = "",
) -> LegalAdviser:
    """选聘法律顾问 with the engagement period."""
    probe = LegalAdviser(jurisdiction=jurisdiction)
    require(actor, "rulemaking.manage_advisers", probe, "只有司法行政部门可以管理政府法律顾问。")
    if kind not in AdviserKind.values:
        raise err("kind", "类型：请选择律师、法学专家或公职律师。", "bad_kind")
    if not isinstance(engaged_from, date) or not isinstance(engaged_to, date) or engaged_to <= engaged_from:
        raise err("engaged_to", "聘任期间：截止日期应晚于起始日期。", "bad_period")
    check_date(engaged_from, "engaged_from", "聘任起始日期")
    adviser = LegalAdviser.objects.create(
        jurisdiction=jurisdiction,
        name=required_text(name, "name", "姓名"),
        kind=kind,
        organisation=required_text(organisation, "organisation", "执业机构或工作单位"),
        engaged_from=engaged_from,
        engaged_to=engaged_to,
        contract_number=contract_number.strip(),
    )
    audit.record(actor=actor, action="rulemaking.engage_adviser", obj=adviser, after={"name": adviser.name})
    return adviser


@transaction.atomic
def record_adviser_meeting(
    *, actor: User, adviser: LegalAdviser, on: date, meeting: str, note: str = ""
) -> AdviserMeeting:
    """法律顾问列席会议."""
    require(actor, "rulemaking.manage_advisers", adviser, "只有司法行政部门可以登记法律顾问列席会议。")
    check_date(on)
    if not (adviser.engaged_from <= on <= adviser.engaged_to):
        raise err("on", "会议日期：不在该法律顾问的聘期内。", "adviser_not_engaged")
    m = AdviserMeeting.objects.create(
        adviser=adviser, on=on, meeting=required_text(meeting, "meeting", "会议名称"), note=note.strip()
    )
    audit.record(actor=actor, action="rulemaking.record_adviser_meeting", obj=adviser, after={"on": on})
    return m


ADVISER_COLUMNS = (
    excel.Column("name", "姓名", "", required=True),
    excel.Column("kind", "类型", "律师、法学专家或公职律师。", choices=tuple(AdviserKind.choices)),
    excel.Column("organisation", "执业机构或工作单位", "", width=30),
    excel.Column("engaged_from", "聘任起始日期", "YYYY-MM-DD"),
    excel.Column("engaged_to", "聘任截止日期", "YYYY-MM-DD"),
    excel.Column("meetings", "列席会议次数", "当年。"),
    excel.Column("opinions", "出具法律意见书件数", "当年。"),
)


def adviser_sheet(advisers: Any) -> bytes:
    """法律顾问名单 (for the annual report and the filing with the province): one row per adviser."""
    rows = [
        (
            a.name,
            a.get_kind_display(),
            a.organisation,
            a.engaged_from.isoformat(),
            a.engaged_to.isoformat(),
            str(a.meeting_count),
            str(a.opinion_count),
        )
        for a in advisers
    ]
    return excel.export("法律顾问", ADVISER_COLUMNS, rows)
