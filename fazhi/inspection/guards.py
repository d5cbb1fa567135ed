"""Guards of the inspection procedures: one rule, one name (STYLE.md §2.3). Each raises a Chinese
`ValidationError`; the engine calls them as `guard(case, data)`; the create services reuse them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from .choices import MatterCategory

HUNDRED = Decimal(100)


def _err(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def plan_has_legal_basis(case: Any, data: dict[str, Any]) -> None:
    """《优化营商环境条例》第五十四条; 国发〔2019〕5号: every inspection rests on a legal basis."""
    if not (case.legal_basis or "").strip() or not (case.matter.legal_basis or "").strip():
        raise _err(
            "legal_basis", "检查依据：抽查计划必须写明检查依据（法律、法规、规章条款）。", "no_legal_basis"
        )


def plan_matter_on_list(case: Any, data: dict[str, Any]) -> None:
    """国发〔2019〕5号 “一单两库”: a plan draws only on its own agency's active matter list (清单之外无检查)."""
    if case.matter.agency_id != case.agency_id or not case.matter.is_active:
        raise _err(
            "matter",
            f"抽查事项：“{case.matter.name}”不在本部门有效的抽查事项清单内，清单之外不得检查。",
            "matter_not_on_list",
        )


def plan_ratio_within_limits(case: Any, data: dict[str, Any]) -> None:
    """国发〔2019〕5号: ratios of general items are strictly limited (the matter's ceiling); none above 100 %."""
    if case.ratio is None and not case.count:
        raise _err("ratio", "抽查比例：请填写抽查比例或抽查数量。", "ratio_required")
    if case.ratio is not None:
        ratio = Decimal(case.ratio)
        if ratio <= 0 or ratio > HUNDRED:
            raise _err("ratio", "抽查比例：应大于0%且不超过100%。", "ratio_range")
        ceiling = case.matter.ratio
        if case.matter.category == MatterCategory.GENERAL and ceiling is not None and ratio > ceiling:
            raise _err(
                "ratio",
                f"抽查比例：一般检查事项“{case.matter.name}”的抽查比例不得超过{ceiling.normalize():f}%。",
                "ratio_above_ceiling",
            )
    previous = Decimal(0)
    for grade in "ABCD":
        value = Decimal(str(case.grade_ratios.get(grade, "0")))
        if value < 0 or value > HUNDRED:
            raise _err(
                "grade_ratios", f"各信用等级抽查比例：{grade}类的比例应在0%至100%之间。", "ratio_range"
            )
        if value < previous:
            raise _err(
                "grade_ratios",
                "各信用等级抽查比例：信用风险越高的等级抽查比例应越高（A≤B≤C≤D）。",
                "grade_ratio_order",
            )
        previous = value


def plan_period_in_order(case: Any, data: dict[str, Any]) -> None:
    if case.period_end < case.period_start:
        raise _err("period_end", "检查期间：结束日期不能早于开始日期。", "period_order")


def recorded_by_assigned_inspector(case: Any, data: dict[str, Any]) -> None:
    """国发〔2019〕5号: the result is recorded by the inspectors drawn for the task ("谁检查、谁录入")."""
    if data.get("recorded_by") not in set(case.inspectors.values_list("inspector__officer_id", flat=True)):
        raise ValidationError("只有抽中的检查人员才能录入本任务的检查结果。", code="not_assigned_inspector")
