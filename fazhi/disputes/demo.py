"""Demo data of the disputes app (`fazhi demo --seed N`): a county year of ~120 reconsideration
applications, ~35 suits and ~4,000 mediations, and the reconsideration applications of the current
year to the demo date (the latest still open), nothing dated after the demo date.

Reconsideration cases go through the real services and the procedure engine, so every step,
deadline, pause and extension is what the law gives on real dates. Litigation cases and opinions go
through their services too (their due dates are the engine's standalone clocks). Mediation rows,
which carry no statutory period, are bulk-created for speed.
"""

from __future__ import annotations

import contextlib
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fazhi.core import procedures, workdays
from fazhi.core.ids import ID_CHECK, ID_WEIGHTS
from fazhi.org.choices import AgencyKind, Role

from . import services
from .choices import (
    AbsenceReason,
    DisputeKind,
    Instance,
    Judgment,
    Linkage,
    MediationKind,
    MediationOutcome,
    Outcome,
)
from .models import LitigationCase, Mediation, Reconsideration

SIZES = {"reconsideration": 120, "carried_over": 6, "litigation": 35, "enforcement": 20, "mediation": 4000}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余叶程魏苏吕丁沈任姚卢钟姜崔谭陆汪"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力飞斌宇浩凯俊鹏波婷雪琳晨欣怡晓东海林峰亮"
)
ACTS = (
    ("行政处罚决定（罚款{amount}元）", "act"),
    ("责令限期拆除决定", "act"),
    ("政府信息公开申请答复", "act"),
    ("工伤认定决定", "act"),
    ("不予登记决定", "act"),
    ("未履行查处举报的法定职责", "nonperformance"),
    ("未依法答复政府信息公开申请", "nonperformance"),
)
COMMITTEES = (
    "递铺街道人民调解委员会",
    "昌硕街道人民调解委员会",
    "孝丰镇人民调解委员会",
    "天荒坪镇人民调解委员会",
    "梅溪镇人民调解委员会",
    "天子湖镇人民调解委员会",
    "县医疗纠纷人民调解委员会",
    "县交通事故纠纷人民调解委员会",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng: random.Random) -> str:
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    body = f"330523{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _workday(rng: random.Random, year: int, last_day_of_year: int = 360) -> date:
    d = date(year, 1, 1) + timedelta(days=rng.randrange(3, last_day_of_year))
    while not workdays.is_workday(d):
        d += timedelta(days=1)
    return d


def _workdays_later(d: date, n: int) -> date:
    """`n` working days after `d`: how long the demo's staff take over a step — not a statutory
    period (those are declared in procedures.py and counted by the engine)."""
    return workdays.add(d, workdays.Period(n, "wd"))


def generate(ctx: Any) -> None:
    """Reconsideration, litigation and mediation records for `ctx.year` (deterministic per seed)."""
    _reconsideration(ctx)
    _litigation(ctx)
    _mediation(ctx)


