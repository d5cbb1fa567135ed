"""Every write of the justice bureau's enforcement supervision and of the agencies' answers to it.

* 案卷评查: `draw_case_files` (random, reproducible: the seed is stored), `score_case_file`.
* 监督意见书 / 评查结果反馈通知书: `issue_opinion` (reply deadline from core.workdays), `reply_to_opinion`.
* 两法衔接: `refer_case` opens the referral from the case (never retyped), `record_referral_receipt`,
  `record_referral_outcome` (《行政执法机关移送涉嫌犯罪案件的规定》, 国务院令第310号, 2020修订).
* 年度统计: `publish_annual_statistics` — by 31 January of the following year (118号 二(三)).
"""

from __future__ import annotations

import random
import secrets
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core import audit, procedures, workdays
from fazhi.enforcement.models import (
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    PenaltyCase,
    ReviewedCaseFile,
    SupervisionOpinion,
)
from fazhi.enforcement.models.supervision import (
    CHECKLIST,
    OpinionKind,
    OpinionStatus,
    ReferralOutcome,
    ReviewGrade,
)
from fazhi.enforcement.procedures import ANNUAL_STATISTICS_PERIOD, SUPERVISION
from fazhi.org.models import Agency, Jurisdiction

from ._common import invalid, not_before, not_future, require_perm

MAX_PER_AGENCY = 50


# --- 案卷评查 ---------------------------------------------------------------------------------
def draw_sample(case_ids_by_agency: dict[int, list[int]], per_agency: int, seed: int) -> dict[int, list[int]]:
    """The draw itself, pure: agencies in id order, each agency's closed case ids sorted, one RNG
    seeded with `seed` — the same seed over the same files always draws the same files."""
    rng = random.Random(seed)
    drawn: dict[int, list[int]] = {}
    for agency_id in sorted(case_ids_by_agency):
        ids = sorted(case_ids_by_agency[agency_id])
        drawn[agency_id] = sorted(rng.sample(ids, min(per_agency, len(ids))))
    return drawn


@transaction.atomic
def draw_case_files(
    *,
    actor: Any,
    jurisdiction: Jurisdiction,
    title: str,
    year: int,
    per_agency: int,
    on: date,
    agencies: list[Agency] | None = None,
    seed: int | None = None,
) -> CaseFileReview:
    """抽取评查案卷: `per_agency` closed case files (closed in `year`, by `on`) of every agency (or the ones
    given), at random. Without a seed one is generated; it is stored so the draw can be repeated."""
    not_future(on, "on", "办理日期")
    require_perm(actor, "enforcement.supervise", jurisdiction, "组织案卷评查")
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "请填写评查名称。"
    if not isinstance(per_agency, int) or not 1 <= per_agency <= MAX_PER_AGENCY:
        errors["per_agency"] = f"每个执法主体抽取卷数应为1到{MAX_PER_AGENCY}之间的整数。"
    if not isinstance(year, int) or not 2000 <= year <= on.year:
        errors["year"] = f"评查案卷年度“{year}”无效（不能晚于抽取日期所在年度）。"
    if seed is not None and (not isinstance(seed, int) or not 0 <= seed < 2**62):
        errors["seed"] = "随机种子应为非负整数。"
    if errors:
        raise invalid(errors, code="invalid")
    if agencies:
        foreign = [a.name for a in agencies if a.jurisdiction_id != jurisdiction.pk]
        if foreign:
            raise invalid({"agencies": f"{'、'.join(foreign)}不属于本行政区划。"}, code="agency_foreign")
    seed = secrets.randbelow(2**62) if seed is None else seed
    closed = PenaltyCase.objects.filter(
        jurisdiction=jurisdiction,
        state="closed",
        closed_on__gte=date(year, 1, 1),
        closed_on__lte=min(date(year, 12, 31), on),  # only files already closed when drawn
    )
    if agencies:
        closed = closed.filter(agency__in=agencies)
    by_agency: dict[int, list[int]] = {}
    for agency_id, pk in closed.values_list("agency_id", "pk"):
        by_agency.setdefault(agency_id, []).append(pk)
    if not by_agency:
        raise invalid({"year": f"{year} 年度没有已结案的行政处罚案件可供评查。"}, code="nothing_to_draw")
    drawn = draw_sample(by_agency, per_agency, seed)
    review = CaseFileReview.objects.create(
        jurisdiction=jurisdiction,
        title=title.strip(),
        year=year,
        per_agency=per_agency,
        seed=seed,
        drawn_on=on,
        drawn_by=actor,
        agency_ids=sorted(drawn),
    )
    ReviewedCaseFile.objects.bulk_create(
        [
            ReviewedCaseFile(review=review, case_id=pk, agency_id=agency_id, jurisdiction=jurisdiction)
            for agency_id, ids in drawn.items()
            for pk in ids
        ]
    )
    audit.record(
        actor=actor,
        action="enforcement.draw_case_files",
        obj=review,
        after={"year": year, "per_agency": per_agency, "seed": seed, "cases": drawn},
    )
    return review


