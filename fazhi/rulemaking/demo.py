"""Demo data of the rulemaking app (`fazhi demo --seed N`), driven through the services and the
engine: 18 normative documents published over the demo year and the one before (filed, one late with
its reason), three drafts under legality review with machine pre-review flags, a consultation open
now with comments (some answered) and a closed one with its feedback, one comprehensive cleanup
(retain / amend / repeal), the decision catalogue with five major decisions at different stages,
five legal advisers with meetings, and 60 legality reviews of contracts and other papers.
Nothing is dated after the demo date."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core import workdays
from fazhi.org.choices import Role

from . import services
from .demo_texts import OUTDOOR_ADS, PRIVATE_ECONOMY, VALID_DOCUMENTS, generic_text
from .models import NormativeDocument, PreReviewFlag

ORGAN = "安吉县人民政府"
PREFIX = "安政规"
FILED_WITH = "安吉县人大常委会、湖州市人民政府"
COMMENTS = (
    (
        "第四条",
        "建议明确小微商户户外广告设施占用费的减免情形。",
        "partly",
        "已增加对小微商户的减免条款，收费标准仍按省定标准执行。",
    ),
    ("第六条", "罚款数额过高，建议降低。", "not_adopted", "该条已删除，处罚依照《广告法》等法律法规执行。"),
    ("第三条", "建议将审批改为告知承诺制。", "adopted", ""),
    ("第七条", "强制拆除应当先行催告。", "adopted", ""),
    ("第五条", "建议规定定期检查的频次。", "", ""),
    ("", "总体赞成，建议尽快出台。", "", ""),
)
CONTRACTS = (
    ("contract", "政府采购服务合同", "安吉县某某物业服务有限公司"),
    ("contract", "工程施工合同", "浙江某某建设有限公司"),
    ("agreement", "国有土地上房屋征收补偿协议", "被征收人"),
    ("agreement", "招商引资合作协议", "某某新材料科技有限公司"),
    ("contract", "信息化项目建设合同", "某某信息技术有限公司"),
    ("decision_draft", "行政处罚决定书（重大执法决定）", ""),
    ("reply", "关于政府信息公开申请的答复书", ""),
    ("agreement", "特许经营协议", "某某水务有限公司"),
)


def _drafter(ctx: Any, code: str) -> Any:
    """Someone of the drafting agency who may draft (its admin; the justice bureau's supervisor)."""
    agency = ctx.agency(code)
    for role in (Role.AGENCY_ADMIN, Role.OFFICER, Role.SUPERVISOR):
        for u in ctx.users(role):
            if u.agency_id == agency.pk:
                return agency, u
    return ctx.agency("sfj"), ctx.users(Role.SUPERVISOR)[0]


def _decide_flags(doc: NormativeDocument, reviewer: Any, on: date, rng: Any) -> None:
    for flag in PreReviewFlag.objects.filter(clause__version__document=doc):
        if rng.random() < 0.7:
            services.decide_flag(actor=reviewer, flag=flag, decision="accepted", on=on)
        else:
            services.decide_flag(
                actor=reviewer,
                flag=flag,
                decision="dismissed",
                note="该条已有上位法依据，表述予以完善。",
                on=on,
            )


def _publish(
    ctx: Any, doc: NormativeDocument, drafter: Any, reviewer: Any, start: date, *, late: bool = False
) -> NormativeDocument:
    """assess → (comment) → review → (fair competition) → deliberate → publish → file."""
    rng = ctx.rng
    on = start
    services.assess_document(
        actor=drafter,
        document=doc,
        on=on,
        assessment="经调研论证，制定本文件确有必要，措施切实可行；已征求相关部门意见。",
    )
    if doc.requires_comment:
        ends = on + timedelta(days=31 if doc.touches_market else 21)
        services.open_comment(actor=drafter, document=doc, on=on, ends_on=ends)
        services.close_comment(actor=drafter, document=doc, on=ends)
        on = ends
    services.submit_review(actor=drafter, document=doc, on=on)
    on = on + timedelta(days=rng.randint(5, 14))
    _decide_flags(doc, reviewer, on, rng)
    services.pass_review(
        actor=reviewer,
        document=doc,
        on=on,
        opinion_text="经审核，制定主体适格，程序合法，内容未违反上位法规定，同意提交审议。",
    )
    if doc.touches_market:
        services.record_fair_competition(
            actor=drafter,
            document=doc,
            on=on,
            conclusion="passed",
            text="经县市场监管局会同审查，未含排除、限制竞争内容。",
        )
    on = on + timedelta(days=rng.randint(3, 12))
    services.deliberate_document(
        actor=drafter,
        document=doc,
        on=on,
        meeting_kind="executive",
        meeting_name=f"县政府第{rng.randint(20, 60)}次常务会议",
        minutes="会议听取了起草说明和合法性审核意见，同意印发。",
    )
    on = on + timedelta(days=rng.randint(2, 7))
    effective = on if rng.random() < 0.7 else on + timedelta(days=30)
    if effective > _today(ctx):
        effective = on
    services.publish_document(
        actor=drafter,
        document=doc,
        on=on,
        signed_by="县长",
        effective_on=effective,
        validity_months=24 if doc.is_provisional else 60,
        prefix=PREFIX,
    )
    filed_on = on + timedelta(days=45 if late else rng.randint(5, 25))
    if effective > on and effective <= filed_on:  # steps are entered in the order they happened
        services.take_effect(actor=drafter, document=doc, on=effective)
    if filed_on <= _today(ctx):
        services.file_document(
            actor=drafter,
            document=doc,
            on=filed_on,
            filed_with=FILED_WITH,
            late_reason="经办人员岗位调整，报备材料准备延误。" if late else "",
        )
        doc.refresh_from_db()
        compliant = rng.random() < 0.9
        services.review_filing(
            actor=reviewer,
            document=doc,
            on=filed_on,
            compliant=compliant,
            note="" if compliant else "未同时报送起草说明和合法性审核意见，已要求补报。",
        )
    if effective > filed_on:
        services.take_effect(actor=drafter, document=doc, on=effective)
    doc.refresh_from_db()
    return doc


def _today(ctx: Any) -> date:
    return min(ctx.today, workdays.today())


def _documents(ctx: Any, reviewer: Any) -> list[NormativeDocument]:
    year = ctx.year
    published = []
    for i, (title, code, market, comment) in enumerate(VALID_DOCUMENTS):
        agency, drafter = _drafter(ctx, code)
        start = (
            date(year - 1, 2, 10) + timedelta(days=i * 21)
            if i < 8
            else date(year, 1, 12) + timedelta(days=(i - 8) * 24)
        )
        doc = services.register_document(
            actor=drafter,
            agency=agency,
            title=title,
            issuing_organ=ORGAN,
            registered_on=start,
            text=generic_text(title),
            touches_market=market,
            requires_comment=comment,
        )
        published.append(_publish(ctx, doc, drafter, reviewer, start, late=(i == 10)))
        ctx.progress("行政规范性文件", i + 1, len(VALID_DOCUMENTS))
    return published


def _cleanup(ctx: Any, reviewer: Any) -> None:
    year = ctx.year
    started = date(year, 11, 3)
    campaign = services.start_cleanup(
        actor=reviewer,
        jurisdiction=ctx.jurisdiction,
        title=f"{year}年度行政规范性文件全面清理",
        kind="comprehensive",
        started_on=started,
    )
    results = list(campaign.results.select_related("document").order_by("document__published_on"))
    for n, r in enumerate(results):
        if n == 0:
            conclusion, reason = "repeal", "所依据的上位法已修改，文件主要内容已不适应当前管理需要。"
        elif n == 1:
            conclusion, reason = "expire", "文件规定的阶段性工作任务已完成。"
        elif n == 2:
            conclusion, reason = "amend", "部分条款与新修订的《浙江省生活垃圾管理条例》不一致，需修改。"
        else:
            conclusion, reason = "retain", "符合上位法规定，继续有效。"
        services.record_cleanup_result(
            actor=reviewer, result=r, conclusion=conclusion, reason=reason, on=started + timedelta(days=14)
        )
    services.conclude_cleanup(actor=reviewer, campaign=campaign, on=date(year, 11, 28))


def _under_review(ctx: Any, reviewer: Any) -> None:
    """Three drafts now under legality review, with their machine pre-review flags."""
    today = _today(ctx)
    for k, (title, code, text, market) in enumerate(
        (
            (
                "安吉县户外广告设施设置管理办法",
                "zhzf",
                OUTDOOR_ADS.replace("示范县", "安吉县").replace("示政发", "安政发"),
                False,
            ),
            ("安吉县促进民营经济高质量发展若干政策措施", "scjg", PRIVATE_ECONOMY, True),
            (
                "安吉县城区临时占道经营管理规定",
                "zhzf",
                OUTDOOR_ADS.replace("户外广告设施", "临时占道经营设施").replace("示范县", "安吉县"),
                False,
            ),
        )
    ):
        agency, drafter = _drafter(ctx, code)
        on = today - timedelta(days=8 + 3 * k)
        doc = services.register_document(
            actor=drafter,
            agency=agency,
            title=title,
            issuing_organ=ORGAN,
            registered_on=on,
            text=text,
            touches_market=market,
            requires_comment=False,
        )
        services.assess_document(actor=drafter, document=doc, on=on, assessment="经论证，确有必要。")
        services.submit_review(actor=drafter, document=doc, on=on)
        if k == 0:  # the reviewer has started: some flags decided
            for flag in PreReviewFlag.objects.filter(clause__version__document=doc)[:2]:
                services.decide_flag(actor=reviewer, flag=flag, decision="accepted", on=today)


def _consultations(ctx: Any) -> None:
    """One consultation open now (comments, some answered); one closed with full feedback."""
    today = _today(ctx)
    for open_now in (True, False):
        agency, drafter = _drafter(ctx, "zhzf")
        start = today - timedelta(days=10 if open_now else 60)
        title = "安吉县户外招牌设置管理规定" if open_now else "安吉县城市道路挖掘管理办法"
        text = OUTDOOR_ADS.replace("示范县", "安吉县").replace(
            "户外广告设施", "户外招牌" if open_now else "道路挖掘"
        )
        doc = services.register_document(
            actor=drafter, agency=agency, title=title, issuing_organ=ORGAN, registered_on=start, text=text
        )
        services.assess_document(actor=drafter, document=doc, on=start, assessment="经论证，确有必要。")
        ends = start + timedelta(days=30) if open_now else start + timedelta(days=20)
        services.open_comment(actor=drafter, document=doc, on=start, ends_on=ends)
        version = doc.versions.get()
        clauses = {c.heading: c for c in version.clauses.all()}
        submitted = []
        for n, (heading, body, _, _) in enumerate(COMMENTS):
            day = today if open_now else start + timedelta(days=n + 1)
            sent = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=9, minute=n))
            submitted.append(_comment(version, clauses.get(heading), body, n, sent))
        if open_now:
            for c, (_, _, answer, reason) in zip(submitted, COMMENTS, strict=True):
                if answer:
                    services.answer_comment(actor=drafter, comment=c, answer=answer, reason=reason, on=today)
        else:
            services.close_comment(actor=drafter, document=doc, on=ends)
            for c, (_, _, answer, reason) in zip(submitted, COMMENTS, strict=True):
                services.answer_comment(
                    actor=drafter, comment=c, answer=answer or "adopted", reason=reason, on=ends
                )


