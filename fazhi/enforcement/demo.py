"""Demo year of enforcement for the demo county (`fazhi demo --seed N`): each staffed enforcement
agency's matter catalogue with discretion benchmarks and legal-review list, a few thousand penalty
cases (ordinary and on-the-spot) with their procedure steps, deadlines and publicity records, permit
decisions, and a handful of irregular cases the supervision dashboard catches. Besides the complete
demo year, the current year to the demo date (`ctx.today`) at the same rate: cases opened long ago are
closed, the open ones recent (a few due soon, a handful overdue; those whose 90 days end in a year
without calendar data await it, ADR 0003), with its own handful of irregular cases.

Rows are bulk-created (bypassing the services, which audit every row); the facts the dashboard reads
(flags, dates, states) are set exactly as the services would set them. Deterministic from ctx.rng.
"""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.core import audit
from fazhi.core.masking import mask_party
from fazhi.core.procedures.models import Deadline, Step
from fazhi.core.procedures.periods import compute_due_or_provisional, pending_explanation
from fazhi.core.workdays import CalendarUnknown, cd, explain, wd
from fazhi.core.workdays.calendar import next_workday
from fazhi.enforcement.choices import (
    DecisionKind,
    ProcedureKind,
    PublicityKind,
    PublicityStatus,
    ReviewStatus,
    Tier,
)
from fazhi.enforcement.models import (
    Benchmark,
    InvestigationStep,
    LegalReviewItem,
    Matter,
    PenaltyCase,
    PermitDecision,
    PublicityRecord,
)
from fazhi.enforcement.procedures import PUBLICITY, PUBLICITY_CLOCKS, PUBLICITY_PERIODS

# agency code → (case weight, penalty matters (name, article), permit matters)
CATALOGUE: dict[str, tuple[int, list[tuple[str, str]], list[tuple[str, str]]]] = {
    "scjg": (
        900,
        [
            ("销售不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条"),
            ("未取得食品经营许可从事食品经营", "《中华人民共和国食品安全法》第一百二十二条"),
            ("发布虚假广告", "《中华人民共和国广告法》第五十五条"),
            ("未按规定公示营业执照", "《市场主体登记管理条例》第四十八条"),
            ("销售不合格产品", "《中华人民共和国产品质量法》第四十九条"),
            ("价格违法行为（不明码标价）", "《中华人民共和国价格法》第四十二条"),
        ],
        [
            ("食品经营许可", "《中华人民共和国食品安全法》第三十五条"),
            ("特种设备使用登记", "《中华人民共和国特种设备安全法》第三十三条"),
        ],
    ),
    "zhzf": (
        800,
        [
            ("占道经营", "《城市市容和环境卫生管理条例》第三十六条"),
            ("违法建设", "《中华人民共和国城乡规划法》第六十四条"),
            ("乱张贴乱涂写", "《城市市容和环境卫生管理条例》第三十四条"),
            ("建筑垃圾随意倾倒", "《城市建筑垃圾管理规定》第二十六条"),
            ("户外广告设置不规范", "《浙江省城市市容和环境卫生管理条例》第四十三条"),
        ],
        [("临时占用城市道路许可", "《城市道路管理条例》第三十一条")],
    ),
    "jtys": (
        450,
        [
            ("车辆超限运输", "《公路安全保护条例》第六十四条"),
            ("未取得道路运输经营许可从事经营", "《中华人民共和国道路运输条例》第六十三条"),
            ("出租汽车不按规定使用计价器", "《巡游出租汽车经营服务管理规定》第四十九条"),
        ],
        [("道路货物运输经营许可", "《中华人民共和国道路运输条例》第二十四条")],
    ),
    "sthj": (
        200,
        [
            ("超标排放污染物", "《中华人民共和国大气污染防治法》第九十九条"),
            ("未批先建", "《中华人民共和国环境影响评价法》第三十一条"),
            ("危险废物贮存不规范", "《中华人民共和国固体废物污染环境防治法》第一百一十二条"),
        ],
        [("排污许可", "《排污许可管理条例》第十一条")],
    ),
    "yjgl": (
        150,
        [
            ("未按规定开展安全生产教育培训", "《中华人民共和国安全生产法》第九十七条"),
            ("未如实记录安全生产隐患排查治理情况", "《中华人民共和国安全生产法》第一百零二条"),
        ],
        [("危险化学品经营许可", "《危险化学品安全管理条例》第三十三条")],
    ),
    "nync": (
        150,
        [
            ("经营假劣农药", "《农药管理条例》第五十五条"),
            ("违法使用禁用渔具", "《中华人民共和国渔业法》第三十八条"),
        ],
        [("农药经营许可", "《农药管理条例》第二十四条")],
    ),
    "wsjk": (
        200,
        [
            ("公共场所未取得卫生许可证经营", "《公共场所卫生管理条例实施细则》第三十五条"),
            ("医疗机构使用非卫生技术人员", "《医疗机构管理条例》第四十七条"),
        ],
        [("公共场所卫生许可", "《公共场所卫生管理条例》第八条")],
    ),
    "zrzy": (
        150,
        [
            ("非法占用土地", "《中华人民共和国土地管理法》第七十七条"),
            ("未经批准擅自采矿", "《中华人民共和国矿产资源法》第三十九条"),
        ],
        [("建设用地规划许可", "《中华人民共和国城乡规划法》第三十七条")],
    ),
}
COMPANY_WORDS = (
    "竹木",
    "白茶",
    "旅游",
    "食品",
    "物流",
    "建材",
    "家具",
    "农业",
    "餐饮",
    "商贸",
    "酒店",
    "科技",
)
SUFFIX = ("有限公司", "股份有限公司", "经营部", "农家乐", "超市")
IRREGULAR = (
    "flag_uncertified",
    "flag_missing_review",
    "flag_out_of_tier_unreasoned",
    "flag_late_decision",
    "flag_late_service",
    "flag_late_publicity",
    "flag_missing_av",
)


