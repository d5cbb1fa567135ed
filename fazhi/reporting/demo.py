"""Demo part of reporting: two years of approved department submissions and the demo year's
annual report, built from every module's demo records and published on the portal by 1 April.

Each submission code goes to the agency that would hold it (the justice bureau for rule-of-law
work, the government office for services and disclosure, the audit bureau for audits …); sizes
follow a county of about 0.6 million people as in the fixture reports.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core import audit
from fazhi.core.indicators import registry

from .models import Campaign, Submission, SubmissionStatus, SubmissionValue
from .report import services as services_report
from .submissions.services import CONSISTENCY, submission_codes

# Typical county sizes for codes whose unit says little (the rest: by unit below).
SIZES: dict[str, int | str] = {
    "leadership.meetings_on_rule_of_law": 6,
    "leadership.instructions": 14,
    "leadership.assessment_weight": "5",
    "leadership.law_duty_reports": 42,
    "leadership.inspection_units": 18,
    "leadership.supervision_bulletins": 8,
    "services.items": 1580,
    "services.permit_items": 412,
    "services.instant_items": 820,
    "services.permit_instant_items": 160,
    "services.online_items": 1502,
    "services.hall_items": 1380,
    "services.hall_departments": 36,
    "services.one_thing_items": 45,
    "services.commitment_items": 96,
    "services.cases_handled": 486000,
    "services.hotline_calls": 152000,
    "services.hotline_complaints": 21000,
    "services.business_startup_days": 1,
    "services.data_catalogue_entries": 3200,
    "services.time_compression_rate": "86.5",
    "services.permit_time_compression_rate": "82.3",
    "services.time_limit_share": "13.5",
    "services.materials_reduction_rate": "35.2",
    "services.steps_reduction_rate": "28.6",
    "business_env.new_entities": 9800,
    "disclosure.published": 12800,
    "disclosure.policy_interpretations": 96,
    "credit.records_collected": 1360000,
    "mediation.full_time_mediators": 46,
    "supervision.audit_projects": 38,
    "supervision.audit_recommendations": 126,
    # computed by modules still to come (rulemaking, affairs, org): submitted until they register
    "normative_docs.issued": 16,
    "normative_docs.filed": 16,
    "normative_docs.filing_rate": "100",
    "normative_docs.cleaned": 142,
    "normative_docs.repealed": 23,
    "legal_advisor.engaged": 11,
    "legal_advisor.opinions": 356,
    "legality.papers_reviewed": 286,
    "major_decisions.catalogued": 8,
    "major_decisions.decided": 7,
    "major_decisions.procedures_complete_rate": "100",
    "education.exec_meeting_study": 12,
    "education.central_group_study": 6,
    "supervision.npc_suggestions": 186,
    "supervision.cppcc_proposals": 214,
    "supervision.reply_rate": "100",
    "disclosure.requests_received": 152,
    "petitions.received": 1260,
    "legal_aid.cases": 1086,
    "business_env.legal_checkups": 126,
    "business_env.enterprise_risks_checked": 418,
}
BY_UNIT: dict[str, tuple[int, int]] = {
    "次": (4, 30),
    "个": (10, 80),
    "项": (20, 300),
    "人": (100, 3000),
    "名": (10, 150),
    "条": (500, 20000),
    "件": (50, 3000),
    "份": (5, 60),
    "期": (4, 40),
    "场": (10, 120),
    "场次": (20, 300),
    "人次": (2000, 90000),
    "篇": (10, 120),
    "户": (20, 600),
    "家": (10, 200),
    "处": (20, 400),
    "所": (8, 15),
    "册": (5000, 60000),
    "支": (1, 3),
    "户次": (200, 3000),
    "批次": (20, 200),
    "起": (5, 40),
    "卷": (100, 600),
    "元": (100, 1000),
}
OWNER_BY_AREA = {
    "services": "zfb",
    "disclosure": "zfb",
    "business_env": "fgj",
    "credit": "fgj",
    "supervision": "zfb",
    "inspection": "scjg",
}
OWNER_BY_CODE = {
    "supervision.audit_projects": "sjj",
    "supervision.audit_recommendations": "sjj",
    "supervision.audit_briefs": "sjj",
    "supervision.audit_special_reports": "sjj",
}


def _value(ctx: Any, code: str) -> Decimal:
    entry = registry.entry(code)
    if code in SIZES:
        return Decimal(str(SIZES[code]))
    if entry.kind == "rate":
        top = 10000 if entry.unit == "‱" else 100
        return Decimal(ctx.rng.randint(int(top * 0.9) * 100, top * 100)) / 100
    if entry.kind == "amount":
        return Decimal(ctx.rng.randint(5000, 300000)) / 100
    if entry.kind == "duration":
        return Decimal(ctx.rng.randint(1, 3))
    low, high = BY_UNIT.get(entry.unit, (5, 100))
    return Decimal(ctx.rng.randint(low, high))


def _previous(ctx: Any, code: str, value: Decimal) -> Decimal:
    entry = registry.entry(code)
    if entry.kind == "rate":
        return max(Decimal(0), value - Decimal(ctx.rng.randint(0, 300)) / 100)
    factor = Decimal(ctx.rng.randint(85, 115)) / 100
    prev = value * factor
    return (
        prev.quantize(Decimal(1)) if entry.kind in {"count", "duration"} else prev.quantize(Decimal("0.01"))
    )


def _consistent(values: dict[str, Decimal]) -> None:
    for part, whole in CONSISTENCY:
        if part in values and whole in values and values[part] > values[whole]:
            values[part] = values[whole]


def _campaign(
    ctx: Any, year: int, values: dict[str, Decimal], actor: Any, pending: tuple[str, ...] = ()
) -> Campaign:
    """Submissions of the owning agencies, approved (those in `pending` left awaiting review)."""
    codes = list(values)
    campaign = Campaign.objects.create(
        jurisdiction=ctx.jurisdiction, year=year, due_date=date(year + 1, 1, 31), codes=codes, opened_by=actor
    )
    owners: dict[int, list[str]] = {}
    for code in codes:
        key = OWNER_BY_CODE.get(code) or OWNER_BY_AREA.get(code.split(".")[0], "sfj")
        owners.setdefault(ctx.agency(key).pk, []).append(code)
    reviewed = timezone.make_aware(datetime.combine(date(year + 1, 2, 10), time(10)))
    waiting = {ctx.agency(code).pk for code in pending}

    def status(agency: Any) -> str:
        if agency.pk not in owners:
            return SubmissionStatus.DRAFT
        return SubmissionStatus.SUBMITTED if agency.pk in waiting else SubmissionStatus.APPROVED

    submissions = Submission.objects.bulk_create(
        Submission(
            campaign=campaign,
            agency=agency,
            jurisdiction=ctx.jurisdiction,
            status=status(agency),
            submitted_at=reviewed if agency.pk in owners else None,
            reviewed_at=reviewed if status(agency) == SubmissionStatus.APPROVED else None,
            reviewed_by=actor if status(agency) == SubmissionStatus.APPROVED else None,
        )
        for agency in ctx.agencies
        if agency.pk in owners  # the bureau asks only the agencies that hold these figures
    )
    by_agency = {s.agency_id: s for s in submissions}
    SubmissionValue.objects.bulk_create(
        SubmissionValue(submission=by_agency[agency_id], code=code, value=values[code], note="")
        for agency_id, agency_codes in owners.items()
        for code in agency_codes
    )
    return campaign


def generate(ctx: Any) -> None:
    supervisor = next(u for u in ctx.users("supervisor") if u.agency_id == ctx.justice_bureau.pk)
    codes = submission_codes()
    current = {c: _value(ctx, c) for c in codes}
    _consistent(current)
    previous = {c: _previous(ctx, c, v) for c, v in current.items()}
    _consistent(previous)
    _campaign(ctx, ctx.year - 1, previous, supervisor)
    # the audit bureau's figures wait for the justice bureau's review (shows the workflow; the report
    # leaves them out until approved); they stay department submissions whatever modules compute
    _campaign(ctx, ctx.year, current, supervisor, pending=("sjj",))
    audit.record(
        actor=None,
        action="reporting.demo_seed",
        object_type="reporting.campaign",
        object_repr=f"演示填报 {ctx.year - 1}–{ctx.year}",
        after={"codes": len(codes)},
    )
    ctx.write(
        f"  填报：{ctx.year - 1}、{ctx.year} 年度各 {len(codes)} 项指标（{ctx.year} 年度市场监管局 1 份待审核）"
    )
    report = services_report.create_report(actor=supervisor, jurisdiction=ctx.jurisdiction, year=ctx.year)
    publish_on = min(ctx.today, date(ctx.year + 1, 3, 28))
    if publish_on > date(ctx.year, 12, 31):
        report = services_report.publish_report(actor=supervisor, report=report, on=publish_on)
    else:
        report = services_report.build_report(actor=supervisor, report=report)
    missing = report.figures.filter(source="missing").count()
    ctx.write(
        f"  年度报告：{report.title}，引用数字 {report.figures.count()} 个（暂无数据 {missing} 个），"
        f"{'已于 ' + str(report.published_on) + ' 公开' if report.published_on else '起草中'}"
    )