def _comment(version: Any, clause: Any, text: str, n: int, sent: datetime) -> Any:
    from .services.comments import submit_comment

    names = ("王先生", "安吉某某广告有限公司", "李女士", "县个体劳动者协会", "", "张**")
    return submit_comment(
        version=version,
        clause=clause,
        text=text,
        name=names[n % len(names)],
        is_organisation=n in (1, 3),
        address=f"10.0.{n}.{n + 1}",
        form_started_at=sent - timedelta(minutes=3),
        now=sent,
    )


def _decisions(ctx: Any, reviewer: Any) -> None:
    year, today = ctx.year, _today(ctx)
    catalogue = services.create_catalogue(actor=reviewer, jurisdiction=ctx.jurisdiction, year=year)
    specs = (
        ("安吉县城区公共停车收费标准调整方案", "jtys", "decided"),
        ("安吉县西苕溪流域水环境综合治理方案", "sthj", "reviewed"),
        ("安吉县县域医疗卫生设施布局规划（2025—2035年）", "wsjk", "legality_review"),
        ("安吉县农村生活污水治理设施运维管理方案", "nync", "consulting"),
    )
    made = []
    for title, code, _stage in specs:
        agency, drafter = _drafter(ctx, code)
        made.append(
            services.register_decision(
                actor=drafter,
                agency=agency,
                title=title,
                summary=f"{title}的决策草案及起草说明。",
                registered_on=date(year, 1, 8),
                catalogue=catalogue,
                text="第一条 总体目标。\n第二条 主要任务和实施步骤。\n第三条 保障措施。",
            )
        )
    services.approve_catalogue(
        actor=reviewer, catalogue=catalogue, on=date(year, 1, 20), approval_note="县委常委会会议同意"
    )
    services.publish_catalogue(actor=reviewer, catalogue=catalogue, on=date(year, 1, 24))
    agency, drafter = _drafter(ctx, "wsjk")
    extra = services.register_decision(
        actor=drafter,
        agency=agency,
        title="安吉县县域医共体建设实施方案",
        summary="年中新增决策事项。",
        registered_on=date(year, 6, 2),
    )
    services.adjust_catalogue(
        actor=reviewer,
        catalogue=catalogue,
        decision=extra,
        added=True,
        on=date(year, 6, 3),
        reason="根据省级部署年中新增。",
    )
    for d, (_title, code, stage) in zip(made, specs, strict=True):
        _, drafter = _drafter(ctx, code)
        start = today - timedelta(days=20) if stage == "consulting" else date(year, 3, 3)
        services.open_participation(actor=drafter, decision=d, on=start, ends_on=start + timedelta(days=31))
        if stage == "consulting":
            continue
        end = start + timedelta(days=31)
        services.close_participation(
            actor=drafter,
            decision=d,
            on=end,
            adoption="共收到意见建议23条，采纳9条，部分采纳6条，未采纳的已说明理由。",
        )
        services.record_expert_review(
            actor=drafter,
            decision=d,
            on=end + timedelta(days=5),
            experts="县内外专家5名",
            opinion="方案总体可行，建议完善资金保障。",
        )
        services.record_risk_assessment(
            actor=drafter,
            decision=d,
            on=end + timedelta(days=8),
            risk_level="medium",
            report="识别风险点4个，提出防范化解措施和应急处置预案，风险可控。",
        )
        submitted = end + timedelta(days=12)
        if stage == "legality_review":
            submitted = today - timedelta(days=3)
        services.submit_decision_review(actor=drafter, decision=d, on=submitted)
        if stage == "legality_review":
            continue
        reviewed = submitted + timedelta(days=9)
        services.pass_decision_review(
            actor=reviewer,
            decision=d,
            on=reviewed,
            opinion_text="经审查，决策主体、权限、程序合法，内容符合法律法规规定。",
        )
        if stage == "reviewed":
            continue
        decided = reviewed + timedelta(days=6)
        services.decide(
            actor=drafter,
            decision=d,
            on=decided,
            meeting_kind="executive",
            meeting_name="县政府第45次常务会议",
            minutes="会议讨论了决策草案，县长最后发表意见，同意实施。",
            outcome="同意实施，自下月起执行新标准。",
            dissent="一名副县长建议对学校周边路段实行更低收费。",
        )
        services.publish_decision(actor=drafter, decision=d, on=decided + timedelta(days=3))
        services.record_report(
            actor=drafter,
            decision=d,
            on=decided + timedelta(days=90),
            by=d.agency.name,
            text="执行情况良好，群众反映平稳。",
        )


