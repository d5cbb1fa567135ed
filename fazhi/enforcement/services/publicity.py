"""行政执法公示: permit and penalty decisions within 7 working days, other decisions within 20
(国办发〔2018〕118号 二(三)); withdrawal within 3 working days after revocation (行政处罚法第四十八条、
第八十五条). Natural persons are masked (fazhi.core.masking)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.core.masking import mask_party
from fazhi.enforcement.choices import DecisionKind, PenaltyType, PublicityKind, PublicityStatus
from fazhi.enforcement.models import Matter, PenaltyCase, PermitDecision, PublicityRecord
from fazhi.enforcement.procedures import PUBLICITY

from ._common import actor_agency, invalid, not_before, not_future, require_perm

PENDING_NOTE = "待日历确认"


def _start_publication(record: PublicityRecord, actor: Any) -> None:
    """The publication period runs from the decision date (118号 二(三)): an engine deadline, explained,
    provisional while the year's holidays are not entered, recomputed on every calendar change."""
    d = procedures.start_clock(record, PUBLICITY, "publish", actor=actor, on=record.decided_on)
    audit.record(
        actor=actor,
        action="enforcement.create_publicity",
        obj=record,
        after={"due_on": d.due_date, "calendar_pending": d.calendar_pending},
    )


def _result_text(case: PenaltyCase) -> str:
    if case.decision_kind != DecisionKind.PENALTY:
        return str(DecisionKind(case.decision_kind).label)
    parts = []
    for t in case.penalty_types:
        label = str(PenaltyType(t).label)
        if t == PenaltyType.FINE and case.fine_amount:
            label = f"罚款 {case.fine_amount} 元"
        elif t == PenaltyType.CONFISCATION and case.confiscation_amount:
            label = f"没收 {case.confiscation_amount} 元"
        parts.append(label)
    return "；".join(parts)


def create_publicity_for_case(*, case: PenaltyCase, actor: Any) -> PublicityRecord | None:
    """Called by the decision services inside their transaction. A transfer to judicial organs is not
    published (it is no enforcement decision on the party)."""
    if case.decision_kind == DecisionKind.TRANSFER or case.decided_on is None:
        return None
    kind = PublicityKind.PENALTY if case.decision_kind == DecisionKind.PENALTY else PublicityKind.OTHER
    record = PublicityRecord.objects.create(
        agency_id=case.agency_id,
        jurisdiction_id=case.jurisdiction_id,
        kind=kind,
        case=case,
        document_number=case.decision_number,
        subject=mask_party(case.party_name, is_natural_person=case.party_is_natural_person),
        subject_code="" if case.party_is_natural_person else case.party_id_number,
        matter_name=case.matter.name,
        basis=case.decision_basis or case.matter.basis_article,
        result=_result_text(case),
        decided_on=case.decided_on,
    )
    _start_publication(record, actor)
    return record


def _flag_case(record: PublicityRecord, late: bool) -> None:
    """The case's flag_late_publicity follows the record (an undecided one flags nothing yet; the
    calendar entry settles it, `cases.sync_late_flags`)."""
    if not record.case_id:
        return
    case = PenaltyCase.objects.select_for_update().get(pk=record.case_id)
    case.flag_late_publicity = late
    case.refresh_irregular()
    case.save(update_fields=["flag_late_publicity", "is_irregular"])


@transaction.atomic
def record_permit_decision(
    *,
    actor: Any,
    matter: Matter,
    number: str,
    applicant_name: str,
    applicant_is_natural_person: bool,
    content: str,
    decided_on: date,
    applicant_code: str = "",
    granted: bool = True,
    valid_until: date | None = None,
) -> PermitDecision:
    """行政许可决定（简录）and its publicity record, due 7 working days after the decision (118号 二(三))."""
    not_future(decided_on, "decided_on", "决定日期")
    agency = actor_agency(actor, "登记行政许可决定")
    probe = PermitDecision(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    require_perm(actor, "enforcement.record_permit", probe, "登记行政许可决定")
    errors = {}
    if matter.agency_id != agency.pk or matter.kind != "permit":
        errors["matter"] = f"“{matter.name}”不是{agency.name}的行政许可事项。"
    for field, value, label in (
        ("number", number, "决定书（证件）编号"),
        ("applicant_name", applicant_name, "申请人"),
        ("content", content, "许可内容"),
    ):
        if not (value or "").strip():
            errors[field] = f"请填写{label}。"
    if valid_until and valid_until < decided_on:
        errors["valid_until"] = "有效期至早于决定日期。"
    if not errors and PermitDecision.objects.filter(agency=agency, number=number.strip()).exists():
        errors["number"] = f"编号“{number}”已登记。"
    if errors:
        raise invalid(errors, code="invalid")
    permit = PermitDecision.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        matter=matter,
        number=number.strip(),
        applicant_name=applicant_name.strip(),
        applicant_is_natural_person=applicant_is_natural_person,
        applicant_code=applicant_code.strip(),
        granted=granted,
        content=content.strip(),
        decided_on=decided_on,
        valid_until=valid_until,
        recorded_by=actor,
    )
    record = PublicityRecord.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        kind=PublicityKind.PERMIT,
        permit=permit,
        document_number=permit.number,
        subject=mask_party(permit.applicant_name, is_natural_person=applicant_is_natural_person),
        subject_code="" if applicant_is_natural_person else permit.applicant_code,
        matter_name=matter.name,
        basis=matter.basis_article,
        result=("准予许可：" if granted else "不予许可：") + permit.content,
        decided_on=decided_on,
    )
    _start_publication(record, actor)
    audit.record(
        actor=actor, action="enforcement.record_permit_decision", obj=permit, after={"number": permit.number}
    )
    return permit


