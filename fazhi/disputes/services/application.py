"""Reconsideration: receipt of the application (第二十、二十一、二十二条) and the acceptance review
(第三十、三十一条). Every write: lock → permission → validate → write → audit (via the engine)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import ids, numbers, procedures, workdays
from fazhi.org.models import Agency, Jurisdiction, User

from ..choices import (
    Channel,
    PartyKind,
    PartyRole,
    ProcedureKind,
    SimplifiedGround,
)
from ..models import Amendment, Party, Reconsideration
from ..procedures import (
    ABSOLUTE_BAR,
    ABSOLUTE_BAR_REAL_PROPERTY,
    APPLICATION_PERIOD,
    APPLICATION_PERIOD_CAP,
    APPLICATION_PERIOD_RIGHTS_LEARNED,
)
from .dates import future_date_errors, refuse_future, refuse_future_on

__all__ = [
    "ApplicationTimeliness",
    "PartyIn",
    "SMALL_AMOUNT_LIMIT",
    "accept_application",
    "application_period",
    "assess_application_period",
    "extend_amendment_period",
    "is_late",
    "receive_amendment_notice",
    "reject_application",
    "request_amendment",
    "submit_application",
    "supply_amendment",
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
    normal = workdays.explain(known_on, APPLICATION_PERIOD)
    if rights_notified or rights_learned_on is None:
        return normal
    late = workdays.explain(rights_learned_on, APPLICATION_PERIOD_RIGHTS_LEARNED)
    cap = workdays.explain(known_on, APPLICATION_PERIOD_CAP)
    return cap if cap.due < late.due else late


@dataclass(frozen=True)
class ApplicationTimeliness:
    """Whether an application was received within the 第二十条 period.

    `due` is None when the period's end reaches into a year without holiday data (the roll-over
    rule needs it); `late` is then still known when the raw end (before any roll-over) is on or
    after the receipt date — a roll-over only ever moves the end later — and None only when the
    outcome genuinely depends on the missing year."""

    due: date | None
    explanation: str
    late: bool | None
    unknown_year: int | None = None


def _add_months(start: date, n: int) -> date:
    # 民法典第二百零二条 (as core.workdays): same-numbered day of the final month, else its last day.
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def _raw_end(start: date, period: workdays.Period) -> date:
    """The last day of a CD / month period before the roll-over rule (no calendar needed)."""
    return start + timedelta(days=period.n) if period.unit == "cd" else _add_months(start, period.n)


def assess_application_period(
    *,
    known_on: date,
    received_on: date,
    posted_on: date | None = None,
    rights_notified: bool = True,
    rights_learned_on: date | None = None,
) -> ApplicationTimeliness:
    """第二十条 for an application received on `received_on` (or, sent by post, posted on
    `posted_on`: time in the post is not counted, 民事诉讼法第八十五条第四款), without guessing a
    missing calendar.

    Each limb (60 days from knowing; if rights were not notified, 60 days from learning them,
    capped at 1 year from knowing) ends on its raw end or, by roll-over, later. So receipt on or
    before every raw end is on time whatever the missing year holds; receipt after a limb's
    computed end is late; anything else waits for the calendar."""
    filed_on, how = (posted_on, "交邮") if posted_on is not None else (received_on, "收到")
    try:
        period = application_period(
            known_on=known_on, rights_notified=rights_notified, rights_learned_on=rights_learned_on
        )
    except workdays.CalendarUnknown as exc:
        missing = exc.year
    else:
        text = period.describe()
        if posted_on is not None:
            text += f"；申请于{posted_on.isoformat()}交邮（在途时间不计入期间）"
        return ApplicationTimeliness(period.due, text[:300], filed_on > period.due)
    limbs = [(known_on, APPLICATION_PERIOD)]
    if not rights_notified and rights_learned_on is not None:
        limbs = [
            (rights_learned_on, APPLICATION_PERIOD_RIGHTS_LEARNED),
            (known_on, APPLICATION_PERIOD_CAP),
        ]
    lows: list[date] = []  # the earliest each limb can end
    highs: list[date] = []  # the end of each limb whose calendar is known
    for start, p in limbs:
        try:
            highs.append(workdays.add(start, p))
            lows.append(highs[-1])
        except workdays.CalendarUnknown:
            lows.append(_raw_end(start, p))
    earliest = min(lows)
    basis = "；".join(f"{s.isoformat()} + {p}（{p.basis}）" for s, p in limbs)
    pending = f"{missing}年节假日安排尚未录入，届满日是否顺延待录入后确定"
    if filed_on <= earliest:
        text = (
            f"{basis}：{pending}，但不早于{earliest.isoformat()}；"
            f"申请于{filed_on.isoformat()}{how}，未超过申请期限"
        )
        return ApplicationTimeliness(None, text[:300], False, missing)
    if highs and filed_on > min(highs):
        text = f"{basis}：届满日不晚于{min(highs).isoformat()}；申请于{filed_on.isoformat()}{how}，已超过申请期限"
        return ApplicationTimeliness(None, text[:300], True, missing)
    text = (
        f"申请期限暂无法计算：{basis}：{pending}（不早于{earliest.isoformat()}），"
        f"申请于{filed_on.isoformat()}{how}，是否超过申请期限取决于该年节假日安排"
    )
    return ApplicationTimeliness(None, text[:300], None, missing)


def _next_number(jurisdiction: Jurisdiction, year: int) -> str:
    taken = Reconsideration.objects.filter(jurisdiction=jurisdiction)
    return numbers.next_free_number(
        "disputes.reconsideration",
        scope=f"jurisdiction:{jurisdiction.pk}",
        year=year,
        render=lambda n: f"{jurisdiction.name}复申〔{year}〕{n}号",
        taken=taken,
        start=lambda: taken.filter(received_on__year=year).count(),
    )


@transaction.atomic
def submit_application(
    *,
    actor: User | None,
    jurisdiction: Jurisdiction,
    respondent: Any,
    channel: str,
    received_on: date,
    parties: list[PartyIn],
    posted_on: date | None = None,
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
    elif known_on > (posted_on or received_on):
        errors["known_on"] = "知道该行政行为的日期：不能晚于提出（收到或交邮）申请的日期。"
    if channel == Channel.POST and posted_on is None:
        errors["posted_on"] = (
            "交邮日期：邮寄申请的，应填写邮戳日期；在途时间不计入申请期限（民事诉讼法第八十五条第四款）。"
        )
    elif channel != Channel.POST and posted_on is not None:
        errors["posted_on"] = "交邮日期：只有邮寄的申请才填写交邮日期。"
    elif posted_on is not None and posted_on > received_on:
        errors["posted_on"] = "交邮日期：不能晚于收到申请的日期。"
    errors.update(
        future_date_errors(
            {
                "received_on": ("收到申请日期", received_on),
                "posted_on": ("交邮日期", posted_on),
                "known_on": ("知道该行政行为的日期", known_on),
                "act_date": ("行政行为作出日期", act_date),
                "rights_learned_on": ("知道复议权利的日期", rights_learned_on),
            }
        )
    )
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
    # Receipt is a fact and is never refused for want of calendar data: without the year the due
    # date stays empty (assessed again at the acceptance review), with the reasoning as explanation.
    timeliness = assess_application_period(
        known_on=known_on,
        received_on=received_on,
        posted_on=posted_on,
        rights_notified=rights_notified,
        rights_learned_on=rights_learned_on,
    )
    application_due, explanation = timeliness.due, timeliness.explanation
    case = Reconsideration.objects.create(
        number=_next_number(jurisdiction, received_on.year),
        jurisdiction=jurisdiction,
        respondent=respondent,
        channel=channel,
        received_on=received_on,
        posted_on=posted_on,
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


def filed_on(case: Reconsideration) -> date:
    """The day the application counts as made: posted (by post, 民事诉讼法第八十五条第四款) or received."""
    return case.posted_on or case.received_on


def is_late(case: Reconsideration) -> bool:
    """第二十条: made after the application period (False while that cannot be known yet)."""
    if case.application_due is not None:
        return filed_on(case) > case.application_due
    return _timeliness(case).late is True


def _timeliness(case: Reconsideration) -> ApplicationTimeliness:
    return assess_application_period(
        known_on=case.known_on,
        received_on=case.received_on,
        posted_on=case.posted_on,
        rights_notified=case.rights_notified,
        rights_learned_on=case.rights_learned_on,
    )


def _absolute_bar(case: Reconsideration) -> date | None:
    """第二十一条: 20 years (real property) / 5 years from the act; None when the act date is unknown,
    or when the bar ends in a year without calendar data and receipt is on or before its raw end
    (a roll-over could only move it later). Otherwise `CalendarUnknown`: the missing year decides."""
    if case.act_date is None:
        return None
    period = ABSOLUTE_BAR_REAL_PROPERTY if case.involves_real_property else ABSOLUTE_BAR
    try:
        return workdays.add(case.act_date, period)
    except workdays.CalendarUnknown:
        if filed_on(case) <= _raw_end(case.act_date, period):
            return None
        raise


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
    refuse_future_on(on)
    justification = late_justification.strip() or case.late_justification
    late: bool | None = None
    if case.application_due is not None:
        late = filed_on(case) > case.application_due
    else:  # calendar data was missing at receipt (第二十条)
        timeliness = _timeliness(case)
        late = timeliness.late
        case.application_due, case.application_due_explanation = timeliness.due, timeliness.explanation
        case.save(update_fields=["application_due", "application_due_explanation"])
        if late is None and not justification:
            # only here does the outcome depend on the missing year: never guess (LEGAL_RULES §13)
            raise ValidationError(
                {
                    "late_justification": ValidationError(
                        f"{timeliness.explanation}。请先在“工作日历”中录入{timeliness.unknown_year}年节假日安排，"
                        "或者记录超过申请期限的正当理由（行政复议法第二十条第二款）后再受理。",
                        code="calendar_unknown",
                    )
                }
            )
    if late and not justification:
        raise ValidationError(
            {
                "late_justification": ValidationError(
                    f"超过申请期限的正当理由：申请于{filed_on(case).isoformat()}{'交邮' if case.posted_on else '收到'}，已超过申请期限"
                    f"（{case.application_due_explanation}）。只有记录了不可抗力或者其他正当理由（行政复议法第二十条第二款）才能受理，否则应当不予受理。",
                    code="application_late",
                )
            }
        )
    bar = _absolute_bar(case)
    if bar is not None and filed_on(case) > bar:
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
    if late is not False:  # late, or possibly late (the missing year decides): keep the reason
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
    refuse_future_on(on)
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
def request_amendment(
    *,
    actor: User,
    case: Reconsideration,
    on: date,
    items: list[str],
    notice_received_on: date | None = None,
) -> Amendment:
    """补正通知: every missing item in one notice, within the 5 WD (第三十一条第一款). A notice handed
    to the applicant (or whose receipt is already known) gives `notice_received_on`, which starts
    the applicant's 10 WD (第三十一条第二款); otherwise `receive_amendment_notice` records it later."""
    case = _locked(case)
    _may(actor, case, "request_amendment")
    refuse_future(
        {"on": ("通知日期", on), "notice_received_on": ("申请人收到补正通知日期", notice_received_on)}
    )
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
    amendment = Amendment.objects.create(case=case, items=items, notified_on=on)
    if notice_received_on is not None:
        receive_amendment_notice(actor=actor, case=case, on=notice_received_on)
        amendment.refresh_from_db()
    return amendment