def grade_for(total: int) -> str:
    if total >= 90:
        return ReviewGrade.EXCELLENT
    if total >= 80:
        return ReviewGrade.GOOD
    if total >= 60:
        return ReviewGrade.PASS
    return ReviewGrade.FAIL


@transaction.atomic
def score_case_file(
    *, actor: Any, file: ReviewedCaseFile, scores: dict[str, Any], on: date, comments: str = ""
) -> ReviewedCaseFile:
    """评分: points awarded on every checklist item (0…its maximum); an item below its maximum is one
    issue found (INDICATORS.md enforcement.case_review_issues)."""
    not_future(on, "on", "办理日期")
    file = ReviewedCaseFile.objects.select_for_update().select_related("review").get(pk=file.pk)
    require_perm(actor, "enforcement.supervise", file, "为评查案卷评分")
    not_before(
        on, file.review.drawn_on, "on", f"评分日期 {on.isoformat()} 早于抽取日期 {file.review.drawn_on}。"
    )
    clean: dict[str, int] = {}
    errors: dict[str, str] = {}
    for code, _group, label, points in CHECKLIST:
        raw = (scores or {}).get(code)
        try:
            value = int(str(raw).strip())
            if str(raw).strip() != str(value):
                raise ValueError
        except (TypeError, ValueError):
            errors[code] = f"请为“{label}”填写0到{points}之间的整数分值。"
            continue
        if not 0 <= value <= points:
            errors[code] = f"“{label}”的分值应在0到{points}之间，实际为{value}。"
            continue
        clean[code] = value
    unknown = set(scores or {}) - {c for c, *_ in CHECKLIST}
    if unknown:
        errors["scores"] = f"评查表中没有以下评查项：{'、'.join(sorted(unknown))}。"
    if errors:
        raise invalid(errors, code="score_invalid")
    before = {"scores": file.scores, "total": file.total, "grade": file.grade}
    file.scores = clean
    file.total = sum(clean.values())
    file.grade = grade_for(file.total)
    file.issues = sum(1 for code, *_rest, points in CHECKLIST if clean[code] < points)
    file.comments = (comments or "").strip()
    file.scored_on = on
    file.scored_by = actor
    file.save()
    audit.record(
        actor=actor,
        action="enforcement.score_case_file",
        obj=file,
        before=before,
        after={"scores": clean, "total": file.total, "grade": file.grade, "issues": file.issues},
    )
    return file


# --- 监督意见书 / 评查结果反馈通知书 ---------------------------------------------------------------
@transaction.atomic
def issue_opinion(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    number: str,
    findings: str,
    requirements: str,
    on: date,
    cases: list[PenaltyCase] | None = None,
    review: CaseFileReview | None = None,
) -> SupervisionOpinion:
    """制发监督意见书 / 评查结果反馈通知书 to one agency; the reply deadline is the engine's clock
    (`procedures.SUPERVISION_CLOCKS`, period from the settings: `opinion_reply_policy`)."""
    not_future(on, "on", "办理日期")
    require_perm(actor, "enforcement.supervise", agency, "制发行政执法监督意见书")
    errors: dict[str, str] = {}
    if kind not in OpinionKind.values:
        errors["kind"] = "文书类型无效。"
    number = (number or "").strip()
    if not number:
        errors["number"] = "请填写文号。"
    elif SupervisionOpinion.objects.filter(number=number).exists():
        errors["number"] = f"文号“{number}”已被使用。"
    if not (findings or "").strip():
        errors["findings"] = "请填写发现的问题。"
    if not (requirements or "").strip():
        errors["requirements"] = "请填写监督意见和整改要求。"
    cases = list(cases or [])
    foreign = [c.number for c in cases if c.agency_id != agency.pk]
    if foreign:
        errors["cases"] = f"案件 {'、'.join(foreign)} 不属于{agency.name}。"
    if kind == OpinionKind.FEEDBACK:
        if review is None:
            errors["review"] = "评查结果反馈通知书须关联一次案卷评查。"
        elif review.jurisdiction_id != agency.jurisdiction_id or agency.pk not in review.agency_ids:
            errors["review"] = f"{agency.name}未参加该次案卷评查。"
        elif ReviewedCaseFile.objects.filter(review=review, agency=agency, total__isnull=True).exists():
            errors["review"] = f"{agency.name}的评查案卷尚未全部评分，不能反馈评查结果。"
        elif review.drawn_on > on:
            errors["on"] = "发出日期早于案卷抽取日期。"
    if errors:
        raise invalid(errors, code="invalid")
    opinion = SupervisionOpinion.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        kind=kind,
        review=review if kind == OpinionKind.FEEDBACK else None,
        number=number,
        issued_on=on,
        issued_by=actor,
        findings=findings.strip(),
        requirements=requirements.strip(),
    )
    if cases:
        opinion.cases.set(cases)
    d = procedures.start_clock(opinion, SUPERVISION, "reply", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="enforcement.issue_opinion",
        obj=opinion,
        after={
            "kind": kind,
            "agency": agency.pk,
            "on": on,
            "reply_due_on": d.due_date,
            "cases": [c.pk for c in cases],
        },
    )
    return opinion


