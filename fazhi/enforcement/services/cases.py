"""Every write on a penalty case (《行政处罚法》). Each service: lock → permission → guards → write →
procedure step (engine: step, deadlines, audit) → extra audit for writes outside a transition."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists

from fazhi.core import audit, numbers, procedures
from fazhi.core.procedures.models import Deadline
from fazhi.core.workdays import explain
from fazhi.enforcement.choices import (
    AV_REQUIRED_STEPS,
    DecisionKind,
    PenaltyType,
    ProcedureKind,
    ReviewStatus,
    ServiceMethod,
    StepKind,
)
from fazhi.enforcement.models import InvestigationStep, Matter, PenaltyCase
from fazhi.enforcement.procedures import COLLECTION, HEARING_NOTICE_PERIOD, PRESERVATION
from fazhi.enforcement.selectors.cases import case_deadlines

from . import guards
from ._common import (
    actor_agency,
    ensure_open,
    invalid,
    money,
    not_before,
    not_future,
    party_id_valid,
    require_perm,
)
from .publicity import create_publicity_for_case

HANDLE = "enforcement.handle_case"
PENDING_SURCHARGE = guards.PENDING_SURCHARGE


# flags that follow a closed engine deadline: a deadline awaiting calendar data closes `undecided` and is
# settled met/missed only when the year is entered (ADR 0003 "Awaiting calendar data"). The due dates
# themselves are never copied onto the case: lists read them with `selectors.cases.annotate_due`.
LATE_FLAGS = {"decision": ("decided_on", "flag_late_decision"), "service": ("served_on", "flag_late_service")}


def _missed(clock: str) -> Exists:
    return Exists(case_deadlines(clock).filter(state="missed"))


def _locked(case: PenaltyCase) -> PenaltyCase:
    """The case row, locked."""
    return PenaltyCase.objects.select_for_update().get(pk=case.pk)


def sync_late_flags(*, actor: Any = None) -> int:
    """Raise flag_late_decision / flag_late_service / flag_late_publicity (and is_irregular) on cases
    whose decision, service or publication deadline the engine has settled `missed` — after a calendar
    entry turns an `undecided` close into met/missed (the engine itself recomputes every Deadline row,
    this only follows with the stored flags the dashboard counts). Three UPDATEs, no per-row work; a
    flag is only ever raised here, never cleared (imported cases keep theirs). Returns how many."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef

    from fazhi.core.procedures.models import Deadline
    from fazhi.enforcement.models import PublicityRecord
    from fazhi.enforcement.procedures import PUBLICITY

    n = 0
    for clock, (done, flag) in LATE_FLAGS.items():
        n += (
            PenaltyCase.objects.filter(**{flag: False, f"{done}__isnull": False})
            .filter(_missed(clock))
            .update(**{flag: True, "is_irregular": True})
        )
    late_publication = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(PublicityRecord),
        object_id=OuterRef("pk"),
        procedure_code=PUBLICITY,
        clock="publish",
        state="missed",
    )
    late_cases = (
        PublicityRecord.objects.filter(case__isnull=False, published_on__isnull=False)
        .filter(Exists(late_publication))
        .values("case_id")
    )
    n += PenaltyCase.objects.filter(pk__in=late_cases, flag_late_publicity=False).update(
        flag_late_publicity=True, is_irregular=True
    )
    return n


def _deadline(case: PenaltyCase, clock: str) -> Deadline | None:
    return procedures.deadlines(case).filter(clock=clock).exclude(state="superseded").order_by("-id").first()


def _next_number(agency: Any, year: int) -> str:
    prefix = agency.short_name or agency.name
    taken = PenaltyCase.objects.filter(agency=agency)
    return numbers.next_free_number(
        "enforcement.penalty_case",
        scope=f"agency:{agency.pk}",
        year=year,
        render=lambda n: f"{prefix}立〔{year}〕{n}号",
        taken=taken,
        start=lambda: taken.filter(opened_on__year=year).count(),
    )


