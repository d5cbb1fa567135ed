"""Guards of the reconsideration procedure: one rule, one name (STYLE.md §2.3). Each raises
`ValidationError` with a Chinese message; the engine calls them as `guard(case, data)`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core import workdays
from fazhi.core.procedures import needs_data

from .choices import (
    OUTCOMES_FOR_ACT,
    OUTCOMES_WITHOUT_REPLY,
    HearingKind,
    Outcome,
    ProcedureKind,
    SuspensionGround,
    TerminationGround,
)


def ordinary_procedure(case: Any, data: dict[str, Any]) -> None:
    if case.procedure_kind != ProcedureKind.ORDINARY:
        raise ValidationError("本案适用简易程序，不能办理仅适用于普通程序的环节。", code="not_ordinary")


def simplified_procedure(case: Any, data: dict[str, Any]) -> None:
    if case.procedure_kind != ProcedureKind.SIMPLIFIED:
        raise ValidationError("本案适用普通程序，不能办理仅适用于简易程序的环节。", code="not_simplified")


def copy_not_yet_sent(case: Any, data: dict[str, Any]) -> None:
    """第四十八条、第五十四条: the copy goes to the respondent once; a second send would start a
    second reply period."""
    if case.copy_sent_on is not None:
        raise ValidationError(
            f"申请书副本已于{case.copy_sent_on.isoformat()}发送给被申请人，不能重复发送（行政复议法第四十八条）。",
            code="copy_already_sent",
        )


def copy_sent_not_received(case: Any, data: dict[str, Any]) -> None:
    """第四十八条、第五十四条: the reply period runs from the respondent's receipt of the copy —
    recorded once, after the copy was sent."""
    if case.copy_sent_on is None:
        raise ValidationError("尚未向被申请人发送申请书副本。", code="copy_not_sent")
    if case.copy_received_on is not None:
        raise ValidationError(
            f"被申请人已于{case.copy_received_on.isoformat()}收到申请书副本，答复期限自该日起计算，不能重复登记（行政复议法第四十八条）。",
            code="copy_already_received",
        )


def notice_not_yet_received(case: Any, data: dict[str, Any]) -> None:
    """第三十一条第二款: the 10 WD run from the applicant's receipt of the notice — recorded once."""
    received = case.amendments.filter(notice_received_on__isnull=False).values_list(
        "notice_received_on", flat=True
    )
    first = received.first()
    if first is not None:
        raise ValidationError(
            f"申请人已于{first.isoformat()}收到补正通知，补正期限自该日起计算，不能重复登记（行政复议法第三十一条第二款）。",
            code="notice_already_received",
        )


@needs_data
def supplement_in_time(case: Any, data: dict[str, Any]) -> None:
    """民事诉讼法第八十五条第四款 (行政复议法第八十八条 refers to it): a supplement posted before the
    amendment period expired is on time, even when it arrives after the case was deemed abandoned
    (第三十一条第二款). Anything else cannot reopen an abandoned application."""
    if case.state != "abandoned":
        return
    from fazhi.core import procedures

    posted_on = data.get("posted_on")
    if isinstance(posted_on, str):
        posted_on = date.fromisoformat(posted_on)
    d = procedures.deadlines(case).filter(clock="amendment").order_by("-id").first()
    if posted_on is None or d is None or d.due_date is None or posted_on > d.due_date:
        due = f"（补正期限届满日{d.due_date.isoformat()}）" if d is not None and d.due_date else ""
        raise ValidationError(
            {
                "posted_on": ValidationError(
                    f"交邮日期：申请人无正当理由逾期不补正，视为放弃申请（行政复议法第三十一条第二款）{due}；"
                    "只有在补正期限届满前交邮的补正材料才能恢复审查。",
                    code="supplement_late",
                )
            }
        )


def at_least_two_handlers(case: Any, data: dict[str, Any]) -> None:
    """第三十六条、第四十五条; 《行政复议法实施条例》第三十二条: at least two handlers per case."""
    n = case.handlers.count()
    if n < 2:
        raise ValidationError(
            {
                "handlers": ValidationError(
                    f"承办人员：行政复议案件应当由2名以上行政复议人员承办，本案目前只有{n}名（行政复议法第四十五条）。",
                    code="too_few_handlers",
                )
            }
        )


