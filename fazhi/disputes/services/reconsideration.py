"""Every write of a reconsideration case (STYLE.md §2.2): lock → permission → validate → write → audit.

Transitions go through the procedure engine (`fazhi.core.procedures.advance`), which checks the
permission, the guards, stores the step and the deadlines and writes the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit, ids, procedures, workdays
from fazhi.core.masking import mask_party
from fazhi.core.procedures.models import DeadlineState
from fazhi.org.models import Agency, Jurisdiction, User

from ..choices import (
    Channel,
    HearingKind,
    HearingMode,
    Outcome,
    PartyKind,
    PartyRole,
    ProcedureKind,
    SimplifiedGround,
    SuspensionGround,
)
from ..models import AdvisoryMember, Amendment, Hearing, Party, Reconsideration, ReconsiderationOpinion

__all__ = [
    "PartyIn",
    "SMALL_AMOUNT_LIMIT",
    "accept_application",
    "appoint_advisory_member",
    "end_advisory_membership",
    "application_period",
    "assign_handlers",
    "attach_evidence",
    "convert_to_ordinary",
    "decide_case",
    "extend_amendment_period",
    "extend_decision_period",
    "file_reply",
    "is_late",
    "issue_opinion",
    "mark_major_complex",
    "mediate_case",
    "publish_decision",
    "record_advisory_opinion",
    "record_hearing",
    "redacted_text",
    "reject_application",
    "report_opinion",
    "request_amendment",
    "resume_case",
    "send_copy",
    "submit_application",
    "supply_amendment",
    "suspend_case",
    "terminate_case",
]

SMALL_AMOUNT_LIMIT = Decimal("3000.00")  # 第五十三条第一款第三项


# --- application --------------------------------------------------------------------------------
@dataclass
class PartyIn:
    name: str
    kind: str = PartyKind.PERSON
    role: str = PartyRole.APPLICANT
    id_number: str = ""
    uscc: str = ""
    phone: str = ""
    address: str = ""


REQUIRED_TEXT = {
    "challenged_act": "被申请复议的行政行为",
    "claim": "复议请求",
    "facts": "主要事实",
    "reasons": "理由",
}


def _clean_parties(parties: list[PartyIn], *, identity_required: bool) -> list[Party]:
    """第二十二条: the applicant's details. Online, the identity document is required and validated."""
    errors: dict[str, list[str]] = {}
    out: list[Party] = []
    if not any(p.role == PartyRole.APPLICANT for p in parties):
        raise ValidationError(
            {
                "applicants": ValidationError(
                    "申请人：至少填写一名申请人（行政复议法第二十二条）。", code="no_applicant"
                )
            }
        )
    for i, p in enumerate(parties, start=1):
        label = f"第{i}名{PartyRole(p.role).label}"
        name = (p.name or "").strip()
        if not name:
            errors.setdefault("applicants", []).append(f"{label}：姓名或名称不能为空。")
            continue
        id_number, uscc = p.id_number.strip(), p.uscc.strip()
        try:
            if p.kind == PartyKind.PERSON and (
                id_number or (identity_required and p.role == PartyRole.APPLICANT)
            ):
                id_number = ids.validate_id_number(id_number, field=f"{label}的居民身份证号码").value
            if p.kind == PartyKind.ORGANISATION and (
                uscc or (identity_required and p.role == PartyRole.APPLICANT)
            ):
                uscc = ids.validate_uscc(uscc, field=f"{label}的统一社会信用代码").value
        except ValidationError as exc:
            errors.setdefault("applicants", []).extend(exc.messages)
            continue
        out.append(
            Party(
                role=p.role,
                kind=p.kind,
                name=name,
                id_number=id_number,
                uscc=uscc,
                phone=p.phone.strip(),
                address=p.address.strip(),
            )
        )
    if errors:
        raise ValidationError({k: ValidationError(v, code="bad_party") for k, v in errors.items()})
    return out


def application_period(
    *, known_on: date, rights_notified: bool = True, rights_learned_on: date | None = None
) -> workdays.Computation:
    """第二十条第一款: 60 days from knowing the act; 第三款: if the rights were not notified, from
    learning them, but no later than 1 year from knowing the act's content."""
    normal = workdays.explain(known_on, workdays.cd(60, "行政复议法第二十条第一款"))
    if rights_notified or rights_learned_on is None:
        return normal
    late = workdays.explain(rights_learned_on, workdays.cd(60, "行政复议法第二十条第三款"))
    cap = workdays.explain(known_on, workdays.months(12, "行政复议法第二十条第三款"))
    return cap if cap.due < late.due else late


