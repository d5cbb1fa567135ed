"""Department submissions (填报): open a campaign, fill in, submit, approve or return.

Every write checks its permission with `rules`, is audited, and is all-or-nothing (ADR 0001): a
submission with one bad figure saves none of them. Figures are validated for type and range (by
the indicator's kind), consistency (a part never exceeds its whole, e.g. instant items ≤ items)
and plausibility (a change of more than half against last year's approved figure needs a note).

A figure may be marked 本单位无此项工作 (not applicable: `Entry.not_applicable`, or the cell text
"无此项" and its variants in NOT_APPLICABLE_TEXTS); it is saved without a value, skips those checks
and counts in no aggregate. A blank figure is "not filled" and is removed. An agency with nothing at
all to report submits with a whole-submission declaration (无数据可报) and its reason (no_data_note).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.indicators import CatalogueEntry, registry
from fazhi.org.models import Agency, Jurisdiction
from fazhi.reporting.models import (
    NOT_APPLICABLE_TEXT,
    Campaign,
    CampaignStatus,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)

JUMP_THRESHOLD = Decimal("0.5")  # a change of more than 50 % on last year needs a note
MAX_VALUE = Decimal("99999999999999")
# Cell or field texts meaning 本单位无此项工作 (compared after stripping, case-insensitively).
NOT_APPLICABLE_TEXTS = frozenset(
    {NOT_APPLICABLE_TEXT, "本单位无此项工作", "无此项工作", "不适用", "n/a", "na"}
)

# (part, whole): the part may never exceed the whole within one agency's submission (checked when
# both are submission codes of the campaign; a code an app computes is never submitted).
CONSISTENCY: tuple[tuple[str, str], ...] = (
    ("services.permit_items", "services.items"),
    ("services.instant_items", "services.items"),
    ("services.online_items", "services.items"),
    ("services.hall_items", "services.items"),
    ("services.one_thing_items", "services.items"),
    ("services.commitment_items", "services.items"),
    ("services.permit_instant_items", "services.permit_items"),
    ("services.permit_instant_items", "services.instant_items"),
    ("services.hotline_complaints", "services.hotline_calls"),
    ("services.zero_visit_items", "services.items"),
    ("services.max_one_visit_items", "services.items"),
    ("normative_docs.filed", "normative_docs.issued"),
    ("normative_docs.reviewed", "normative_docs.issued"),
    ("normative_docs.repealed", "normative_docs.cleaned"),
    ("normative_docs.amended", "normative_docs.cleaned"),
    ("normative_docs.retained", "normative_docs.cleaned"),
    ("reconsideration.closed", "reconsideration.received"),
    ("petitions.handled", "petitions.received"),
    ("mediation.successful", "mediation.cases"),
)


def submission_codes() -> list[str]:
    """Catalogue codes no app computes: the codes departments submit (issue 8 §1)."""
    computed = set(registry.computed_codes())
    return [e.code for e in registry.catalogue() if e.normally != "not_stored" and e.code not in computed]


def _label(entry: CatalogueEntry) -> str:
    return f"“{entry.name}”（{entry.code}）"


def parse_value(entry: CatalogueEntry, raw: Any) -> Decimal | None:
    """The figure typed for `entry`, or None when left blank; ValidationError naming the indicator."""
    if raw is None or (isinstance(raw, str) and raw.strip() in {"", "-", "—", "/"}):
        return None
    text = str(raw).strip().replace(",", "").replace("，", "")
    if text.endswith(("%", "‱")):
        text = text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"{_label(entry)}应填写数字，实际为“{raw}”。", code="not_a_number") from None
    if not value.is_finite():
        raise ValidationError(f"{_label(entry)}应填写数字，实际为“{raw}”。", code="not_a_number")
    if value < 0:
        raise ValidationError(f"{_label(entry)}不能为负数（填写了 {value}）。", code="negative")
    if value > MAX_VALUE:
        raise ValidationError(f"{_label(entry)}数值过大（{value}）。", code="too_large")
    if entry.kind == "count" and value != value.to_integral_value():
        raise ValidationError(
            f"{_label(entry)}是计数（单位：{entry.unit}），应为整数，实际为 {value}。", code="not_integer"
        )
    if entry.kind == "rate":
        top = Decimal(10000) if entry.unit == "‱" else Decimal(100)
        if value > top:
            raise ValidationError(
                f"{_label(entry)}是比率（{entry.unit}），应在 0 至 {top} 之间，实际为 {value}。",
                code="rate_out_of_range",
            )
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(f"{_label(entry)}最多保留两位小数（填写了 {value}）。", code="too_precise")
    return value


def previous_values(submission: Submission) -> dict[str, Decimal]:
    """The same agency's approved figures of the year before, by code."""
    qs = SubmissionValue.objects.filter(
        not_applicable=False,
        submission__agency_id=submission.agency_id,
        submission__campaign__jurisdiction_id=submission.campaign.jurisdiction_id,
        submission__campaign__year=submission.campaign.year - 1,
        submission__status=SubmissionStatus.APPROVED,
    )
    return {v.code: v.value for v in qs if v.value is not None}


