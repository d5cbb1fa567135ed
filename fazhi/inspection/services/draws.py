"""随机抽取: commit (eligible list + seed hash) → draw (seed revealed) → confirm (tasks issued).

Set-based throughout: the eligible list, the inspector pool and the recusal pairs are each one
query; the selection is `fazhi.inspection.draw.select` (ADR 0010)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery

from fazhi.core import audit, procedures
from fazhi.org.models import Certificate, CertificateKind, CertificateStatus

from .. import conf
from .. import draw as algorithm
from ..choices import DrawState
from ..models import Draw, Entity, InspectionPlan, InspectionTask, Inspector, InspectorConflict, TaskInspector
from ._common import err, next_number, not_future, require

OPEN_STATES = (DrawState.COMMITTED, DrawState.DRAWN)


def grade_ratios(plan: InspectionPlan) -> dict[str, str]:
    """Per-grade ratios: the plan's own, else its ratio for B scaled by the grade multipliers, ≤ 100 %."""
    if plan.grade_ratios:
        return {g: str(Decimal(str(plan.grade_ratios.get(g, "0")))) for g in "ABCD"}
    base = Decimal(plan.ratio or 0)
    return {g: str(min(Decimal(100), base * m).normalize()) for g, m in conf.grade_multipliers().items()}


def plan_matter_ids(plan: InspectionPlan) -> list[int]:
    return [plan.matter_id, *plan.partner_matters.values_list("pk", flat=True)]


def recently_inspected(matter_ids: list[int], since: date) -> QuerySet[InspectionTask]:
    """Tasks of confirmed batches for these matters issued on or after `since`."""
    return InspectionTask.objects.filter(
        matter_id__in=matter_ids, draw__state=DrawState.CONFIRMED, draw__confirmed_on__gte=since
    )


def eligible_entities(plan: InspectionPlan, on: date) -> tuple[QuerySet[Entity], int]:
    """Objects matching the plan filter, minus those inspected for the same matter within the window."""
    qs = Entity.objects.filter(
        jurisdiction_id=plan.jurisdiction_id, kind=plan.matter.object_kind, is_active=True
    )
    if plan.industry:
        qs = qs.filter(industry=plan.industry)
    if plan.area:
        qs = qs.filter(area=plan.area)
    since = conf.window_start(on, conf.exclusion_window())
    recent = recently_inspected(plan_matter_ids(plan), since).filter(entity_id=OuterRef("pk"))
    total = qs.count()
    eligible = qs.exclude(Exists(recent))
    return eligible, total


def inspector_pool(plan: InspectionPlan, on: date) -> list[tuple[int, str, str]]:
    """(inspector id, certificate number, name) of the lead and partner agencies' pool with a valid
    enforcement certificate on `on` (one query)."""
    agencies = [plan.agency_id, *plan.partners.values_list("pk", flat=True)]
    cert = Certificate.objects.filter(
        holder_id=OuterRef("officer_id"),
        agency_id=OuterRef("agency_id"),
        kind=CertificateKind.ENFORCEMENT,
        status=CertificateStatus.VALID,
        valid_from__lte=on,
        valid_until__gte=on,
    ).order_by("number")
    rows = (
        Inspector.objects.filter(agency_id__in=agencies, is_active=True)
        .annotate(cert=Subquery(cert.values("number")[:1]))
        .filter(cert__isnull=False)
        .values_list("pk", "cert", "officer__full_name")
    )
    return sorted(rows, key=lambda r: r[1])


def _exclusions(jurisdiction_id: int, keys: set[str], inspector_ids: list[int]) -> set[tuple[str, str]]:
    """Recusal pairs (entity key, inspector id) among the eligible objects: declared conflicts and the
    inspector's own earlier inspections. Two plain queries on the pool's rows (no correlated subquery
    over the directory), filtered to the eligible keys in Python."""
    conflicts = InspectorConflict.objects.filter(inspector_id__in=inspector_ids).values_list(
        "entity__key", "inspector_id"
    )
    earlier = TaskInspector.objects.filter(
        inspector_id__in=inspector_ids, task__draw__state=DrawState.CONFIRMED
    ).values_list("task__entity__key", "inspector_id")
    return {(k, str(i)) for rows in (conflicts, earlier) for k, i in rows if k in keys}