# --- reconsideration -----------------------------------------------------------------------------
def _reconsideration(ctx: Any) -> None:
    rng, year = ctx.rng, ctx.year
    staff = [u for u in ctx.users(Role.RECONSIDERATION_STAFF) if not u.is_head]
    head = next(u for u in ctx.users(Role.RECONSIDERATION_STAFF) if u.is_head)
    clerk = staff[0]
    respondents = [
        a for a in ctx.agencies if a.kind != AgencyKind.GOVERNMENT and a.pk != ctx.justice_bureau.pk
    ]
    n_total = SIZES["reconsideration"] + SIZES["carried_over"]
    # received dates: the carried-over ones in November–December of the year before
    received = sorted(
        [
            _workday(rng, year - 1, 360) if i < SIZES["carried_over"] else _workday(rng, year)
            for i in range(n_total)
        ]
    )
    received[: SIZES["carried_over"]] = sorted(
        date(year - 1, 11, 3) + timedelta(days=rng.randrange(0, 50)) for _ in range(SIZES["carried_over"])
    )
    for i, on in enumerate(received, start=1):
        while not workdays.is_workday(on):
            on += timedelta(days=1)
        _one_case(ctx, rng, on, respondents, staff, head, clerk)
        ctx.progress("行政复议案件", i, n_total)
    # 行政复议委员会 (第五十二条): 12 members appointed at the start of the year, one left in September
    for k, (kind, affiliation) in enumerate(
        [
            ("department", "安吉县司法局"),
            ("department", "安吉县自然资源和规划局"),
            ("department", "安吉县市场监督管理局"),
        ]
        + [("expert", "浙江天册律师事务所")] * 4
        + [("scholar", "浙江大学光华法学院")] * 5
    ):
        member = services.appoint_advisory_member(
            actor=head,
            jurisdiction=ctx.jurisdiction,
            name=_name(rng),
            kind=kind,
            affiliation=affiliation,
            on=date(year, 1, 6),
        )
        if k == 11:
            services.end_advisory_membership(actor=head, member=member, on=date(year, 9, 30))
    _current_year(ctx, respondents, staff, head, clerk)
    # opinions (第七十六条)
    decided = list(
        Reconsideration.objects.filter(
            state="decided", closed_on__year=year, outcome__in=("revoke", "declare_unlawful")
        )
    )
    for case in decided[:5]:
        on = _workdays_later(case.closed_on or case.received_on, rng.randint(3, 10))
        if on > ctx.today:
            continue
        opinion = services.issue_opinion(
            actor=clerk,
            agency=case.respondent,
            on=on,
            content=f"关于{case.challenged_act}的行政复议意见：规范执法程序，完善证据收集。",
            case=case,
        )
        # 第七十六条: the report period runs from the recipient's receipt (the return receipt)
        served = on + timedelta(days=rng.randint(0, 3))
        if served > ctx.today:
            continue
        services.receive_opinion(actor=clerk, opinion=opinion, on=served)
        reporter = next(
            (
                u
                for role in (Role.AGENCY_ADMIN, Role.OFFICER)
                for u in ctx.users(role)
                if u.agency_id == opinion.agency_id
            ),
            None,
        )
        reported = served + timedelta(days=rng.randint(20, 55))
        if reporter is not None and rng.random() < 0.6 and reported <= ctx.today:
            services.report_opinion(
                actor=reporter,
                opinion=opinion,
                on=reported,
                report="已组织整改并完善内部审核流程。",
            )


def _current_year(ctx: Any, respondents: list, staff: list, head: Any, clerk: Any) -> None:
    """The current year to the demo date (`ctx.today`) at the demo year's rate: the applications of
    the last weeks are still open (on the reconsideration staff's 我的待办), the earlier ones closed.
    Its own RNG, so the demo year does not depend on the demo date."""
    today = ctx.today
    if today.year <= ctx.year:
        return
    rng = random.Random(f"{ctx.seed}:disputes:{today.isoformat()}")
    start = date(today.year, 1, 1)
    span = (today - start).days
    n = round(SIZES["reconsideration"] * min(span, 365) / 365)
    received = sorted(start + timedelta(days=rng.randrange(3, max(span, 4))) for _ in range(n))
    for i, on in enumerate(received, start=1):
        while not workdays.is_workday(on):
            on += timedelta(days=1)
        if on < today:
            _one_case(ctx, rng, on, respondents, staff, head, clerk)
        ctx.progress(f"行政复议案件（{today.year}年）", i, n)


class _Later(Exception):
    """The next step of a demo case falls after the demo date (or its limit awaits calendar data):
    the case stays where it is."""


def _due(deadline: Any, ctx: Any = None) -> date:
    """The due date of a demo deadline. The demo year's calendar is known, so a deadline of the demo
    year awaiting calendar data (`due_date` None, ADR 0003) means the demo was seeded into the wrong
    year; in the current year it leaves the case open (`_Later`)."""
    if deadline.due_date is None and ctx is not None and deadline.start_date.year > ctx.year:
        raise _Later
    if deadline.due_date is None:
        raise RuntimeError(
            f"演示数据：期限“{deadline.label}”的届满日待录入日历（{deadline.explanation}）；"
            "请选择节假日安排已录入的年度生成演示数据。"
        )
    return deadline.due_date


def _one_case(
    ctx: Any, rng: random.Random, received_on: date, respondents: list, staff: list, head: Any, clerk: Any
) -> None:
    """One application from its receipt, as far as the demo date allows."""
    with contextlib.suppress(_Later):
        _run_case(ctx, rng, received_on, respondents, staff, head, clerk)