def _party(rng: Any) -> tuple[str, bool]:
    from fazhi.org.demo import _person

    if rng.random() < 0.4:
        return _person(rng), True
    return (
        f"安吉{rng.choice(COMPANY_WORDS)}{rng.choice(('恒', '盛', '绿', '山', '竹', '安', '茗'))}{rng.choice(('源', '达', '泰', '丰', '兴'))}{rng.choice(SUFFIX)}",
        False,
    )


def _wd(start: date, n: int) -> date:
    return explain(start, wd(n)).due


def _matters(ctx: Any, agency: Any, spec: tuple) -> tuple[list[Matter], list[Matter]]:
    _, penalties, permits = spec
    rows = [
        Matter(
            agency=agency,
            jurisdiction=ctx.jurisdiction,
            code=f"{agency.pk:02d}CF{i + 1:03d}",
            name=name,
            kind="penalty",
            legal_basis=article.split("》")[0] + "》",
            basis_article=article,
        )
        for i, (name, article) in enumerate(penalties)
    ] + [
        Matter(
            agency=agency,
            jurisdiction=ctx.jurisdiction,
            code=f"{agency.pk:02d}XK{i + 1:03d}",
            name=name,
            kind="permit",
            legal_basis=article.split("》")[0] + "》",
            basis_article=article,
        )
        for i, (name, article) in enumerate(permits)
    ]
    Matter.objects.bulk_create(rows)
    saved = list(Matter.objects.filter(agency=agency).order_by("code"))
    return [m for m in saved if m.kind == "penalty"], [m for m in saved if m.kind == "permit"]


def _benchmarks(ctx: Any, matters: list[Matter]) -> None:
    rows = []
    for m in matters:
        base = Decimal(ctx.rng.choice((1000, 2000, 5000, 10000)))
        rows += [
            Benchmark(
                matter=m,
                tier=Tier.NO_PENALTY,
                circumstance="初次违法且危害后果轻微并及时改正",
                no_penalty_list="first_offence",
            ),
            Benchmark(
                matter=m,
                tier=Tier.MITIGATED,
                circumstance="主动消除或者减轻违法行为危害后果",
                fine_min=Decimal("0.00"),
                fine_max=base,
            ),
            Benchmark(
                matter=m,
                tier=Tier.LENIENT,
                circumstance="配合调查、如实陈述",
                fine_min=base,
                fine_max=base * 3,
            ),
            Benchmark(
                matter=m, tier=Tier.STANDARD, circumstance="一般情节", fine_min=base * 3, fine_max=base * 7
            ),
            Benchmark(
                matter=m,
                tier=Tier.AGGRAVATED,
                circumstance="屡教不改或者造成严重后果",
                fine_min=base * 7,
                fine_max=base * 10,
            ),
        ]
    Benchmark.objects.bulk_create(rows)


