"""Small shared checks for every enforcement service (ADR 0001: Chinese messages, codes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.errors import invalid, not_in_future, require_perm  # noqa: F401  (the shared helpers)

CENT = Decimal("0.01")


def money(value: Any, field: str, label: str, *, required: bool = False) -> Decimal | None:
    """Money is a non-negative Decimal with at most two decimals (元, 角, 分)."""
    if value is None or value == "":
        if required:
            raise invalid({field: f"请填写{label}。"}, code="required")
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise invalid({field: f"{label}“{value}”不是有效的金额。"}, code="money_invalid") from None
    if not amount.is_finite():
        raise invalid({field: f"{label}“{value}”不是有效的金额。"}, code="money_invalid")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(CENT):
        raise invalid({field: f"{label}“{value}”最多保留两位小数（精确到分）。"}, code="money_precision")
    if amount < 0:
        raise invalid({field: f"{label}不能为负数。"}, code="money_negative")
    if amount >= Decimal("1e12"):
        raise invalid({field: f"{label}金额过大。"}, code="money_too_large")
    return amount.quantize(CENT)


def not_before(on: date, earlier: date | None, field: str, message: str) -> None:
    if earlier is not None and on < earlier:
        raise invalid({field: message}, code="date_order")


def not_future(on: date | None, field: str = "on", label: str = "办理日期") -> None:
    """A date of something that happened (received, decided, served …) cannot lie after today."""
    if isinstance(on, date):
        not_in_future(on, field, label)


def party_id_valid(value: str, *, natural_person: bool, field: str = "party_id_number") -> str:
    """The party's resident ID number (GB 11643) or USCC (GB 32100), validated as in reconsideration
    (fazhi.core.ids) and returned normalised; blank stays blank (the number may be completed later)."""
    from fazhi.core import ids

    value = (value or "").strip()
    if not value:
        return ""
    try:
        if natural_person:
            return ids.validate_id_number(value, field="当事人的居民身份证号码").value
        return ids.validate_uscc(value, field="当事人的统一社会信用代码").value
    except ValidationError as exc:
        raise invalid({field: exc.messages[0]}, code=getattr(exc, "code", None) or "invalid") from None


def ensure_open(case: Any) -> None:
    """A closed case is archived (行政处罚法第四十七条): nothing on it may change."""
    if case.state == "closed":
        raise invalid(f"案件 {case.number} 已结案归档，不能再修改。", code="case_closed")


def as_date(value: Any, field: str, label: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise invalid(
            {field: f"{label}“{value}”不是有效日期（格式：YYYY-MM-DD）。"}, code="date_invalid"
        ) from None


def actor_agency(actor: Any, what: str) -> Any:
    """The agency an officer acts for; staff without an agency cannot act for one."""
    agency = getattr(actor, "agency", None)
    if agency is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(f"您无权{what}：账号未关联执法主体。")
    return agency
