"""Demo data of the inspection app (`fazhi demo --seed N`): a directory of ~3,000 objects (bulk:
a registry import), each staffed agency's matter list and inspector pool, a year of plans (some
returned, one changed, one terminated, two merged into one joint inspection), draws with published
verification files (one redrawn with its reason), results and their publicity, and ratings.

Plans, draws, tasks, results and ratings go through the services and the procedure engine, so every
step, deadline and audit entry is what the rules give on real dates; nothing is dated after the demo
date. Verify any published draw with `fazhi inspection export-draw ID DIR` then `verify-draw`.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import procedures, workdays
from fazhi.core.ids import org_code_check_char, uscc_check_char
from fazhi.org.choices import Role

from . import services
from .choices import EntityKind
from .models import Entity, InspectionTask

SIZES = {
    "enterprise": 2000,
    "individual": 700,
    "institution": 80,
    "association": 60,
    "law_firm": 20,
    "product": 80,
    "project": 60,
}
AREAS = ("递铺街道", "昌硕街道", "灵峰街道", "孝丰镇", "天荒坪镇", "梅溪镇", "天子湖镇")
INDUSTRIES = {
    "enterprise": ("餐饮", "食品生产", "道路运输", "建筑施工", "竹木加工", "旅游住宿", "危险化学品"),
    "individual": ("餐饮", "零售", "美容美发", "食品销售"),
    "institution": ("教育", "医疗卫生"),
    "association": ("行业协会", "民办非企业"),
    "law_firm": ("法律服务",),
    "product": ("食品", "特种设备"),
    "project": ("建设工程", "水利工程"),
}
WORDS = ("竹", "茶", "山", "绿", "安", "吉", "溪", "源", "泰", "丰")
SUFFIX = {
    "enterprise": "有限公司",
    "individual": "店",
    "institution": "中心",
    "association": "协会",
    "law_firm": "律师事务所",
    "product": "",
    "project": "工程",
}
# (agency code, matter code, name, legal basis, object kind, method, ceiling %, industry of the plan)
MATTERS = (
    (
        "scjg",
        "SJ-01",
        "食品经营者落实食品安全主体责任情况检查",
        "《中华人民共和国食品安全法》第一百一十条",
        "enterprise",
        "on_site",
        "10",
        "餐饮",
    ),
    (
        "scjg",
        "SJ-02",
        "个体工商户登记事项检查",
        "《促进个体工商户发展条例》第二十六条",
        "individual",
        "on_site",
        "5",
        "",
    ),
    (
        "wsjk",
        "WJ-01",
        "餐饮单位公共场所卫生检查",
        "《公共场所卫生管理条例》第十二条",
        "enterprise",
        "on_site",
        "10",
        "餐饮",
    ),
    (
        "jtys",
        "JT-01",
        "道路运输经营者安全生产检查",
        "《中华人民共和国道路运输条例》第五十八条",
        "enterprise",
        "on_site",
        "20",
        "道路运输",
    ),
    (
        "yjgl",
        "YJ-01",
        "危险化学品企业安全生产检查",
        "《危险化学品安全管理条例》第六条",
        "enterprise",
        "on_site",
        "",
        "危险化学品",
    ),
    (
        "zjj",
        "ZJ-01",
        "建设工程质量安全检查",
        "《建设工程质量管理条例》第四十七条",
        "project",
        "on_site",
        "30",
        "",
    ),
    (
        "sthj",
        "HJ-01",
        "排污单位环境监管检查",
        "《中华人民共和国环境保护法》第二十四条",
        "enterprise",
        "on_site",
        "10",
        "竹木加工",
    ),
)


def _uscc(serial: int, kind: str) -> str:
    prefix = {
        "enterprise": "91",
        "individual": "92",
        "institution": "12",
        "association": "51",
        "law_firm": "31",
    }[kind]
    org8 = f"{serial:08d}"
    body = f"{prefix}330523{org8}{org_code_check_char(org8)}"
    return body + uscc_check_char(body)


def _directory(ctx: Any) -> None:
    rng = ctx.rng
    grades = ("A",) * 30 + ("B",) * 50 + ("C",) * 15 + ("D",) * 5
    rows, serial = [], 100
    for kind, n in SIZES.items():
        for i in range(n):
            serial += 1
            industry = rng.choice(INDUSTRIES[kind])
            name = (
                f"安吉{rng.choice(WORDS)}{rng.choice(WORDS)}{industry}{SUFFIX[kind]}"
                if kind != "product"
                else f"{rng.choice(WORDS)}牌{industry}（批次{i + 1:04d}）"
            )
            coded = kind in ("product", "project")
            uscc = "" if coded else _uscc(serial, kind)
            rows.append(
                Entity(
                    jurisdiction=ctx.jurisdiction,
                    key=f"{kind.upper()}-{ctx.year}{i + 1:05d}" if coded else uscc,
                    uscc=uscc,
                    name=name[:200],
                    kind=kind,
                    industry=industry,
                    address=f"安吉县{rng.choice(AREAS)}{rng.choice(WORDS)}{rng.choice(('路', '街', '村'))}{rng.randint(1, 300)}号",
                    area=rng.choice(AREAS),
                    credit_grade=rng.choice(grades),
                    flags=["complaint"] if rng.random() < 0.03 else [],
                    updated_on=date(ctx.year, 1, 2),
                )
            )
    Entity.objects.bulk_create(rows, batch_size=2000)
    ctx.write(f"检查对象名录库：{len(rows)}个对象")


def _workday(d: date) -> date:
    while not workdays.is_workday(d):
        d += timedelta(days=1)
    return d


def generate(ctx: Any) -> None:
    ctx.reseed("inspection")
    year = ctx.year
    _directory(ctx)
    supervisor = ctx.users(Role.SUPERVISOR)[0]
    staff: dict[str, dict[str, Any]] = {}
    matters = []
    for code, mcode, name, basis, kind, method, ceiling, industry in MATTERS:
        agency = ctx.agency(code)
        admin = next((u for u in ctx.users(Role.AGENCY_ADMIN) if u.agency_id == agency.pk), None)
        officers = [u for u in ctx.users(Role.OFFICER) if u.agency_id == agency.pk]
        if admin is None or len(officers) < 2:
            continue
        matter = services.create_matter(
            actor=admin,
            agency=agency,
            code=mcode,
            name=name,
            legal_basis=basis,
            object_kind=kind,
            method=method,
            category="key" if not ceiling else "general",
            ratio=ceiling or None,
            frequency="每年1次",
        )
        matters.append((matter, industry))
        if code not in staff:
            pool = []
            for o in officers:
                with contextlib.suppress(ValidationError):  # the one expired certificate stays out
                    pool.append(
                        services.add_inspector(
                            actor=admin, officer=o, on=date(year, 1, 2), specialties=name[:20]
                        )
                    )
            staff[code] = {"admin": admin, "officers": officers, "pool": pool}
    # a declared conflict (回避申报)
    scjg = staff.get("scjg")
    if scjg and scjg["pool"]:
        e = Entity.objects.filter(kind=EntityKind.ENTERPRISE, industry="餐饮").order_by("key").first()
        if e is not None:
            services.add_conflict(
                actor=scjg["admin"],
                inspector=scjg["pool"][0],
                entity=e,
                reason="近亲属在该企业任职",
                on=date(year, 1, 6),
            )
    plans = []
    submitted = _workday(date(year, 1, 13))
    for i, (matter, industry) in enumerate(matters):
        code = next(c for c, s in staff.items() if s["admin"].agency_id == matter.agency_id)
        officer = staff[code]["officers"][0]
        plan = services.create_plan(
            actor=officer,
            matter=matter,
            title=f"{year}年度{matter.name}双随机抽查",
            year=year,
            period_start=date(year, 3, 1),
            period_end=date(year, 11, 30),
            on=date(year, 1, 10),
            ratio=min(5, int(matter.ratio or 5)),
            industry=industry,
        )
        services.submit_plan(actor=officer, plan=plan, on=submitted)
        if i % 3 == 2:  # returned with reasons, resubmitted and approved
            services.return_plan(
                actor=supervisor,
                plan=plan,
                on=_workday(submitted + timedelta(days=3)),
                reasons="抽查比例和检查期间未说明确定依据，请补充",
            )
            services.submit_plan(actor=officer, plan=plan, on=_workday(submitted + timedelta(days=7)))
        plans.append((plan, officer))
    # two ad-hoc plans returned for good (重复检查)
    for matter, industry in matters[:2]:
        officer = next(s for s in staff.values() if s["admin"].agency_id == matter.agency_id)["officers"][0]
        p = services.create_plan(
            actor=officer,
            matter=matter,
            title=f"{year}年{matter.name}专项抽查",
            year=year,
            kind="ad_hoc",
            period_start=date(year, 5, 1),
            period_end=date(year, 6, 30),
            on=date(year, 3, 3),
            ratio=3,
            industry=industry,
        )
        services.submit_plan(actor=officer, plan=p, on=date(year, 3, 4))
        services.return_plan(
            actor=supervisor, plan=p, on=date(year, 3, 6), reasons="与年度计划检查对象重复，请并入年度计划"
        )
    # the market bureau's and the health bureau's restaurant plans overlap: merged into one joint inspection
    lead = next((p for p, _ in plans if p.matter.code == "SJ-01"), None)
    other = next((p for p, _ in plans if p.matter.code == "WJ-01"), None)
    review_on = _workday(submitted + timedelta(days=10))
    if lead is not None and other is not None:
        services.approve_plan(actor=supervisor, plan=lead, on=review_on)
        services.merge_plans(actor=supervisor, lead=lead, other=other, on=review_on)
    for plan, _ in plans:
        plan.refresh_from_db()
        if plan.state == "submitted":
            services.approve_plan(actor=supervisor, plan=plan, on=review_on)
            plan.refresh_from_db()
    approved = [(p, o) for p, o in plans if p.state == "approved"]
    # a change and a termination
    if len(approved) >= 3:
        p, o = approved[-1]
        services.request_termination(
            actor=o, plan=p, on=date(year, 2, 17), ground="职能划转，事项由综合行政执法局承接"
        )
        services.approve_termination(actor=supervisor, plan=p, on=date(year, 2, 19))
        p, o = approved[-2]
        services.request_change(
            actor=o,
            plan=p,
            on=date(year, 2, 17),
            ground="汛期顺延",
            changes={"period_end": date(year, 12, 15)},
        )
        services.approve_change(actor=supervisor, plan=p, on=date(year, 2, 19))
        approved = approved[:-1]
    _draws_and_results(ctx, approved)


def _draws_and_results(ctx: Any, approved: list[tuple[Any, Any]]) -> None:
    rng, year = ctx.rng, ctx.year
    from fazhi.enforcement.models import Matter as PenaltyMatter

    n_tasks = n_published = 0
    for k, (plan, officer) in enumerate(approved):
        on = _workday(date(year, 3, 3) + timedelta(days=7 * k))
        try:
            d = services.commit_draw(
                actor=officer, plan=plan, on=on, seed=f"anji-{year}-demo-{ctx.seed}-{k:02d}-{'0' * 8}"
            )
            d = services.draw_objects(actor=officer, draw=d, on=on)
            if k == 0:  # one redraw, with its reason; the original stays published
                d = services.redraw(
                    actor=officer, draw=d, on=on, reason="抽取现场录像设备故障，经监督人员同意重新抽取"
                )
                d = services.draw_objects(actor=officer, draw=d, on=on)
            d = services.confirm_draw(actor=officer, draw=d, on=on, acknowledge_frequency=True)
        except ValidationError as exc:
            ctx.write(f"抽取未完成（{plan.number}）：{'；'.join(exc.messages)}")
            continue
        penalty = (
            PenaltyMatter.objects.filter(agency_id=plan.agency_id, kind="penalty", is_active=True)
            .order_by("code")
            .first()
        )
        tasks = list(InspectionTask.objects.filter(draw=d).select_related("entity").order_by("entity__key"))
        for i, task in enumerate(tasks):
            n_tasks += 1
            inspected = _workday(on + timedelta(days=rng.randint(7, 60)))
            if inspected >= ctx.today or rng.random() < 0.08:
                continue  # not inspected yet
            inspector = task.inspectors.order_by("certificate_number")[0].inspector.officer
            roll = rng.random()
            outcome, findings = "no_problem", ""
            if roll < 0.06:
                outcome, findings = "not_found", "通过登记的住所无法联系，经电话核实已搬离"
            elif roll < 0.2:
                outcome, findings = "rectified", "消毒记录不全，已当场责令改正并整改完毕"
            elif roll < 0.23 and penalty is not None and i % 2 == 0:
                outcome, findings = "problems", "超范围经营，涉嫌违法，移交立案查处"
            try:
                services.record_result(
                    actor=inspector,
                    task=task,
                    on=inspected,
                    outcome=outcome,
                    findings=findings,
                    penalty_matter=penalty if outcome == "problems" else None,
                )
            except (ValidationError, PermissionDenied):
                services.record_result(
                    actor=inspector, task=task, on=inspected, outcome="rectified", findings="已责令当场改正"
                )
            deadline = procedures.deadlines(task).get(clock="publicity")
            due = deadline.due_date or inspected + timedelta(days=28)
            publish_on = (
                due - timedelta(days=rng.randint(0, 14))
                if rng.random() < 0.95
                else due + timedelta(days=rng.randint(1, 10))
            )
            publish_on = max(publish_on, inspected)
            if publish_on < ctx.today:
                services.publish_result(actor=officer, task=task, on=publish_on)
                n_published += 1
            if rng.random() < 0.3:
                with contextlib.suppress(ValidationError):
                    services.rate_task(
                        token=task.token,
                        score=rng.choice((5, 5, 5, 4, 4, 3, 2)),
                        comment=rng.choice(
                            (
                                "",
                                "检查人员主动出示执法证，程序规范",
                                "一次检查多个事项，减少了打扰",
                                "希望提前告知检查材料清单",
                            )
                        ),
                        on=inspected,
                        client=f"demo-{task.pk}",
                    )
    ctx.write(f"双随机抽查：{len(approved)}个计划，{n_tasks}个抽查任务，已公示结果{n_published}条")
