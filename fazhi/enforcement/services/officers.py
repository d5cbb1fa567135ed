"""Officers' certificates, annual reviews, training hours and qualification exams (models in `org`,
DESIGN.md). Every write: lock → permission → validate → write → audit (STYLE.md §2.3).

《行政处罚法》第四十二条: penalties are enforced by officers holding enforcement qualification, so
the justice bureau (supervisor) alone issues, suspends, reinstates and revokes certificates; the
case services refuse an uncertified officer (`guards.two_certified_officers`).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.core import audit
from fazhi.org.models import (
    AnnualReview,
    Certificate,
    CertificateKind,
    CertificateStatus,
    QualificationExam,
    TrainingRecord,
    User,
)

from ._common import as_date, invalid, require_perm

# The yearly training requirement differs by province (e.g. Fujian 50 学时); configurable, default 60.
DEFAULT_TRAINING_HOURS = 60
# LEGAL_RULES.md §12: no national numbering standard — free text in the province's own pattern.
DEFAULT_NUMBER_PATTERN = r"^[0-9A-Za-z-]{6,40}$"


def required_training_hours() -> Decimal:
    """FAZHI_TRAINING_HOURS_REQUIRED (学时/年), default 60 — configurable, not a statutory figure."""
    return Decimal(str(getattr(settings, "FAZHI_TRAINING_HOURS_REQUIRED", DEFAULT_TRAINING_HOURS)))


def _number_pattern() -> str:
    return str(getattr(settings, "FAZHI_CERTIFICATE_NUMBER_PATTERN", DEFAULT_NUMBER_PATTERN))


def _exam_required() -> bool:
    return bool(getattr(settings, "FAZHI_CERTIFICATE_REQUIRES_EXAM", True))


def _snapshot(cert: Certificate) -> dict[str, Any]:
    return {
        "number": cert.number,
        "kind": cert.kind,
        "status": cert.status,
        "valid_from": cert.valid_from,
        "valid_until": cert.valid_until,
        "reason": cert.status_reason,
    }


def _locked(cert: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().select_related("agency", "holder").get(pk=cert.pk)


@transaction.atomic
def issue_certificate(
    *,
    actor: Any,
    holder: User,
    kind: str,
    number: str,
    issuing_authority: str,
    valid_from: Any,
    valid_until: Any,
    areas: str = "",
) -> Certificate:
    """发放执法证 / 监督证 to an officer of an agency of the supervisor's jurisdiction.

    One valid certificate of a kind per person (INDICATORS.md officers.certified); an enforcement
    certificate goes to staff of an enforcement body (第四十二条) who passed the qualification exam
    (FAZHI_CERTIFICATE_REQUIRES_EXAM, default on)."""
    agency = holder.agency
    if agency is None:
        raise invalid({"holder": f"“{holder}”未关联所在机关，不能发放执法证件。"}, code="holder_no_agency")
    require_perm(actor, "enforcement.manage_certificates", agency, "发放执法证件")
    errors: dict[str, str] = {}
    if kind not in CertificateKind.values:
        errors["kind"] = "证件类型无效：应为行政执法证或行政执法监督证。"
    number = (number or "").strip().upper()
    if not number:
        errors["number"] = "请填写证件编号。"
    elif not re.fullmatch(_number_pattern(), number):
        errors["number"] = f"证件编号“{number}”不符合本省编号格式（6–40位字母、数字或连字符）。"
    elif Certificate.objects.filter(number=number).exists():
        errors["number"] = f"证件编号“{number}”已被使用。"
    if not (issuing_authority or "").strip():
        errors["issuing_authority"] = "请填写发证机关。"
    if errors:
        raise invalid(errors, code="invalid")
    start = as_date(valid_from, "valid_from", "有效期起")
    end = as_date(valid_until, "valid_until", "有效期至")
    if end < start:
        raise invalid(
            {"valid_until": f"有效期至 {end.isoformat()} 早于有效期起 {start.isoformat()}。"},
            code="date_order",
        )
    if not holder.is_active:
        raise invalid({"holder": f"“{holder}”的账号已停用，不能发放执法证件。"}, code="holder_inactive")
    if kind == CertificateKind.ENFORCEMENT and not agency.has_enforcement_authority:
        raise invalid(
            {"holder": f"{agency.name}不具有行政执法主体资格，不能为其人员发放行政执法证。"},
            code="agency_not_enforcement_body",
        )
    if (
        kind == CertificateKind.ENFORCEMENT
        and _exam_required()
        and not QualificationExam.objects.filter(candidate=holder, passed=True, exam_date__lte=start).exists()
    ):
        raise invalid(
            {"holder": f"“{holder}”尚未通过行政执法资格考试，不能发放行政执法证。"}, code="exam_not_passed"
        )
    overlapping = Certificate.objects.filter(
        holder=holder, kind=kind, status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED]
    ).filter(valid_until__gte=start, valid_from__lte=end)
    if overlapping.exists():
        other = overlapping.first()
        assert other is not None
        raise invalid(
            {
                "holder": f"“{holder}”已持有有效期重叠的{other.get_kind_display()}（{other.number}），一人只能持有一个。"
            },
            code="certificate_exists",
        )
    cert = Certificate.objects.create(
        holder=holder,
        agency=agency,
        kind=kind,
        number=number,
        issuing_authority=issuing_authority.strip(),
        areas=(areas or "").strip(),
        valid_from=start,
        valid_until=end,
        status=CertificateStatus.VALID,
    )
    audit.record(actor=actor, action="enforcement.issue_certificate", obj=cert, after=_snapshot(cert))
    return cert


def _change_status(
    *, actor: Any, cert: Certificate, to: str, allowed_from: set[str], reason: str, verb: str, action: str
) -> Certificate:
    cert = _locked(cert)
    require_perm(actor, "enforcement.manage_certificates", cert.agency, f"{verb}执法证件")
    if cert.status not in allowed_from:
        raise invalid(
            f"证件 {cert.number} 当前状态为“{cert.get_status_display()}”，不能{verb}。", code="status_invalid"
        )
    if to != CertificateStatus.VALID and not (reason or "").strip():
        raise invalid({"reason": f"请填写{verb}原因。"}, code="required")
    before = _snapshot(cert)
    cert.status = to
    cert.status_reason = (reason or "").strip()[:200]
    cert.save(update_fields=["status", "status_reason"])
    audit.record(actor=actor, action=action, obj=cert, before=before, after=_snapshot(cert))
    return cert


@transaction.atomic
def suspend_certificate(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """暂扣 — the holder may take no investigative or decision step meanwhile (第四十二条)."""
    return _change_status(
        actor=actor,
        cert=certificate,
        to=CertificateStatus.SUSPENDED,
        allowed_from={CertificateStatus.VALID},
        reason=reason,
        verb="暂扣",
        action="enforcement.suspend_certificate",
    )


@transaction.atomic
def reinstate_certificate(*, actor: Any, certificate: Certificate, reason: str = "") -> Certificate:
    """恢复 a suspended certificate."""
    return _change_status(
        actor=actor,
        cert=certificate,
        to=CertificateStatus.VALID,
        allowed_from={CertificateStatus.SUSPENDED},
        reason=reason,
        verb="恢复",
        action="enforcement.reinstate_certificate",
    )


@transaction.atomic
def revoke_certificate(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """吊销 — final."""
    return _change_status(
        actor=actor,
        cert=certificate,
        to=CertificateStatus.REVOKED,
        allowed_from={CertificateStatus.VALID, CertificateStatus.SUSPENDED},
        reason=reason,
        verb="吊销",
        action="enforcement.revoke_certificate",
    )


@transaction.atomic
def expire_certificates(*, on: date) -> int:
    """Mark valid certificates whose validity ended before `on` as expired (system task, audited)."""
    rows = list(
        Certificate.objects.select_for_update().filter(status=CertificateStatus.VALID, valid_until__lt=on)
    )
    for cert in rows:
        before = _snapshot(cert)
        cert.status = CertificateStatus.EXPIRED
        cert.status_reason = f"有效期至 {cert.valid_until.isoformat()} 届满"
        cert.save(update_fields=["status", "status_reason"])
        audit.record(
            actor=None,
            action="enforcement.expire_certificate",
            obj=cert,
            before=before,
            after=_snapshot(cert),
        )
    return len(rows)


@transaction.atomic
def record_annual_review(
    *, actor: Any, certificate: Certificate, year: int, result: str, reviewed_on: Any, remarks: str = ""
) -> AnnualReview:
    """年审 — once a year per certificate; a failed review suspends nothing by itself (the supervisor decides)."""
    cert = _locked(certificate)
    require_perm(actor, "enforcement.manage_certificates", cert.agency, "登记年审结果")
    if result not in AnnualReview.Result.values:
        raise invalid({"result": "年审结果应为合格、不合格或暂缓。"}, code="invalid_choice")
    on = as_date(reviewed_on, "reviewed_on", "年审日期")
    if not isinstance(year, int) or not 2000 <= year <= on.year:
        raise invalid({"year": f"年审年度“{year}”无效（不能晚于年审日期所在年度）。"}, code="year_invalid")
    if AnnualReview.objects.filter(certificate=cert, year=year).exists():
        raise invalid({"year": f"证件 {cert.number} 已登记 {year} 年度年审结果。"}, code="duplicate")
    review = AnnualReview.objects.create(
        certificate=cert, year=year, result=result, reviewed_on=on, remarks=(remarks or "").strip()[:200]
    )
    audit.record(
        actor=actor,
        action="enforcement.record_annual_review",
        obj=cert,
        after={"year": year, "result": result, "reviewed_on": on},
    )
    return review


@transaction.atomic
def record_training(
    *, actor: Any, officer: User, course: str, hours: Any, completed_on: Any
) -> TrainingRecord:
    """登记培训学时 (counted in the calendar year of completion), by the supervisor or the officer's agency admin."""
    require_perm(actor, "enforcement.record_training", officer, "登记培训学时")
    on = as_date(completed_on, "completed_on", "完成日期")
    try:
        h = Decimal(str(hours).strip())
    except (InvalidOperation, ValueError):
        raise invalid({"hours": f"学时“{hours}”不是有效的数字。"}, code="hours_invalid") from None
    if not h.is_finite() or h <= 0 or h > 200 or h != h.quantize(Decimal("0.1")):
        raise invalid(
            {"hours": f"学时“{hours}”无效：应大于0、不超过200，最多一位小数。"}, code="hours_invalid"
        )
    if not (course or "").strip():
        raise invalid({"course": "请填写培训内容。"}, code="required")
    record = TrainingRecord.objects.create(
        officer=officer, year=on.year, course=course.strip()[:200], hours=h, completed_on=on
    )
    audit.record(
        actor=actor,
        action="enforcement.record_training",
        obj=officer,
        after={"course": record.course, "hours": h, "completed_on": on},
    )
    return record


@transaction.atomic
def record_exam(
    *, actor: Any, candidate: User, exam_date: Any, score: Any, passed: bool
) -> QualificationExam:
    """执法资格考试 result, recorded by the justice bureau."""
    if candidate.agency is None:
        raise invalid({"candidate": f"“{candidate}”未关联所在机关。"}, code="holder_no_agency")
    require_perm(actor, "enforcement.manage_certificates", candidate.agency, "登记执法资格考试成绩")
    on = as_date(exam_date, "exam_date", "考试日期")
    value: Decimal | None = None
    if score not in (None, ""):
        try:
            value = Decimal(str(score).strip())
        except (InvalidOperation, ValueError):
            raise invalid({"score": f"成绩“{score}”不是有效的数字。"}, code="score_invalid") from None
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
            raise invalid({"score": f"成绩“{score}”应在0到100之间。"}, code="score_invalid")
    exam = QualificationExam.objects.create(
        candidate=candidate, exam_date=on, score=value, passed=bool(passed)
    )
    audit.record(
        actor=actor,
        action="enforcement.record_exam",
        obj=candidate,
        after={"exam_date": on, "score": value, "passed": bool(passed)},
    )
    return exam