@transaction.atomic
def reply_to_opinion(*, actor: Any, opinion: SupervisionOpinion, on: date, reply: str) -> SupervisionOpinion:
    """回复（整改）— the agency reports its rectification; late replies are kept and shown as late."""
    not_future(on, "on", "办理日期")
    opinion = SupervisionOpinion.objects.select_for_update().get(pk=opinion.pk)
    require_perm(actor, "enforcement.reply_opinion", opinion, "回复该监督意见书")
    if opinion.status == OpinionStatus.REPLIED:
        raise invalid(f"{opinion.number} 已于 {opinion.replied_on} 回复。", code="already_replied")
    not_before(on, opinion.issued_on, "on", f"回复日期 {on.isoformat()} 早于发出日期 {opinion.issued_on}。")
    if not (reply or "").strip():
        raise invalid({"reply": "请填写整改情况。"}, code="required")
    opinion.status = OpinionStatus.REPLIED
    opinion.replied_on = on
    opinion.reply = reply.strip()
    opinion.replied_by = actor
    opinion.save()
    d = procedures.stop_clock(opinion, SUPERVISION, "reply", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="enforcement.reply_opinion",
        obj=opinion,
        before={"status": OpinionStatus.ISSUED},
        after={"status": opinion.status, "on": on, "late": bool(d and d.state == "missed")},
    )
    return opinion


# --- 两法衔接 --------------------------------------------------------------------------------
@transaction.atomic
def refer_case(
    *,
    actor: Any,
    case: PenaltyCase,
    on: date,
    number: str,
    receiving_organ: str,
    suspected_crime: str,
    materials: str = "",
) -> CriminalReferral:
    """移送涉嫌犯罪案件 to public security, opened from the case: party and facts come from it
    (DESIGN.md "Never retype"; 行政处罚法第二十七条、第五十七条第一款第四项)."""
    not_future(on, "on", "办理日期")
    case = PenaltyCase.objects.select_for_update().get(pk=case.pk)
    require_perm(actor, "enforcement.refer_case", case, "移送该案件")
    if CriminalReferral.objects.filter(case=case).exists():
        raise invalid(f"案件 {case.number} 已移送公安机关，不能重复移送。", code="already_referred")
    not_before(
        on, case.opened_on, "on", f"移送日期 {on.isoformat()} 早于立案日期 {case.opened_on.isoformat()}。"
    )
    errors: dict[str, str] = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = "请填写移送书文号。"
    elif CriminalReferral.objects.filter(agency_id=case.agency_id, number=number).exists():
        errors["number"] = f"移送书文号“{number}”已被本机关使用。"
    if not (receiving_organ or "").strip():
        errors["receiving_organ"] = "请填写接收移送的公安机关。"
    if not (suspected_crime or "").strip():
        errors["suspected_crime"] = "请填写涉嫌罪名。"
    if errors:
        raise invalid(errors, code="invalid")
    referral = CriminalReferral.objects.create(
        case=case,
        agency_id=case.agency_id,
        jurisdiction_id=case.jurisdiction_id,
        number=number,
        referred_on=on,
        referred_by=actor,
        receiving_organ=receiving_organ.strip(),
        suspected_crime=suspected_crime.strip(),
        party_name=case.party_name,
        facts=case.facts or case.title,
        materials=(materials or "").strip(),
    )
    audit.record(
        actor=actor,
        action="enforcement.refer_case",
        obj=case,
        after={"referral": referral.pk, "number": number, "on": on, "to": referral.receiving_organ},
    )
    return referral