@transaction.atomic
def receive_amendment_notice(*, actor: User, case: Reconsideration, on: date) -> Reconsideration:
    """申请人收到补正通知 (送达回证、邮件签收): the applicant's 10 WD run from this day (第三十一条第二款)."""
    case = _locked(case)
    _may(actor, case, "receive_amendment_notice")
    refuse_future_on(on, "申请人收到补正通知日期")
    procedures.advance(case, "receive_amendment_notice", actor=actor, on=on)
    Amendment.objects.filter(case=case, notice_received_on__isnull=True).update(notice_received_on=on)
    return case


@transaction.atomic
def supply_amendment(
    *, actor: User, case: Reconsideration, on: date, note: str = "", posted_on: date | None = None
) -> Reconsideration:
    """收到补正材料: the acceptance review runs again from receipt (第三十一条第三款). Sent by post,
    `posted_on` (the postmark) decides whether it came in time (民事诉讼法第八十五条第四款)."""
    case = _locked(case)
    _may(actor, case, "supply_amendment")
    refuse_future({"on": ("收到补正材料日期", on), "posted_on": ("交邮日期", posted_on)})
    if posted_on is not None and posted_on > on:
        raise ValidationError(
            {"posted_on": ValidationError("交邮日期：不能晚于收到补正材料的日期。", code="bad_date")}
        )
    data = {"posted_on": posted_on} if posted_on is not None else {}
    procedures.advance(case, "supply_amendment", actor=actor, on=on, data=data, note=note)
    Amendment.objects.filter(case=case, supplied_on__isnull=True).update(
        supplied_on=on, supplied_posted_on=posted_on
    )
    return case


@transaction.atomic
def extend_amendment_period(
    *, actor: User, case: Reconsideration, on: date, ground: str, working_days: int = 10
) -> Reconsideration:
    """补正期限延长 for good reason (第三十一条第二款)."""
    case = _locked(case)
    _may(actor, case, "extend_amendment")
    refuse_future_on(on)
    procedures.advance(
        case,
        "extend_amendment",
        actor=actor,
        on=on,
        data={"ground": ground, "period": {"working_days": working_days}},
    )
    return case
