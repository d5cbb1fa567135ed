"""Mediation and pre-litigation settlement — every write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import field_error
from fazhi.org.models import Agency, User

from ..choices import DisputeKind, Linkage, MediationKind, MediationOutcome
from ..models import Mediation
from .dates import refuse_future, refuse_future_on

__all__ = ["close_mediation", "record_mediation"]


@transaction.atomic
def record_mediation(
    *,
    actor: User,
    agency: Any,
    kind: str,
    dispute_kind: str,
    committee: str,
    mediator: str,
    parties: str,
    received_on: date,
    amount: Decimal = Decimal("0.00"),
    linkage: str = "",
    summary: str = "",
    court_referral_number: str = "",
) -> Mediation:
    """登记调解 (人民调解、行政调解; 法院委派的诉前调解)."""
    if not isinstance(agency, Agency):
        raise field_error("agency", "组织单位：必须是行政机关或司法所。", "not_agency")
    probe = Mediation(agency=agency, jurisdiction=agency.jurisdiction)
    if not actor.has_perm("disputes.manage_mediation", probe):
        raise PermissionDenied("您无权登记该单位的调解。")
    if kind not in MediationKind.values:
        raise field_error("kind", f"调解类型：“{kind}”无效。", "bad_kind")
    if dispute_kind not in DisputeKind.values:
        raise field_error("dispute_kind", f"纠纷类型：“{dispute_kind}”无效。", "bad_kind")
    if linkage not in Linkage.values:
        raise field_error("linkage", f"对接类型：“{linkage}”无效。", "bad_kind")
    refuse_future({"received_on": ("受理日期", received_on)})
    for key, value, label in (
        ("committee", committee, "调解组织"),
        ("mediator", mediator, "调解员"),
        ("parties", parties, "当事人"),
    ):
        if not (value or "").strip():
            raise field_error(key, f"{label}：不能为空。", "required")
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount < 0:
        raise field_error("amount", "涉及金额：不能为负数。", "negative")
    if kind == MediationKind.PRETRIAL:
        if not court_referral_number.strip():
            raise field_error(
                "court_referral_number", "法院委派编号：诉前委派调解应填写法院的委派编号。", "required"
            )
        linkage = Linkage.COURT
    m = Mediation.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        kind=kind,
        dispute_kind=dispute_kind,
        committee=committee.strip(),
        mediator=mediator.strip(),
        parties=parties.strip(),
        summary=summary.strip(),
        received_on=received_on,
        amount=amount,
        linkage=linkage,
        court_referral_number=court_referral_number.strip(),
    )
    audit.record(
        actor=actor,
        action="disputes.record_mediation",
        obj=m,
        after={"kind": kind, "received_on": received_on},
    )
    return m


@transaction.atomic
def close_mediation(*, actor: User, mediation: Mediation, on: date, outcome: str) -> Mediation:
    """调解结案: agreement reached (调解成功) or not."""
    mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
    if not actor.has_perm("disputes.manage_mediation", mediation):
        raise PermissionDenied("您无权办理该调解。")
    if mediation.outcome != MediationOutcome.PENDING:
        raise ValidationError("该调解已经结案。", code="already_closed")
    if outcome not in (MediationOutcome.AGREED, MediationOutcome.FAILED):
        raise field_error("outcome", f"结果：“{outcome}”无效，应为调解成功或调解不成。", "bad_outcome")
    refuse_future_on(on, "结案日期")
    if on < mediation.received_on:
        raise field_error("on", "结案日期：不能早于受理日期。", "bad_date")
    mediation.outcome, mediation.closed_on = outcome, on
    mediation.save(update_fields=["outcome", "closed_on"])
    audit.record(
        actor=actor,
        action="disputes.close_mediation",
        obj=mediation,
        after={"outcome": outcome, "closed_on": on},
    )
    return mediation