def jump_needs_note(value: Decimal, previous: Decimal | None) -> bool:
    """True when the change against last year exceeds JUMP_THRESHOLD (from 0 to anything counts too)."""
    if previous is None:
        return False
    if previous == 0:
        return value > 0
    return abs(value - previous) / previous > JUMP_THRESHOLD


def is_not_applicable_text(raw: Any) -> bool:
    """True for a typed "无此项" (or 本单位无此项工作, 不适用, N/A)."""
    return isinstance(raw, str) and raw.strip().lower() in NOT_APPLICABLE_TEXTS


@dataclass(frozen=True)
class Entry:
    value: Any
    note: str = ""
    not_applicable: bool = False  # 本单位无此项工作: no value may be given with it


def validate_values(
    submission: Submission, entries: Mapping[str, Entry], *, row_of: Mapping[str, int] | None = None
) -> dict[str, tuple[Decimal | None, str]]:
    """Parse and check every figure; ValidationError {code: message} listing every problem at once.

    The result maps each filled code to (value, note), value None meaning 本单位无此项工作; blank codes
    are left out.
    """
    allowed = set(submission.campaign.codes)
    errors: dict[str, list[ValidationError]] = {}
    clean: dict[str, tuple[Decimal | None, str]] = {}

    def fail(code: str, err: ValidationError) -> None:
        if row_of and code in row_of:
            err = ValidationError(f"第 {row_of[code]} 行：{err.messages[0]}", code=err.code)
        errors.setdefault(code, []).append(err)

    for code, entry in entries.items():
        if code not in allowed:
            fail(code, ValidationError(f"指标代码“{code}”不在本次填报范围内。", code="unknown_code"))
            continue
        ce = registry.entry(code)
        note = (entry.note or "").strip()
        if len(note) > 500:
            fail(code, ValidationError(f"{_label(ce)}的说明不能超过 500 字。", code="note_too_long"))
            continue
        if is_not_applicable_text(entry.value):
            clean[code] = (None, note)
            continue
        try:
            value = parse_value(ce, entry.value)
        except ValidationError as exc:
            fail(code, exc)
            continue
        if entry.not_applicable:
            if value is not None:
                fail(
                    code,
                    ValidationError(
                        f"{_label(ce)}已标记为“本单位无此项工作”，不能同时填写数值（{value}）：请删去数值或取消勾选。",
                        code="value_and_not_applicable",
                    ),
                )
                continue
            clean[code] = (None, note)
        elif value is not None:
            clean[code] = (value, note)

    previous = previous_values(submission)
    for code, (value, note) in clean.items():
        prev = previous.get(code)
        if value is None:
            continue
        if not note and prev is not None and jump_needs_note(value, prev):
            pct = "" if prev == 0 else f"（变化 {((value - prev) / prev * 100).quantize(Decimal('0.1'))}%）"
            fail(
                code,
                ValidationError(
                    f"{_label(registry.entry(code))}为 {value}，上年为 {prev}{pct}，变化超过 50%，请填写说明。",
                    code="jump_needs_note",
                ),
            )
    for part, whole in CONSISTENCY:
        part_value = clean[part][0] if part in clean else None
        whole_value = clean[whole][0] if whole in clean else None
        if part_value is not None and whole_value is not None and part_value > whole_value:
            p, w = registry.entry(part), registry.entry(whole)
            fail(
                part,
                ValidationError(
                    f"“{p.name}”（{part_value}）不能大于“{w.name}”（{whole_value}）。",
                    code="inconsistent",
                ),
            )
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    return clean