def _next_number(jurisdiction: Jurisdiction, year: int) -> str:
    n = Reconsideration.objects.filter(jurisdiction=jurisdiction, received_on__year=year).count() + 1
    return f"{jurisdiction.name}复申〔{year}〕{n}号"


@transaction.atomic
def submit_application(
    *,
    actor: User | None,
    jurisdiction: Jurisdiction,
    respondent: Any,
    channel: str,
    received_on: date,
    parties: list[PartyIn],
    challenged_act: str,
    known_on: date | None,
    claim: str,
    facts: str,
    reasons: str,
    act_kind: str = "act",
    act_document_number: str = "",
    act_date: date | None = None,
    involves_real_property: bool = False,
    rights_notified: bool = True,
    rights_learned_on: date | None = None,
    late_justification: str = "",
    oral_record: str = "",
    amount: Decimal | None = None,
) -> Reconsideration:
    """收到行政复议申请 (第二十二条): online from the portal (actor None) or at the counter (staff)."""
    if actor is None:
        if channel != Channel.ONLINE:
            raise PermissionDenied("只有网上申请可以不登录提交。")
    elif not actor.has_perm("disputes.register_application"):
        raise PermissionDenied("您无权登记行政复议申请。")
    elif not actor.is_superuser and actor.jurisdiction_id != jurisdiction.pk:
        raise PermissionDenied("只能登记本行政区划复议机关收到的申请。")
    errors: dict[str, str] = {}
    if not isinstance(respondent, Agency):
        errors["respondent"] = (
            "被申请人：必须是行政机关（从本级人民政府所属部门和下级人民政府中选择），不能填写个人或其他主体。"
        )
    elif respondent.jurisdiction_id != jurisdiction.pk or not respondent.is_active:
        errors["respondent"] = (
            f"被申请人：“{respondent}”不属于{jurisdiction.name}人民政府行政复议的管辖范围（行政复议法第二十四条）。"
        )
    values = {"challenged_act": challenged_act, "claim": claim, "facts": facts, "reasons": reasons}
    for key, label in REQUIRED_TEXT.items():
        if not (values[key] or "").strip():
            errors[key] = f"{label}：不能为空（行政复议法第二十二条）。"
    if known_on is None:
        errors["known_on"] = "知道该行政行为的日期：不能为空，用于计算申请期限（行政复议法第二十条）。"
    elif known_on > received_on:
        errors["known_on"] = "知道该行政行为的日期：不能晚于收到申请的日期。"
    if channel not in Channel.values:
        errors["channel"] = f"申请方式：“{channel}”无效。"
    if channel == Channel.COUNTER_ORAL and not oral_record.strip():
        errors["oral_record"] = (
            "口头申请笔录：口头申请的，应当当场记录申请人基本情况、复议请求、主要事实、理由和时间（行政复议法第二十二条第二款）。"
        )
    if not rights_notified and rights_learned_on is None:
        errors["rights_learned_on"] = (
            "知道复议权利的日期：行政机关未告知复议权利的，应填写申请人知道复议权利、机关和期限的日期（第二十条第三款）。"
        )
    if amount is not None and amount < 0:
        errors["amount"] = "涉及款额：不能为负数。"
    try:
        clean_parties = _clean_parties(parties, identity_required=actor is None)
    except ValidationError as exc:
        errors.update({k: "；".join(v) for k, v in exc.message_dict.items()})
        clean_parties = []
    if errors:
        raise ValidationError({k: ValidationError(v, code="invalid_application") for k, v in errors.items()})
    assert known_on is not None
    # Receipt is a fact and is never refused for want of calendar data: the period is then computed
    # again at the acceptance review, which shows the CalendarUnknown message until the year is entered.
    try:
        period = application_period(
            known_on=known_on, rights_notified=rights_notified, rights_learned_on=rights_learned_on
        )
        application_due, explanation = period.due, period.describe()[:300]
    except workdays.CalendarUnknown as exc:
        application_due, explanation = None, f"申请期限暂无法计算：{exc.message}"[:300]
    case = Reconsideration.objects.create(
        number=_next_number(jurisdiction, received_on.year),
        jurisdiction=jurisdiction,
        respondent=respondent,
        channel=channel,
        received_on=received_on,
        act_kind=act_kind,
        challenged_act=challenged_act.strip(),
        act_document_number=act_document_number.strip(),
        act_date=act_date,
        known_on=known_on,
        involves_real_property=involves_real_property,
        rights_notified=rights_notified,
        rights_learned_on=rights_learned_on,
        application_due=application_due,
        application_due_explanation=explanation,
        late_justification=late_justification.strip(),
        claim=claim.strip(),
        facts=facts.strip(),
        reasons=reasons.strip(),
        oral_record=oral_record.strip(),
        amount=amount,
    )
    for p in clean_parties:
        p.case = case
    Party.objects.bulk_create(clean_parties)
    procedures.start(case, actor=actor, on=received_on, data={"channel": channel})
    return case