def _papers(ctx: Any, reviewer: Any) -> None:
    rng, year, today = ctx.rng, ctx.year, _today(ctx)
    names = (
        ("赵明", "lawyer", "浙江某某律师事务所"),
        ("钱丽", "lawyer", "浙江某某律师事务所安吉分所"),
        ("孙伟", "expert", "浙江某大学法学院"),
        ("李静", "lawyer", "湖州某某律师事务所"),
        ("周强", "in_house", "安吉县司法局"),
    )
    advisers = [
        services.engage_adviser(
            actor=reviewer,
            jurisdiction=ctx.jurisdiction,
            name=n,
            kind=k,
            organisation=o,
            engaged_from=date(year - 1, 1, 1),
            engaged_to=date(year + 1, 12, 31),
            contract_number=f"安司顾〔{year - 1}〕{i + 1}号",
        )
        for i, (n, k, o) in enumerate(names)
    ]
    for m in range(24):
        on = date(year, 1, 10) + timedelta(days=m * 14)
        services.record_adviser_meeting(
            actor=reviewer, adviser=advisers[m % len(advisers)], on=on, meeting=f"县政府第{m + 20}次常务会议"
        )
    staffed = ("scjg", "zhzf", "zrzy", "jtys", "nync", "sthj", "wsjk", "yjgl")
    n = 60
    for i in range(n):
        agency, drafter = _drafter(ctx, staffed[i % len(staffed)])
        kind, title, counterparty = CONTRACTS[i % len(CONTRACTS)]
        received = date(year, 1, 6) + timedelta(days=i * 5)
        recent = i >= n - 4
        if recent:
            received = today - timedelta(days=2 + i % 3)
        paper = services.submit_paper(
            actor=drafter,
            agency=agency,
            kind=kind,
            title=f"{agency.short_name or agency.name}{title}",
            received_on=received,
            counterparty=counterparty,
            amount=Decimal(rng.randrange(50_000, 5_000_000, 1000)) if kind == "contract" else None,
        )
        if recent and i % 2:
            continue
        adviser = advisers[i % len(advisers)] if i % 3 else None
        services.assign_paper(
            actor=reviewer, paper=paper, on=received, reviewer=None if adviser else reviewer, adviser=adviser
        )
        if recent:
            continue
        opinion_on = received + timedelta(days=rng.randint(2, 12))
        services.give_opinion(
            actor=reviewer,
            paper=paper,
            on=opinion_on,
            conclusion=rng.choice(("lawful", "with_changes", "with_changes", "unlawful")),
            opinion="经审查，建议完善违约责任、争议解决条款，明确履约保证金的退还期限。",
        )
        ctx.progress("涉法文件合法性审查", i + 1, n)


def generate(ctx: Any) -> None:
    """Rulemaking records of `ctx.year` (and the year before), nothing after the demo date."""
    reviewer = next(u for u in ctx.users(Role.SUPERVISOR) if u.is_head)
    _documents(ctx, reviewer)
    _cleanup(ctx, reviewer)
    _under_review(ctx, reviewer)
    _consultations(ctx)
    _decisions(ctx, reviewer)
    _papers(ctx, reviewer)
    ctx.write(
        f"规范性文件 {NormativeDocument.objects.filter(jurisdiction=ctx.jurisdiction).count()} 件（现行有效 "
        f"{NormativeDocument.objects.filter(jurisdiction=ctx.jurisdiction).valid().count()} 件）"
    )