def _values_snapshot(submission: Submission) -> dict[str, str]:
    return {
        v.code: NOT_APPLICABLE_TEXT if v.not_applicable else str(v.value) for v in submission.values.all()
    }


@transaction.atomic
def open_campaign(
    *,
    actor: Any,
    jurisdiction: Jurisdiction,
    year: int,
    due_date: date,
    codes: Iterable[str] | None = None,
    agencies: Iterable[Agency] | None = None,
) -> Campaign:
    """发起填报：one submission per active agency of the jurisdiction (the justice bureau only)."""
    if not actor.has_perm("reporting.open_campaign", jurisdiction):
        raise PermissionDenied("只有本级司法行政机关可以发起年度数据填报。")
    if year < 2000 or year > timezone.localdate().year:
        raise ValidationError(
            {"year": f"报告年度应在 2000 至 {timezone.localdate().year} 之间，实际为 {year}。"}
        )
    if due_date <= date(year, 12, 31):
        raise ValidationError({"due_date": f"填报截止日期应在 {year} 年结束之后，实际为 {due_date}。"})
    if Campaign.objects.filter(jurisdiction=jurisdiction, year=year).exists():
        raise ValidationError({"year": f"{jurisdiction}{year}年度的填报任务已经发起，不能重复发起。"})
    all_codes = submission_codes()
    chosen = list(codes) if codes is not None else all_codes
    unknown = [c for c in chosen if c not in all_codes]
    if unknown:
        raise ValidationError(
            {"codes": f"以下指标不是填报指标（系统可计算或不在目录中）：{'、'.join(unknown)}。"}
        )
    if not chosen:
        raise ValidationError({"codes": "至少选择一个填报指标。"})
    campaign = Campaign.objects.create(
        jurisdiction=jurisdiction, year=year, due_date=due_date, codes=chosen, opened_by=actor
    )
    agency_qs = (
        Agency.objects.filter(jurisdiction=jurisdiction, is_active=True) if agencies is None else agencies
    )
    Submission.objects.bulk_create(
        Submission(campaign=campaign, agency=a, jurisdiction=jurisdiction) for a in agency_qs
    )
    audit.record(
        actor=actor,
        action="reporting.open_campaign",
        obj=campaign,
        after={
            "year": year,
            "due_date": due_date,
            "codes": len(chosen),
            "agencies": campaign.submissions.count(),
        },
    )
    return campaign


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("campaign").get(pk=submission.pk)


def _check_fill(actor: Any, submission: Submission) -> None:
    if not actor.has_perm("reporting.fill_submission", submission):
        raise PermissionDenied("只有本部门的工作人员可以填写本部门的填报表。")
    if submission.campaign.status != CampaignStatus.OPEN:
        raise ValidationError("本次填报已结束，不能再修改。", code="campaign_closed")
    if not submission.is_editable:
        raise ValidationError(
            f"填报表当前状态为“{submission.get_status_display()}”，不能修改。", code="not_editable"
        )


@transaction.atomic
def save_values(
    *,
    actor: Any,
    submission: Submission,
    entries: Mapping[str, Entry],
    row_of: Mapping[str, int] | None = None,
    source: str = "web",
) -> Submission:
    """保存填报数值: replaces the figures of the codes given (blank = not filled → removed; a figure
    marked 本单位无此项工作 is kept as not applicable, without a value)."""
    submission = _lock(submission)
    _check_fill(actor, submission)
    before = _values_snapshot(submission)
    clean = validate_values(submission, entries, row_of=row_of)
    submission.values.filter(code__in=list(entries)).delete()
    SubmissionValue.objects.bulk_create(
        SubmissionValue(
            submission=submission, code=code, value=value, not_applicable=value is None, note=note
        )
        for code, (value, note) in clean.items()
    )
    audit.record(
        actor=actor,
        action="reporting.save_submission_values",
        obj=submission,
        before={"values": before},
        after={"values": _values_snapshot(submission), "source": source},
    )
    return submission


