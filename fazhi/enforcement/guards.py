"""Guards of the penalty procedure (《行政处罚法》): one statutory gate, one name (STYLE.md §2.3).

The engine calls each as `guard(case, data)` after it has checked permission, state and `requires`
(ADR 0003); a guard raises `ValidationError` with a short Chinese reason and its article. The
services pass the step date as `data["on"]` and, where the party files within a period, the date
posted as `data["posted_on"]` (LEGAL_RULES §13: time in the post does not count).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core import workdays
from fazhi.core.procedures.declare import needs_data

from .choices import DecisionKind, ProcedureKind, ReviewStatus

HEARING_CLOCK = "hearing_request"
STATEMENT_CLOCK = "statement"


def _on(data: dict[str, Any]) -> date:
    on = data.get("on") or workdays.today()
    return date.fromisoformat(on) if isinstance(on, str) else on


def party_deadline(case: Any, clock: str) -> Any:
    """The latest (not superseded) engine Deadline of one of the party's periods, or None."""
    from fazhi.core import procedures

    return procedures.deadlines(case).filter(clock=clock).exclude(state="superseded").order_by("-id").first()


def ordinary_procedure(case: Any, data: dict[str, Any]) -> None:
    """第五十四条起: notice, hearing, review and decision belong to the ordinary procedure."""
    if case.procedure_kind != ProcedureKind.ORDINARY:
        raise ValidationError(
            "当场处罚案件不适用告知、审核等普通程序环节，请直接作出当场处罚决定（行政处罚法第五十一条）。",
            code="not_ordinary",
        )


def on_the_spot_procedure(case: Any, data: dict[str, Any]) -> None:
    """第五十一条: only a case opened under the on-the-spot procedure is decided on the spot."""
    if case.procedure_kind != ProcedureKind.ON_THE_SPOT:
        raise ValidationError(
            "普通程序案件不能当场作出处罚决定（行政处罚法第五十一条）。", code="not_on_the_spot"
        )


def investigation_recorded(case: Any, data: dict[str, Any]) -> None:
    """第五十四条第一款: investigate fully before notifying an intended penalty."""
    if not case.investigation_steps.exists():
        raise ValidationError(
            "尚无调查取证记录，不能告知拟处罚决定（行政处罚法第五十四条第一款：全面、客观、公正地调查）。",
            code="no_investigation",
        )


def hearing_window_closed(case: Any, data: dict[str, Any]) -> None:
    """第六十四条第一项: after a notice with hearing rights, nothing moves towards the decision while
    the party may still ask for a hearing — until the 5 working days have passed or the party has
    waived in writing (a request moves the case to 已申请听证, so this gate no longer applies)."""
    if case.state != "notified_hearing":
        return
    d = party_deadline(case, HEARING_CLOCK)
    if d is None or d.state not in ("open", "paused"):
        return  # no window declared for this notice, or closed by the party's written waiver
    on = _on(data)
    if d.due_date is None:
        raise ValidationError(
            {
                "on": ValidationError(
                    f"当事人申请听证的期限（{d.explanation}）尚待录入节假日安排后确定，当事人明确放弃前不能作出决定或提交审核（行政处罚法第六十四条第一项）。",
                    code="hearing_window_open",
                )
            }
        )
    if on <= d.due_date:
        raise ValidationError(
            {
                "on": ValidationError(
                    f"当事人申请听证的期限至 {d.due_date.isoformat()} 届满（{d.explanation}），期满前（或当事人书面放弃前）不能作出决定或提交审核（行政处罚法第六十四条第一项）。",
                    code="hearing_window_open",
                )
            }
        )


def statement_period_over(case: Any, data: dict[str, Any]) -> None:
    """第四十四条、第四十五条、第六十二条 (the period is the agency's rule, ADR 0011): after a notice of
    intended penalty without hearing rights, no decision before the party has made its statement and
    defence, waived it in writing, or the period set by the agency's rule (default 3 working days)
    has passed."""
    if case.state != "notified":
        return
    d = party_deadline(case, STATEMENT_CLOCK)
    if d is None or d.state not in ("open", "paused"):
        return  # the statement was made or waived (the clock stopped on that step)
    on = _on(data)
    if d.due_date is None or on <= d.due_date:
        until = f"至 {d.due_date.isoformat()} 届满" if d.due_date else "待录入节假日安排后确定"
        raise ValidationError(
            {
                "on": ValidationError(
                    f"当事人陈述、申辩的期限{until}（{d.explanation}）；当事人陈述申辩或书面放弃前、期限届满前不能作出决定或提交审核（行政处罚法第四十四条、第四十五条）。",
                    code="statement_period_open",
                )
            }
        )


@needs_data
def filed_within_hearing_window(case: Any, data: dict[str, Any]) -> None:
    """第六十四条第一项、第八十五条: the party asks for a hearing within 5 working days of the notice;
    a request posted before the period expired is on time (民事诉讼法第八十五条第四款)."""
    d = party_deadline(case, HEARING_CLOCK)
    if d is None or d.due_date is None or d.state not in ("open", "paused"):
        return  # awaiting calendar data: a party's request is never refused for lack of a calendar
    filed = data.get("posted_on") or _on(data)
    if isinstance(filed, str):
        filed = date.fromisoformat(filed)
    if filed > d.due_date:
        how = "寄出" if data.get("posted_on") else "提出"
        raise ValidationError(
            {
                "on": ValidationError(
                    f"当事人于 {filed.isoformat()} {how}听证申请，已超过申请期限：{d.explanation}（行政处罚法第六十四条第一项）。",
                    code="hearing_request_late",
                )
            }
        )


