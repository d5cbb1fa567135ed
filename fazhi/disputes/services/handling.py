"""Reconsideration: handling an accepted case — handlers, copy and reply, hearings, advisory opinion,
procedure conversion, suspension, extension and closure (第三十六至七十四条)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit, numbers, procedures, workdays
from fazhi.core.procedures.models import DeadlineState
from fazhi.org.models import User

from ..choices import (
    HearingKind,
    HearingMode,
    ProcedureKind,
    SuspensionGround,
)
from ..models import Hearing, Reconsideration
from ..procedures import HEARING_NOTICE
from .application import _locked, _may
from .dates import refuse_future, refuse_future_on

__all__ = [
    "assign_handlers",
    "attach_evidence",
    "convert_to_ordinary",
    "decide_case",
    "extend_decision_period",
    "file_reply",
    "mark_major_complex",
    "mediate_case",
    "record_advisory_opinion",
    "receive_copy",
    "record_hearing",
    "resume_case",
    "send_copy",
    "suspend_case",
    "terminate_case",
]


# --- handling ------------------------------------------------------------------------------------
@transaction.atomic
def assign_handlers(*, actor: User, case: Reconsideration, handlers: list[User]) -> Reconsideration:
    """指定承办人员 (第三十六条); at least two are needed before the decision (第四十五条)."""
    case = _locked(case)
    if not actor.has_perm("disputes.handle_case", case):
        raise PermissionDenied("您无权指定承办人员。")
    bad = [h for h in handlers if not h.has_perm("disputes.handle_case", case)]
    if bad:
        raise ValidationError(
            {
                "handlers": ValidationError(
                    "承办人员：" + "、".join(str(h) for h in bad) + " 不是本复议机构的行政复议人员。",
                    code="bad_handler",
                )
            }
        )
    before = sorted(case.handlers.values_list("pk", flat=True))
    case.handlers.set(handlers)
    audit.record(
        actor=actor,
        action="disputes.assign_handlers",
        obj=case,
        before={"handlers": before},
        after={"handlers": sorted(h.pk for h in handlers)},
    )
    return case


@transaction.atomic
def send_copy(
    *, actor: User, case: Reconsideration, on: date, received_on: date | None = None
) -> Reconsideration:
    """发送申请书副本 to the respondent: 7 WD (第四十八条) / 3 WD simplified (第五十四条). Handed over
    or delivered electronically with a known receipt, `received_on` starts the reply period now;
    otherwise `receive_copy` records the receipt later."""
    case = _locked(case)
    name = "send_copy_simplified" if case.is_simplified else "send_copy"
    _may(actor, case, name)
    refuse_future({"on": ("发送日期", on), "received_on": ("被申请人收到日期", received_on)})
    procedures.advance(case, name, actor=actor, on=on)
    case.copy_sent_on = on
    case.save(update_fields=["copy_sent_on"])
    if received_on is not None:
        receive_copy(actor=actor, case=case, on=received_on)
        case.refresh_from_db()
    return case


@transaction.atomic
def receive_copy(*, actor: User, case: Reconsideration, on: date) -> Reconsideration:
    """被申请人收到申请书副本 (送达回证): its 10 WD (第四十八条) / 5 WD (第五十四条) to reply run from this day."""
    case = _locked(case)
    name = "receive_copy_simplified" if case.is_simplified else "receive_copy"
    _may(actor, case, name)
    refuse_future_on(on, "被申请人收到日期")
    procedures.advance(case, name, actor=actor, on=on)
    case.copy_received_on = on
    case.save(update_fields=["copy_received_on"])
    return case


@transaction.atomic
def file_reply(
    *, actor: User, case: Reconsideration, on: date, text: str, posted_on: date | None = None
) -> Reconsideration:
    """被申请人答复 with evidence: 10 WD (第四十八条) / 5 WD simplified (第五十四条). A reply sent by
    post keeps its postmark (`posted_on`): time in the post is not counted (民事诉讼法第八十五条第四款)."""
    case = _locked(case)
    _may(actor, case, "receive_reply")
    refuse_future({"on": ("收到答复日期", on), "posted_on": ("交邮日期", posted_on)})
    if case.copy_sent_on is None:
        raise ValidationError("尚未向被申请人发送申请书副本，不能登记答复。", code="copy_not_sent")
    if not text.strip():
        raise ValidationError({"text": ValidationError("答复意见：不能为空。", code="required")})
    if posted_on is not None and not case.copy_sent_on <= posted_on <= on:
        raise ValidationError(
            {
                "posted_on": ValidationError(
                    "交邮日期：应在发送申请书副本之后、收到答复之前。", code="bad_date"
                )
            }
        )
    data = {"posted_on": posted_on} if posted_on is not None else {}
    procedures.advance(case, "receive_reply", actor=actor, on=on, data=data)
    case.reply_received_on, case.reply_posted_on, case.reply_text = on, posted_on, text.strip()
    case.save(update_fields=["reply_received_on", "reply_posted_on", "reply_text"])
    return case


@transaction.atomic
def record_hearing(
    *,
    actor: User,
    case: Reconsideration,
    kind: str,
    held_on: date,
    mode: str = HearingMode.IN_PERSON,
    notified_on: date | None = None,
    place: str = "",
    issues: str = "",
    presiding: str = "",
    record: str = "",
) -> Hearing:
    """听取意见 (第四十九条) or 听证 (第五十、五十一条: written notice ≥ 5 WD before)."""
    case = _locked(case)
    if not actor.has_perm("disputes.handle_case", case):
        raise PermissionDenied("您无权登记听取意见或听证。")
    if case.state not in {"accepted", "suspended"}:
        raise ValidationError(
            f"案件当前状态为“{case.state_label}”，不能登记听取意见或听证。", code="bad_state"
        )
    if kind not in HearingKind.values:
        raise ValidationError({"kind": ValidationError(f"类型：“{kind}”无效。", code="bad_kind")})
    refuse_future({"held_on": ("日期", held_on), "notified_on": ("通知日期", notified_on)})
    if kind == HearingKind.FORMAL:
        if notified_on is None:
            raise ValidationError(
                {
                    "notified_on": ValidationError(
                        "通知日期：听证应当书面通知当事人（行政复议法第五十一条）。", code="required"
                    )
                }
            )
        earliest = workdays.explain(notified_on, HEARING_NOTICE)
        if held_on < earliest.due:
            raise ValidationError(
                {
                    "held_on": ValidationError(
                        f"听证日期：应当在举行听证5个工作日前通知当事人，最早可于{earliest.due.isoformat()}举行（{earliest.describe()}）。",
                        code="hearing_notice_too_short",
                    )
                }
            )
    hearing = Hearing.objects.create(
        case=case,
        kind=kind,
        mode=mode,
        notified_on=notified_on,
        held_on=held_on,
        place=place,
        issues=issues,
        presiding=presiding,
        record=record,
    )
    audit.record(
        actor=actor,
        action="disputes.record_hearing",
        obj=case,
        after={"hearing": hearing.pk, "kind": kind, "held_on": held_on, "notified_on": notified_on},
    )
    return hearing


@transaction.atomic
def record_advisory_opinion(*, actor: User, case: Reconsideration, on: date, text: str) -> Reconsideration:
    """行政复议委员会咨询意见 (第五十二条): recorded as an important reference for the decision."""
    case = _locked(case)
    if not actor.has_perm("disputes.handle_case", case):
        raise PermissionDenied("您无权登记咨询意见。")
    refuse_future_on(on)
    if not text.strip():
        raise ValidationError({"text": ValidationError("咨询意见：不能为空。", code="required")})
    before = {"advisory_opinion": case.advisory_opinion}
    case.advisory_opinion, case.advisory_opinion_on = text.strip(), on
    case.save(update_fields=["advisory_opinion", "advisory_opinion_on"])
    audit.record(
        actor=actor,
        action="disputes.record_advisory_opinion",
        obj=case,
        before=before,
        after={"advisory_opinion": case.advisory_opinion, "on": on},
    )
    return case


@transaction.atomic
def mark_major_complex(
    *, actor: User, case: Reconsideration, major: bool, specialised: bool = False
) -> Reconsideration:
    """重大、疑难、复杂 (第五十、五十二条) / 专业性、技术性较强 (第五十二条)."""
    case = _locked(case)
    if not actor.has_perm("disputes.handle_case", case):
        raise PermissionDenied("您无权修改案件性质。")
    before = {"is_major_complex": case.is_major_complex, "is_specialised": case.is_specialised}
    case.is_major_complex, case.is_specialised = major, specialised
    case.save(update_fields=["is_major_complex", "is_specialised"])
    audit.record(
        actor=actor,
        action="disputes.mark_major_complex",
        obj=case,
        before=before,
        after={"is_major_complex": major, "is_specialised": specialised},
    )
    return case


@transaction.atomic
def convert_to_ordinary(*, actor: User, case: Reconsideration, on: date, ground: str) -> Reconsideration:
    """简易程序转普通程序, approved by the head of the reconsideration body (第五十五条)."""
    case = _locked(case)
    _may(actor, case, "convert_to_ordinary")
    refuse_future_on(on)
    if not ground.strip():
        raise ValidationError(
            {
                "ground": ValidationError(
                    "转为普通程序的理由：不能为空（行政复议法第五十五条）。", code="required"
                )
            }
        )
    procedures.advance(case, "convert_to_ordinary", actor=actor, on=on, data={"ground": ground})
    case.procedure_kind = ProcedureKind.ORDINARY
    case.save(update_fields=["procedure_kind"])
    return case


@transaction.atomic
def suspend_case(
    *, actor: User, case: Reconsideration, on: date, ground: str, note: str = ""
) -> Reconsideration:
    """中止 on a 第三十九条 ground; the decision clock stops."""
    case = _locked(case)
    _may(actor, case, "suspend")
    refuse_future_on(on)
    if ground not in SuspensionGround.values:
        raise ValidationError(
            {
                "ground": ValidationError(
                    f"中止理由：“{ground}”不是行政复议法第三十九条规定的情形。", code="bad_ground"
                )
            }
        )
    # The pause keeps the ground's wording, so the deadline explains itself in Chinese.
    label = SuspensionGround(ground).label
    procedures.advance(
        case, "suspend", actor=actor, on=on, data={"ground": label, "ground_code": ground}, note=note
    )
    return case


@transaction.atomic
def resume_case(*, actor: User, case: Reconsideration, on: date, note: str = "") -> Reconsideration:
    """恢复审理 once the cause is gone (第三十九条第二款)."""
    case = _locked(case)
    _may(actor, case, "resume")
    refuse_future_on(on)
    procedures.advance(case, "resume", actor=actor, on=on, note=note)
    return case


@transaction.atomic
def extend_decision_period(
    *, actor: User, case: Reconsideration, on: date, ground: str, days: int = 30
) -> Reconsideration:
    """延长审理期限: once, ≤ 30 days, head of the reconsideration body (第六十二条第一款)."""
    case = _locked(case)
    _may(actor, case, "extend")
    refuse_future_on(on)
    if not ground.strip():
        raise ValidationError(
            {
                "ground": ValidationError(
                    "延长理由：不能为空（行政复议法第六十二条第一款：情况复杂的）。", code="required"
                )
            }
        )
    procedures.advance(case, "extend", actor=actor, on=on, data={"ground": ground, "period": {"days": days}})
    return case


def _close_case(case: Reconsideration, on: date) -> None:
    """Closed on time = the applicable decision deadline was met (extensions counted). Unknown
    (None) while that deadline is `undecided`: it awaited calendar data and was closed on or after
    1 January of the missing year (ADR 0003); `selectors.with_decided_on_time` then reads the
    deadline, which the engine settles once the year is entered."""
    clock = "decision_simplified" if case.is_simplified else "decision"
    d = procedures.deadlines(case).filter(clock=clock).order_by("-id").first()
    case.closed_on = on
    if d is not None and d.state == DeadlineState.UNDECIDED:
        case.closed_on_time = None
    else:
        case.closed_on_time = d is not None and d.state == DeadlineState.MET


@transaction.atomic
def decide_case(
    *,
    actor: User,
    case: Reconsideration,
    on: date,
    outcome: str,
    reasons: str,
    approved_by: str,
    third_party_evidence: bool = False,
) -> Reconsideration:
    """复议决定 (第六十一条: approved by the organ's head or collective discussion; 第六十三至六十九条)."""
    case = _locked(case)
    _may(actor, case, "decide")
    refuse_future_on(on)
    if not reasons.strip():
        raise ValidationError({"reasons": ValidationError("决定理由：不能为空。", code="required")})
    if not approved_by.strip():
        raise ValidationError(
            {
                "approved_by": ValidationError(
                    "批准方式：复议决定应当经复议机关负责人同意或者集体讨论通过（行政复议法第六十一条第一款），请填写。",
                    code="required",
                )
            }
        )
    procedures.advance(
        case,
        "decide",
        actor=actor,
        on=on,
        data={"outcome": outcome, "approved_by": approved_by, "third_party_evidence": third_party_evidence},
    )
    taken = Reconsideration.objects.filter(jurisdiction=case.jurisdiction)
    case.outcome, case.decision_reasons, case.approved_by = outcome, reasons.strip(), approved_by
    case.decision_number = numbers.next_free_number(
        "disputes.reconsideration_decision",
        scope=f"jurisdiction:{case.jurisdiction_id}",
        year=on.year,
        render=lambda n: f"{case.jurisdiction.name}复决字〔{on.year}〕{n}号",
        taken=taken,
        field="decision_number",
        start=lambda: taken.filter(closed_on__year=on.year).exclude(decision_number="").count(),
    )
    _close_case(case, on)
    case.save()
    return case


@transaction.atomic
def mediate_case(*, actor: User, case: Reconsideration, on: date, agreement: str) -> Reconsideration:
    """调解结案: the mediation agreement is signed by every party and stamped (第七十三条)."""
    case = _locked(case)
    _may(actor, case, "mediate")
    refuse_future_on(on)
    if not agreement.strip():
        raise ValidationError(
            {"agreement": ValidationError("调解书内容：不能为空（行政复议法第七十三条）。", code="required")}
        )
    procedures.advance(case, "mediate", actor=actor, on=on, data={"agreement": agreement})
    case.decision_reasons = agreement.strip()
    _close_case(case, on)
    case.save()
    return case


@transaction.atomic
def terminate_case(
    *, actor: User, case: Reconsideration, on: date, ground: str, note: str = ""
) -> Reconsideration:
    """终止 on a 第四十一条 ground, or withdrawal after settlement (第七十四条)."""
    case = _locked(case)
    _may(actor, case, "terminate")
    refuse_future_on(on)
    procedures.advance(case, "terminate", actor=actor, on=on, data={"ground": ground, "on": on}, note=note)
    case.termination_ground = ground
    _close_case(case, on)
    case.save()
    return case


# --- evidence ------------------------------------------------------------------------------------
def attach_evidence(*, actor: User, case: Reconsideration, file: Any, description: str = "") -> Any:
    """申请材料、答复证据 (第四十四、四十八条) stored with their SHA-256 (core.evidence), linked to the
    latest step. The reconsideration office and the respondent agency may attach."""
    from fazhi.core.evidence.services import store_evidence

    step = procedures.steps(case).last()
    return store_evidence(
        actor=actor, file=file, obj=case, step=step, description=description, perm="disputes.file_reply"
    )