def _locked(case: Reconsideration) -> Reconsideration:
    return Reconsideration.objects.select_for_update().get(pk=case.pk)


def _may(actor: User, case: Reconsideration, transition: str) -> None:
    """Permission first, so a refused user learns nothing about the case (the engine checks again)."""
    t = case.procedure.transition(transition)
    if t.perm and not actor.has_perm(t.perm, case):
        raise PermissionDenied(f"您无权办理“{t.display}”。")


def is_late(case: Reconsideration) -> bool:
    """第二十条: received after the application period."""
    return case.application_due is not None and case.received_on > case.application_due


def _absolute_bar(case: Reconsideration) -> date | None:
    """第二十一条: 20 years (real property) / 5 years from the act; None when the act date is unknown."""
    if case.act_date is None:
        return None
    years = 20 if case.involves_real_property else 5
    return workdays.add(case.act_date, workdays.months(12 * years, "行政复议法第二十一条"))


# --- acceptance review (第三十、三十一条) ----------------------------------------------------------
@transaction.atomic
def accept_application(
    *,
    actor: User,
    case: Reconsideration,
    on: date,
    simplified_ground: str = "",
    late_justification: str = "",
) -> Reconsideration:
    """受理 (第三十条第一款), in the simplified procedure when a 第五十三条 ground is given."""
    case = _locked(case)
    if not actor.has_perm("disputes.decide_acceptance", case):
        raise PermissionDenied("您无权作出受理决定。")
    if case.application_due is None:  # calendar data was missing at receipt (第二十条)
        period = application_period(
            known_on=case.known_on,
            rights_notified=case.rights_notified,
            rights_learned_on=case.rights_learned_on,
        )
        case.application_due, case.application_due_explanation = period.due, period.describe()[:300]
        case.save(update_fields=["application_due", "application_due_explanation"])
    justification = late_justification.strip() or case.late_justification
    if is_late(case) and not justification:
        raise ValidationError(
            {
                "late_justification": ValidationError(
                    f"超过申请期限的正当理由：申请于{case.received_on.isoformat()}收到，已超过申请期限"
                    f"（{case.application_due_explanation}）。只有记录了不可抗力或者其他正当理由（行政复议法第二十条第二款）才能受理，否则应当不予受理。",
                    code="application_late",
                )
            }
        )
    bar = _absolute_bar(case)
    if bar is not None and case.received_on > bar:
        raise ValidationError(
            f"行政行为作出之日（{case.act_date}）起已超过{20 if case.involves_real_property else 5}年（至{bar}），"
            "依照行政复议法第二十一条不予受理。",
            code="absolute_bar",
        )
    if simplified_ground:
        if simplified_ground not in SimplifiedGround.values:
            raise ValidationError(
                {
                    "simplified_ground": ValidationError(
                        f"简易程序情形：“{simplified_ground}”无效。", code="bad_ground"
                    )
                }
            )
        if simplified_ground == SimplifiedGround.SMALL_AMOUNT and (
            case.amount is None or case.amount > SMALL_AMOUNT_LIMIT
        ):
            raise ValidationError(
                {
                    "simplified_ground": ValidationError(
                        f"简易程序情形：涉及款额{case.amount or '未填写'}元，超过三千元，不适用“案件涉及款额三千元以下”（第五十三条）。",
                        code="amount_too_high",
                    )
                }
            )
        if case.is_major_complex:
            raise ValidationError(
                {
                    "simplified_ground": ValidationError(
                        "简易程序情形：重大、疑难、复杂案件不适用简易程序（第五十三条要求事实清楚、争议不大）。",
                        code="simplified_not_allowed",
                    )
                }
            )
        case.procedure_kind, case.simplified_ground = ProcedureKind.SIMPLIFIED, simplified_ground
    else:
        case.procedure_kind, case.simplified_ground = ProcedureKind.ORDINARY, ""
    case.late_justification = justification
    case.save(update_fields=["procedure_kind", "simplified_ground", "late_justification"])
    data: dict[str, Any] = {"simplified_ground": simplified_ground}
    if is_late(case):
        data["late_justification"] = justification
    procedures.advance(
        case, "accept_simplified" if simplified_ground else "accept", actor=actor, on=on, data=data
    )
    return case