def _by(ctx: Any, on: date) -> date:
    """`on`, if it is not after the demo date; else the case waits (`_Later`)."""
    if on > ctx.today:
        raise _Later
    return on


def _run_case(
    ctx: Any, rng: random.Random, received_on: date, respondents: list, staff: list, head: Any, clerk: Any
) -> None:
    act, act_kind = rng.choice(ACTS)
    amount = Decimal(rng.choice((200, 500, 1000, 2000, 3000, 5000, 10000, 50000))).quantize(Decimal("0.01"))
    late = rng.random() < 0.06
    known_on = received_on - timedelta(days=rng.randint(70, 100) if late else rng.randint(2, 50))
    name = _name(rng)
    channel = rng.choices(("online", "counter_written", "post"), (40, 45, 15))[0]
    # by post: the postmark a day or two before receipt (time in the post is not counted)
    posted_on = received_on - timedelta(days=rng.randint(1, 2)) if channel == "post" else None
    case = services.submit_application(
        actor=None if channel == "online" else clerk,
        jurisdiction=ctx.jurisdiction,
        respondent=rng.choice(respondents),
        channel=channel,
        received_on=received_on,
        posted_on=posted_on,
        parties=[
            services.PartyIn(
                name=name, id_number=_id_number(rng), phone=f"13{rng.randrange(100000000, 999999999)}"
            )
        ],
        challenged_act=act.format(amount=amount),
        act_kind=act_kind,
        known_on=known_on,
        claim="撤销该行政行为" if act_kind == "act" else "责令被申请人履行法定职责",
        facts=f"申请人{name}认为被申请人的行为侵犯其合法权益。",
        reasons="认定事实不清，适用法律错误。",
        amount=amount if "罚款" in act else None,
    )
    review_due = _due(procedures.deadlines(case).get(clock="acceptance_review"), ctx)
    roll = rng.random()
    if late and roll < 0.5 or roll < 0.05:
        services.reject_application(
            actor=clerk,
            case=case,
            on=_by(ctx, _workdays_later(received_on, rng.randint(1, 5))),
            reasons="申请超过法定申请期限且无正当理由" if late else "不属于本机关管辖",
            competent_organ="" if late else "湖州市人民政府",
        )
        return
    if roll < 0.09:
        notified = _by(ctx, _workdays_later(received_on, 2))
        services.request_amendment(
            actor=clerk, case=case, on=notified, items=["申请人身份证明", "被申请行为的证明材料"]
        )
        # 第三十一条第二款: the applicant's 10 WD run from its receipt of the notice (the return receipt)
        services.receive_amendment_notice(
            actor=clerk, case=case, on=_by(ctx, notified + timedelta(days=rng.randint(0, 3)))
        )
        amendment_due = _due(procedures.deadlines(case).get(clock="amendment"), ctx)
        supplied = _by(ctx, min(_workdays_later(notified, rng.randint(4, 9)), amendment_due))
        services.supply_amendment(actor=clerk, case=case, on=supplied)
        review_due = _due(
            procedures.deadlines(case).filter(clock="acceptance_review").order_by("-id")[0], ctx
        )
    justification = "申请人因病住院，耽误申请期限" if late else ""
    if roll > 0.97 and not late:
        _by(ctx, review_due)
        procedures.advance(
            case, "deem_accepted", actor=None, on=review_due, note="受理审查期限届满，系统自动办理"
        )
        accepted_on = review_due
    else:
        accepted_on = _workdays_later(
            case.received_on if roll >= 0.09 else review_due - timedelta(days=3), rng.randint(1, 3)
        )
        accepted_on = _by(ctx, min(max(accepted_on, case.received_on), review_due))
        simplified = (
            "small_amount" if case.amount is not None and case.amount <= 3000 and rng.random() < 0.6 else ""
        )
        if not simplified and "公开" in act and rng.random() < 0.5:
            simplified = "disclosure"
        services.accept_application(
            actor=clerk,
            case=case,
            on=accepted_on,
            simplified_ground=simplified,
            late_justification=justification,
        )
    case.refresh_from_db()
    services.assign_handlers(actor=clerk, case=case, handlers=staff[:2])
    copy_on = _by(ctx, _workdays_later(accepted_on, rng.randint(1, 3)))
    services.send_copy(actor=clerk, case=case, on=copy_on)
    # 第四十八条: the reply period runs from the respondent's receipt (the return receipt)
    services.receive_copy(actor=clerk, case=case, on=_by(ctx, copy_on + timedelta(days=rng.randint(0, 2))))
    replied = rng.random() < 0.9
    t = copy_on
    if replied:
        t = _by(ctx, _workdays_later(copy_on, rng.randint(2, 4 if case.is_simplified else 9)))
        services.file_reply(actor=clerk, case=case, on=t, text="被申请人提交书面答复及证据材料。")
    if case.is_major_complex is False and rng.random() < 0.05 and not case.is_simplified:
        services.mark_major_complex(actor=clerk, case=case, major=True)
        notified = t + timedelta(days=1)
        held = _by(ctx, _workdays_later(notified, rng.randint(5, 8)))
        services.record_hearing(
            actor=clerk,
            case=case,
            kind="formal",
            notified_on=notified,
            held_on=held,
            place="县司法局听证室",
            presiding="复议机构负责人",
        )
        services.record_advisory_opinion(
            actor=clerk, case=case, on=_by(ctx, held + timedelta(days=3)), text="咨询委员会建议依法作出决定。"
        )
        t = held + timedelta(days=3)
    else:
        t = _by(ctx, t + timedelta(days=rng.randint(2, 10)))
        services.record_hearing(
            actor=clerk,
            case=case,
            kind="views",
            mode=rng.choice(("phone", "in_person", "online")),
            held_on=t,
            record="听取申请人、被申请人意见。",
        )
    if rng.random() < 0.06:
        services.suspend_case(
            actor=clerk, case=case, on=t, ground=rng.choice(("related_case", "mediation", "force_majeure"))
        )
        t = _by(ctx, t + timedelta(days=rng.randint(10, 40)))
        services.resume_case(actor=clerk, case=case, on=t)
    due = _due(
        procedures.deadlines(case)
        .filter(clock="decision_simplified" if case.is_simplified else "decision")
        .order_by("-id")[0],
        ctx,
    )
    if not case.is_simplified and rng.random() < 0.05:
        services.extend_decision_period(
            actor=head,
            case=case,
            on=_by(ctx, min(due, t + timedelta(days=5))),
            ground="案情复杂，需要进一步调查核实",
        )
        due = _due(procedures.deadlines(case).get(clock="decision"), ctx)
    # The latest cases of the demo year are still open at its end (closed in the next year if the
    # demo date is later), those of the last weeks before the demo date are open; a few decided late.
    close_on = t + timedelta(days=rng.randint(3, 20))
    if close_on > due:
        close_on = due
    if rng.random() < 0.04:
        close_on = due + timedelta(days=rng.randint(1, 10))
    close_on = max(close_on, t)
    if received_on >= date(ctx.year, 12, 5) and ctx.today.year == ctx.year:
        return
    _by(ctx, close_on)
    kind = rng.random()
    if kind < 0.07:
        services.mediate_case(
            actor=clerk, case=case, on=close_on, agreement="经调解，被申请人变更处理方式，申请人同意。"
        )
    elif kind < 0.12:
        services.terminate_case(
            actor=clerk, case=case, on=close_on, ground="settled", note="双方和解，申请人撤回申请"
        )
    elif kind < 0.18:
        services.terminate_case(
            actor=clerk, case=case, on=close_on, ground="withdrawn", note="申请人撤回申请"
        )
    else:
        if not replied:
            outcome = rng.choice(("revoke", "declare_unlawful")) if act_kind == "act" else "order_performance"
        elif act_kind == "act":
            outcome = rng.choices(
                ("uphold", "revoke", "declare_unlawful", "alter", "declare_void", "dismiss_application"),
                (55, 18, 10, 5, 2, 10),
            )[0]
        else:
            outcome = rng.choices(("order_performance", "declare_unlawful", "dismiss_claim"), (40, 20, 40))[0]
        services.decide_case(
            actor=clerk,
            case=case,
            on=close_on,
            outcome=outcome,
            reasons=f"经审理，{Outcome(outcome).label}。",
            approved_by="经复议机关负责人同意",
        )
        if rng.random() < 0.7:
            services.publish_decision(
                actor=clerk, case=case, on=_by(ctx, close_on + timedelta(days=rng.randint(3, 15)))
            )


