"""Demo supervision year (called at the end of `enforcement.demo.generate`): two case-file reviews
with scores and a feedback notice, a supervision opinion (one replied), two criminal referrals opened
from their cases, annual statistics published. Everything goes through the services, so the audit
log and the stored deadlines are those of real use. Expiring certificates come from the org demo."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from django.db.models import Count

from fazhi.core.workdays import add, wd
from fazhi.enforcement.models import PenaltyCase, ReviewedCaseFile
from fazhi.enforcement.models.supervision import CHECKLIST
from fazhi.enforcement.services import cases as case_svc
from fazhi.enforcement.services import supervision as svc
from fazhi.org.models import Agency


def _scores(rng: random.Random) -> dict[str, int]:
    """Mostly full marks, a few deductions — what a county's review typically finds."""
    return {
        code: points - (rng.choice((0, 0, 0, 1, 2, 5)) if rng.random() < 0.4 else 0)
        for code, _g, _l, points in CHECKLIST
    }


def generate(ctx: Any) -> None:
    rng = random.Random(f"{ctx.seed}:enforcement_supervision")
    year = ctx.year
    supervisors = ctx.users("supervisor")
    if not supervisors or ctx.jurisdiction is None:
        return
    bureau = supervisors[0]
    cases = PenaltyCase.objects.filter(jurisdiction=ctx.jurisdiction)
    # 案卷评查: mid-year and year-end rounds, every drawn file scored a fortnight later
    reviews = []
    for title, drawn_on, per_agency in (
        (f"{year}年上半年行政执法案卷评查", date(year, 7, 1), 2),
        (f"{year}年度行政执法案卷集中评查", date(year, 12, 1), 3),
    ):
        review = svc.draw_case_files(
            actor=bureau,
            jurisdiction=ctx.jurisdiction,
            title=title,
            year=year,
            per_agency=per_agency,
            on=drawn_on,
            seed=rng.randrange(2**31),
        )
        for f in review.files.order_by("pk"):
            svc.score_case_file(
                actor=bureau,
                file=f,
                scores=_scores(rng),
                on=date(drawn_on.year, drawn_on.month, 15),
                comments="卷宗装订规范，个别文书要素不全。" if rng.random() < 0.3 else "",
            )
        reviews.append(review)
    # 评查结果反馈通知书 to the agency with the most issues in the first round
    worst = (
        ReviewedCaseFile.objects.filter(review=reviews[0])
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n", "agency_id")
        .first()
    )
    opinions = 0
    if worst:
        agency = Agency.objects.get(pk=worst["agency_id"])
        notice = svc.issue_opinion(
            actor=bureau,
            agency=agency,
            kind="feedback",
            number=f"司评反〔{year}〕1号",
            findings="1. 部分案件送达回证未载明送达方式；\n2. 个别案件调查笔录未记录执法证件号码。",
            requirements="对照评查标准逐卷整改，完善文书模板，于期限内书面报告整改情况。",
            on=date(year, 7, 20),
            review=reviews[0],
        )
        admins = [u for u in ctx.users("agency_admin") if u.agency_id == agency.pk]
        if admins:
            svc.reply_to_opinion(
                actor=admins[0],
                opinion=notice,
                on=date(year, 8, 12),
                reply="已逐卷整改，并修订本局执法文书模板。",
            )
        opinions += 1
    # 监督意见书 to the agency with the most irregular cases, naming them
    irregular = cases.filter(is_irregular=True, opened_on__year=year)
    top = irregular.values("agency_id").annotate(n=Count("id")).order_by("-n", "agency_id").first()
    if top:
        named = list(irregular.filter(agency_id=top["agency_id"]).order_by("opened_on")[:5])
        svc.issue_opinion(
            actor=bureau,
            agency=named[0].agency,
            kind="opinion",
            number=f"司执监〔{year}〕1号",
            findings="经执法监督平台监测，你单位存在应当法制审核未审核、超期送达、超期公示等情形的案件。",
            requirements="逐案说明情况并纠正；落实重大执法决定法制审核制度和执法公示制度。",
            on=date(year, 11, 3),
            cases=named,
        )
        opinions += 1
    # 两法衔接: two referrals, opened from cases still under investigation
    referred = 0
    for n, case in enumerate(
        cases.filter(state="investigating", opened_on__year=year).order_by("pk")[:2], start=1
    ):
        on = max(case.opened_on, date(year, 11, 10))
        referral = svc.refer_case(
            actor=case.officer_a,
            case=case,
            on=on,
            number=f"{case.agency.short_name or case.agency.name}移〔{year}〕{n}号",
            receiving_organ=f"{ctx.jurisdiction.name}公安局",
            suspected_crime="生产、销售伪劣产品罪" if n == 1 else "非法经营罪",
            materials="涉嫌犯罪案件移送书、调查报告、涉案物品清单、检验报告、现场检查笔录",
        )
        svc.record_referral_receipt(actor=case.officer_a, referral=referral, on=on)
        # the investigation waits for the police (its 90-day clock pauses), so the case does not show
        # as overdue on the officers' 我的待办 a year later
        case_svc.suspend_case(actor=case.officer_a, case=case, on=on, ground="涉嫌犯罪，已移送公安机关")
        if n == 1:
            svc.record_referral_outcome(
                actor=case.officer_a,
                referral=referral,
                outcome="filed",
                on=add(on, wd(3)),
                note="已立案侦查",
            )
        referred += 1
    # 年度统计: each agency admin publishes the year's figures in January (one a few days late)
    published = 0
    with_cases = set(cases.filter(opened_on__year=year).values_list("agency_id", flat=True))
    for admin in sorted(ctx.users("agency_admin"), key=lambda u: u.pk):
        on = date(year + 1, 1, rng.randint(10, 29)) if rng.random() < 0.85 else date(year + 1, 2, 6)
        if admin.agency_id in with_cases and on <= ctx.today:
            svc.publish_annual_statistics(actor=admin, agency=admin.agency, year=year, on=on)
            with_cases.discard(admin.agency_id)
            published += 1
    trained = _current_year_training(ctx, rng)
    ctx.write(
        f"  执法监督：案卷评查 {len(reviews)} 次，监督文书 {opinions} 份，"
        f"移送涉嫌犯罪案件 {referred} 件，公开年度统计 {published} 家，{ctx.today.year} 年培训学时 {trained} 条"
    )


def _current_year_training(ctx: Any, rng: random.Random) -> int:
    """Training hours of the current year to the demo date (the org demo gives the demo year's), so
    学时与年审 of the current year is not all shortfalls: most officers well on the way, a few behind.
    Bulk-created like the org demo's records."""
    from fazhi.org.demo import COURSES
    from fazhi.org.models import TrainingRecord

    today = ctx.today
    if today.year <= ctx.year or today.month < 2:
        return 0
    rows = []
    for u in sorted(ctx.users("officer"), key=lambda u: u.pk):
        share = rng.random()
        k = 1 if share < 0.15 else rng.randint(2, 4)  # a few officers behind
        for course, hours in rng.sample(COURSES, k):
            completed = date(today.year, rng.randint(1, today.month - 1), rng.randint(1, 28))
            rows.append(
                TrainingRecord(officer=u, year=today.year, course=course, hours=hours, completed_on=completed)
            )
    TrainingRecord.objects.bulk_create(rows)
    return len(rows)