def legal_review_passed(case: Any, data: dict[str, Any]) -> None:
    """第五十八条第一款: a case on the legal-review list is not decided without a review that passed."""
    if case.legal_review_required and case.legal_review_status != ReviewStatus.APPROVED:
        raise ValidationError(
            "本案属于须法制审核的情形，未经法制审核或者审核未通过的，不得作出决定（行政处罚法第五十八条）。",
            code="legal_review_missing",
        )


def legal_review_before_discussion(case: Any, data: dict[str, Any]) -> None:
    """第五十八条: the review comes before the head decides, so before the collective discussion."""
    if case.legal_review_required and case.legal_review_status != ReviewStatus.APPROVED:
        raise ValidationError(
            "本案须先经法制审核通过，再提交负责人集体讨论（行政处罚法第五十八条）。",
            code="legal_review_missing",
        )


def collective_discussion_held(case: Any, data: dict[str, Any]) -> None:
    """第五十七条第二款: complex cases and heavy penalties for serious violations are decided by the
    agency's leaders collectively."""
    if case.collective_discussion_required and not case.collective_discussion_on:
        raise ValidationError(
            "本案须经行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）。",
            code="collective_discussion_missing",
        )


@needs_data
def not_heavier_than_notified(case: Any, data: dict[str, Any]) -> None:
    """第四十五条第二款 with 第四十四条: the decision may not be heavier than the penalty the party was
    told of — no larger fine or confiscation, no penalty type that was not notified — without a new
    notice (and a new statement period)."""
    if data.get("kind", DecisionKind.PENALTY) != DecisionKind.PENALTY:
        return
    fine = Decimal(str(data.get("fine") or 0))
    conf = Decimal(str(data.get("confiscation") or 0))
    if fine > (case.proposed_fine or 0) or conf > (case.proposed_confiscation or 0):
        raise ValidationError(
            {
                "fine_amount": ValidationError(
                    f"决定的罚没金额高于告知的拟处罚金额（罚款 {case.proposed_fine or 0} 元、没收 {case.proposed_confiscation or 0} 元）；"
                    "不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条），须重新告知。",
                    code="heavier_than_notified",
                )
            }
        )
    extra = [t for t in data.get("types") or [] if t not in (case.proposed_penalty_types or [])]
    if extra:
        from .choices import PenaltyType

        names = "、".join(str(PenaltyType(t).label) if t in PenaltyType.values else t for t in extra)
        raise ValidationError(
            {
                "penalty_types": ValidationError(
                    f"决定的处罚种类“{names}”未经告知；不得给予比告知更重的处罚（行政处罚法第四十四条、第四十五条），须重新告知。",
                    code="heavier_than_notified",
                )
            }
        )


def officers_certified_on_decision(case: Any, data: dict[str, Any]) -> None:
    """第四十二条、第五十二条: the two officers who decide on the spot and show their certificates hold
    valid enforcement certificates on the decision date, not only on the day the case was opened."""
    from .services.guards import two_certified_officers

    two_certified_officers(case.agency_id, case.officer_a, case.officer_b, _on(data))


@needs_data
def within_on_the_spot_limits(case: Any, data: dict[str, Any]) -> None:
    """第五十一条: on the spot only a warning, or a fine ≤ 200 yuan (citizen) / ≤ 3,000 yuan (organisation)."""
    from .services.guards import on_the_spot_thresholds

    fine = data.get("fine")
    on_the_spot_thresholds(case, list(data.get("types") or []), Decimal(str(fine)) if fine else None)


@needs_data
def electronic_service_consented(case: Any, data: dict[str, Any]) -> None:
    """第六十一条第二款: fax or e-mail service only with the party's signed consent."""
    from .choices import ServiceMethod

    if data.get("method") == ServiceMethod.ELECTRONIC and not data.get("party_consented"):
        raise ValidationError(
            {
                "method": ValidationError(
                    "电子送达须当事人同意并签订确认书（行政处罚法第六十一条第二款）。", code="consent_missing"
                )
            }
        )


def on_the_spot_decision_filed(case: Any, data: dict[str, Any]) -> None:
    """第五十二条第三款: an on-the-spot decision is filed with the agency before the case is closed."""
    if case.procedure_kind == ProcedureKind.ON_THE_SPOT and not case.filed_on:
        raise ValidationError(
            "当场处罚决定须先报所属行政机关备案（行政处罚法第五十二条第三款）。", code="not_filed"
        )


def collected_fine_handed_in(case: Any, data: dict[str, Any]) -> None:
    """第七十一条: a fine collected on the spot reaches the agency before the case is closed."""
    if case.collected_on_the_spot and not case.handed_in_on:
        raise ValidationError(
            "当场收缴的罚款尚未登记交至行政机关（行政处罚法第七十一条），不能结案。", code="not_handed_in"
        )


@needs_data
def execution_recorded(case: Any, data: dict[str, Any]) -> None:
    """第七十二条: a case whose fine was not paid is closed only with how it was executed (e.g. the court)."""
    if case.state == "served" and case.fine_amount and not str(data.get("note") or "").strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    "罚款尚未缴纳，结案须写明执行情况（如申请人民法院强制执行，行政处罚法第七十二条）。",
                    code="execution_missing",
                )
            }
        )