# --- litigation ----------------------------------------------------------------------------------
def _litigation(ctx: Any) -> None:
    """Suits, appeals, hearings, judgments and enforcement applications through the services, so each
    suit's defence deadline is an engine clock (《行政诉讼法》第六十七条) with its explanation."""
    rng, year = ctx.rng, ctx.year
    defendants = [a for a in ctx.agencies if a.has_enforcement_authority]
    government = next(a for a in ctx.agencies if a.kind == AgencyKind.GOVERNMENT)
    bureau_user = next(iter(ctx.users(Role.SUPERVISOR)), None)

    def manager(agency: Any) -> Any:
        """Someone who may manage the suits of `agency` (its officer or administrator, else the bureau)."""
        for role in (Role.AGENCY_ADMIN, Role.OFFICER, Role.LEGAL_REVIEWER):
            for u in ctx.users(role):
                if u.agency_id == agency.pk and u.has_perm("disputes.manage_litigation", _probe(agency)):
                    return u
        return bureau_user

    def run(
        case: LitigationCase, actor: Any, judged: date | None, judgment: str, appealed: bool = False
    ) -> None:
        if case.served_on.month != 12 or judged is not None:
            defence_on = _workdays_later(case.served_on, rng.randint(3, 9))
            if defence_on <= ctx.today:
                services.file_defence(actor=actor, case=case, on=defence_on)
        if judgment not in (Judgment.WITHDRAWN, Judgment.DISMISS_SUIT) and case.served_on.month != 12:
            held = case.served_on + timedelta(days=rng.randint(25, 45))
            appeared = rng.random() < 0.85
            if held <= ctx.today and (judged is None or held <= judged):
                services.record_litigation_hearing(
                    actor=actor,
                    case=case,
                    held_on=held,
                    head_appeared=appeared,
                    head_name=_name(rng) if appeared else "",
                    head_post=rng.choice(("局长", "副局长", "分管副县长")) if appeared else "",
                    absence_reason=""
                    if appeared
                    else rng.choice((AbsenceReason.DUTIES, AbsenceReason.ACCIDENT)),
                    absence_detail="" if appeared else "当日参加县政府常务会议",
                    staff_attending="法制科工作人员",
                )
        if judged is not None and judgment:
            services.close_litigation_instance(
                actor=actor, case=case, judgment=judgment, on=judged, appealed=appealed
            )

    firsts: list[tuple[LitigationCase, Any, date | None]] = []
    for i in range(SIZES["litigation"]):
        gov = rng.random() < 0.1
        agency = government if gov else rng.choice(defendants)
        actor = manager(agency)
        served = _workday(rng, year, 330)
        judged: date | None = served + timedelta(days=rng.randint(40, 150))
        judgment = rng.choices(
            (
                Judgment.DISMISS_CLAIM,
                Judgment.WITHDRAWN,
                Judgment.REVOKE,
                Judgment.DECLARE_UNLAWFUL,
                Judgment.PERFORM,
                Judgment.DISMISS_SUIT,
            ),
            (50, 12, 12, 8, 5, 13),
        )[0]
        if judged is None or judged.year != year or judged > ctx.today or rng.random() >= 0.9:
            judged = None
        case = services.register_litigation_case(
            actor=actor,
            agency=agency,
            court="安吉县人民法院" if not gov else "湖州市中级人民法院",
            case_number=f"（{year}）浙0523行初{i + 1}号",
            plaintiff=_name(rng),
            cause=rng.choice(("行政处罚", "行政强制", "政府信息公开", "行政许可", "工伤认定", "房屋征收")),
            served_on=served,
            filed_on=served - timedelta(days=rng.randint(2, 5)),
            government_is_defendant=gov,
        )
        appealed = judged is not None and judged.month <= 9 and rng.random() < 0.25
        run(case, actor, judged, judgment, appealed)
        if appealed:
            firsts.append((case, actor, judged))
    for first, actor, judged in firsts:
        assert judged is not None
        served = judged + timedelta(days=rng.randint(20, 30))
        appeal_judged: date | None = served + timedelta(days=rng.randint(30, 80))
        if appeal_judged is None or appeal_judged.year != year or appeal_judged > ctx.today:
            appeal_judged = None
        appeal = services.register_litigation_case(
            actor=actor,
            agency=first.agency,
            court="湖州市中级人民法院",
            case_number=first.case_number.replace("浙0523行初", "浙05行终"),
            plaintiff=first.plaintiff,
            cause=first.cause,
            served_on=served,
            instance=Instance.SECOND,
            previous=first,
            government_is_defendant=first.government_is_defendant,
        )
        run(appeal, actor, appeal_judged, Judgment.DISMISS_CLAIM if rng.random() < 0.8 else Judgment.REVOKE)
    for i in range(SIZES["enforcement"]):
        agency = rng.choice(defendants)
        served = _workday(rng, year, 330)
        applied = _workdays_later(served, rng.randint(11, 25))
        if applied > ctx.today:
            continue
        services.register_enforcement_application(
            actor=manager(agency),
            agency=agency,
            court="安吉县人民法院",
            decision_number=f"安执罚〔{year}〕{i + 1}号",
            respondent_name=_name(rng),
            demand_served_on=served,
            applied_on=applied,
        )
    ctx.progress("行政应诉案件", SIZES["litigation"], SIZES["litigation"])