@transaction.atomic
def record_referral_receipt(*, actor: Any, referral: CriminalReferral, on: date) -> CriminalReferral:
    """公安机关在移送书回执上签字 (310号令第八条)."""
    not_future(on, "on", "办理日期")
    referral = CriminalReferral.objects.select_for_update().get(pk=referral.pk)
    require_perm(actor, "enforcement.record_referral", referral, "登记移送回执")
    if referral.receipt_on:
        raise invalid(f"{referral.number} 已于 {referral.receipt_on} 签收。", code="already_received")
    not_before(
        on, referral.referred_on, "on", f"签收日期 {on.isoformat()} 早于移送日期 {referral.referred_on}。"
    )
    referral.receipt_on = on
    referral.save(update_fields=["receipt_on"])
    audit.record(
        actor=actor, action="enforcement.record_referral_receipt", obj=referral, after={"receipt_on": on}
    )
    return referral


@transaction.atomic
def record_referral_outcome(
    *, actor: Any, referral: CriminalReferral, outcome: str, on: date, note: str = ""
) -> CriminalReferral:
    """公安机关立案 / 不予立案 / 退回 (310号令第八、九条) — only after the receipt."""
    not_future(on, "on", "办理日期")
    referral = CriminalReferral.objects.select_for_update().get(pk=referral.pk)
    require_perm(actor, "enforcement.record_referral", referral, "登记移送处理结果")
    if outcome not in ReferralOutcome.values or outcome == ReferralOutcome.PENDING:
        raise invalid({"outcome": "处理结果应为已立案、不予立案或退回。"}, code="invalid_choice")
    if referral.receipt_on is None:
        raise invalid("公安机关尚未签收移送材料，请先登记回执。", code="receipt_missing")
    if referral.outcome != ReferralOutcome.PENDING:
        raise invalid(
            f"{referral.number} 已登记处理结果“{referral.get_outcome_display()}”。", code="already_decided"
        )
    not_before(
        on, referral.receipt_on, "on", f"处理结果日期 {on.isoformat()} 早于签收日期 {referral.receipt_on}。"
    )
    if outcome == ReferralOutcome.NOT_FILED and not (note or "").strip():
        raise invalid({"note": "不予立案的，请填写公安机关的理由（可申请复议）。"}, code="required")
    referral.outcome = outcome
    referral.outcome_on = on
    referral.outcome_note = (note or "").strip()
    referral.save(update_fields=["outcome", "outcome_on", "outcome_note"])
    audit.record(
        actor=actor,
        action="enforcement.record_referral_outcome",
        obj=referral,
        before={"outcome": ReferralOutcome.PENDING},
        after={"outcome": outcome, "on": on},
    )
    return referral


# --- 年度行政执法统计 ------------------------------------------------------------------------
def statistics_deadline(year: int) -> workdays.Computation:
    """Year Y's statistics are published by 31 January of Y+1 (118号 二(三)): 31 Dec of Y + 1 month,
    rolled to the next working day when 31 January is a rest day (民法典第二百零三条)."""
    return workdays.explain(date(year, 12, 31), ANNUAL_STATISTICS_PERIOD)


@transaction.atomic
def publish_annual_statistics(*, actor: Any, agency: Agency, year: int, on: date) -> AnnualStatistics:
    """公开年度行政执法统计数据: a snapshot of the figures computed from the cases, with its deadline."""
    not_future(on, "on", "办理日期")
    require_perm(actor, "enforcement.publish_statistics", agency, "公开该机关的年度执法统计")
    if not isinstance(year, int) or year < 2000 or on <= date(year, 12, 31):
        raise invalid({"year": f"{year} 年度尚未结束，不能公开该年度统计数据。"}, code="year_not_over")
    if AnnualStatistics.objects.filter(agency=agency, year=year).exists():
        raise invalid({"year": f"{agency.name} {year} 年度统计数据已公开。"}, code="duplicate")
    from fazhi.enforcement.selectors.supervision import statistics_for_agency

    figures = statistics_for_agency(agency, year)
    stats = AnnualStatistics.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        year=year,
        figures=figures,
        published_on=on,
        published_by=actor,
    )
    procedures.start_clock(stats, SUPERVISION, "statistics", actor=actor, on=date(year, 12, 31))
    d = procedures.stop_clock(stats, SUPERVISION, "statistics", actor=actor, on=on)
    on_time = {"met": True, "missed": False}.get(d.state) if d else None
    audit.record(
        actor=actor,
        action="enforcement.publish_annual_statistics",
        obj=stats,
        after={"year": year, "on": on, "on_time": on_time, "figures": figures},
    )
    return stats
