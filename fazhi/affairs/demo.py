"""Demo data of the affairs app (`fazhi demo --seed N`): a county year at the scale of the fixture
reports — ~400 disclosure requests, ~60 NPC suggestions and ~30 CPPCC proposals, ~150 petitions,
~700 legal-aid cases with consultations, legal-education events and leaders' study sessions — and a
few matters of the last weeks before the demo date still open, so the overview has something to show.

Everything goes through the services and the procedure engine (steps, deadlines, pauses and
extensions are what the law gives on real dates); nothing is dated after the demo date.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fazhi.core import workdays
from fazhi.org.choices import Role

from . import services
from .choices import (
    ApplicantKind,
    Audience,
    ConsultationChannel,
    DisclosureChannel,
    EducationKind,
    LegalAidKind,
    PetitionChannel,
    PetitionOutcome,
    ReplyType,
    Satisfaction,
    StudyKind,
    SuggestionCategory,
    SuggestionKind,
)

SIZES = {
    "disclosure": 400,
    "npc": 60,
    "cppcc": 30,
    "petitions": 150,
    "legal_aid": 700,
    "consultations": 260,
    "events": 180,
    "study": 40,
    "current": 12,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉"
TOPICS = (
    "农贸市场食品安全抽检结果",
    "某地块征收补偿方案",
    "行政处罚决定书",
    "道路改造工程招投标文件",
    "环境影响评价批复",
    "城乡低保资金发放情况",
    "养老机构监督检查记录",
    "建设工程规划许可证",
    "河道整治项目资金使用情况",
    "学校招生划片方案",
)
SUGGESTIONS = (
    "关于加强农村生活污水治理的建议",
    "关于完善城区停车设施的建议",
    "关于推进竹产业转型升级的建议",
    "关于加强中小学校园周边交通安全的建议",
    "关于提升乡村旅游服务质量的建议",
    "关于加强养老服务体系建设的建议",
    "关于优化营商环境的建议",
    "关于加强基层法律服务的建议",
)
PETITIONS = (
    "反映拖欠农民工工资问题",
    "反映邻里宅基地纠纷处理不公",
    "反映某企业噪声扰民",
    "反映征地补偿款未到位",
    "反映执法人员执法态度问题",
    "反映小区物业管理问题",
    "反映医疗费用报销问题",
)
AID_MATTERS = ("劳动报酬", "工伤赔偿", "交通事故赔偿", "婚姻家庭", "盗窃", "故意伤害", "赡养费", "医疗纠纷")
EVENTS = {
    EducationKind.CAMPAIGN: ("“宪法宣传周”集中宣传", "“民法典”进社区", "法律进乡村巡回宣传"),
    EducationKind.LECTURE: ("领导干部法治专题讲座", "企业合规经营讲座"),
    EducationKind.SCHOOL: ("法治进校园模拟法庭", "青少年防欺凌普法课"),
    EducationKind.PERFORMANCE: ("普法文艺惠演基层行",),
    EducationKind.TRAINING: ("法治素养培训班",),
    EducationKind.EXAM: ("年度学法用法考试",),
    EducationKind.COURT_HEARING: ("领导干部旁听庭审",),
}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _day(rng: random.Random, year: int, last: date, first_day: int = 2, last_day: int = 360) -> date:
    """A working day of `year`, never after `last` (the demo date)."""
    d = workdays.next_workday(date(year, 1, 1) + timedelta(days=rng.randrange(first_day, last_day)))
    back = 5
    while d > last:
        d = workdays.next_workday(last - timedelta(days=back))
        back += 5
    return d


def _later(d: date, days: int, cap: date) -> date | None:
    """The first working day at least `days` calendar days after `d`, or None if after `cap`."""
    out = workdays.next_workday(d + timedelta(days=days))
    return out if out <= cap else None


def _due(case: Any, clock: str) -> date | None:
    d = case.procedure_deadlines.filter(clock=clock).order_by("-id").first()
    return d.due_date if d else None


class _Staff:
    def __init__(self, ctx: Any) -> None:
        officers = [u for u in ctx.users(Role.OFFICER) if u.agency_id]
        self.by_agency: dict[int, list[Any]] = {}
        for u in officers:
            self.by_agency.setdefault(u.agency_id, []).append(u)
        self.agencies = [a for a in ctx.agencies if a.pk in self.by_agency]
        self.supervisor: Any = (
            next(u for u in ctx.users(Role.SUPERVISOR) if u.is_head) if ctx.users(Role.SUPERVISOR) else None
        )

    def officer(self, rng: random.Random, agency: Any) -> Any:
        return rng.choice(
            [u for u in self.by_agency[agency.pk] if not u.is_head] or self.by_agency[agency.pk]
        )

    def head(self, agency: Any) -> Any:
        return next((u for u in self.by_agency[agency.pk] if u.is_head), self.by_agency[agency.pk][0])


def generate(ctx: Any) -> None:
    staff = _Staff(ctx)
    if not staff.agencies or staff.supervisor is None:
        ctx.write("其他监督事项：演示机关或人员缺失，跳过。")
        return
    _disclosure(ctx, staff)
    _publish_reports(ctx, staff)
    _suggestions(ctx, staff)
    _petitions(ctx, staff)
    _registries(ctx, staff)


# --- disclosure requests ----------------------------------------------------------------------------
APPLICANTS = [
    (ApplicantKind.PERSON, 70),
    (ApplicantKind.BUSINESS, 14),
    (ApplicantKind.RESEARCH, 2),
    (ApplicantKind.PUBLIC_INTEREST, 2),
    (ApplicantKind.LEGAL_SERVICE, 7),
    (ApplicantKind.OTHER, 5),
]
REPLIES = [
    (ReplyType.PROVIDED, 38),
    (ReplyType.ALREADY_PUBLIC, 20),
    (ReplyType.PARTIAL, 8),
    (ReplyType.NOT_HELD, 16),
    (ReplyType.DENIED_THIRD_PARTY, 3),
    (ReplyType.DENIED_PROCESS, 3),
    (ReplyType.DENIED_CASE_FILE, 2),
    (ReplyType.NEEDS_CREATION, 3),
    (ReplyType.PETITION, 3),
    (ReplyType.REPEAT, 2),
    (ReplyType.DENIED_SPECIAL_REGIME, 2),
]


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _receive(ctx: Any, staff: _Staff, rng: random.Random, received: date) -> Any:
    agency = rng.choice(staff.agencies)
    channel = _pick(
        rng,
        [
            (DisclosureChannel.ONLINE, 50),
            (DisclosureChannel.IN_PERSON, 25),
            (DisclosureChannel.REGISTERED_MAIL, 20),
            (DisclosureChannel.ORDINARY_MAIL, 5),
        ],
    )
    dates: dict[str, Any] = {"submitted_on": received}
    if channel == DisclosureChannel.REGISTERED_MAIL:
        dates = {"submitted_on": received - timedelta(days=2), "signed_on": received}
    elif channel in (DisclosureChannel.ORDINARY_MAIL, DisclosureChannel.ONLINE):
        dates = {"submitted_on": received - timedelta(days=rng.choice((0, 1, 3))), "confirmed_on": received}
    kind = _pick(rng, APPLICANTS)
    return services.receive_request(
        actor=staff.officer(rng, agency),
        agency=agency,
        applicant_kind=kind,
        applicant_name=_name(rng) if kind == ApplicantKind.PERSON else f"安吉县{_name(rng)}有限公司",
        applicant_contact=f"13{rng.randrange(100000000, 999999999)}",
        description=rng.choice(TOPICS),
        channel=channel,
        **dates,
    )


def _handle_request(ctx: Any, staff: _Staff, rng: random.Random, case: Any, cap: date) -> None:
    officer = staff.officer(rng, case.agency)
    r = rng.random()
    on = case.received_on
    if r < 0.08:  # 第三十条: amendment
        on = _later(on, rng.randint(1, 6), cap) or on
        services.request_amendment(
            actor=officer, case=case, on=on, items="请明确所需信息的名称、文号或时间范围"
        )
        due = _due(case, "applicant_amendment")
        if rng.random() < 0.25 and due and due < cap:
            services.abandon_request(
                actor=officer, case=case, on=workdays.next_workday(due + timedelta(days=1))
            )
            return
        on2 = _later(on, rng.randint(3, 14), cap)
        if on2 is None:
            return
        on = on2
        services.supply_amendment(actor=officer, case=case, on=on)
    elif r < 0.13:  # 第三十二条: third party
        on = _later(on, rng.randint(3, 10), cap) or on
        services.consult_third_party(
            actor=officer, case=case, on=on, third_party=f"安吉县{_name(rng)}有限公司"
        )
        back = _later(on, rng.randint(7, 20), cap)
        if back is None:
            return
        on = back
        services.receive_third_party_opinion(actor=officer, case=case, on=on)
    elif r < 0.15:  # 第四十二条: fee
        on = _later(on, 3, cap) or on
        services.notify_fee(
            actor=officer,
            case=case,
            on=on,
            fee_amount=Decimal(rng.choice((100, 200, 500))),
            ground="同一申请人申请数量明显超过合理范围",
        )
        paid = _later(on, rng.randint(3, 10), cap)
        if paid is None:
            return
        on = paid
        services.pay_fee(actor=officer, case=case, on=on)
    elif r < 0.18:
        withdrawn = _later(on, rng.randint(1, 10), cap)
        if withdrawn:
            services.withdraw_request(actor=officer, case=case, on=withdrawn, reason="申请人自主撤回")
        return
    due = _due(case, "reply")
    if due is None:
        return
    if rng.random() < 0.05:  # 第三十三条第二款: extension approved by the head before expiry
        ext_on = max(on, due - timedelta(days=3))
        if ext_on <= cap:
            services.extend_reply(
                actor=staff.head(case.agency), case=case, on=ext_on, ground="需调取多个年度档案，工作量较大"
            )
            on = ext_on
            due = _due(case, "reply") or due
    if rng.random() < 0.04:  # a late answer
        reply_on = _later(due, rng.randint(1, 5), cap)
    else:
        reply_on = _later(on, rng.randint(1, max((due - on).days, 1)), cap)
        if reply_on is not None and reply_on > due:
            reply_on = due if due >= on else None
    if reply_on is None:
        return
    services.reply_request(
        actor=officer, case=case, on=reply_on, reply_type=_pick(rng, REPLIES), reply_text="已依法答复。"
    )


def _disclosure(ctx: Any, staff: _Staff) -> None:
    rng, year, today = ctx.rng, ctx.year, ctx.today
    n = SIZES["disclosure"]
    for i in range(n):
        received = _day(rng, year, today)
        case = _receive(ctx, staff, rng, received)
        _handle_request(ctx, staff, rng, case, today)
        ctx.progress("政府信息公开申请", i + 1, n)
    for _ in range(SIZES["current"]):  # the last weeks before the demo date, still open
        received = workdays.next_workday(today - timedelta(days=rng.randint(10, 40)))
        if received <= today:
            _receive(ctx, staff, rng, received)


def _publish_reports(ctx: Any, staff: _Staff) -> None:
    """条例第四十九条: departments publish by 31 January, the government by 31 March of Y+1."""
    year, today = ctx.year, ctx.today
    for agency, on in [
        *((a, workdays.next_workday(date(year + 1, 1, 20))) for a in staff.agencies),
        (None, workdays.next_workday(date(year + 1, 3, 20))),
    ]:
        if on <= today:
            actor = staff.supervisor if agency is None else staff.officer(ctx.rng, agency)
            services.publish_report(
                actor=actor, jurisdiction=ctx.jurisdiction, agency=agency, year=year, on=on
            )


# --- suggestions and proposals ------------------------------------------------------------------------
def _suggestions(ctx: Any, staff: _Staff) -> None:
    rng, year, today = ctx.rng, ctx.year, ctx.today
    total = SIZES["npc"] + SIZES["cppcc"]
    for i in range(total):
        kind = SuggestionKind.NPC if i < SIZES["npc"] else SuggestionKind.CPPCC
        _suggestion(ctx, staff, rng, kind, year, today)
        ctx.progress("建议提案", i + 1, total)


def _suggestion(ctx: Any, staff: _Staff, rng: random.Random, kind: str, year: int, today: date) -> None:
    sup = staff.supervisor
    received = date(year, 1, 15)  # 人代会、政协会议 in January
    if received > today:
        return
    case = services.register_suggestion(
        actor=sup,
        jurisdiction=ctx.jurisdiction,
        kind=kind,
        title=rng.choice(SUGGESTIONS),
        proposers=f"{_name(rng)}{'代表' if kind == SuggestionKind.NPC else '委员'}等{rng.randint(1, 8)}人",
        received_on=received,
        session=f"{year}年县人民代表大会第{rng.randint(3, 5)}次会议"
        if kind == SuggestionKind.NPC
        else f"{year}年县政协全体会议",
        is_complex=rng.random() < 0.1,
    )
    assigned = date(year, 3, 3)
    if assigned > today:
        return
    lead = rng.choice(staff.agencies)
    co = [a for a in rng.sample(staff.agencies, 2) if a.pk != lead.pk][: rng.choice((0, 0, 1))]
    services.assign_suggestion(actor=sup, case=case, on=assigned, lead=lead, co_handlers=co)
    signed = date(year, 3, 31)
    if signed > today:
        return
    for c in co:
        services.countersign(actor=staff.officer(rng, c), case=case, on=signed, opinion="同意主办单位意见")
    due = _due(case, "reply")
    if case.is_complex and due and due - timedelta(days=10) <= today:
        services.request_extension(
            actor=staff.officer(rng, lead),
            case=case,
            on=due - timedelta(days=14),
            ground="涉及多个部门，需统筹解决",
        )
        services.extend_suggestion(
            actor=sup, case=case, on=due - timedelta(days=10), ground="涉及多个部门，需统筹解决"
        )
    reply_on = workdays.next_workday(assigned + timedelta(days=rng.randint(40, 88)))
    if case.is_complex and due:  # answered in the extended period
        reply_on = workdays.next_workday(due + timedelta(days=rng.randint(5, 60)))
    if reply_on > today:
        return
    officer = staff.officer(rng, lead)
    category = _pick(
        rng, [(SuggestionCategory.A, 55), (SuggestionCategory.B, 35), (SuggestionCategory.C, 10)]
    )
    services.reply_suggestion(
        actor=officer, case=case, on=reply_on, category=category, reply_text="经认真研究，答复如下：……"
    )
    feedback_on = workdays.next_workday(reply_on + timedelta(days=rng.randint(7, 20)))
    if feedback_on > today:
        return
    satisfaction = _pick(
        rng, [(Satisfaction.SATISFIED, 85), (Satisfaction.BASICALLY, 12), (Satisfaction.UNSATISFIED, 3)]
    )
    services.record_feedback(actor=sup, case=case, on=feedback_on, satisfaction=satisfaction)
    if satisfaction == Satisfaction.UNSATISFIED:
        again = workdays.next_workday(feedback_on + timedelta(days=30))
        if again > today:
            return
        services.reply_suggestion(
            actor=officer,
            case=case,
            on=again,
            category=SuggestionCategory.A,
            reply_text="重新办理后答复如下：……",
        )
        feedback_on = workdays.next_workday(again + timedelta(days=10))
        if feedback_on > today:
            return
        services.record_feedback(actor=sup, case=case, on=feedback_on, satisfaction=Satisfaction.BASICALLY)
    published = workdays.next_workday(feedback_on + timedelta(days=5))
    if published <= today:
        services.publish_reply(actor=sup, case=case, on=published)


# --- petitions --------------------------------------------------------------------------------------
def _petitions(ctx: Any, staff: _Staff) -> None:
    rng, year, today = ctx.rng, ctx.year, ctx.today
    n = SIZES["petitions"]
    for i in range(n):
        _petition(staff, rng, year, today)
        ctx.progress("信访事项", i + 1, n)


def _petition(staff: _Staff, rng: random.Random, year: int, today: date) -> None:
    sup = staff.supervisor
    agency = rng.choice(staff.agencies)
    officer = staff.officer(rng, agency)
    received = _day(rng, year, today, last_day=330)
    channel = _pick(
        rng,
        [
            (PetitionChannel.VISIT, 30),
            (PetitionChannel.LETTER, 20),
            (PetitionChannel.ONLINE, 30),
            (PetitionChannel.HOTLINE, 20),
        ],
    )
    content = rng.choice(PETITIONS)
    case = services.receive_petition(
        actor=officer,
        agency=agency,
        channel=channel,
        petitioner=_name(rng),
        content=content,
        received_on=received,
        posted_on=received - timedelta(days=2) if channel == PetitionChannel.LETTER else None,
        is_enforcement_complaint=channel == PetitionChannel.HOTLINE and "执法" in content,
        is_long_standing=rng.random() < 0.03,
    )
    accepted = _later(received, rng.randint(1, 12), today)
    if accepted is None:
        return
    if rng.random() < 0.15:
        services.route_petition(actor=officer, case=case, on=accepted, statutory_route="行政复议或者行政诉讼")
        return
    services.accept_petition(actor=officer, case=case, on=accepted)
    days = rng.randint(15, 58)
    if rng.random() < 0.05 and accepted + timedelta(days=50) <= today:  # 第三十四条: extension by the head
        services.extend_petition(
            actor=staff.head(agency),
            case=case,
            on=accepted + timedelta(days=50),
            ground="案情复杂，需进一步调查",
        )
        days = rng.randint(55, 85)
    answered = _later(accepted, days, today)
    if answered is None:
        return
    outcome = _pick(
        rng, [(PetitionOutcome.SUPPORT, 35), (PetitionOutcome.EXPLAIN, 45), (PetitionOutcome.NOT_SUPPORT, 20)]
    )
    services.answer_petition(
        actor=officer, case=case, on=answered, outcome=outcome, opinion_text="经调查核实，处理意见如下：……"
    )
    served = _later(answered, 3, today)
    if served is None:
        return
    services.record_service(actor=officer, case=case, on=served)
    if outcome == PetitionOutcome.NOT_SUPPORT and rng.random() < 0.3:
        asked = _later(served, rng.randint(5, 25), today)
        decided = _later(served, 45, today)
        if asked and decided:
            services.request_review(actor=sup, case=case, on=asked)
            services.decide_review(actor=sup, case=case, on=decided, outcome=PetitionOutcome.NOT_SUPPORT)


# --- registries -----------------------------------------------------------------------------------------
def _registries(ctx: Any, staff: _Staff) -> None:
    rng, year, today = ctx.rng, ctx.year, ctx.today
    bureau = ctx.justice_bureau
    keeper = staff.supervisor  # the justice bureau keeps the county's registries
    n = SIZES["legal_aid"]
    for i in range(n):
        received = _day(rng, year, today)
        closed = _later(received, rng.randint(20, 120), date(year, 12, 31))
        services.record_legal_aid_case(
            actor=keeper,
            agency=bureau,
            kind=_pick(
                rng,
                [
                    (LegalAidKind.CRIMINAL, 35),
                    (LegalAidKind.CIVIL, 58),
                    (LegalAidKind.ADMINISTRATIVE, 4),
                    (LegalAidKind.OTHER, 3),
                ],
            ),
            applicant=_name(rng),
            matter=rng.choice(AID_MATTERS),
            received_on=received,
            recipients=rng.choice((1, 1, 1, 2)),
            closed_on=closed,
            losses_recovered=Decimal(rng.randrange(0, 80000)) if closed and rng.random() < 0.4 else None,
            documents_drafted=rng.choice((0, 0, 1, 2)),
        )
        ctx.progress("法律援助案件", i + 1, n)
    for _ in range(SIZES["consultations"]):
        services.record_consultation(
            actor=keeper,
            agency=bureau,
            held_on=_day(rng, year, today),
            channel=_pick(
                rng,
                [
                    (ConsultationChannel.VISIT, 40),
                    (ConsultationChannel.PHONE, 45),
                    (ConsultationChannel.ONLINE, 15),
                ],
            ),
            topic=rng.choice(AID_MATTERS),
            persons=rng.choice((1, 1, 2, 3)),
        )
    for _ in range(SIZES["events"]):
        kind = _pick(rng, [(k, w) for k, w in zip(EVENTS, (50, 20, 15, 8, 4, 2, 3), strict=True)])
        staff_event = kind in (EducationKind.TRAINING, EducationKind.EXAM, EducationKind.COURT_HEARING)
        services.record_education_event(
            actor=keeper,
            agency=rng.choice([bureau, *staff.agencies]),
            held_on=_day(rng, year, today),
            kind=kind,
            title=rng.choice(EVENTS[kind]),
            audience=Audience.OFFICIALS
            if staff_event
            else rng.choice([Audience.PUBLIC, Audience.STUDENTS, Audience.VILLAGERS, Audience.BUSINESSES]),
            participants=rng.randint(20, 80) if staff_event else rng.randint(50, 800),
            materials=0 if staff_event else rng.randint(0, 1500),
            promo_items=0 if staff_event else rng.randint(0, 300),
        )
    government = next((a for a in ctx.agencies if a.kind == "government"), bureau)
    for _ in range(SIZES["study"]):
        kind = _pick(
            rng,
            [
                (StudyKind.EXEC_MEETING, 50),
                (StudyKind.CENTRAL_GROUP, 20),
                (StudyKind.THOUGHT, 10),
                (StudyKind.DEPT_LEADER, 20),
            ],
        )
        services.record_study_session(
            actor=keeper,
            agency=government
            if kind in (StudyKind.EXEC_MEETING, StudyKind.CENTRAL_GROUP)
            else rng.choice(staff.agencies),
            held_on=_day(rng, year, today),
            kind=kind,
            topic=rng.choice(
                (
                    "《中华人民共和国行政复议法》",
                    "《中华人民共和国民法典》",
                    "习近平法治思想",
                    "《优化营商环境条例》",
                )
            ),
            lecturer=f"{_name(rng)}律师",
            participants=rng.randint(10, 40),
        )