@transaction.atomic
def reject_application(
    *,
    actor: User,
    case: Reconsideration,
    on: date,
    reasons: str,
    competent_organ: str = "",
    outside_jurisdiction: bool = False,
) -> Reconsideration:
    """不予受理 with reasons; outside jurisdiction the competent organ is named (第三十条第二款)."""
    case = _locked(case)
    _may(actor, case, "reject")
    if not reasons.strip():
        raise ValidationError(
            {
                "reasons": ValidationError(
                    "不予受理理由：不能为空（行政复议法第三十条第二款）。", code="required"
                )
            }
        )
    if outside_jurisdiction and not competent_organ.strip():
        raise ValidationError(
            {
                "competent_organ": ValidationError(
                    "有管辖权的复议机关：不属于本机关管辖的，不予受理决定中应当告知申请人有管辖权的行政复议机关（行政复议法第三十条第二款）。",
                    code="competent_organ_required",
                )
            }
        )
    case.rejection_reasons, case.competent_organ = reasons.strip(), competent_organ.strip()
    case.closed_on = on
    case.save(update_fields=["rejection_reasons", "competent_organ", "closed_on"])
    procedures.advance(
        case,
        "reject",
        actor=actor,
        on=on,
        data={"reasons": case.rejection_reasons, "competent_organ": case.competent_organ},
    )
    return case


@transaction.atomic
def request_amendment(*, actor: User, case: Reconsideration, on: date, items: list[str]) -> Amendment:
    """补正通知: every missing item in one notice, within the 5 WD (第三十一条第一款)."""
    case = _locked(case)
    _may(actor, case, "request_amendment")
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise ValidationError(
            {
                "items": ValidationError(
                    "需补正事项：至少列明一项（行政复议法第三十一条第一款）。", code="required"
                )
            }
        )
    if case.amendments.exists():
        raise ValidationError(
            "补正通知应当一次性载明需要补正的全部事项（行政复议法第三十一条第一款），本案已经通知过补正，不能再次通知。",
            code="amendment_once",
        )
    procedures.advance(case, "request_amendment", actor=actor, on=on, data={"items": items})
    return Amendment.objects.create(case=case, items=items, notified_on=on)


@transaction.atomic
def supply_amendment(*, actor: User, case: Reconsideration, on: date, note: str = "") -> Reconsideration:
    """收到补正材料: the acceptance review runs again from receipt (第三十一条第三款)."""
    case = _locked(case)
    _may(actor, case, "supply_amendment")
    procedures.advance(case, "supply_amendment", actor=actor, on=on, note=note)
    Amendment.objects.filter(case=case, supplied_on__isnull=True).update(supplied_on=on)
    return case


@transaction.atomic
def extend_amendment_period(
    *, actor: User, case: Reconsideration, on: date, ground: str, working_days: int = 10
) -> Reconsideration:
    """补正期限延长 for good reason (第三十一条第二款)."""
    case = _locked(case)
    _may(actor, case, "extend_amendment")
    procedures.advance(
        case,
        "extend_amendment",
        actor=actor,
        on=on,
        data={"ground": ground, "period": {"working_days": working_days}},
    )
    return case


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
def send_copy(*, actor: User, case: Reconsideration, on: date) -> Reconsideration:
    """发送申请书副本 to the respondent: 7 WD (第四十八条) / 3 WD simplified (第五十四条)."""
    case = _locked(case)
    name = "send_copy_simplified" if case.is_simplified else "send_copy"
    _may(actor, case, name)
    procedures.advance(case, name, actor=actor, on=on)
    case.copy_sent_on = on
    case.save(update_fields=["copy_sent_on"])
    return case


