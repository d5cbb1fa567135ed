"""Guards of the affairs procedures: one rule, one name, one Chinese message (STYLE.md §2.3).

The engine calls them as `guard(case, data)`; those marked `@needs_data` judge the submitted form
(a date, a reply type) and are left out when the case page and 我的待办 list what may be done now. The services put the step's date into `data["on"]`
(and a posting date into `data["posted_on"]`), so the guards can judge a date against a deadline.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from fazhi.core import workdays
from fazhi.core.procedures.declare import needs_data
from fazhi.core.procedures.models import Deadline, DeadlineState

from .choices import PetitionOutcome, ReplyType, Satisfaction, SuggestionCategory

RUNNING = (DeadlineState.OPEN, DeadlineState.PAUSED)


def running_deadline(case: Any, clock: str) -> Deadline | None:
    """The open or paused engine deadline of `clock` on `case` (None if it is not running)."""
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(type(case)),
            object_id=case.pk,
            clock=clock,
            state__in=RUNNING,
        )
        .order_by("-id")
        .first()
    )


def _on(data: dict[str, Any]) -> date:
    on = data.get("on")
    return on if isinstance(on, date) else workdays.today()


def _field(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: ValidationError(message, code=code)})


# --- disclosure (政府信息公开条例) -----------------------------------------------------------------
@needs_data
def amendment_within_7_working_days(case: Any, data: dict[str, Any]) -> None:
    """第三十条: the organ asks for a correction within 7 WD of receipt; afterwards it answers the request as it is."""
    d = running_deadline(case, "amendment_notice")
    if d is not None and d.due_date is not None and _on(data) > d.due_date:
        raise _field(
            "on",
            f"应当自收到申请之日起7个工作日内一次性告知补正（政府信息公开条例第三十条），已于 {d.due_date.isoformat()} 届满。",
            "amendment_notice_late",
        )


@needs_data
def supplement_in_time(case: Any, data: dict[str, Any]) -> None:
    """第三十条: the corrected request is due within the period the organ set; a request posted in
    time is in time (LEGAL_RULES.md §13, time in the post); a late one needs a good reason."""
    d = running_deadline(case, "applicant_amendment")
    if d is None or d.due_date is None:
        return
    on, posted = _on(data), data.get("posted_on")
    if on <= d.due_date or (isinstance(posted, date) and posted <= d.due_date):
        return
    if str(data.get("late_reason", "")).strip():
        return
    raise _field(
        "on",
        f"补正期限已于 {d.due_date.isoformat()} 届满，补正申请 {on.isoformat()} 收到"
        + (f"、{posted.isoformat()} 交邮" if isinstance(posted, date) else "")
        + "，已逾期；申请人有正当理由的，请填写逾期理由（政府信息公开条例第三十条）。",
        "supplement_late",
    )


@needs_data
def amendment_period_expired(case: Any, data: dict[str, Any]) -> None:
    """第三十条: only an applicant who lets the period pass without good reason has abandoned the request."""
    d = running_deadline(case, "applicant_amendment")
    if d is not None and (d.due_date is None or _on(data) <= d.due_date):
        due = d.due_date.isoformat() if d.due_date else "待录入日历后计算"
        raise _field(
            "on",
            f"补正期限（{due}）尚未届满，不能视为放弃申请（政府信息公开条例第三十条）。",
            "amendment_period_running",
        )


@needs_data
def fee_allowed(case: Any, data: dict[str, Any]) -> None:
    """第四十二条: a processing fee only where the number or frequency of requests clearly exceeds a
    reasonable range; the amount must be a positive sum of money."""
    try:
        amount = Decimal(str(data.get("fee_amount")))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or amount <= 0:
        raise _field("fee_amount", "收费金额：应为大于0的金额（元）。", "invalid_fee")


@needs_data
def fee_period_expired(case: Any, data: dict[str, Any]) -> None:
    d = running_deadline(case, "fee_payment")
    if d is not None and (d.due_date is None or _on(data) <= d.due_date):
        due = d.due_date.isoformat() if d.due_date else "待录入日历后计算"
        raise _field("on", f"缴费期限（{due}）尚未届满，不能按逾期未缴费处理。", "fee_period_running")


@needs_data
def statutory_reply_type(case: Any, data: dict[str, Any]) -> None:
    """第三十六条: the reply takes one of the statutory forms (also 第三十条、第三十五、三十七至三十九条)."""
    if data.get("reply_type") not in ReplyType.values:
        raise _field(
            "reply_type",
            f"答复类型“{data.get('reply_type')}”不是政府信息公开条例第三十六条规定的答复类型，请从列表中选择。",
            "invalid_reply_type",
        )


# --- suggestions and proposals ------------------------------------------------------------------
@needs_data
def lead_agency_named(case: Any, data: dict[str, Any]) -> None:
    if not case.agency_id:
        raise _field("agency", "交办前须确定主办单位。", "no_lead_agency")


def complex_item(case: Any, data: dict[str, Any]) -> None:
    """代表法第五十一条第三款: only wide-ranging or hard items get the longer period."""
    if not case.is_complex:
        raise _field(
            "ground",
            "只有涉及面广、处理难度大的建议提案可以延期答复；请先标记为复杂事项。",
            "not_complex",
        )


@needs_data
def extension_requested(case: Any, data: dict[str, Any]) -> None:
    """The longer period is asked for online by the lead agency before the assigning office approves it."""
    if case.extension_requested_on is None:
        raise _field("ground", "主办单位尚未在线申请延期，不能批准延期。", "extension_not_requested")


@needs_data
def valid_category(case: Any, data: dict[str, Any]) -> None:
    if data.get("category") not in SuggestionCategory.values:
        raise _field("category", "办理结果分类应为A类、B类或C类。", "invalid_category")


def all_countersigned(case: Any, data: dict[str, Any]) -> None:
    """会签: every co-handler has sent its views to the lead handler before the reply goes out."""
    missing = [c.agency.name for c in case.co_handlers.select_related("agency") if c.countersigned_on is None]
    if missing:
        raise _field(
            "co_handlers",
            f"协办单位{'、'.join(missing)}尚未会签，不能答复。",
            "not_countersigned",
        )


@needs_data
def satisfied_feedback(case: Any, data: dict[str, Any]) -> None:
    if data.get("satisfaction") not in (Satisfaction.SATISFIED, Satisfaction.BASICALLY):
        raise _field("satisfaction", "代表委员不满意的，应当重新办理，不能办结。", "unsatisfied")


@needs_data
def unsatisfied_feedback(case: Any, data: dict[str, Any]) -> None:
    if data.get("satisfaction") != Satisfaction.UNSATISFIED:
        raise _field("satisfaction", "只有代表委员反馈不满意的才重新办理。", "not_unsatisfied")


# --- petitions (信访工作条例) ----------------------------------------------------------------------
@needs_data
def petition_outcome(case: Any, data: dict[str, Any]) -> None:
    """第三十二条: support, explain or not support."""
    if data.get("outcome") not in PetitionOutcome.values:
        raise _field("outcome", "处理意见应为予以支持、解释说明或不予支持。", "invalid_outcome")


def _request_in_time(served: date | None, data: dict[str, Any], period: Any, what: str, article: str) -> None:
    if served is None:
        raise _field("served_on", f"请先登记信访人收到{what}的日期。", "not_served")
    due = workdays.add(served, period)
    on, posted = _on(data), data.get("posted_on")
    arrived = posted if isinstance(posted, date) and posted < on else on
    if arrived > due:
        raise _field(
            "on",
            f"信访人应在收到{what}之日起30日内提出请求（{article}），期限已于 {due.isoformat()} 届满。",
            "request_late",
        )


@needs_data
def review_requested_in_time(case: Any, data: dict[str, Any]) -> None:
    """第三十五条: review requested within 30 days of receiving the written opinion (posting date counts)."""
    from .procedures import REVIEW_REQUEST_PERIOD

    _request_in_time(
        case.opinion_served_on, data, REVIEW_REQUEST_PERIOD, "信访处理意见书", "信访工作条例第三十五条"
    )


@needs_data
def rereview_requested_in_time(case: Any, data: dict[str, Any]) -> None:
    """第三十六条: re-review requested within 30 days of receiving the review opinion."""
    from .procedures import REREVIEW_REQUEST_PERIOD

    _request_in_time(
        case.review_served_on, data, REREVIEW_REQUEST_PERIOD, "复查意见", "信访工作条例第三十六条"
    )
