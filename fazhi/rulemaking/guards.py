"""Guards of the rule-making procedures: one rule, one name (STYLE.md §2.3).

Each is called by the engine as `guard(case, data)` and raises `ValidationError` with a short
Chinese message citing its article. Services put the step date in `data["on"]`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core import workdays
from fazhi.core.procedures import needs_data

from .choices import (
    PASSING_OPINIONS,
    CommentAnswer,
    FairCompetitionConclusion,
    FlagDecision,
    MeetingKind,
    PaperConclusion,
    RiskLevel,
)

DECISION_ORDINANCE = "《重大行政决策程序暂行条例》"


def _err(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _on(data: dict[str, Any]) -> date:
    on = data.get("on") or workdays.today()
    return date.fromisoformat(on) if isinstance(on, str) else on


def earliest_date(start: date, period: Any) -> tuple[date, str]:
    """`start` + `period`; provisional (weekends only, "（待日历确认）") when the end reaches into a
    year without holiday data — a check is never refused for lack of calendar data (ADR 0003)."""
    from fazhi.core.procedures.periods import compute_due_or_provisional

    due = compute_due_or_provisional(start, period)
    return due.due, "（待日历确认）" if due.pending else ""


def _is_decision(case: Any) -> bool:
    return case.procedure_code == "rulemaking.major_decision"


# --- drafts and public comment ------------------------------------------------------------------
def has_draft_version(case: Any, data: dict[str, Any]) -> None:
    """A draft text (a version split into clauses) is what is published, reviewed and commented on."""
    if not case.versions.exists():
        raise ValidationError("请先录入草案文本（草案版本）。", code="no_draft_version")


def not_confidential(case: Any, data: dict[str, Any]) -> None:
    """第十四条: matters that must be kept confidential are not put to public comment."""
    if case.confidential:
        raise ValidationError(
            "该决策事项依法不予公开，不能公开征求意见（重大行政决策程序暂行条例第十四条）。",
            code="confidential",
        )


@needs_data
def comment_period_long_enough(case: Any, data: dict[str, Any]) -> None:
    """示范指标体系第24项 (≥7 WD); 优化营商环境条例第六十二条第二款 (≥30 days, market-related);
    重大行政决策程序暂行条例第十五条 (≥30 days). A shorter period needs a written justification."""
    from .procedures import comment_minimum

    starts, ends = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts, date) or not isinstance(ends, date):
        raise _err("ends_on", "征求意见期限：请填写开始日期和截止日期。", "required")
    if ends <= starts:
        raise _err("ends_on", "征求意见期限：截止日期应晚于开始日期。", "bad_period")
    period = comment_minimum(case)
    earliest, pending = earliest_date(starts, period)
    if ends < earliest and not str(data.get("short_reason", "")).strip():
        raise _err(
            "ends_on",
            f"征求意见期限不足：自{starts.isoformat()}起{period}（{period.basis}），截止日期不得早于"
            f"{earliest.isoformat()}{pending}；确需缩短的，应当书面说明理由。",
            "comment_period_too_short",
        )


def comment_period_elapsed(case: Any, data: dict[str, Any]) -> None:
    """The round runs until the announced deadline (示范指标体系第24项; 决策条例第十五条)."""
    on = _on(data)
    if case.comment_ends_on and on < case.comment_ends_on:
        raise _err(
            "on",
            f"征求意见截止日期为{case.comment_ends_on.isoformat()}，不能提前结束征求意见。",
            "comment_still_open",
        )


def public_comment_held(case: Any, data: dict[str, Any]) -> None:
    """示范指标体系第24项: a draft that needs public comment goes to review only after the round."""
    if case.requires_comment and case.comment_closed_on is None:
        raise ValidationError(
            "该草案涉及公民、法人和其他组织的权利义务，应当先公开征求意见（示范指标体系第24项）。",
            code="public_comment_missing",
        )


def comments_answered(case: Any, data: dict[str, Any]) -> None:
    """Every comment gets an answer (adopted / partly / not, with the reason) before the review."""
    from .models import PublicComment

    n = PublicComment.objects.filter(version__document=case, answer=CommentAnswer.PENDING).count()
    if n:
        raise ValidationError(
            f"还有{n}条公众意见未答复采纳情况，请逐条答复后再报送审核。", code="comments_unanswered"
        )


# --- legality review ----------------------------------------------------------------------------
@needs_data
def passing_opinion(case: Any, data: dict[str, Any]) -> None:
    if data.get("opinion") not in PASSING_OPINIONS:
        raise _err("opinion", "审核意见：请选择“合法”或“修改后合法”。", "bad_opinion")


def flags_decided(case: Any, data: dict[str, Any]) -> None:
    """The reviewer records accepted / dismissed on every machine pre-review flag before the opinion."""
    from .models import PreReviewFlag

    n = PreReviewFlag.objects.filter(clause__version__document=case, decision=FlagDecision.PENDING).count()
    if n:
        raise ValidationError(
            f"还有{n}条机器预审提示未确认（问题成立或排除），请逐条确认后再出具审核意见。",
            code="flags_pending",
        )


def legality_review_passed(case: Any, data: dict[str, Any]) -> None:
    """优化营商环境条例第六十三条第二款; 115号; 决策条例第二十六条: not reviewed or failed → not deliberated, not issued."""
    if case.legality_reviewed_on is None or case.legality_opinion not in PASSING_OPINIONS:
        if _is_decision(case):
            raise ValidationError(
                f"未经合法性审查或者经审查不合法的决策草案，不得提交决策机关讨论（{DECISION_ORDINANCE}第二十六条）。",
                code="legality_review_missing",
            )
        raise ValidationError(
            "未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议，不得发布施行（优化营商环境条例第六十三条第二款）。",
            code="legality_review_missing",
        )


@needs_data
def fair_competition_conclusion_valid(case: Any, data: dict[str, Any]) -> None:
    if data.get("conclusion") not in FairCompetitionConclusion.values:
        raise _err("conclusion", "审查结论：请选择公平竞争审查结论。", "bad_conclusion")


def fair_competition_passed(case: Any, data: dict[str, Any]) -> None:
    """《公平竞争审查条例》第二、十三、十四、十八条: a measure touching business activity is reviewed
    with a written conclusion; one not reviewed, or failing the review, may not be issued."""
    if not case.touches_market:
        return
    if case.fair_competition_conclusion not in (
        FairCompetitionConclusion.PASSED,
        FairCompetitionConclusion.EXCEPTION,
    ):
        raise ValidationError(
            "该文件涉及经营者经济活动，未经公平竞争审查或者审查不通过的，不得出台（公平竞争审查条例）。",
            code="fair_competition_missing",
        )


@needs_data
def meeting_kind_valid(case: Any, data: dict[str, Any]) -> None:
    if data.get("meeting_kind") not in MeetingKind.values:
        raise _err(
            "meeting_kind", "会议类型：请选择政府常务会议、全体会议或部门办公会议。", "bad_meeting_kind"
        )


# --- publication, filing, validity --------------------------------------------------------------
@needs_data
def number_unique(case: Any, data: dict[str, Any]) -> None:
    """37号: documents are numbered uniformly; one number, one document."""
    from .models import NormativeDocument

    number = str(data.get("number", "")).strip()
    other = (
        NormativeDocument.objects.filter(jurisdiction_id=case.jurisdiction_id, number=number)
        .exclude(pk=case.pk)
        .first()
    )
    if other is not None:
        raise _err("number", f"文号“{number}”已用于《{other.title}》，不能重复编号。", "duplicate_number")


@needs_data
def validity_within_limit(case: Any, data: dict[str, Any]) -> None:
    """Local rules (UNCONFIRMED nationally, settings): ≤5 years, 暂行 / 试行 ≤2 years."""
    from .procedures import max_validity_months

    n = data.get("validity_months")
    limit = max_validity_months(case)
    if not isinstance(n, int) or n < 1:
        raise _err("validity_months", "有效期：请填写有效期（月）。", "required")
    if n > limit:
        kind = "标题含“暂行”“试行”的文件" if case.is_provisional else "规范性文件"
        raise _err(
            "validity_months",
            f"有效期：{kind}的有效期不得超过{limit}个月（本地规则，可配置）。",
            "validity_too_long",
        )
    effective = data.get("effective_on")
    if not isinstance(effective, date) or effective < _on(data):
        raise _err("effective_on", "施行日期：不得早于公布日期。", "bad_effective_date")


def effective_date_reached(case: Any, data: dict[str, Any]) -> None:
    if case.effective_on and _on(data) < case.effective_on:
        raise _err(
            "on", f"该文件自{case.effective_on.isoformat()}起施行，不能提前办理施行。", "not_yet_effective"
        )


def not_filed_yet(case: Any, data: dict[str, Any]) -> None:
    filed_on = type(case).objects.filter(pk=case.pk).values_list("filed_on", flat=True).first()
    if filed_on is not None:
        raise ValidationError(f"该文件已于{filed_on.isoformat()}报送备案。", code="already_filed")


@needs_data
def filing_in_time_or_reason(case: Any, data: dict[str, Any]) -> None:
    """37号; 示范指标体系第27项: file within the filing period; a late filing records its reason."""
    from fazhi.core import procedures

    d = procedures.deadlines(case).filter(clock="filing", state__in=("open", "paused")).first()
    if d is None or d.due_date is None:
        return
    if _on(data) > d.due_date and not str(data.get("late_reason", "")).strip():
        raise _err(
            "late_reason",
            f"报备期限已于{d.due_date.isoformat()}届满（{d.basis}），逾期报备应当写明逾期原因。",
            "late_filing_reason_required",
        )


# --- major decisions ----------------------------------------------------------------------------
def public_participation_done(case: Any, data: dict[str, Any]) -> None:
    """第十四条: the public is heard unless the matter is confidential."""
    if case.confidential:
        if not case.confidential_reason.strip():
            raise ValidationError(
                "依法不予公开的决策事项，应当写明不公开征求意见的依据。", code="confidential_reason_missing"
            )
        return
    if case.comment_closed_on is None:
        raise ValidationError(
            f"决策草案尚未公开征求意见，缺少公众参与程序（{DECISION_ORDINANCE}第十四条）。",
            code="participation_missing",
        )


@needs_data
def review_period_respected(case: Any, data: dict[str, Any]) -> None:
    """第二十七条: the legality review generally gets at least 7 working days; asking for the opinion
    sooner needs a written reason."""
    from .procedures import MAJOR_DECISION

    needed_by = data.get("needed_by")
    if not isinstance(needed_by, date):
        return
    period = MAJOR_DECISION.clock("legality_review").period
    earliest, pending = earliest_date(_on(data), period)
    if needed_by < earliest and not str(data.get("short_reason", "")).strip():
        raise _err(
            "needed_by",
            f"合法性审查一般不少于{period}（{period.basis}），要求在{earliest.isoformat()}{pending}前出具意见的，应当书面说明理由。",
            "review_period_too_short",
        )


def expert_review_done(case: Any, data: dict[str, Any]) -> None:
    """第十九条: specialised or technical matters are reviewed by experts (signed written opinions)."""
    if case.requires_expert_review and case.expert_review_on is None:
        raise ValidationError(
            f"专业性、技术性较强的决策事项，应当组织专家论证（{DECISION_ORDINANCE}第十九条）；尚无专家论证记录。",
            code="expert_review_missing",
        )


def risk_assessment_done(case: Any, data: dict[str, Any]) -> None:
    """第二十二条: a risk assessment with its report where stability or public safety may be affected."""
    if case.requires_risk_assessment and (case.risk_assessed_on is None or not case.risk_report.strip()):
        raise ValidationError(
            f"可能对社会稳定、公共安全等方面造成不利影响的决策事项，应当组织风险评估并形成风险评估报告（{DECISION_ORDINANCE}第二十二条）。",
            code="risk_assessment_missing",
        )


def risk_controllable(case: Any, data: dict[str, Any]) -> None:
    """第二十四条: decide only if the risk is controllable."""
    if case.requires_risk_assessment and case.risk_level == RiskLevel.HIGH:
        raise ValidationError(
            f"风险评估认为风险不可控，不得作出决策（{DECISION_ORDINANCE}第二十四条）；请调整决策草案后重新评估。",
            code="risk_not_controllable",
        )


@needs_data
def government_meeting(case: Any, data: dict[str, Any]) -> None:
    """第三十条第一款: discussed at the government's executive or plenary meeting."""
    if data.get("meeting_kind") not in (MeetingKind.EXECUTIVE, MeetingKind.PLENARY):
        raise _err(
            "meeting_kind",
            f"重大行政决策应当经政府常务会议或者全体会议讨论（{DECISION_ORDINANCE}第三十条）。",
            "not_government_meeting",
        )


@needs_data
def head_explains_departure(case: Any, data: dict[str, Any]) -> None:
    """第三十条第二款: a decision departing from the majority is explained at the meeting."""
    if data.get("departs_from_majority") and not str(data.get("head_explanation", "")).strip():
        raise _err(
            "head_explanation",
            f"行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由（{DECISION_ORDINANCE}第三十条）。",
            "explanation_missing",
        )


# --- papers -------------------------------------------------------------------------------------
@needs_data
def reviewer_named(case: Any, data: dict[str, Any]) -> None:
    if not data.get("reviewer") and not data.get("adviser"):
        raise _err("reviewer", "分办：请指定承办审查人员或法律顾问。", "required")


@needs_data
def paper_conclusion_valid(case: Any, data: dict[str, Any]) -> None:
    if data.get("conclusion") not in PaperConclusion.values:
        raise _err("conclusion", "审查结论：请选择审查结论。", "bad_conclusion")