@transaction.atomic
def file_reply(*, actor: User, case: Reconsideration, on: date, text: str) -> Reconsideration:
    """被申请人答复 with evidence: 10 WD (第四十八条) / 5 WD simplified (第五十四条)."""
    case = _locked(case)
    _may(actor, case, "receive_reply")
    if case.copy_sent_on is None:
        raise ValidationError("尚未向被申请人发送申请书副本，不能登记答复。", code="copy_not_sent")
    if not text.strip():
        raise ValidationError({"text": ValidationError("答复意见：不能为空。", code="required")})
    procedures.advance(case, "receive_reply", actor=actor, on=on)
    case.reply_received_on, case.reply_text = on, text.strip()
    case.save(update_fields=["reply_received_on", "reply_text"])
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
    if kind == HearingKind.FORMAL:
        if notified_on is None:
            raise ValidationError(
                {
                    "notified_on": ValidationError(
                        "通知日期：听证应当书面通知当事人（行政复议法第五十一条）。", code="required"
                    )
                }
            )
        earliest = workdays.explain(notified_on, workdays.wd(5, "行政复议法第五十一条"))
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
    procedures.advance(case, "resume", actor=actor, on=on, note=note)
    return case


@transaction.atomic
def extend_decision_period(
    *, actor: User, case: Reconsideration, on: date, ground: str, days: int = 30
) -> Reconsideration:
    """延长审理期限: once, ≤ 30 days, head of the reconsideration body (第六十二条第一款)."""
    case = _locked(case)
    _may(actor, case, "extend")
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
    """Closed on time = the applicable decision deadline was met (extensions counted)."""
    clock = "decision_simplified" if case.is_simplified else "decision"
    d = procedures.deadlines(case).filter(clock=clock).order_by("-id").first()
    case.closed_on = on
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
    n = (
        Reconsideration.objects.filter(jurisdiction=case.jurisdiction, closed_on__year=on.year)
        .exclude(decision_number="")
        .count()
        + 1
    )
    case.outcome, case.decision_reasons, case.approved_by = outcome, reasons.strip(), approved_by
    case.decision_number = f"{case.jurisdiction.name}复决字〔{on.year}〕{n}号"
    _close_case(case, on)
    case.save()
    return case


@transaction.atomic
def mediate_case(*, actor: User, case: Reconsideration, on: date, agreement: str) -> Reconsideration:
    """调解结案: the mediation agreement is signed by every party and stamped (第七十三条)."""
    case = _locked(case)
    _may(actor, case, "mediate")
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
    *, actor: User, agency: Any, on: date, content: str, case: Reconsideration | None = None
) -> ReconsiderationOpinion:
    """行政复议意见书; the recipient reports its corrections within 60 days (第七十六条)."""
    if not isinstance(agency, Agency):
        raise ValidationError({"agency": ValidationError("收件机关：必须是行政机关。", code="not_agency")})
    if case is not None and not actor.has_perm("disputes.issue_opinion", case):
        raise PermissionDenied("您无权制发行政复议意见书。")
    if not actor.has_perm("disputes.issue_opinion", agency):
        raise PermissionDenied("您无权向该机关制发行政复议意见书。")
    if not content.strip():
        raise ValidationError({"content": ValidationError("意见内容：不能为空。", code="required")})
    due = workdays.explain(on, workdays.cd(60, "行政复议法第七十六条"))
    opinion = ReconsiderationOpinion.objects.create(
        case=case,
        jurisdiction=agency.jurisdiction,
        agency=agency,
        issued_on=on,
        content=content.strip(),
        due_on=due.due,
        due_explanation=due.describe()[:300],
    )
    audit.record(
        actor=actor,
        action="disputes.issue_opinion",
        obj=opinion,
        after={"agency": agency.pk, "due_on": due.due},
    )
    return opinion


@transaction.atomic
def report_opinion(
    *, actor: User, opinion: ReconsiderationOpinion, on: date, report: str
) -> ReconsiderationOpinion:
    """整改情况反馈 by the recipient (第七十六条)."""
    opinion = ReconsiderationOpinion.objects.select_for_update().get(pk=opinion.pk)
    if not actor.has_perm("disputes.report_opinion", opinion):
        raise PermissionDenied("您无权反馈该意见书的整改情况。")
    if opinion.reported_on is not None:
        raise ValidationError("该意见书已经反馈。", code="already_reported")
    if not report.strip():
        raise ValidationError({"report": ValidationError("整改情况：不能为空。", code="required")})
    opinion.reported_on, opinion.report = on, report.strip()
    opinion.save(update_fields=["reported_on", "report"])
    audit.record(actor=actor, action="disputes.report_opinion", obj=opinion, after={"reported_on": on})
    return opinion