def _build_list(
    plan: InspectionPlan, number: str, digest: str, on: date
) -> tuple[algorithm.EligibleList, int, int]:
    eligible, total = eligible_entities(plan, on)
    entities = tuple(eligible.order_by("key").values_list("key", "credit_grade"))
    pool = inspector_pool(plan, on)
    cert_of = {str(pk): cert for pk, cert, _ in pool}
    pairs = _exclusions(plan.jurisdiction_id, {k for k, _ in entities}, [pk for pk, _, _ in pool])
    lst = algorithm.EligibleList(
        draw=number,
        seed_sha256=digest,
        entities=entities,
        inspectors=tuple(cert for _, cert, _ in pool),
        exclusions=frozenset((k, cert_of[i]) for k, i in pairs if i in cert_of),
        ratios=grade_ratios(plan) if plan.count is None else {},
        count=plan.count,
        weights={g: str(m) for g, m in conf.grade_multipliers().items()} if plan.count is not None else {},
        per_entity=conf.inspectors_per_entity(),
        meta={
            "plan": plan.number,
            "agency": plan.agency.name,
            "matter": plan.matter.name,
            "committed_on": on.isoformat(),
        },
    )
    return lst, len(entities), total - len(entities)


def _plan_approved(plan: InspectionPlan) -> None:
    """Draws follow an approved plan batch by batch (SAMR 2019 notice)."""
    if plan.state != "approved":
        raise ValidationError(
            f"抽查计划“{plan.number}”当前为“{plan.state_label}”，审核通过后才能抽取。",
            code="plan_not_approved",
        )


def _seed(seed: str | None) -> str:
    if not seed:
        return secrets.token_hex(32)
    seed = seed.strip()
    if not (16 <= len(seed) <= 128) or not seed.isascii() or not seed.isprintable() or " " in seed:
        raise err("seed", "随机种子：应为16至128位的英文字母、数字或符号，不含空格。", "seed_format")
    return seed


def _commit(
    *,
    actor: Any,
    plan: InspectionPlan,
    on: date,
    seed: str | None,
    supersedes: Draw | None = None,
    reason: str = "",
) -> Draw:
    require(actor, "inspection.draw", plan, "为该计划抽取检查对象")
    not_future(on)
    _plan_approved(plan)
    if on > plan.period_end:
        raise err("on", f"抽取日期：已超出计划的检查期间（至{plan.period_end:%Y-%m-%d}）。", "outside_period")
    open_draws = plan.draws.filter(state__in=OPEN_STATES)
    if supersedes is not None:
        open_draws = open_draws.exclude(pk=supersedes.pk)
    if open_draws.exists():
        raise ValidationError("该计划有尚未确认的抽取批次，请先完成或重新抽取该批次。", code="open_draw")
    secret = _seed(seed)
    digest = algorithm.seed_hash(secret)
    number = next_number(Draw, agency=plan.agency, year=on.year, word="抽取")
    lst, n, excluded = _build_list(plan, number, digest, on)
    if n == 0:
        raise ValidationError(
            "没有符合计划条件的待抽取对象（可能都已在排除期内检查过）。", code="no_eligible"
        )
    content = algorithm.eligible_file(lst)
    d = Draw.objects.create(
        plan=plan,
        agency=plan.agency,
        jurisdiction_id=plan.jurisdiction_id,
        number=number,
        seed_sha256=digest,
        seed=secret,
        eligible_file=content.decode("utf-8"),
        eligible_sha256=hashlib.sha256(content).hexdigest(),
        eligible_count=n,
        excluded_count=excluded,
        committed_on=on,
        supersedes=supersedes,
        redraw_reason=reason,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="inspection.commit_draw",
        obj=d,
        after={
            "seed_sha256": digest,
            "eligible_sha256": d.eligible_sha256,
            "eligible": n,
            "excluded": excluded,
        },
    )
    return d


@transaction.atomic
def commit_draw(*, actor: Any, plan: InspectionPlan, on: date, seed: str | None = None) -> Draw:
    """公布种子哈希: freeze the eligible list and publish sha256(seed) before anything is drawn."""
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    return _commit(actor=actor, plan=plan, on=on, seed=seed)


def _frequency_warnings(keys: list[str], on: date) -> list[dict[str, Any]]:
    """Objects already inspected ≥ N times in the last M months by any agency (one query)."""
    n, m = conf.frequency_limit()
    since = conf.window_start(on, m)
    rows = (
        InspectionTask.objects.filter(
            entity__key__in=keys, draw__state=DrawState.CONFIRMED, draw__confirmed_on__gte=since
        )
        .values("entity__key", "entity__name")
        .annotate(n=Count("pk"))
        .filter(n__gte=n)
        .order_by("entity__key")
    )
    return [
        {"key": r["entity__key"], "name": r["entity__name"], "count": r["n"], "months": m, "max": n}
        for r in rows
    ]


