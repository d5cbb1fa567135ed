"""Time-limit rules per agency (办案期限规则): the row, or the defaults when an agency has none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.enforcement.models.rules import (
    DEFAULT_APPROVER,
    DEFAULT_DECISION_DAYS,
    DEFAULT_EXTENSION_DAYS,
    DEFAULT_MAX_EXTENSIONS,
    DEFAULT_STATEMENT_DAYS,
    PenaltyTimeLimitRule,
)

NOTE = (
    "《行政处罚法》第六十条：自立案之日起九十日内作出决定；法律、法规、规章另有规定的从其规定。"
    "延长规则由各部门规章规定，默认值可按本机关依据调整。"
    "陈述申辩期间法律未规定天数，默认3个工作日，按本机关规则调整。"
)


@dataclass(frozen=True)
class TimeLimit:
    """The rule an agency's penalty cases use now (`configured` is False for the defaults)."""

    agency: Any
    decision_days: int
    extension_days: int
    max_extensions: int
    extension_approver: str
    legal_basis: str
    configured: bool
    rule: PenaltyTimeLimitRule | None = None
    statement_days: int = DEFAULT_STATEMENT_DAYS


def time_limit_of(agency: Any, rule: PenaltyTimeLimitRule | None) -> TimeLimit:
    if rule is None:
        return TimeLimit(
            agency,
            DEFAULT_DECISION_DAYS,
            DEFAULT_EXTENSION_DAYS,
            DEFAULT_MAX_EXTENSIONS,
            DEFAULT_APPROVER,
            "",
            configured=False,
        )
    return TimeLimit(
        agency,
        rule.decision_days,
        rule.extension_days,
        rule.max_extensions,
        rule.extension_approver,
        rule.legal_basis,
        configured=True,
        rule=rule,
        statement_days=rule.statement_days,
    )


def time_limit_for(agency_id: int) -> TimeLimit:
    """The rule of one agency (no row = the defaults). Used by the penalty procedure's clock."""
    rule = PenaltyTimeLimitRule.objects.filter(agency_id=agency_id).select_related("agency").first()
    return time_limit_of(rule.agency if rule else None, rule)


def time_limit_of_agency(agency: Any) -> TimeLimit:
    """The rule of `agency` (an Agency instance), the defaults when it has no row."""
    return time_limit_of(
        agency, PenaltyTimeLimitRule.objects.filter(agency=agency).select_related("updated_by").first()
    )


def time_limits_visible_to(user: Any) -> list[TimeLimit]:
    """Every agency the user may see, with its rule or the defaults, in agency order."""
    from fazhi.org.models import Agency

    rules = {
        r.agency_id: r
        for r in PenaltyTimeLimitRule.objects.visible_to(user).select_related("agency", "updated_by")
    }
    agencies = Agency.objects.visible_to(user).enforcement_bodies().filter(is_active=True).order_by("pk")
    return [time_limit_of(a, rules.get(a.pk)) for a in agencies]