# --- 立案 ------------------------------------------------------------------------------------
@transaction.atomic
def open_case(
    *,
    actor: Any,
    matter: Matter,
    title: str,
    party_name: str,
    party_is_natural_person: bool,
    opened_on: date,
    officer_a: Any,
    officer_b: Any,
    party_id_number: str = "",
    party_address: str = "",
    source: str = "",
    facts: str = "",
    procedure_kind: str = ProcedureKind.ORDINARY,
    violation_on: date | None = None,
    serious_harm: bool = False,
) -> PenaltyCase:
    """立案 (行政处罚法第五十四条) by two certified officers of the agency (第四十二条)."""
    not_future(opened_on, "opened_on", "立案日期")
    not_future(violation_on, "violation_on", "违法行为发生日期")
    agency = actor_agency(actor, "立案")
    probe = PenaltyCase(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    require_perm(actor, "enforcement.open_case", probe, "在本机关立案")
    errors: dict[str, str] = {}
    if matter.agency_id != agency.pk:
        errors["matter"] = f"执法事项“{matter.name}”不属于{agency.name}的执法事项清单，不能据此立案。"
    elif matter.kind != "penalty" or not matter.is_active:
        errors["matter"] = f"执法事项“{matter.name}”不是有效的行政处罚事项。"
    if not (title or "").strip():
        errors["title"] = "请填写案由。"
    if not (party_name or "").strip():
        errors["party_name"] = "请填写当事人名称或姓名。"
    if procedure_kind not in ProcedureKind.values:
        errors["procedure_kind"] = "程序类型无效。"
    if errors:
        raise invalid(errors, code="invalid")
    # GB 11643 / GB 32100, as in reconsideration (fazhi.core.ids)
    party_id_number = party_id_valid(party_id_number, natural_person=party_is_natural_person)
    guards.within_limitation(violation_on, opened_on, serious_harm)
    cert_a, cert_b = guards.two_certified_officers(agency.pk, officer_a, officer_b, opened_on)
    case = PenaltyCase.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        number=_next_number(agency, opened_on.year),
        procedure_kind=procedure_kind,
        matter=matter,
        title=title.strip(),
        party_name=party_name.strip(),
        party_is_natural_person=party_is_natural_person,
        party_id_number=party_id_number,
        party_address=party_address.strip(),
        source=source,
        facts=facts,
        opened_on=opened_on,
        violation_on=violation_on,
        serious_harm=serious_harm,
        officer_a=officer_a,
        officer_b=officer_b,
    )
    procedures.start(
        case, actor=actor, on=opened_on, data={"officers": [cert_a, cert_b], "matter": matter.code}
    )
    return case