@transaction.atomic
def draw_objects(*, actor: Any, draw: Draw, on: date) -> Draw:
    """抽取: reveal the seed; the selection is the deterministic function of the frozen list and seed."""
    d = Draw.objects.select_for_update().select_related("plan").get(pk=draw.pk)
    require(actor, "inspection.draw", d.plan, "为该计划抽取检查对象")
    not_future(on)
    if d.state != DrawState.COMMITTED:
        raise ValidationError("该批次已经抽取，抽取结果不得更改。", code="already_drawn")
    if on < d.committed_on:
        raise err("on", "抽取日期：不能早于公布种子哈希的日期。", "date_order")
    lst = algorithm.parse_eligible(d.eligible_file.encode("utf-8"))
    try:
        selected = algorithm.select(lst, d.seed)
    except algorithm.DrawError as exc:
        raise ValidationError(str(exc), code="draw_impossible") from None
    d.result_file = algorithm.result_file(lst, d.seed, selected).decode("utf-8")
    d.selected_count = len(selected)
    d.frequency_warnings = _frequency_warnings([s.key for s in selected], on)
    d.state, d.drawn_on = DrawState.DRAWN, on
    d.save()
    audit.record(
        actor=actor,
        action="inspection.draw_objects",
        obj=d,
        after={"seed": d.seed, "selected": d.selected_count, "frequency_warnings": len(d.frequency_warnings)},
    )
    return d


@transaction.atomic
def confirm_draw(*, actor: Any, draw: Draw, on: date, acknowledge_frequency: bool = False) -> Draw:
    """确认并下达任务: one task per drawn object, with its drawn inspectors (bulk)."""
    d = Draw.objects.select_for_update().select_related("plan", "plan__matter").get(pk=draw.pk)
    require(actor, "inspection.draw", d.plan, "确认该批次抽取结果")
    not_future(on)
    if d.state != DrawState.DRAWN:
        raise ValidationError("只有已抽取、尚未确认的批次才能确认。", code="not_drawn")
    if on < (d.drawn_on or on):
        raise err("on", "确认日期：不能早于抽取日期。", "date_order")
    _plan_approved(d.plan)
    if d.frequency_warnings and not acknowledge_frequency:
        names = "、".join(w["name"] for w in d.frequency_warnings[:5])
        w = d.frequency_warnings[0]
        raise ValidationError(
            f"频次预警：{len(d.frequency_warnings)}个对象近{w['months']}个月已被各部门检查{w['max']}次以上（{names}等）。"
            "请考虑合并为联合抽查；确认仍需检查的，请勾选“已知悉频次预警”后再确认。",
            code="frequency_warning",
        )
    import json

    result = json.loads(d.result_file)
    keys = [s["key"] for s in result["selected"]]
    entity_of = dict(Entity.objects.filter(key__in=keys).values_list("key", "pk"))
    pool = {cert: (pk, name) for pk, cert, name in inspector_pool(d.plan, d.committed_on)}
    joint = d.plan.partners.exists()
    tasks = InspectionTask.objects.bulk_create(
        [
            InspectionTask(
                draw=d,
                plan=d.plan,
                agency_id=d.agency_id,
                jurisdiction_id=d.jurisdiction_id,
                entity_id=entity_of[s["key"]],
                matter_id=d.plan.matter_id,
                is_joint=joint,
                token=secrets.token_urlsafe(32),
            )
            for s in result["selected"]
        ]
    )
    TaskInspector.objects.bulk_create(
        [
            TaskInspector(task=t, inspector_id=pool[c][0], certificate_number=c, name=pool[c][1])
            for t, s in zip(tasks, result["selected"], strict=True)
            for c in s["inspectors"]
        ]
    )
    for t in tasks:
        procedures.start(t, actor=actor, on=on)
    d.state, d.confirmed_on = DrawState.CONFIRMED, on
    d.save()
    audit.record(
        actor=actor,
        action="inspection.confirm_draw",
        obj=d,
        after={"tasks": len(tasks), "acknowledged": acknowledge_frequency},
    )
    return d


@transaction.atomic
def redraw(*, actor: Any, draw: Draw, on: date, reason: str, seed: str | None = None) -> Draw:
    """重新抽取: a new batch with a recorded reason; the original stays visible, marked superseded."""
    d = Draw.objects.select_for_update().select_related("plan").get(pk=draw.pk)
    if not (reason or "").strip():
        raise err("reason", "重新抽取理由：必须记录重新抽取的理由。", "required")
    if d.state not in OPEN_STATES:
        raise ValidationError("已确认或已被替代的批次不能重新抽取。", code="not_redrawable")
    new = _commit(actor=actor, plan=d.plan, on=on, seed=seed, supersedes=d, reason=reason.strip())
    d.state = DrawState.SUPERSEDED
    d.save()
    audit.record(actor=actor, action="inspection.redraw", obj=d, after={"new": new.number}, note=reason)
    return new
