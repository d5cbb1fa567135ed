"""Every write on a penalty case (《行政处罚法》). Each service: lock → permission → guards → write →
procedure step (engine: step, deadlines, audit) → extra audit for writes outside a transition."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from fazhi.core import audit, numbers, procedures
from fazhi.core.procedures.models import Deadline
from fazhi.core.workdays import add, explain, wd
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

from . import guards
from ._common import actor_agency, ensure_open, invalid, money, not_before, require_perm

HANDLE = "enforcement.handle_case"
PENDING_SURCHARGE = guards.PENDING_SURCHARGE


DUE_FIELDS = {"decision": "decision_due_on", "service": "service_due_on", "payment": "payment_due_on"}


# flags that follow a closed engine deadline: a deadline awaiting calendar data closes `undecided` and is
# settled met/missed only when the year is entered (ADR 0003 "Awaiting calendar data")
LATE_FLAGS = {"decision": ("decided_on", "flag_late_decision"), "service": ("served_on", "flag_late_service")}


def _sync_from_engine(case: PenaltyCase) -> None:
    """Refresh (and save) the case's copies of the engine's due dates, which a calendar entry or
    correction (procedures.recompute_open_deadlines) may have filled or moved (DESIGN.md "open deadlines
    follow"), and raise flag_late_decision / flag_late_service once a deadline that closed `undecided`
    is settled `missed`. A flag is only ever raised here, never cleared (imported cases keep theirs)."""
    changed = []
    for d in (
        procedures.deadlines(case).filter(clock__in=DUE_FIELDS).exclude(state="superseded").order_by("id")
    ):
        field = DUE_FIELDS[d.clock]
        exact = None if d.calendar_pending else d.due_date  # the copies keep only exact dates
        if getattr(case, field) != exact:
            setattr(case, field, exact)
            changed.append(field)
        if d.clock in LATE_FLAGS:
            done_field, flag = LATE_FLAGS[d.clock]
            if getattr(case, done_field) and d.state == "missed" and not getattr(case, flag):
                setattr(case, flag, True)
                changed.append(flag)
    if changed:
        case.refresh_irregular()
        case.save(update_fields=sorted({*changed, "is_irregular"}))


def _locked(case: PenaltyCase) -> PenaltyCase:
    """The case row, locked; its copies of the engine's due dates and late flags refreshed first."""
    case = PenaltyCase.objects.select_for_update().get(pk=case.pk)
    _sync_from_engine(case)
    return case


def sync_cases_after_calendar_entry() -> int:
    """After a holiday year is entered: the cases whose copied due dates were left empty (the engine's
    deadline awaited calendar data) take the computed dates and late flags. Cases with every copy
    filled are not visited; any case is also refreshed the next time a service touches it (`_locked`).
    Returns how many cases were visited."""
    qs = (
        PenaltyCase.objects.select_for_update()
        .filter(
            Q(decision_due_on__isnull=True)
            | Q(decided_on__isnull=False, service_due_on__isnull=True)
            | Q(served_on__isnull=False, fine_amount__gt=0, payment_due_on__isnull=True)
        )
        .order_by("id")
    )
    n = 0
    with transaction.atomic():
        for case in qs:
            _sync_from_engine(case)
            n += 1
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
        party_id_number=party_id_number.strip(),
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
    deadline = _deadline(case, "decision")
    case.decision_due_on = deadline.due_date if deadline and not deadline.calendar_pending else None
    case.save(update_fields=["decision_due_on"])
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
    case.party_id_number = (party_id_number or case.party_id_number).strip()
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
                description=f"{step.get_kind_display()} {on.isoformat()}（调查取证记录 {step.pk}）",
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "investigating":
        raise invalid(
            f"案件当前状态为“{case.state_label}”，只有调查终结后才能告知拟处罚决定。",
            code="step_out_of_order",
        )
    if case.procedure_kind != ProcedureKind.ORDINARY:
        raise invalid("当场处罚案件不适用告知程序，请直接作出当场处罚决定。", code="step_out_of_order")
    not_before(
        on, case.opened_on, "on", f"告知日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    if not case.investigation_steps.exists():
        raise invalid(
            "尚无调查取证记录，不能告知拟处罚决定（行政处罚法第五十四条第一款：全面、客观、公正地调查）。",
            code="no_investigation",
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
    if hearing:
        case.hearing_request_due_on = add(on, wd(5, "行政处罚法第六十四条第一项、第八十五条"))
    data = {"tier": tier, "types": types, "fine": fine_d, "out_of_tier": out_of_tier, "hearing": hearing}
    procedures.advance(case, "notify_hearing" if hearing else "notify", actor=actor, on=on, data=data)
    return case


# --- 听证 ------------------------------------------------------------------------------------
@transaction.atomic
def request_hearing(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当事人申请听证 — within 5 working days of notice (第六十四条第一项、第八十五条)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state == "notified_hearing":
        not_before(on, case.notified_on, "on", "申请日期早于告知日期。")
        if case.hearing_request_due_on and on > case.hearing_request_due_on:
            c = explain(case.notified_on, wd(5, "行政处罚法第六十四条第一项、第八十五条"))  # type: ignore[arg-type]
            raise invalid(
                {"on": f"当事人于 {on.isoformat()} 申请听证，已超过申请期限：{c.describe()}。"},
                code="hearing_request_late",
            )
    procedures.advance(case, "request_hearing", actor=actor, on=on)
    case.hearing_requested_on = on
    case.save(update_fields=["hearing_requested_on"])
    return case


@transaction.atomic
def waive_hearing(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当事人明确放弃陈述、申辩、听证 (第六十二条) — the decision may then be made before the window ends."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state not in ("notified", "notified_hearing"):
        raise invalid("只有在告知后、决定前才能记录当事人放弃陈述申辩（听证）。", code="step_out_of_order")
    not_before(on, case.notified_on, "on", "放弃日期早于告知日期。")
    case.hearing_waived = True
    case.save(update_fields=["hearing_waived"])
    audit.record(actor=actor, action="enforcement.waive_hearing", obj=case, after={"on": on})
    return case


@transaction.atomic
def schedule_hearing(*, actor: Any, case: PenaltyCase, on: date, hearing_on: date, chair: Any) -> PenaltyCase:
    """通知听证: ≥ 7 working days before the hearing (第六十四条第二项、第八十五条); the chair is not an
    investigator of the case (第六十四条第四项)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "hearing_requested":
        raise invalid(
            f"案件当前状态为“{case.state_label}”，当事人未申请听证，不能通知听证。", code="step_out_of_order"
        )
    not_before(on, case.hearing_requested_on, "on", "听证通知日期早于当事人申请听证日期。")
    investigators = {case.officer_a_id, case.officer_b_id}
    for s in case.investigation_steps.all():
        investigators |= {s.officer_a_id, s.officer_b_id}
    if chair is None or chair.pk in investigators:
        raise invalid(
            {"chair": "听证主持人不能由本案调查人员担任（行政处罚法第六十四条第四项）。"},
            code="chair_is_investigator",
        )
    earliest = explain(on, wd(7, "行政处罚法第六十四条第二项、第八十五条"))
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "hearing_scheduled":
        raise invalid(f"案件当前状态为“{case.state_label}”，尚未通知听证。", code="step_out_of_order")
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


def _hearing_window_closed(case: PenaltyCase, on: date) -> None:
    """第六十四条第一项: no decision while the party may still ask for a hearing (unless waived)."""
    if case.state == "notified_hearing" and not case.hearing_waived:
        due = case.hearing_request_due_on
        if due and on <= due:
            raise invalid(
                {
                    "on": f"当事人申请听证的期限至 {due.isoformat()} 届满，期满前（或当事人明确放弃前）不能作出决定或提交审核。"
                },
                code="hearing_window_open",
            )


# --- 法制审核 (第五十八条) --------------------------------------------------------------------
@transaction.atomic
def submit_for_legal_review(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """提交法制审核 (第五十八条)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state in ("notified", "notified_hearing", "heard"):
        not_before(on, case.notified_on, "on", "提交审核日期早于告知日期。")
        _hearing_window_closed(case, on)
    case.legal_review_status = ReviewStatus.PENDING
    procedures.advance(case, "submit_review", actor=actor, on=on)
    return case


@transaction.atomic
def approve_legal_review(*, actor: Any, case: PenaltyCase, on: date, opinion: str) -> PenaltyCase:
    """法制审核通过 (第五十八条) — by the agency's legal reviewer."""
    case = _locked(case)
    require_perm(actor, "enforcement.review_case", case, "对该案件进行法制审核")
    ensure_open(case)
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
    case = _locked(case)
    require_perm(actor, "enforcement.review_case", case, "对该案件进行法制审核")
    ensure_open(case)
    case.legal_review_status = ReviewStatus.RETURNED
    case.legal_reviewer = actor
    case.legal_reviewed_on = on
    case.legal_review_opinion = (opinion or "").strip()
    procedures.advance(case, "return_review", actor=actor, on=on, data={"opinion": case.legal_review_opinion})
    return case


@transaction.atomic
def record_collective_discussion(*, actor: Any, case: PenaltyCase, on: date, minutes: str) -> PenaltyCase:
    """负责人集体讨论 (第五十七条第二款)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state in ("notified", "notified_hearing"):
        _hearing_window_closed(case, on)
    if (
        case.legal_review_required
        and case.legal_review_status != ReviewStatus.APPROVED
        and case.state != "legal_review"
    ):
        raise invalid(
            "本案须先经法制审核通过，再提交负责人集体讨论（行政处罚法第五十八条）。",
            code="legal_review_missing",
        )
    not_before(on, case.notified_on, "on", "集体讨论日期早于告知日期。")
    case.collective_discussion_on = on
    case.collective_discussion_minutes = (minutes or "").strip()
    procedures.advance(
        case, "discuss", actor=actor, on=on, data={"minutes": case.collective_discussion_minutes}
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.procedure_kind != ProcedureKind.ORDINARY:
        raise invalid("当场处罚案件请使用“当场作出处罚决定”。", code="step_out_of_order")
    if case.state not in ("notified", "notified_hearing", "heard", "reviewed", "discussed"):
        raise invalid(
            f"案件当前状态为“{case.state_label}”，不能作出处罚决定：应先告知拟处罚决定并听取陈述申辩（行政处罚法第四十四、六十二条）。",
            code="step_out_of_order",
        )
    not_before(
        on, case.opened_on, "on", f"决定日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    not_before(on, case.notified_on, "on", f"决定日期 {on.isoformat()} 早于告知日期 {case.notified_on}。")
    _hearing_window_closed(case, on)
    if case.legal_review_required and case.legal_review_status != ReviewStatus.APPROVED:
        raise invalid(
            "本案属于须法制审核的情形，未经法制审核或者审核未通过的，不得作出决定（行政处罚法第五十八条）。",
            code="legal_review_missing",
        )
    if case.collective_discussion_required and not case.collective_discussion_on:
        raise invalid(
            "本案须经行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）。",
            code="collective_discussion_missing",
        )
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
    if (fine_d or 0) > (case.proposed_fine or 0) or (conf_d or 0) > (case.proposed_confiscation or 0):
        raise invalid(
            {
                "fine_amount": f"决定的罚没金额高于告知的拟处罚金额（{case.proposed_fine or 0} 元）；不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条），须重新告知。"
            },
            code="heavier_than_notified",
        )
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
    procedures.advance(case, "decide", actor=actor, on=on, data={"kind": decision_kind, "fine": fine_d})
    _after_decision(case, actor)
    return case


def _after_decision(case: PenaltyCase, actor: Any) -> None:
    decision = _deadline(case, "decision")
    case.flag_late_decision = bool(decision and decision.state == "missed")
    service = _deadline(case, "service")
    case.service_due_on = service.due_date if service and not service.calendar_pending else None
    case.refresh_irregular()
    case.save()
    from .publicity import create_publicity_for_case

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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.procedure_kind != ProcedureKind.ON_THE_SPOT:
        raise invalid("普通程序案件不能当场作出处罚决定。", code="step_out_of_order")
    if case.state != "investigating":
        raise invalid(f"案件当前状态为“{case.state_label}”，不能当场作出处罚决定。", code="step_out_of_order")
    not_before(
        on, case.opened_on, "on", f"决定日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    # 第四十二条、第五十二条 (LEGAL_RULES §3 "officers", "on-the-spot"): the officers who decide and show their
    # certificates must hold valid enforcement certificates on the decision date, not only when the case
    # was opened; the Act makes no exception to "at least two" for the on-the-spot procedure.
    guards.two_certified_officers(case.agency_id, case.officer_a, case.officer_b, on)
    types = guards.penalty_types_valid(penalty_types or [])
    fine_d = money(fine_amount, "fine_amount", "罚款金额")
    guards.on_the_spot_thresholds(case, types, fine_d)
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
    procedures.advance(case, "decide_on_the_spot", actor=actor, on=on, data={"fine": fine_d})
    _after_decision(case, actor)
    return case


@transaction.atomic
def file_on_the_spot_decision(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """当场处罚决定报所属行政机关备案 (第五十二条第三款)."""
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "decided":
        raise invalid(
            f"案件当前状态为“{case.state_label}”，尚未作出决定，不能送达。", code="step_out_of_order"
        )
    if method not in ServiceMethod.values:
        raise invalid({"method": "请选择送达方式。"}, code="required")
    if method == ServiceMethod.ELECTRONIC and not party_consented:
        raise invalid(
            {"method": "电子送达须当事人同意并签订确认书（行政处罚法第六十一条第二款）。"},
            code="consent_missing",
        )
    not_before(on, case.decided_on, "on", f"送达日期 {on.isoformat()} 早于决定日期 {case.decided_on}。")
    case.served_on = on
    case.service_method = method
    has_fine = bool(case.fine_amount and case.fine_amount > 0)
    procedures.advance(
        case, "serve_fine" if has_fine else "serve", actor=actor, on=on, data={"method": method}
    )
    service = _deadline(case, "service")
    case.flag_late_service = bool(service and service.state == "missed")
    payment = _deadline(case, "payment")
    case.payment_due_on = payment.due_date if payment and not payment.calendar_pending else None
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state != "served":
        raise invalid(
            f"案件当前状态为“{case.state_label}”，决定书送达后才能登记缴款。", code="step_out_of_order"
        )
    not_before(on, case.served_on, "on", "缴款日期早于送达日期。")
    paid = money(amount, "amount", "缴款金额", required=True)
    fine = case.fine_amount or Decimal(0)
    if paid is None or paid <= 0:
        raise invalid({"amount": "缴款金额必须大于零。"}, code="money_invalid")
    surcharge = guards.late_surcharge(case.fine_amount, case.payment_due_on, on)
    payment = _deadline(case, "payment") if surcharge is None else None
    if (
        payment is not None
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
        case.handed_in_due_on = add(on, wd(2, "行政处罚法第七十一条、第八十五条"))
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
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    if not case.collected_on_the_spot or case.paid_on is None:
        raise invalid("本案罚款不是当场收缴的，无需登记交款。", code="step_out_of_order")
    if case.handed_in_on:
        raise invalid(f"罚款已于 {case.handed_in_on.isoformat()} 交至行政机关。", code="already_handed_in")
    not_before(on, case.paid_on, "on", "交款日期早于收缴日期。")
    case.handed_in_on = on
    case.save(update_fields=["handed_in_on"])
    audit.record(
        actor=actor,
        action="enforcement.hand_in_collected_fine",
        obj=case,
        after={
            "handed_in_on": on,
            "due": case.handed_in_due_on,
            "on_time": on <= (case.handed_in_due_on or on),
        },
    )
    return case


@transaction.atomic
def close_case(*, actor: Any, case: PenaltyCase, on: date, note: str = "") -> PenaltyCase:
    """结案归档 (第四十七条)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    if case.state == "served" and case.fine_amount and not (note or "").strip():
        raise invalid(
            {"note": "罚款尚未缴纳，结案须写明执行情况（如申请人民法院强制执行）。"}, code="execution_missing"
        )
    not_before(on, case.paid_on or case.served_on, "on", "结案日期早于送达（缴款）日期。")
    if case.collected_on_the_spot and not case.handed_in_on:
        raise invalid(
            "当场收缴的罚款尚未登记交至行政机关（行政处罚法第七十一条），不能结案。", code="not_handed_in"
        )
    if case.procedure_kind == ProcedureKind.ON_THE_SPOT and not case.filed_on:
        raise invalid("当场处罚决定须先报所属行政机关备案（行政处罚法第五十二条第三款）。", code="not_filed")
    if note:
        case.execution_note = note.strip()
    case.closed_on = on
    procedures.advance(case, "close", actor=actor, on=on, note=note)
    return case


# --- 中止、恢复、延长 (第六十条 with the agency's rule) ----------------------------------------
@transaction.atomic
def suspend_case(*, actor: Any, case: PenaltyCase, on: date, ground: str) -> PenaltyCase:
    """中止调查: the 90-day clock pauses (第六十条 with the agency's rule)."""
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    not_before(on, case.opened_on, "on", "中止日期早于立案日期。")
    procedures.advance(case, "suspend", actor=actor, on=on, data={"ground": (ground or "").strip()})
    return _refresh_decision_due(case)


@transaction.atomic
def resume_case(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    case = _locked(case)
    require_perm(actor, HANDLE, case, "办理该案件")
    ensure_open(case)
    procedures.advance(case, "resume", actor=actor, on=on)
    return _refresh_decision_due(case)


@transaction.atomic
def extend_decision_period(
    *, actor: Any, case: PenaltyCase, on: date, ground: str, days: int | None = None
) -> PenaltyCase:
    """延长办案期限 under the agency's time-limit rule (`PenaltyTimeLimitRule`; by default once,
    ≤ 30 days, approved by the head, e.g. 市场监管行政处罚程序规定). `days` defaults to the rule's
    maximum; how many extensions are allowed is checked by the engine against the same rule."""
    from fazhi.enforcement.selectors.rules import time_limit_for

    case = _locked(case)
    require_perm(actor, "enforcement.approve_extension", case, "批准延长办案期限（须机关负责人）")
    ensure_open(case)
    data: dict[str, Any] = {"ground": (ground or "").strip()}
    if days is not None:
        limit = time_limit_for(case.agency_id).extension_days
        if isinstance(days, bool) or not 0 < int(days) <= limit:
            raise invalid({"days": f"延长期限应为 1 至 {limit} 日。"}, code="extension_too_long")
        data["period"] = {"days": int(days)}
    procedures.advance(case, "extend", actor=actor, on=on, data=data)
    return _refresh_decision_due(case)


def _refresh_decision_due(case: PenaltyCase) -> PenaltyCase:
    d = _deadline(case, "decision")
    case.decision_due_on = d.due_date if d and not d.calendar_pending else None
    case.save(update_fields=["decision_due_on"])
    return case


def state_counts(qs: Any) -> dict[str, int]:
    return dict(qs.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