@transaction.atomic
def publish_record(*, actor: Any, record: PublicityRecord, on: date) -> PublicityRecord:
    """公示 — on time when published on or before the due date (118号 二(三))."""
    not_future(on, "on", "办理日期")
    record = PublicityRecord.objects.select_for_update().get(pk=record.pk)
    require_perm(actor, "enforcement.publish", record, "发布该公示信息")
    if record.status != PublicityStatus.DUE:
        raise invalid(
            f"该公示信息当前状态为“{record.get_status_display()}”，不能再次公示。", code="already_published"
        )
    not_before(
        on,
        record.decided_on,
        "on",
        f"公示日期 {on.isoformat()} 早于决定日期 {record.decided_on.isoformat()}。",
    )
    record.published_on = on
    record.status = PublicityStatus.PUBLISHED
    record.save()
    d = procedures.stop_clock(record, PUBLICITY, "publish", actor=actor, on=on)
    on_time = {"met": True, "missed": False}.get(d.state) if d is not None else None
    _flag_case(record, on_time is False)
    audit.record(
        actor=actor,
        action="enforcement.publish_record",
        obj=record,
        after={"published_on": on, "on_time": on_time},
    )
    return record


@transaction.atomic
def revoke_decision(*, actor: Any, record: PublicityRecord, on: date, reason: str) -> PublicityRecord:
    """决定被撤销、变更、确认违法或无效: published information is withdrawn within 3 working days,
    with reasons (行政处罚法第四十八条第二款、第八十五条)."""
    not_future(on, "on", "办理日期")
    record = PublicityRecord.objects.select_for_update().get(pk=record.pk)
    require_perm(actor, "enforcement.publish", record, "处理该公示信息")
    if not (reason or "").strip():
        raise invalid(
            {"reason": "请填写撤回理由（决定被撤销、变更或确认违法、无效的情况）。"}, code="required"
        )
    if record.status in (PublicityStatus.WITHDRAWN, PublicityStatus.WITHDRAWAL_DUE):
        raise invalid("该公示信息已在撤回流程中。", code="already_withdrawn")
    not_before(on, record.decided_on, "on", "撤销日期早于决定日期。")
    record.revoked_on = on
    record.withdrawal_reason = reason.strip()
    if record.status == PublicityStatus.PUBLISHED:
        procedures.start_clock(record, PUBLICITY, "withdraw", actor=actor, on=on)
        record.status = PublicityStatus.WITHDRAWAL_DUE
    else:  # never public: nothing to publish any more, nothing to take down
        procedures.stop_clock(record, PUBLICITY, "publish", actor=actor, on=on, note="决定被撤销，无需公示")
        record.status = PublicityStatus.WITHDRAWN
        record.withdrawn_on = on
    record.save()
    audit.record(
        actor=actor,
        action="enforcement.revoke_decision",
        obj=record,
        after={"revoked_on": on, "status": record.status},
    )
    return record


@transaction.atomic
def withdraw_record(*, actor: Any, record: PublicityRecord, on: date) -> PublicityRecord:
    """撤回公示 (第四十八条第二款)."""
    not_future(on, "on", "办理日期")
    record = PublicityRecord.objects.select_for_update().get(pk=record.pk)
    require_perm(actor, "enforcement.publish", record, "撤回该公示信息")
    if record.status != PublicityStatus.WITHDRAWAL_DUE:
        raise invalid("只有决定已被撤销（变更）的公示信息才能撤回。", code="step_out_of_order")
    not_before(on, record.revoked_on, "on", "撤回日期早于撤销日期。")
    record.withdrawn_on = on
    record.status = PublicityStatus.WITHDRAWN
    record.save()
    procedures.stop_clock(record, PUBLICITY, "withdraw", actor=actor, on=on)
    audit.record(actor=actor, action="enforcement.withdraw_record", obj=record, after={"withdrawn_on": on})
    return record