def _probe(agency: Any) -> LitigationCase:
    return LitigationCase(agency=agency, jurisdiction=agency.jurisdiction)


# --- mediation -----------------------------------------------------------------------------------
def _mediation(ctx: Any) -> None:
    rng, year = ctx.rng, ctx.year
    bureau = ctx.justice_bureau
    townships = [a for a in ctx.agencies if a.kind == AgencyKind.TOWNSHIP]
    departments = [a for a in ctx.agencies if a.has_enforcement_authority and a.kind == AgencyKind.DEPARTMENT]
    rows: list[Mediation] = []
    n = SIZES["mediation"]
    for i in range(n):
        kind = rng.choices(
            (MediationKind.PEOPLES, MediationKind.ADMINISTRATIVE, MediationKind.PRETRIAL), (85, 10, 5)
        )[0]
        received = date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))
        roll = rng.random()
        outcome = (
            MediationOutcome.AGREED
            if roll < 0.95
            else MediationOutcome.FAILED
            if roll < 0.985
            else MediationOutcome.PENDING
        )
        linkage = (
            Linkage.COURT
            if kind == MediationKind.PRETRIAL
            else rng.choices(("", Linkage.POLICE, Linkage.PROCURATORATE, Linkage.COURT), (82, 10, 3, 5))[0]
        )
        agency = (
            bureau
            if kind == MediationKind.PRETRIAL
            else rng.choice(townships)
            if kind == MediationKind.PEOPLES
            else rng.choice(departments)
        )
        rows.append(
            Mediation(
                jurisdiction=ctx.jurisdiction,
                agency=agency,
                kind=kind,
                dispute_kind=DisputeKind.ADMINISTRATIVE
                if kind == MediationKind.PRETRIAL
                else rng.choice([d for d in DisputeKind.values if d != "administrative"]),
                committee="安吉县行政争议调解中心"
                if kind == MediationKind.PRETRIAL
                else rng.choice(COMMITTEES)
                if kind == MediationKind.PEOPLES
                else f"{agency.name}行政调解室",
                mediator=_name(rng),
                parties=f"{_name(rng)}、{_name(rng)}",
                received_on=received,
                closed_on=None
                if outcome == MediationOutcome.PENDING
                else received + timedelta(days=rng.randint(1, 30)),
                outcome=outcome,
                amount=Decimal(rng.choice((0, 0, 500, 2000, 8000, 30000, 120000))).quantize(Decimal("0.01")),
                linkage=linkage,
                court_referral_number=f"（{year}）浙0523诉前调{i + 1}号"
                if kind == MediationKind.PRETRIAL
                else "",
            )
        )
        if len(rows) == 1000:
            Mediation.objects.bulk_create(rows)
            rows = []
            ctx.progress("调解记录", i + 1, n)
    Mediation.objects.bulk_create(rows)
    ctx.progress("调解记录", n, n)
