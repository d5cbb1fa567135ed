"""抽查任务: results with evidence, an enforcement case opened from the task, publicity, ratings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, procedures
from fazhi.core.evidence.services import store_evidence

from .. import conf
from ..choices import Outcome
from ..models import InspectionTask, Rating
from ._common import err, not_future


def _locked(task: InspectionTask) -> InspectionTask:
    return (
        InspectionTask.objects.select_for_update()
        .select_related("entity", "matter", "agency")
        .get(pk=task.pk)
    )


def _open_enforcement_case(actor: Any, task: InspectionTask, penalty_matter: Any, on: date) -> Any:
    """问题线索 → 立案 (行政处罚法第五十四条), prefilled from the task, by two of its inspectors of the
    lead agency (第四十二条), through the enforcement app's own service."""
    from fazhi.enforcement.services.cases import open_case

    officers = [
        ti.inspector.officer
        for ti in task.inspectors.select_related("inspector__officer").order_by("certificate_number")
        if ti.inspector.agency_id == task.agency_id
    ]
    if len(officers) < 2:
        raise err(
            "penalty_matter",
            "立案查处：本任务中本部门的检查人员不足2名，请在执法办案中另行立案。",
            "officers_missing",
        )
    a = next((o for o in officers if o.pk == actor.pk), officers[0])
    b = next(o for o in officers if o.pk != a.pk)
    return open_case(
        actor=actor,
        matter=penalty_matter,
        title=f"双随机抽查发现问题：{task.matter.name}",
        party_name=task.entity.name,
        party_is_natural_person=False,
        party_id_number=task.entity.uscc,
        party_address=task.entity.address,
        source=f"双随机抽查（{task.draw.number}）",
        facts=task.findings,
        opened_on=on,
        officer_a=a,
        officer_b=b,
    )


@transaction.atomic
def record_result(
    *,
    actor: Any,
    task: InspectionTask,
    on: date,
    outcome: str,
    findings: str = "",
    penalty_matter: Any = None,
    referral_note: str = "",
    files: list[Any] | None = None,
) -> InspectionTask:
    """录入检查结果 (谁检查、谁录入); `problems` opens a penalty case from the task and links it."""
    task = _locked(task)
    not_future(on, "on", "检查完成日期")
    if outcome not in Outcome.values:
        raise err("outcome", "检查结果：无效的结果类型。", "invalid_choice")
    if outcome != Outcome.NO_PROBLEM and not (findings or "").strip():
        raise err("findings", "检查情况：发现问题或无法检查的，应写明检查情况。", "required")
    if outcome == Outcome.REFERRED and not (referral_note or "").strip():
        raise err("referral_note", "移交说明：请写明移交的部门和事项。", "required")
    task.outcome, task.findings, task.inspected_on = outcome, (findings or "").strip(), on
    task.referral_note = (referral_note or "").strip()
    step = procedures.advance(
        task, "record_result", actor=actor, on=on, data={"outcome": outcome, "recorded_by": actor.pk}
    )
    if outcome == Outcome.PROBLEMS:
        if penalty_matter is None:
            raise err(
                "penalty_matter", "立案查处：发现问题须立案查处的，请选择适用的行政处罚事项。", "required"
            )
        task.enforcement_case = _open_enforcement_case(actor, task, penalty_matter, on)
        task.save(update_fields=["enforcement_case"])
    for f in files or []:
        store_evidence(actor=actor, file=f, obj=task, step=step, perm="inspection.record_result")
    return task


@transaction.atomic
def publish_result(*, actor: Any, task: InspectionTask, on: date) -> InspectionTask:
    """公示检查结果 within 20 working days (国发〔2019〕5号; 企业信息公示暂行条例第六条)."""
    task = _locked(task)
    not_future(on)
    task.published_on = on
    procedures.advance(task, "publish_result", actor=actor, on=on)
    return task


@transaction.atomic
def rate_task(*, token: str, score: Any, comment: str, on: date, client: str) -> Rating:
    """亮码入企: the enterprise rates the inspection anonymously, once per code, rate-limited per
    client address; the rating reaches the justice bureau only."""
    task = InspectionTask.objects.select_for_update().filter(token=token).first()
    if task is None:
        raise ValidationError("二维码无效或已失效。", code="bad_token")
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise err("score", "评分：请选择1至5分。", "score_range")
    if len(comment or "") > 1000:
        raise err("comment", "意见建议：不超过1000字。", "too_long")
    if Rating.objects.filter(task=task).exists():
        raise ValidationError("该次检查已经评价过，每个检查二维码只能评价一次。", code="already_rated")
    limit, seconds = conf.rating_rate_limit()
    key = f"inspection-rating:{client}"
    count = cache.get(key, 0)
    if count >= limit:
        raise ValidationError("评价过于频繁，请稍后再试。", code="rate_limited")
    cache.set(key, count + 1, seconds)
    rating = Rating.objects.create(
        task=task,
        jurisdiction_id=task.jurisdiction_id,
        score=value,
        comment=(comment or "").strip(),
        rated_on=on,
    )
    audit.record(actor=None, action="inspection.rate_task", obj=rating, after={"score": value})
    return rating
