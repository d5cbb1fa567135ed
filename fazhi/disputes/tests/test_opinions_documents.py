"""Reconsideration opinions (第七十六条) and the .docx documents."""

from __future__ import annotations

import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from docx import Document

from fazhi.core import procedures

from .. import documents, selectors
from ..models import ReconsiderationOpinion
from ..procedures import OPINION
from ..services import (
    accept_application,
    issue_opinion,
    receive_amendment_notice,
    reject_application,
    report_opinion,
    request_amendment,
    send_copy,
)


def _text(case, kind):
    case.refresh_from_db()
    _, content = documents.render(case, kind)
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_opinion_report_due_60_days_and_overdue_list(clerk, agency, officer, other_officer):
    # 2025-08-04 + 60 CD = 10/3, National Day → 10/9
    opinion = issue_opinion(
        actor=clerk, agency=agency, on=date(2025, 8, 4), content="规范罚款程序", received_on=date(2025, 8, 4)
    )
    d = procedures.open_deadline(opinion, OPINION, "report")
    assert (d.due_date, d.explanation) == (
        date(2025, 10, 9),
        "2025-08-04 + 60日（行政复议法第七十六条）；期满日 2025-10-03 为休息日，顺延至下一工作日 → 2025-10-09",
    )
    assert selectors.opinions_visible_to(clerk).get(pk=opinion.pk).report_due == date(2025, 10, 9)
    assert list(selectors.opinions_overdue(clerk, date(2025, 10, 9))) == []
    assert list(selectors.opinions_overdue(clerk, date(2025, 10, 10))) == [opinion]
    with pytest.raises(PermissionDenied):
        report_opinion(actor=other_officer, opinion=opinion, on=date(2025, 9, 1), report="已整改")
    report_opinion(actor=officer, opinion=opinion, on=date(2025, 9, 1), report="已整改")
    opinion.refresh_from_db()
    assert (opinion.reported_on, opinion.report) == (date(2025, 9, 1), "已整改")
    # the engine's report deadline is met, and no longer listed as overdue
    assert list(procedures.deadlines(opinion).values_list("state", "closed_on")) == [
        ("met", date(2025, 9, 1))
    ]
    assert list(selectors.opinions_overdue(clerk, date(2025, 10, 10))) == []


def test_opinion_only_to_an_agency_and_by_the_office(clerk, officer, agency):
    with pytest.raises(ValidationError):
        issue_opinion(actor=clerk, agency="张三", on=date(2025, 8, 4), content="x")
    with pytest.raises(PermissionDenied):
        issue_opinion(actor=officer, agency=agency, on=date(2025, 8, 4), content="x")
    assert ReconsiderationOpinion.objects.count() == 0


def test_amendment_notice_lists_every_item_and_the_due_date(apply, clerk):
    case = apply(received_on=date(2025, 9, 26), known_on=date(2025, 9, 1))
    request_amendment(actor=clerk, case=case, on=date(2025, 9, 29), items=["身份证明", "处罚决定书"])
    text = _text(case, "amendment")
    assert "1. 身份证明\n2. 处罚决定书" in text
    # the period runs from the applicant's receipt (第三十一条第二款): not known when it is printed
    assert "请自收到本通知之日起10个工作日内补正" in text
    # once the receipt is recorded (Monday 9/29), the date: 10 WD across National Day → 10/20
    receive_amendment_notice(actor=clerk, case=case, on=date(2025, 9, 29))
    assert "请于2025年10月20日前补正" in _text(case, "amendment")
    # one notice only (第三十一条第一款)
    with pytest.raises(ValidationError):
        request_amendment(actor=clerk, case=case, on=date(2025, 9, 30), items=["其他"])


def test_rejection_names_the_competent_organ(apply, clerk):
    case = apply()
    reject_application(
        actor=clerk,
        case=case,
        on=date(2025, 6, 10),
        reasons="被申请人不属于本机关管辖",
        competent_organ="北京市人民政府",
    )
    text = _text(case, "rejection")
    assert "经审查，被申请人不属于本机关管辖。" in text
    assert "你（单位）可以向北京市人民政府申请行政复议。" in text


def test_reply_notice_in_the_simplified_procedure(apply, clerk):
    from decimal import Decimal

    case = apply(amount=Decimal("800.00"))
    accept_application(actor=clerk, case=case, on=date(2025, 6, 10), simplified_ground="small_amount")
    send_copy(actor=clerk, case=case, on=date(2025, 6, 11), received_on=date(2025, 6, 11))
    case.refresh_from_db()
    text = _text(case, "reply_notice")
    # 第五十四条: 5 WD from 6/11 → 6/18
    assert "根据《中华人民共和国行政复议法》第五十四条的规定，请于2025年06月18日前提出书面答复" in text


def test_advisory_committee_members_at_year_end(head, clerk, jurisdiction):
    from fazhi.core.indicators import Scope, registry

    from ..services import appoint_advisory_member, end_advisory_membership

    with pytest.raises(PermissionDenied):
        appoint_advisory_member(
            actor=clerk,
            jurisdiction=jurisdiction,
            name="王教授",
            kind="scholar",
            affiliation="某大学",
            on=date(2025, 1, 6),
        )
    a = appoint_advisory_member(
        actor=head,
        jurisdiction=jurisdiction,
        name="王教授",
        kind="scholar",
        affiliation="某大学",
        on=date(2025, 1, 6),
    )
    appoint_advisory_member(
        actor=head,
        jurisdiction=jurisdiction,
        name="李律师",
        kind="expert",
        affiliation="某律所",
        on=date(2025, 3, 1),
    )
    end_advisory_membership(actor=head, member=a, on=date(2025, 12, 31))
    assert registry.compute("reconsideration.advisory_members", Scope(jurisdiction, 2025)).value == 1
    assert registry.compute("reconsideration.advisory_members", Scope(jurisdiction, 2024)).value == 0