@transaction.atomic
def update_case_details(
    *, actor: Any, case: PenaltyCase, party_address: str = "", party_id_number: str = "", facts: str = ""
) -> PenaltyCase:
    """补正当事人信息和案情 before the decision (the decision must name them, 第五十九条)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.decided_on is not None:
        raise invalid("处罚决定已作出，当事人信息和案情不能再修改。", code="step_out_of_order")
    before = {
        "party_address": case.party_address,
        "party_id_number": case.party_id_number,
        "facts": case.facts,
    }
    case.party_address = (party_address or case.party_address).strip()
    if (party_id_number or "").strip():
        case.party_id_number = party_id_valid(party_id_number, natural_person=case.party_is_natural_person)
    case.facts = (facts or case.facts).strip()
    case.save(update_fields=["party_address", "party_id_number", "facts"])
    after = {
        "party_address": case.party_address,
        "party_id_number": case.party_id_number,
        "facts": case.facts,
    }
    audit.record(actor=actor, action="enforcement.update_case_details", obj=case, before=before, after=after)
    return case


# --- 调查取证 --------------------------------------------------------------------------------
@transaction.atomic
def record_investigation_step(
    *,
    actor: Any,
    case: PenaltyCase,
    kind: str,
    on: date,
    officer_a: Any,
    officer_b: Any,
    summary: str,
    place: str = "",
    files: list[tuple[Any, str]] | None = None,
) -> InvestigationStep:
    """调查取证 by two certified officers (第四十二、五十五条), its files stored with SHA-256 as the
    full-process record (第四十七条); audio-video mandatory for the actions in 118号 三(二)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "investigating":
        raise invalid(
            f"案件当前状态为“{case.state_label}”，只有在立案调查阶段才能记录调查取证。",
            code="step_out_of_order",
        )
    if kind not in StepKind.values:
        raise invalid({"kind": "取证方式无效。"}, code="invalid")
    not_before(
        on, case.opened_on, "on", f"取证日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    if not (summary or "").strip():
        raise invalid(
            {"summary": "请填写笔录或记录摘要（行政处罚法第五十五条：询问或者检查应当制作笔录）。"},
            code="required",
        )
    cert_a, cert_b = guards.two_certified_officers(case.agency_id, officer_a, officer_b, on)
    files = files or []
    step = InvestigationStep.objects.create(
        case=case,
        kind=kind,
        on=on,
        place=place,
        officer_a=officer_a,
        officer_b=officer_b,
        certificate_a=cert_a,
        certificate_b=cert_b,
        summary=summary.strip(),
        recorded_by=actor,
    )
    stored = []
    if files:
        from fazhi.core.evidence.services import store_evidence

        for f, _slot in files:
            ev = store_evidence(
                actor=actor,
                file=f,
                obj=case,
                perm=HANDLE,
                description=f"{step.get_kind_display()} {on.isoformat()}（调查取证记录）",
            )
            stored.append((ev.sha256, ev.kind))
    # 118号 三(二): the stored files themselves must contain audio or video (sniffed, not claimed).
    step.has_audio_video = any(k in ("audio", "video") for _, k in stored)
    if kind in AV_REQUIRED_STEPS and not step.has_audio_video:
        raise invalid(
            {
                "audio_video": f"“{StepKind(kind).label}”须全程音像记录（国办发〔2018〕118号 三(二)），请上传录音或录像文件。"
            },
            code="audio_video_required",
        )
    step.save(update_fields=["has_audio_video"])
    if kind == StepKind.PRESERVATION:
        # 第五十六条: decide on the registered and preserved items within 7 WD — an engine deadline
        procedures.start_clock(step, PRESERVATION, "decide", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="enforcement.record_investigation_step",
        obj=case,
        after={
            "step": step.pk,
            "kind": kind,
            "on": on,
            "officers": [cert_a, cert_b],
            "files": [h for h, _ in stored],
        },
    )
    return step


@transaction.atomic
def attach_evidence(
    *, actor: Any, case: PenaltyCase, file: Any, description: str = "", kind: str = ""
) -> Any:
    """执法全过程记录 (第四十七条): a document, photo or recording of the current step (e.g. the signed
    送达回证, the hearing recording), stored with its SHA-256 and linked to the latest procedure step."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "为该案件上传证据材料")
    ensure_open(case)
    from fazhi.core.evidence.services import store_evidence

    step = procedures.steps(case).order_by("-id").first()
    return store_evidence(
        actor=actor,
        file=file,
        obj=case,
        step=step,
        kind=kind,
        description=(description or "").strip(),
        perm=HANDLE,
    )


# --- 告知 ------------------------------------------------------------------------------------
@transaction.atomic
def notify_intended_penalty(
    *,
    actor: Any,
    case: PenaltyCase,
    on: date,
    tier: str,
    penalty_types: list[str],
    fine: Any = None,
    confiscation: Any = None,
    out_of_tier_reason: str = "",
    collective_discussion: bool = False,
    facts: str = "",
) -> PenaltyCase:
    """告知拟处罚 (第四十四条): the intended penalty, its benchmark tier (第三十四条) and, where
    第六十三条 applies, the right to ask for a hearing within 5 working days (第六十四条第一项)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(
        on, case.opened_on, "on", f"告知日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    if tier not in guards.Tier.values:
        raise invalid({"tier": "请选择裁量阶次。"}, code="required")
    types = guards.penalty_types_valid(penalty_types or [])
    fine_d = money(fine, "fine", "拟罚款金额")
    conf_d = money(confiscation, "confiscation", "拟没收金额")
    if tier == guards.Tier.NO_PENALTY and (types or fine_d):
        raise invalid({"penalty_types": "不予处罚阶次不能同时给予处罚。"}, code="tier_conflict")
    if tier != guards.Tier.NO_PENALTY and not types:
        raise invalid({"penalty_types": "请选择拟给予的处罚种类（行政处罚法第九条）。"}, code="required")
    if PenaltyType.FINE in types and not fine_d:
        raise invalid({"fine": "处罚种类含罚款时须填写拟罚款金额。"}, code="fine_missing")
    benchmark, out_of_tier = guards.pick_benchmark(case.matter, tier, fine_d)
    reason = (out_of_tier_reason or "").strip()
    if out_of_tier and not reason:
        raise invalid(
            {
                "out_of_tier_reason": f"拟罚款 {fine_d or 0} 元超出“{guards.tier_label(tier)}”阶次的裁量基准范围"
                f"（{benchmark.range_display() if benchmark else '—'}），须书面说明理由（行政处罚法第三十四条）。"
            },
            code="out_of_tier_reason",
        )
    hearing = guards.hearing_applicable(case, types, fine_d, conf_d)
    review = guards.legal_review_listed(case, fine_d) or out_of_tier or hearing
    case.proposed_tier = tier
    case.proposed_benchmark = benchmark
    case.proposed_penalty_types = types
    case.proposed_fine = fine_d
    case.proposed_confiscation = conf_d
    case.out_of_tier = out_of_tier
    case.out_of_tier_reason = reason if out_of_tier else ""
    case.notified_on = on
    case.hearing_applicable = hearing
    case.legal_review_required = review
    case.legal_review_status = ReviewStatus.MISSING if review else ReviewStatus.NOT_REQUIRED
    # 第五十七条第二款: serious violations given heavy penalties are discussed collectively.
    case.collective_discussion_required = bool(collective_discussion or hearing)
    if facts:
        case.facts = facts
    data = {
        "on": on,
        "tier": tier,
        "types": types,
        "fine": fine_d,
        "out_of_tier": out_of_tier,
        "hearing": hearing,
    }
    procedures.advance(case, "notify_hearing" if hearing else "notify", actor=actor, on=on, data=data)
    return case


# --- 听证 ------------------------------------------------------------------------------------
def _posted(on: date, posted_on: date | None, notified_on: date | None) -> date:
    """The date a party's filing counts from: the postmark if it came by post (time in the post does
    not count, 民事诉讼法第八十五条第四款; LEGAL_RULES §13), else the day it was received."""
    if posted_on is None:
        return on
    if posted_on > on:
        raise invalid({"posted_on": "寄出日期晚于收到日期，请核对邮戳日期。"}, code="date_order")
    not_before(posted_on, notified_on, "posted_on", "寄出日期早于告知日期，请核对邮戳日期。")
    return posted_on


@transaction.atomic
def request_hearing(*, actor: Any, case: PenaltyCase, on: date, posted_on: date | None = None) -> PenaltyCase:
    """当事人申请听证 — within 5 working days of notice (第六十四条第一项、第八十五条; gate
    `guards.filed_within_hearing_window`). `on` is the day the request reached the agency; a request sent
    by post counts from `posted_on` (the step is dated the day the party made it)."""
    not_future(on, "on", "办理日期")
    not_future(posted_on, "posted_on", "寄出日期")
    case = _locked(case)
    not_before(on, case.notified_on, "on", "申请日期早于告知日期。")
    _posted(on, posted_on, case.notified_on)
    case.hearing_requested_on = on
    case.hearing_request_posted_on = posted_on
    # dated the day received; the engine closes the window as of the date posted (data posted_on)
    procedures.advance(case, "request_hearing", actor=actor, on=on, data={"on": on, "posted_on": posted_on})
    return case


@transaction.atomic
def make_statement(
    *, actor: Any, case: PenaltyCase, on: date, posted_on: date | None = None, text: str = ""
) -> PenaltyCase:
    """当事人陈述、申辩 (第七条、第四十五条) after a notice without hearing rights: it ends the statement
    period (the `statement` clock), so the case may go on to review and decision. `on` is the day it was
    received; a statement sent by post counts from `posted_on`."""
    not_future(on, "on", "办理日期")
    not_future(posted_on, "posted_on", "寄出日期")
    case = _locked(case)
    not_before(on, case.notified_on, "on", "收到陈述申辩的日期早于告知日期。")
    _posted(on, posted_on, case.notified_on)
    case.statement_on = on
    case.statement_posted_on = posted_on
    case.statement_text = (text or "").strip()
    procedures.advance(case, "make_statement", actor=actor, on=on, data={"on": on, "posted_on": posted_on})
    return case


@transaction.atomic
def waive_hearing(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当事人书面放弃陈述、申辩（听证）(第六十二条): ends the statement period or the hearing window, so
    the decision may be made before it would have expired."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.notified_on, "on", "放弃日期早于告知日期。")
    case.hearing_waived = True
    transition = "waive_statement" if case.state == "notified" else "waive_hearing"
    procedures.advance(case, transition, actor=actor, on=on, data={"on": on})
    return case


@transaction.atomic
def schedule_hearing(*, actor: Any, case: PenaltyCase, on: date, hearing_on: date, chair: Any) -> PenaltyCase:
    """通知听证: ≥ 7 working days before the hearing (第六十四条第二项、第八十五条); the chair is not an
    investigator of the case (第六十四条第四项)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.hearing_requested_on, "on", "听证通知日期早于当事人申请听证日期。")
    investigators = {case.officer_a_id, case.officer_b_id}
    for s in case.investigation_steps.all():
        investigators |= {s.officer_a_id, s.officer_b_id}
    if chair is None or chair.pk in investigators:
        raise invalid(
            {"chair": "听证主持人不能由本案调查人员担任（行政处罚法第六十四条第四项）。"},
            code="chair_is_investigator",
        )
    earliest = explain(on, HEARING_NOTICE_PERIOD)
    if hearing_on < earliest.due:
        raise invalid(
            {
                "hearing_on": f"听证日期 {hearing_on.isoformat()} 过早：应当在举行听证的七个工作日前通知当事人，"
                f"最早可定于 {earliest.due.isoformat()}（{earliest.describe()}）。"
            },
            code="hearing_notice_too_short",
        )
    case.hearing_notice_on = on
    case.hearing_on = hearing_on
    case.hearing_chair = chair
    procedures.advance(
        case, "schedule_hearing", actor=actor, on=on, data={"hearing_on": hearing_on, "chair": chair.pk}
    )
    return case


@transaction.atomic
def hold_hearing(*, actor: Any, case: PenaltyCase, on: date, record: str) -> PenaltyCase:
    """举行听证 (第六十四、六十五条); a case heard on major rights needs legal review (第五十八条第一款第二项)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    if case.hearing_on and on < case.hearing_on:
        raise invalid(
            {"on": f"听证日期为 {case.hearing_on.isoformat()}，不能提前记录听证。"}, code="date_order"
        )
    case.hearing_record = (record or "").strip()
    case.legal_review_required = True
    if case.legal_review_status == ReviewStatus.NOT_REQUIRED:
        case.legal_review_status = ReviewStatus.MISSING
    procedures.advance(case, "hold_hearing", actor=actor, on=on, data={"record": case.hearing_record})
    return case


# --- 法制审核 (第五十八条) --------------------------------------------------------------------
@transaction.atomic
def submit_for_legal_review(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """提交法制审核 (第五十八条) — not while the party's statement period or hearing window runs (guards)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.notified_on, "on", "提交审核日期早于告知日期。")
    case.legal_review_status = ReviewStatus.PENDING
    procedures.advance(case, "submit_review", actor=actor, on=on, data={"on": on})
    return case


@transaction.atomic
def approve_legal_review(*, actor: Any, case: PenaltyCase, on: date, opinion: str) -> PenaltyCase:
    """法制审核通过 (第五十八条) — by the agency's legal reviewer."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    case.legal_review_status = ReviewStatus.APPROVED
    case.legal_reviewer = actor
    case.legal_reviewed_on = on
    case.legal_review_opinion = (opinion or "").strip()
    procedures.advance(
        case, "approve_review", actor=actor, on=on, data={"opinion": case.legal_review_opinion}
    )
    return case


@transaction.atomic
def return_legal_review(*, actor: Any, case: PenaltyCase, on: date, opinion: str) -> PenaltyCase:
    """法制审核退回 with reasons (第五十八条第一款: no decision after a failed review)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    case.legal_review_status = ReviewStatus.RETURNED
    case.legal_reviewer = actor
    case.legal_reviewed_on = on
    case.legal_review_opinion = (opinion or "").strip()
    procedures.advance(case, "return_review", actor=actor, on=on, data={"opinion": case.legal_review_opinion})
    return case


@transaction.atomic
def record_collective_discussion(*, actor: Any, case: PenaltyCase, on: date, minutes: str) -> PenaltyCase:
    """负责人集体讨论 (第五十七条第二款)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.notified_on, "on", "集体讨论日期早于告知日期。")
    case.collective_discussion_on = on
    case.collective_discussion_minutes = (minutes or "").strip()
    procedures.advance(
        case, "discuss", actor=actor, on=on, data={"on": on, "minutes": case.collective_discussion_minutes}
    )
    return case


# --- 决定 (第五十七、五十九条) ----------------------------------------------------------------
DECISION_FIELDS = {
    "decision_number": "决定书文号",
    "decision_basis": "处罚的种类和依据",
    "evidence_summary": "违反法律、法规、规章的事实和证据",
    "remedies": "申请行政复议、提起行政诉讼的途径和期限",
}


@transaction.atomic
def decide_case(
    *,
    actor: Any,
    case: PenaltyCase,
    on: date,
    decision_kind: str,
    decision_number: str,
    penalty_types: list[str] | None = None,
    fine_amount: Any = None,
    confiscation_amount: Any = None,
    decision_basis: str = "",
    evidence_summary: str = "",
    performance: str = "",
    remedies: str = "",
) -> PenaltyCase:
    """作出行政处罚决定 (第五十七条), with every field of 第五十九条; never without the required legal
    review (第五十八条) or collective discussion (第五十七条第二款); never heavier than notified (第四十五条)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(
        on, case.opened_on, "on", f"决定日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    not_before(on, case.notified_on, "on", f"决定日期 {on.isoformat()} 早于告知日期 {case.notified_on}。")
    if decision_kind not in DecisionKind.values:
        raise invalid({"decision_kind": "请选择决定类型（行政处罚法第五十七条）。"}, code="required")
    types = guards.penalty_types_valid(penalty_types or [])
    fine_d = money(fine_amount, "fine_amount", "罚款金额")
    conf_d = money(confiscation_amount, "confiscation_amount", "没收金额")
    values = {
        "decision_number": decision_number,
        "decision_basis": decision_basis,
        "evidence_summary": evidence_summary,
        "remedies": remedies,
    }
    errors = {
        f: f"处罚决定书必须载明“{label}”（行政处罚法第五十九条）。"
        for f, label in DECISION_FIELDS.items()
        if not (values[f] or "").strip()
    }
    if not case.party_address.strip():
        errors["party_address"] = (
            "处罚决定书必须载明当事人的地址（行政处罚法第五十九条），请先补充当事人地址。"
        )
    if decision_kind == DecisionKind.PENALTY:
        if not types:
            errors["penalty_types"] = "请选择处罚种类（行政处罚法第九条）。"
        if (PenaltyType.FINE in types or fine_d) and not (performance or "").strip():
            errors["performance"] = "处罚决定书必须载明行政处罚的履行方式和期限（行政处罚法第五十九条）。"
        if PenaltyType.FINE in types and not fine_d:
            errors["fine_amount"] = "处罚种类含罚款时须填写罚款金额。"
    elif types or fine_d or conf_d:
        errors["penalty_types"] = "不予处罚或移送的决定不能载明处罚种类或罚款。"
    if errors:
        raise invalid(errors, code="decision_fields")
    if (
        PenaltyCase.objects.filter(agency=case.agency, decision_number=decision_number.strip())
        .exclude(pk=case.pk)
        .exists()
    ):
        raise invalid(
            {"decision_number": f"决定书文号“{decision_number}”已被本机关其他案件使用。"}, code="duplicate"
        )
    case.decision_kind = decision_kind
    case.decision_number = decision_number.strip()
    case.decided_on = on
    case.penalty_types = types
    case.fine_amount = fine_d
    case.confiscation_amount = conf_d
    case.decision_basis = decision_basis.strip()
    case.evidence_summary = evidence_summary.strip()
    case.performance = (performance or "").strip()
    case.remedies = remedies.strip()
    # guards: ordinary procedure, statement period / hearing window over, legal review passed (第五十八条),
    # collective discussion held (第五十七条第二款), not heavier than notified (第四十五条)
    data = {"on": on, "kind": decision_kind, "fine": fine_d, "confiscation": conf_d, "types": types}
    procedures.advance(case, "decide", actor=actor, on=on, data=data)
    _after_decision(case, actor)
    return case


def _after_decision(case: PenaltyCase, actor: Any) -> None:
    decision = _deadline(case, "decision")
    case.flag_late_decision = bool(decision and decision.state == "missed")
    case.refresh_irregular()
    case.save()
    create_publicity_for_case(case=case, actor=actor)


@transaction.atomic
def decide_on_the_spot(
    *,
    actor: Any,
    case: PenaltyCase,
    on: date,
    decision_number: str,
    penalty_types: list[str],
    fine_amount: Any = None,
    decision_basis: str,
    evidence_summary: str,
    remedies: str,
    performance: str = "",
) -> PenaltyCase:
    """当场处罚 (第五十一、五十二条): facts conclusive, legal basis, a warning or a fine within
    200 yuan (citizen) / 3,000 yuan (organisation); a numbered decision given on the spot, then filed."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(
        on, case.opened_on, "on", f"决定日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    types = guards.penalty_types_valid(penalty_types or [])
    fine_d = money(fine_amount, "fine_amount", "罚款金额")
    errors = {
        f: f"当场处罚决定书必须载明“{label}”（行政处罚法第五十二条）。"
        for f, label in DECISION_FIELDS.items()
        if not (
            {
                "decision_number": decision_number,
                "decision_basis": decision_basis,
                "evidence_summary": evidence_summary,
                "remedies": remedies,
            }[f]
            or ""
        ).strip()
    }
    if fine_d and not (performance or "").strip():
        errors["performance"] = "请写明罚款的缴纳方式和期限（行政处罚法第五十二条）。"
    if errors:
        raise invalid(errors, code="decision_fields")
    case.decision_kind = DecisionKind.PENALTY
    case.decision_number = decision_number.strip()
    case.decided_on = on
    case.notified_on = on  # 第五十二条: the party is told on the spot
    case.penalty_types = types
    case.proposed_penalty_types = types
    case.fine_amount = fine_d
    case.proposed_fine = fine_d
    case.decision_basis = decision_basis.strip()
    case.evidence_summary = evidence_summary.strip()
    case.performance = (performance or "").strip()
    case.remedies = remedies.strip()
    # guards: the procedure kind, both officers certified on the decision date (第四十二条、第五十二条;
    # LEGAL_RULES §3: no exception to "at least two" on the spot), the thresholds of 第五十一条
    data = {"on": on, "fine": fine_d, "types": types}
    procedures.advance(case, "decide_on_the_spot", actor=actor, on=on, data=data)
    _after_decision(case, actor)
    return case


@transaction.atomic
def file_on_the_spot_decision(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当场处罚决定报所属行政机关备案 (第五十二条第三款)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.procedure_kind != ProcedureKind.ON_THE_SPOT or case.decided_on is None:
        raise invalid("只有已作出的当场处罚决定才需要备案。", code="step_out_of_order")
    if case.filed_on:
        raise invalid(f"该当场处罚决定已于 {case.filed_on.isoformat()} 备案。", code="already_filed")
    not_before(on, case.decided_on, "on", "备案日期早于决定日期。")
    case.filed_on = on
    case.save(update_fields=["filed_on"])
    audit.record(
        actor=actor, action="enforcement.file_on_the_spot_decision", obj=case, after={"filed_on": on}
    )
    return case


# --- 送达、执行、结案 -------------------------------------------------------------------------
@transaction.atomic
def serve_decision(
    *, actor: Any, case: PenaltyCase, on: date, method: str, party_consented: bool = False
) -> PenaltyCase:
    """送达 within 7 working days (第六十一条、第八十五条); fax/email only with the party's consent."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    if method not in ServiceMethod.values:
        raise invalid({"method": "请选择送达方式。"}, code="required")
    not_before(on, case.decided_on, "on", f"送达日期 {on.isoformat()} 早于决定日期 {case.decided_on}。")
    case.served_on = on
    case.service_method = method
    has_fine = bool(case.fine_amount and case.fine_amount > 0)
    data = {"on": on, "method": method, "party_consented": bool(party_consented)}
    procedures.advance(case, "serve_fine" if has_fine else "serve", actor=actor, on=on, data=data)
    service = _deadline(case, "service")
    case.flag_late_service = bool(service and service.state == "missed")
    case.refresh_irregular()
    case.save()
    return case


@transaction.atomic
def record_payment(
    *,
    actor: Any,
    case: PenaltyCase,
    on: date,
    amount: Any,
    note: str = "",
    collected_on_the_spot: bool = False,
    collection_reason: str = "",
) -> PenaltyCase:
    """缴纳罚款 (第六十七条; 逾期加处罚款 第七十二条, capped at the fine). Collection by the officer on the
    spot only in the cases of 第六十八、六十九条; the money reaches the agency within 2 working days
    (第七十一条、第八十五条)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.served_on, "on", "缴款日期早于送达日期。")
    paid = money(amount, "amount", "缴款金额", required=True)
    fine = case.fine_amount or Decimal(0)
    if paid is None or paid <= 0:
        raise invalid({"amount": "缴款金额必须大于零。"}, code="money_invalid")
    payment = _deadline(case, "payment")
    exact_due = payment.due_date if payment is not None and not payment.calendar_pending else None
    surcharge = guards.late_surcharge(case.fine_amount, exact_due, on)
    if (
        surcharge is None
        and payment is not None
        and payment.period_unit == "cd"
        and on <= payment.start_date + timedelta(payment.period_n)
    ):
        # the payment deadline awaits calendar data, but a calendar-day period only ever rolls over to a
        # later day (民法典第二百零三条): a payment within the bare 15 days is not late
        surcharge = Decimal("0.00")
    if surcharge is None and paid > fine:
        raise invalid(
            {
                "amount": f"缴款期限跨入尚未录入节假日安排的年度，{PENDING_SURCHARGE}；请先登记罚款 {fine} 元，"
                "录入日历后再核定加处罚款（行政处罚法第七十二条）。"
            },
            code="calendar_unknown",
        )
    if paid < fine:
        raise invalid(
            {
                "amount": f"缴款金额 {paid} 元少于罚款 {fine} 元；分期缴纳须经批准（行政处罚法第六十六条），请在全部缴清后登记。"
            },
            code="payment_short",
        )
    if surcharge is not None and paid > fine + surcharge:
        raise invalid(
            {
                "amount": f"缴款金额 {paid} 元超过罚款 {fine} 元与加处罚款 {surcharge} 元之和（行政处罚法第七十二条）。"
            },
            code="money_too_large",
        )
    if collected_on_the_spot:
        guards.on_the_spot_collection(case, collection_reason)
        case.collected_on_the_spot = True
        case.collection_reason = collection_reason
        # 第七十一条: the officer hands the money to the agency within 2 WD — an engine deadline
        procedures.start_clock(case, COLLECTION, "hand_in", actor=actor, on=on)
    case.paid_amount = paid
    case.paid_on = on
    case.execution_note = (note or "").strip()
    procedures.advance(
        case,
        "record_payment",
        actor=actor,
        on=on,
        data={"amount": paid, "on_the_spot": collected_on_the_spot},
    )
    return case


@transaction.atomic
def hand_in_collected_fine(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当场收缴的罚款交至行政机关 (第七十一条: within 2 working days of collection)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    if not case.collected_on_the_spot or case.paid_on is None:
        raise invalid("本案罚款不是当场收缴的，无需登记交款。", code="step_out_of_order")
    if case.handed_in_on:
        raise invalid(f"罚款已于 {case.handed_in_on.isoformat()} 交至行政机关。", code="already_handed_in")
    not_before(on, case.paid_on, "on", "交款日期早于收缴日期。")
    case.handed_in_on = on
    case.save(update_fields=["handed_in_on"])
    d = procedures.stop_clock(case, COLLECTION, "hand_in", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="enforcement.hand_in_collected_fine",
        obj=case,
        after={
            "handed_in_on": on,
            "due": d.due_date if d else None,
            "on_time": {"met": True, "missed": False}.get(d.state) if d else None,
        },
    )
    return case


@transaction.atomic
def close_case(*, actor: Any, case: PenaltyCase, on: date, note: str = "") -> PenaltyCase:
    """结案归档 (第四十七条)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.paid_on or case.served_on, "on", "结案日期早于送达（缴款）日期。")
    if note:
        case.execution_note = note.strip()
    case.closed_on = on
    # guards: execution recorded (第七十二条), fines collected on the spot handed in (第七十一条),
    # an on-the-spot decision filed (第五十二条第三款)
    procedures.advance(case, "close", actor=actor, on=on, data={"on": on, "note": note}, note=note)
    return case


# --- 中止、恢复、延长 (第六十条 with the agency's rule) ----------------------------------------
@transaction.atomic
def suspend_case(*, actor: Any, case: PenaltyCase, on: date, ground: str) -> PenaltyCase:
    """中止调查: the 90-day clock pauses (第六十条 with the agency's rule)."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    not_before(on, case.opened_on, "on", "中止日期早于立案日期。")
    procedures.advance(case, "suspend", actor=actor, on=on, data={"ground": (ground or "").strip()})
    return case


@transaction.atomic
def resume_case(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    not_future(on, "on", "办理日期")
    case = _locked(case)
    procedures.advance(case, "resume", actor=actor, on=on)
    return case


@transaction.atomic
def extend_decision_period(
    *, actor: Any, case: PenaltyCase, on: date, ground: str, days: int | None = None
) -> PenaltyCase:
    """延长办案期限 under the agency's time-limit rule (`PenaltyTimeLimitRule`; by default once,
    ≤ 30 days, approved by the head, e.g. 市场监管行政处罚程序规定). `days` defaults to the rule's
    maximum; the engine checks the length and how many extensions are allowed against the same rule."""
    not_future(on, "on", "办理日期")
    case = _locked(case)
    data: dict[str, Any] = {"ground": (ground or "").strip()}
    if days is not None:
        data["period"] = {"days": days}
    procedures.advance(case, "extend", actor=actor, on=on, data=data)
    return case


def state_counts(qs: Any) -> dict[str, int]:
    return dict(qs.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