def generate(ctx: Any) -> None:
    rng = ctx.rng
    year = ctx.year
    officers_by_agency: dict[int, list[Any]] = {}
    for u in ctx.users("officer"):
        officers_by_agency.setdefault(u.agency_id, []).append(u)
    reviewers = {u.agency_id: u for u in ctx.users("legal_reviewer")}
    from fazhi.org.models import Certificate

    cert_by_user = {
        c.holder_id: c.number for c in Certificate.objects.filter(agency__jurisdiction=ctx.jurisdiction)
    }
    plans = []
    for code, spec in CATALOGUE.items():
        try:
            agency = ctx.agency(code)
        except KeyError:
            continue
        officers = [o for o in officers_by_agency.get(agency.pk, []) if o.pk in cert_by_user]
        if len(officers) < 2:
            continue
        penalty_matters, permit_matters = _matters(ctx, agency, spec)
        _benchmarks(ctx, penalty_matters)
        LegalReviewItem.objects.bulk_create(
            [
                LegalReviewItem(
                    agency=agency,
                    jurisdiction=ctx.jurisdiction,
                    ground="public_interest",
                    circumstance="拟罚款数额较大",
                    min_fine=Decimal("50000.00"),
                ),
                LegalReviewItem(
                    agency=agency,
                    jurisdiction=ctx.jurisdiction,
                    matter=penalty_matters[0],
                    ground="by_law",
                    circumstance="本部门法制审核目录所列事项",
                ),
            ]
        )
        plans.append((agency, spec[0], officers, penalty_matters, permit_matters))
    total = sum(p[1] for p in plans)
    cases: list[PenaltyCase] = []
    benchmarks_by_agency: dict[int, dict] = {}
    for agency, n, officers, matters, _ in plans:
        benchmarks = {(b.matter_id, b.tier): b for b in Benchmark.objects.filter(matter__in=matters)}
        benchmarks_by_agency[agency.pk] = benchmarks
        for i in range(n):
            case = _case(ctx, agency, i + 1, officers, matters, benchmarks, reviewers.get(agency.pk))
            assert case is not None  # only an on-the-spot case after the demo date is left out
            cases.append(case)
            if len(cases) % 200 == 0:
                ctx.progress("行政处罚案件", len(cases), total)
    _irregular(rng, cases)
    cases += _current_year(ctx, plans, cases, benchmarks_by_agency, reviewers)
    PenaltyCase.objects.bulk_create(cases, batch_size=500)
    ctx.progress("行政处罚案件", len(cases), len(cases))
    saved = list(
        PenaltyCase.objects.filter(jurisdiction=ctx.jurisdiction).select_related("matter").order_by("pk")
    )
    _history(ctx, saved, cert_by_user)
    _investigation_steps([c for c in saved if c.procedure_kind == ProcedureKind.ORDINARY], cert_by_user)
    _publicity(ctx, saved)
    permits = _permits(ctx, plans)
    audit.record(
        actor=None,
        action="enforcement.demo_seed",
        obj=ctx.jurisdiction,
        after={"cases": len(saved), "permits": permits, "year": year},
        note="演示数据",
    )
    from .supervision.demo import generate as generate_supervision  # reviews, opinions, referrals

    generate_supervision(ctx)