@transaction.atomic
def submit_submission(
    *, actor: Any, submission: Submission, no_data: bool = False, no_data_note: str = ""
) -> Submission:
    """报送: the figures are checked again as a whole. At least one figure (a value or 本单位无此项工作)
    must be filled in, unless the agency declares 无数据可报 (`no_data`) with its reason (`no_data_note`)."""
    submission = _lock(submission)
    _check_fill(actor, submission)
    values = list(submission.values.all())
    note = (no_data_note or "").strip()
    if no_data:
        if values:
            raise ValidationError(
                "填报表中已有填报数值（或“本单位无此项工作”），不能声明“无数据可报”：请清空后再声明，或取消声明。",
                code="no_data_with_values",
            )
        if not note:
            raise ValidationError(
                {"no_data_note": "声明“无数据可报”必须填写“无数据说明”，写明本单位没有数据可报的原因。"}
            )
        if len(note) > 2000:
            raise ValidationError({"no_data_note": "“无数据说明”不能超过 2000 字。"})
    elif not values:
        raise ValidationError(
            "填报表中没有任何数值，不能报送。如本单位确无数据可报，请声明“无数据可报”并填写“无数据说明”。",
            code="empty",
        )
    validate_values(
        submission,
        {v.code: Entry(v.value, v.note, not_applicable=v.not_applicable) for v in values},
    )
    before = submission.status
    before_note = submission.no_data_note
    submission.no_data_note = note if no_data else ""
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.save()
    audit.record(
        actor=actor,
        action="reporting.submit_submission",
        obj=submission,
        before={"status": before, "no_data_note": before_note},
        after={
            "status": submission.status,
            "values": _values_snapshot(submission),
            "no_data_note": submission.no_data_note,
        },
    )
    return submission


def _review(actor: Any, submission: Submission) -> Submission:
    submission = _lock(submission)
    if not actor.has_perm("reporting.review_submission", submission):
        raise PermissionDenied("只有本级司法行政机关可以审核填报表。")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(
            f"填报表当前状态为“{submission.get_status_display()}”，只有待审核的填报表可以审核。",
            code="not_submitted",
        )
    return submission


@transaction.atomic
def approve_submission(*, actor: Any, submission: Submission, note: str = "") -> Submission:
    """审核通过: the figures count from now on in the dashboard and the report."""
    submission = _review(actor, submission)
    submission.status = SubmissionStatus.APPROVED
    submission.reviewed_at, submission.reviewed_by, submission.review_note = timezone.now(), actor, note
    submission.save()
    audit.record(
        actor=actor,
        action="reporting.approve_submission",
        obj=submission,
        before={"status": SubmissionStatus.SUBMITTED},
        after={"status": submission.status},
        note=note,
    )
    return submission


@transaction.atomic
def return_submission(*, actor: Any, submission: Submission, reason: str) -> Submission:
    """退回: the agency corrects and submits again; the reason is required."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "退回填报表必须填写“退回理由”。"})
    submission = _review(actor, submission)
    submission.status = SubmissionStatus.RETURNED
    submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
    submission.review_note = reason.strip()
    submission.save()
    audit.record(
        actor=actor,
        action="reporting.return_submission",
        obj=submission,
        before={"status": SubmissionStatus.SUBMITTED},
        after={"status": submission.status},
        note=reason.strip(),
    )
    return submission


@transaction.atomic
def close_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    """结束填报: nothing can be changed any more; approved figures stay."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not actor.has_perm("reporting.open_campaign", campaign.jurisdiction):
        raise PermissionDenied("只有本级司法行政机关可以结束填报。")
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError("本次填报已经结束。", code="campaign_closed")
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="reporting.close_campaign",
        obj=campaign,
        before={"status": CampaignStatus.OPEN},
        after={"status": CampaignStatus.CLOSED},
    )
    return campaign