def parties_heard(case: Any, data: dict[str, Any]) -> None:
    """第四十九条: the ordinary procedure hears the parties (or records why only written review was possible)."""
    if case.procedure_kind == ProcedureKind.SIMPLIFIED:
        return  # 第五十四条: written review allowed
    if not case.hearings.exists():
        raise ValidationError(
            "适用普通程序审理的案件，应当听取当事人意见并记录在案（行政复议法第四十九条）；请先登记听取意见或听证情况。",
            code="parties_not_heard",
        )


def formal_hearing_held(case: Any, data: dict[str, Any]) -> None:
    """第五十条第一款: a formal hearing is mandatory for major, difficult or complex cases."""
    if case.is_major_complex and not case.hearings.filter(kind=HearingKind.FORMAL).exists():
        raise ValidationError(
            "本案为重大、疑难、复杂案件，应当组织听证（行政复议法第五十条第一款）；请先登记听证。",
            code="hearing_required",
        )


def advisory_opinion_recorded(case: Any, data: dict[str, Any]) -> None:
    """第五十二条第二款: the advisory committee's opinion is required for these cases."""
    if (case.is_major_complex or case.is_specialised) and not case.advisory_opinion.strip():
        raise ValidationError(
            "本案为重大、疑难、复杂或者专业性、技术性较强的案件，应当提请行政复议委员会提出咨询意见（行政复议法第五十二条第二款）。",
            code="advisory_opinion_required",
        )


@needs_data
def outcome_allowed(case: Any, data: dict[str, Any]) -> None:
    """第六十三至六十九条 by kind of act; 第七十条: no reply → revoke, declare unlawful or void, order performance."""
    outcome = data.get("outcome", "")
    if outcome not in Outcome.values:
        raise ValidationError(
            {
                "outcome": ValidationError(
                    f"决定类型：“{outcome}”不是行政复议法规定的决定类型。", code="bad_outcome"
                )
            }
        )
    label = Outcome(outcome).label
    allowed = OUTCOMES_FOR_ACT[case.act_kind]
    if outcome not in allowed:
        raise ValidationError(
            {
                "outcome": ValidationError(
                    f"决定类型：被申请行为为“{case.get_act_kind_display()}”，不能作出“{label}”决定；"
                    f"可作出：{'、'.join(Outcome(o).label for o in Outcome.values if o in allowed)}。",
                    code="outcome_not_allowed",
                )
            }
        )
    no_reply = case.reply_received_on is None and not data.get("third_party_evidence")
    if no_reply and outcome not in OUTCOMES_WITHOUT_REPLY | {Outcome.DISMISS_APPLICATION}:
        raise ValidationError(
            {
                "outcome": ValidationError(
                    f"决定类型：被申请人未提出书面答复和证据，视为该行政行为没有证据、依据，不能作出“{label}”决定"
                    "（行政复议法第七十条）；第三人提供证据的除外。",
                    code="outcome_without_reply",
                )
            }
        )


@needs_data
def termination_ground_holds(case: Any, data: dict[str, Any]) -> None:
    """第四十一条第五项: 60 days of suspension on 第三十九条第一款第一、二、四项 with the cause still there."""
    ground = data.get("ground", "")
    if ground not in TerminationGround.values:
        raise ValidationError(
            {
                "ground": ValidationError(
                    f"终止理由：“{ground}”不是行政复议法第四十一条规定的情形。", code="bad_ground"
                )
            }
        )
    if ground != TerminationGround.SUSPENSION_LAPSED:
        return
    from fazhi.core import procedures

    from .procedures import SUSPENSION_LAPSE  # the declarations import this module

    last = next((s for s in reversed(list(procedures.steps(case))) if s.transition == "suspend"), None)
    lapsing = {SuspensionGround.DEATH, SuspensionGround.INCAPACITY, SuspensionGround.DISSOLVED}
    on = data.get("on") or workdays.today()
    if isinstance(on, str):
        on = date.fromisoformat(on)
    if (
        case.state != "suspended"
        or last is None
        or last.data.get("ground_code") not in lapsing
        or on < workdays.add(last.on, SUSPENSION_LAPSE)
    ):
        raise ValidationError(
            {
                "ground": ValidationError(
                    "终止理由：只有依照第三十九条第一款第一、二、四项中止满六十日且中止原因仍未消除的，才能据此终止（行政复议法第四十一条第五项）。",
                    code="suspension_not_lapsed",
                )
            }
        )