def _case(
    ctx: Any,
    agency: Any,
    n: int,
    officers: list,
    matters: list,
    benchmarks: dict,
    reviewer: Any,
    *,
    rng: random.Random | None = None,
    opened: date | None = None,
    today: date | None = None,
) -> PenaltyCase | None:
    """One case of the demo year (`today` None), or of the current year opened on `opened`: then
    nothing happens after `today` — an ordinary case whose next steps would come later is still
    under investigation (立案调查), and an on-the-spot case not yet paid and filed is not created."""
    rng = rng or ctx.rng
    a, b = rng.sample(officers, 2)
    matter = rng.choice(matters)
    party, natural = _party(rng)
    if opened is None:
        opened = next_workday(date(ctx.year, 1, 2) + timedelta(days=rng.randrange(0, 350)))
    year = opened.year
    base = {
        "agency": agency,
        "jurisdiction": ctx.jurisdiction,
        "number": f"{agency.short_name or agency.name}立〔{year}〕{n}号",
        "matter": matter,
        "title": f"{party}{matter.name}案",
        "party_name": party,
        "party_is_natural_person": natural,
        "party_address": f"安吉县{rng.choice(('递铺街道', '昌硕街道', '孝丰镇', '梅溪镇', '天荒坪镇'))}{rng.randint(1, 300)}号",
        "source": rng.choice(("日常检查", "投诉举报", "双随机抽查", "上级交办")),
        "facts": f"当事人存在{matter.name}的行为。",
        "opened_on": opened,
        "officer_a": a,
        "officer_b": b,
    }
    c = PenaltyCase(**base)
    try:
        c.decision_due_on = explain(opened, cd(90)).due  # type: ignore[attr-defined]
    except CalendarUnknown:  # the 90 days end in a year without calendar data: awaiting it (ADR 0003)
        c.decision_due_on = None  # type: ignore[attr-defined]
    if rng.random() < 0.3:  # 简易程序 (第五十一条)
        c.procedure_kind = ProcedureKind.ON_THE_SPOT
        limit = 200 if natural else 3000
        fine = Decimal(rng.choice([50, 100, 200, limit]))
        c.proposed_penalty_types = c.penalty_types = ["fine"]
        c.proposed_fine = c.fine_amount = fine
        c.decision_kind = DecisionKind.PENALTY
        c.decided_on = c.notified_on = c.served_on = opened
        c.service_method = "on_the_spot"
        c.filed_on = _wd(opened, 1)
        c.paid_on, c.paid_amount = opened + timedelta(days=rng.randint(0, 10)), fine
        c.closed_on = max(c.paid_on, c.filed_on)
        c.state = "closed"
        c.decision_number = f"{agency.short_name or agency.name}当罚〔{year}〕{n}号"
        _decision_text(c)
        if today is not None and c.closed_on > today:
            return None
        return c
    # 普通程序
    if today is None:
        if opened > date(year, 12, 1) and rng.random() < 0.6:
            c.state = "investigating"  # pending at year end
            return c
    elif c.decision_due_on is None or rng.random() < _open_share((today - opened).days):  # type: ignore[attr-defined]
        c.state = "investigating"
        return c
    try:
        _decide(c, rng, matters, benchmarks, reviewer, n)
    except CalendarUnknown:  # a later step's limit would end in a year without calendar data
        if today is None:
            raise
        c.closed_on = date.max
    if today is not None and c.closed_on is not None and c.closed_on > today:
        still_open = PenaltyCase(**base, state="investigating")
        still_open.decision_due_on = c.decision_due_on  # type: ignore[attr-defined]  # for its Deadline row
        return still_open
    return c


def _open_share(age: int) -> float:
    """How many ordinary cases of this age (days since opened) are still under investigation."""
    if age < 30:
        return 0.8
    if age < 60:
        return 0.5
    if age < 90:
        return 0.25
    return 0.0


