"""Setting an agency's time-limit rule (办案期限规则, LEGAL_RULES.md §3 "decision time limit").

The justice bureau (supervisor) of the jurisdiction or the agency's own admin sets it; audited.
The rule applies to decision periods started afterwards: a started deadline keeps the period it was
started with (the engine stores it), and an extension request is checked against the rule in force.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.enforcement.models.rules import PenaltyTimeLimitRule

from ._common import invalid, require_perm

MAX_DECISION_DAYS = 365
MAX_EXTENSION_DAYS = 365
MAX_EXTENSIONS = 10
MAX_STATEMENT_DAYS = 30
_FIELDS = (
    "decision_days",
    "extension_days",
    "max_extensions",
    "statement_days",
    "extension_approver",
    "legal_basis",
)


def _int(value: Any, field: str, label: str, low: int, high: int, errors: dict[str, str]) -> int:
    if isinstance(value, bool):
        value = None
    try:
        n = int(str(value).strip()) if value is not None and str(value).strip() != "" else None
    except ValueError:
        n = None
    if n is None or str(n) != str(value).strip():
        errors[field] = f"{label}应为整数。"
        return 0
    if n < low or n > high:
        errors[field] = (
            f"{label}应为正整数，且不超过{high}。" if low >= 1 else f"{label}应在{low}至{high}之间。"
        )
    return n


@transaction.atomic
def set_time_limit_rule(
    *,
    actor: Any,
    agency: Any,
    decision_days: Any,
    extension_days: Any,
    max_extensions: Any,
    extension_approver: str,
    legal_basis: str = "",
    statement_days: Any = None,
) -> PenaltyTimeLimitRule:
    """设置本机关行政处罚办案期限规则 (create or update the agency's row)."""
    rule = PenaltyTimeLimitRule.objects.select_for_update().filter(agency_id=agency.pk).first()
    if rule is None:
        rule = PenaltyTimeLimitRule(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    require_perm(actor, "enforcement.set_time_limit_rule", rule, "设置该机关的行政处罚办案期限规则")
    errors: dict[str, str] = {}
    days = _int(decision_days, "decision_days", "作出决定期限（日）", 1, MAX_DECISION_DAYS, errors)
    ext_days = _int(extension_days, "extension_days", "每次延长（日）", 1, MAX_EXTENSION_DAYS, errors)
    times = _int(max_extensions, "max_extensions", "最多延长次数", 0, MAX_EXTENSIONS, errors)
    statement = rule.statement_days
    if statement_days is not None and str(statement_days).strip() != "":
        statement = _int(
            statement_days, "statement_days", "陈述申辩期间（工作日）", 1, MAX_STATEMENT_DAYS, errors
        )
    approver = (extension_approver or "").strip()
    basis = (legal_basis or "").strip()
    if not approver:
        errors["extension_approver"] = "请填写延长审批方式（如：负责人批准；负责人集体讨论）。"
    elif len(approver) > 100:
        errors["extension_approver"] = "延长审批方式不能超过100个字。"
    if len(basis) > 150:
        errors["legal_basis"] = "依据不能超过150个字。"
    if not getattr(agency, "has_enforcement_authority", False):
        errors["agency"] = f"“{agency}”不具有行政执法主体资格，无需设置办案期限规则。"
    if errors:
        raise invalid(errors, code="time_limit_rule_invalid")
    before = {f: getattr(rule, f) for f in _FIELDS} if rule.pk else None
    rule.decision_days, rule.extension_days, rule.max_extensions = days, ext_days, times
    rule.extension_approver, rule.legal_basis = approver, basis
    rule.statement_days = statement
    rule.updated_by = actor
    rule.save()
    audit.record(
        actor=actor,
        action="enforcement.set_time_limit_rule",
        obj=rule,
        before=before,
        after={f: getattr(rule, f) for f in _FIELDS},
    )
    return rule