def _decide(
    c: PenaltyCase, rng: random.Random, matters: list, benchmarks: dict, reviewer: Any, n: int
) -> None:
    """An ordinary case from notice to closing, within the statutory limits."""
    agency, matter, natural = c.agency, c.matter, c.party_is_natural_person
    assert c.decision_due_on is not None  # type: ignore[attr-defined]
    tier = rng.choices(
        [Tier.NO_PENALTY, Tier.MITIGATED, Tier.LENIENT, Tier.STANDARD, Tier.AGGRAVATED], [8, 10, 30, 45, 7]
    )[0]
    bench = benchmarks[(matter.pk, tier)]
    c.proposed_tier, c.proposed_benchmark = tier, bench
    c.notified_on = _wd(c.opened_on, rng.randint(5, 25))
    if tier == Tier.NO_PENALTY:
        c.decision_kind, c.proposed_penalty_types = DecisionKind.NO_PENALTY_MINOR, []
    else:
        lo, hi = int(bench.fine_min or 0), int(bench.fine_max or 1000)
        fine = Decimal(rng.randrange(lo // 100, hi // 100 + 1) * 100) or Decimal("500")
        c.decision_kind, c.proposed_penalty_types, c.proposed_fine = (
            DecisionKind.PENALTY,
            ["warning", "fine"],
            fine,
        )
    threshold = Decimal(10000 if natural else 100000)
    c.hearing_applicable = (c.proposed_fine or 0) >= threshold
    c.legal_review_required = c.hearing_applicable or (c.proposed_fine or 0) >= 50000 or matter == matters[0]
    c.collective_discussion_required = c.hearing_applicable
    last = c.notified_on
    if c.hearing_applicable:
        c.hearing_request_due_on = _wd(c.notified_on, 5)  # type: ignore[attr-defined]
        c.hearing_waived = True
        last = c.hearing_request_due_on  # type: ignore[attr-defined]
    if c.legal_review_required:
        c.legal_review_status = ReviewStatus.APPROVED
        c.legal_reviewer = reviewer
        c.legal_reviewed_on = last = _wd(last, rng.randint(1, 3))
        c.legal_review_opinion = "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。"
    if c.collective_discussion_required:
        c.collective_discussion_on = last = _wd(last, 1)
        c.collective_discussion_minutes = "经局长办公会议集体讨论，同意处罚。"
    c.decided_on = _wd(last, rng.randint(1, 5))
    if c.decided_on > c.decision_due_on:  # type: ignore[attr-defined]
        c.decided_on = c.decision_due_on  # type: ignore[attr-defined]
    c.penalty_types = list(c.proposed_penalty_types)
    c.fine_amount = c.proposed_fine
    c.decision_number = f"{agency.short_name or agency.name}罚决〔{c.decided_on.year}〕{n}号"
    _decision_text(c)
    c.service_due_on = _wd(c.decided_on, 7)  # type: ignore[attr-defined]
    c.served_on = _wd(c.decided_on, rng.choice((0, 1, 1, 2, 3, 5))) if rng.random() < 0.98 else c.decided_on
    c.service_method = rng.choice(("direct", "direct", "mail", "electronic"))
    if c.fine_amount:
        c.payment_due_on = explain(c.served_on, cd(15)).due  # type: ignore[attr-defined]
        c.paid_on, c.paid_amount = c.served_on + timedelta(days=rng.randint(1, 14)), c.fine_amount
        c.closed_on = c.paid_on + timedelta(days=rng.randint(1, 10))
    else:
        c.closed_on = c.served_on + timedelta(days=rng.randint(1, 5))
    c.state = "closed"


def _current_year(
    ctx: Any, plans: list, cases: list[PenaltyCase], benchmarks: dict[int, dict], reviewers: dict
) -> list[PenaltyCase]:
    """The current year to the demo date (`ctx.today`), at the demo year's rate: cases opened long ago
    are closed, the open ones are recent (a few due soon, a handful overdue). The demo year's cases
    still under investigation at its end are decided in the new year (but the first two, which the
    supervision demo refers to the police). Its own RNG, so the demo year does not depend on the date."""
    today = ctx.today
    if today.year <= ctx.year:
        return []
    rng = random.Random(f"{ctx.seed}:enforcement:{today.isoformat()}")
    # the demo year's pending cases, finished in the new year
    pending = [c for c in cases if c.state == "investigating"]
    for c in pending[2:]:
        done = copy.copy(c)
        n = int(c.number.rsplit("〕", 1)[1].removesuffix("号"))
        matters = next(p[3] for p in plans if p[0].pk == c.agency_id)
        try:
            _decide(done, rng, matters, benchmarks[c.agency_id], reviewers.get(c.agency_id), n)
        except CalendarUnknown:
            continue
        if done.closed_on is not None and done.closed_on <= today:
            cases[cases.index(c)] = done
    # the current year to date
    start = date(today.year, 1, 1)
    span = (today - start).days  # opened 1 January … the day before the demo date
    out: list[PenaltyCase] = []
    for agency, weight, officers, matters, _ in plans:
        k = 0
        for _i in range(round(weight * min(span, 365) / 365)):
            opened = next_workday(start + timedelta(days=rng.randrange(1, max(span, 2))))
            if opened >= today:
                continue
            new = _case(
                ctx,
                agency,
                k + 1,
                officers,
                matters,
                benchmarks[agency.pk],
                reviewers.get(agency.pk),
                rng=rng,
                opened=opened,
                today=today,
            )
            if new is not None:
                out.append(new)
                k += 1
        # a handful overdue: opened 95–140 days ago, still under investigation
        for _j in range(1 if weight < 300 else 2):
            opened = next_workday(today - timedelta(days=rng.randint(95, 140)))
            if opened.year != today.year:
                continue
            new = _case(
                ctx,
                agency,
                k + 1,
                officers,
                matters,
                benchmarks[agency.pk],
                reviewers.get(agency.pk),
                rng=rng,
                opened=opened,
                today=opened,  # nothing done since it was opened
            )
            if new is not None and new.procedure_kind == ProcedureKind.ORDINARY:
                out.append(new)
                k += 1
    # the handful of irregular cases the dashboard catches, among cases opened half a year ago (so the
    # later dates a flag brings still lie before the demo date)
    old = [c for c in out if c.closed_on and c.opened_on <= today - timedelta(days=170)]
    _irregular(rng, old, 21)
    return out


def _investigation_steps(cases: list[PenaltyCase], cert_by_user: dict) -> None:
    """One record per ordinary case by its two officers (第四十二、五十五条), as the dashboard flags say:
    a flagged "uncertified" case has a second officer without a certificate number, a flagged
    "missing audio-video" case a seizure without recording (118号 三(二))."""
    InvestigationStep.objects.bulk_create(
        [
            InvestigationStep(
                case=c,
                kind="seal_seize" if c.flag_missing_av else "inquiry",
                on=c.opened_on,
                place="执法办案区" if not c.flag_missing_av else "当事人经营场所",
                officer_a=c.officer_a,
                officer_b=c.officer_b,
                certificate_a=cert_by_user.get(c.officer_a_id, ""),
                certificate_b="" if c.flag_uncertified else cert_by_user.get(c.officer_b_id, ""),
                summary="查封涉案物品。" if c.flag_missing_av else "询问当事人，制作询问笔录。",
                has_audio_video=False,
                recorded_by=c.officer_a,
            )
            for c in cases
        ],
        batch_size=1000,
    )


def _decision_text(c: PenaltyCase) -> None:
    c.decision_basis = c.matter.basis_article
    c.evidence_summary = "现场检查笔录、询问笔录、照片、视听资料"
    c.performance = "自收到本决定书之日起十五日内缴纳罚款" if c.fine_amount else ""
    c.remedies = "如不服本决定，可在收到本决定书之日起六十日内向安吉县人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。"


def _irregular(rng: Any, cases: list[PenaltyCase], n: int = 35) -> None:
    """A handful of irregular cases per kind, stored as the services would have flagged them."""
    decided = [c for c in cases if c.procedure_kind == ProcedureKind.ORDINARY and c.decided_on]
    picks = rng.sample(decided, min(len(decided), n))
    for i, c in enumerate(picks):
        flag = IRREGULAR[i % len(IRREGULAR)]
        setattr(c, flag, True)
        if flag == "flag_missing_review":
            c.legal_review_required, c.legal_review_status = True, ReviewStatus.MISSING
            c.legal_reviewer, c.legal_reviewed_on, c.legal_review_opinion = None, None, ""
        elif flag == "flag_out_of_tier_unreasoned":
            c.out_of_tier, c.out_of_tier_reason = True, ""
        elif flag == "flag_late_service":
            c.served_on = c.service_due_on + timedelta(days=rng.randint(3, 12))
            c.payment_due_on = explain(c.served_on, cd(15)).due if c.fine_amount else None
            c.paid_on = c.served_on + timedelta(days=5) if c.fine_amount else None
            c.closed_on = (c.paid_on or c.served_on) + timedelta(days=3)
        elif flag == "flag_late_decision":
            old_year = c.decided_on.year if c.decided_on else c.opened_on.year
            c.decided_on = c.decision_due_on + timedelta(days=rng.randint(5, 30))
            c.decision_number = c.decision_number.replace(f"〔{old_year}〕", f"〔{c.decided_on.year}〕")
            c.service_due_on = _wd(c.decided_on, 7)
            c.served_on = _wd(c.decided_on, 1)
            c.paid_on = c.served_on + timedelta(days=5) if c.fine_amount else None
            c.closed_on = (c.paid_on or c.served_on) + timedelta(days=3)
        c.refresh_irregular()


def _history(ctx: Any, cases: list[PenaltyCase], cert_by_user: dict) -> None:
    """Procedure steps and the decision/service deadlines, so case pages show their history."""
    ct = ContentType.objects.get_for_model(PenaltyCase)
    steps, deadlines = [], []
    for c in cases:

        def step(
            name: str, label: str, frm: str, to: str, on: Any, actor: Any = None, case: PenaltyCase = c
        ) -> None:
            steps.append(
                Step(
                    content_type=ct,
                    object_id=case.pk,
                    procedure_code="enforcement.penalty",
                    transition=name,
                    label=label,
                    from_state=frm,
                    to_state=to,
                    actor=actor or case.officer_a,
                    on=on,
                    data={},
                )
            )

        step("start", "启动", "", "investigating", c.opened_on)
        period = cd(90, "行政处罚法第六十条")
        try:
            comp = explain(c.opened_on, period)
            due, explanation, pending = comp.due, comp.describe(), False
            decision_state = "open" if not c.decided_on else ("met" if c.decided_on <= due else "missed")
        except CalendarUnknown as exc:  # stored as the engine stores it (ADR 0003)
            due, explanation, pending = None, pending_explanation(c.opened_on, period, exc.year), True
            decision_state = (
                "open"
                if not c.decided_on
                else ("met" if c.decided_on < date(exc.year, 1, 1) else "undecided")
            )
        deadlines.append(
            Deadline(
                content_type=ct,
                object_id=c.pk,
                procedure_code="enforcement.penalty",
                clock="decision",
                label="作出处罚决定",
                period_n=90,
                period_unit="cd",
                basis="行政处罚法第六十条",
                start_date=c.opened_on,
                due_date=due,
                calendar_pending=pending,
                explanation=explanation,
                state=decision_state,
                closed_on=c.decided_on,
            )
        )
        if c.procedure_kind == ProcedureKind.ON_THE_SPOT:
            step("decide_on_the_spot", "当场作出处罚决定", "investigating", "decided", c.decided_on)
            step("serve_fine", "送达（待缴罚款）", "decided", "served", c.served_on)
            step("record_payment", "缴纳罚款/执行完毕", "served", "executed", c.paid_on)
            step("close", "结案", "executed", "closed", c.closed_on)
            continue
        if not c.decided_on:
            continue
        step(
            "notify_hearing" if c.hearing_applicable else "notify",
            "告知拟处罚",
            "investigating",
            "notified_hearing" if c.hearing_applicable else "notified",
            c.notified_on,
        )
        if c.legal_reviewed_on:
            step(
                "approve_review",
                "法制审核通过",
                "legal_review",
                "reviewed",
                c.legal_reviewed_on,
                c.legal_reviewer,
            )
        if c.collective_discussion_on:
            step("discuss", "负责人集体讨论", "reviewed", "discussed", c.collective_discussion_on)
        step("decide", "作出处罚决定", "notified", "decided", c.decided_on)
        sc = explain(c.decided_on, wd(7, "行政处罚法第六十一条、第八十五条"))
        deadlines.append(
            Deadline(
                content_type=ct,
                object_id=c.pk,
                procedure_code="enforcement.penalty",
                clock="service",
                label="送达处罚决定书",
                period_n=7,
                period_unit="wd",
                basis="行政处罚法第六十一条、第八十五条",
                start_date=c.decided_on,
                due_date=sc.due,
                explanation=sc.describe(),
                state="met" if c.served_on and c.served_on <= sc.due else "missed",
                closed_on=c.served_on,
            )
        )
        step("serve_fine" if c.fine_amount else "serve", "送达", "decided", "served", c.served_on)
        if c.paid_on:
            step("record_payment", "缴纳罚款/执行完毕", "served", "executed", c.paid_on)
        step("close", "结案", "executed" if c.paid_on else "served", "closed", c.closed_on)
    Step.objects.bulk_create(steps, batch_size=1000)
    Deadline.objects.bulk_create(deadlines, batch_size=1000)
    ctx.progress("办理环节与期限", len(steps), len(steps))


def _publicity(ctx: Any, cases: list[PenaltyCase]) -> None:
    rng = ctx.rng
    rows = []
    for c in cases:
        if not c.decided_on:
            continue
        kind = PublicityKind.PENALTY if c.decision_kind == DecisionKind.PENALTY else PublicityKind.OTHER
        published = _wd(c.decided_on, rng.randint(1, 6))
        if c.decided_on <= ctx.today < published:  # the current year: published by the demo date
            published = ctx.today
        if c.flag_late_publicity:
            try:
                due = explain(c.decided_on, PUBLICITY_PERIODS[kind]).due
                published = due + timedelta(days=rng.randint(2, 20))
            except CalendarUnknown:
                pass
        fine = f"罚款 {c.fine_amount} 元" if c.fine_amount else ""
        rows.append(
            PublicityRecord(
                agency_id=c.agency_id,
                jurisdiction_id=c.jurisdiction_id,
                kind=kind,
                case=c,
                document_number=c.decision_number,
                subject=mask_party(c.party_name, is_natural_person=c.party_is_natural_person),
                matter_name=c.matter.name,
                basis=c.decision_basis,
                result=("警告；" + fine) if fine else "不予行政处罚",
                decided_on=c.decided_on,
                published_on=published,
                status=PublicityStatus.PUBLISHED,
            )
        )
    PublicityRecord.objects.bulk_create(rows, batch_size=1000)
    _publication_clocks(rows)
    ctx.progress("行政执法公示", len(rows), len(rows))


def _publication_clocks(rows: list[PublicityRecord]) -> None:
    """The publication deadline of each record (118号 二(三)) as the engine's clock `publish` stores it:
    due date (provisional, 待日历确认, where the year is not entered) and explanation computed by the
    engine's own `compute_due_or_provisional`, closed met/missed on publication. Bulk-written — one
    start_clock/stop_clock per record made the county-sized demo four minutes slower (issue 13 §6 asks
    for an engine bulk path)."""
    ct = ContentType.objects.get_for_model(PublicityRecord)
    deadlines = []
    for r in rows:
        period = PUBLICITY_PERIODS[r.kind]
        due = compute_due_or_provisional(r.decided_on, period)
        if r.published_on is None:
            state = "open"
        elif due.pending:
            state = "met" if r.published_on < date(due.pending_year or due.due.year, 1, 1) else "undecided"
        else:
            state = "met" if r.published_on <= due.due else "missed"
        deadlines.append(
            Deadline(
                content_type=ct,
                object_id=r.pk,
                procedure_code=PUBLICITY,
                clock="publish",
                label=PUBLICITY_CLOCKS.clock("publish").label,
                period_n=period.n,
                period_unit=period.unit,
                basis=period.basis,
                start_date=r.decided_on,
                due_date=due.due,
                calendar_pending=due.pending,
                explanation=due.explanation,
                state=state,
                closed_on=r.published_on,
            )
        )
    Deadline.objects.bulk_create(deadlines, batch_size=1000)


def _permits(ctx: Any, plans: list) -> int:
    rng = ctx.rng
    permits: list[PermitDecision] = []
    for agency, weight, officers, _, permit_matters in plans:
        for i in range(weight // 2):
            matter = rng.choice(permit_matters)
            name, natural = _party(rng)
            decided = next_workday(date(ctx.year, 1, 2) + timedelta(days=rng.randrange(0, 355)))
            permits.append(
                PermitDecision(
                    agency=agency,
                    jurisdiction=ctx.jurisdiction,
                    matter=matter,
                    number=f"XK{agency.pk:02d}{ctx.year}{i + 1:05d}",
                    applicant_name=name,
                    applicant_is_natural_person=natural,
                    content=f"准予{matter.name}",
                    decided_on=decided,
                    recorded_by=officers[0],
                )
            )
    PermitDecision.objects.bulk_create(permits, batch_size=1000)
    rows = []
    for p in PermitDecision.objects.filter(jurisdiction=ctx.jurisdiction).select_related("matter"):
        published = _wd(p.decided_on, rng.choice((1, 2, 3, 5, 6, 9)))
        rows.append(
            PublicityRecord(
                agency_id=p.agency_id,
                jurisdiction_id=p.jurisdiction_id,
                kind=PublicityKind.PERMIT,
                permit=p,
                document_number=p.number,
                subject=mask_party(p.applicant_name, is_natural_person=p.applicant_is_natural_person),
                matter_name=p.matter.name,
                basis=p.matter.basis_article,
                result=p.content,
                decided_on=p.decided_on,
                published_on=published,
                status=PublicityStatus.PUBLISHED,
            )
        )
    PublicityRecord.objects.bulk_create(rows, batch_size=1000)
    _publication_clocks(rows)
    ctx.progress("行政许可决定", len(rows), len(rows))
    return len(rows)
