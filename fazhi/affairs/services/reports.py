"""The annual disclosure report's entered parts (tables 二 and 四, prose) — 条例第五十条."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit
from fazhi.org.models import Agency, Jurisdiction, User

from ..models import DisclosureReport
from .common import check_dates, may

__all__ = ["publish_report", "save_report_parts"]

TABLE2_KEYS = {"rules": 3, "normative_docs": 3, "licensing": 1, "penalties": 1, "coercion": 1, "fees": 1}
TABLE4_KEYS = ("行政复议", "未经复议直接起诉", "复议后起诉")


@transaction.atomic
def save_report_parts(
    *,
    actor: User,
    jurisdiction: Jurisdiction,
    agency: Agency | None,
    year: int,
    table2: dict[str, list[Any]] | None = None,
    table4: dict[str, list[Any]] | None = None,
    overview: str = "",
    problems: str = "",
    other_matters: str = "",
) -> DisclosureReport:
    """Store what the records cannot give; table 三 is always computed, never entered."""
    may(actor, "affairs.edit_disclosure_report", agency or jurisdiction, "您无权编辑该年度报告。")
    errors = {}
    clean2: dict[str, list[Any]] = {}
    for key, values in (table2 or {}).items():
        if key not in TABLE2_KEYS:
            continue
        if any(not isinstance(v, int | float) or v < 0 for v in values):
            errors["table2"] = ValidationError(
                "主动公开情况表中的数字应为不小于0的数。", code="invalid_number"
            )
        clean2[key] = list(values)[: TABLE2_KEYS[key]]
    clean4: dict[str, list[int]] = {}
    for key, values in (table4 or {}).items():
        if key not in TABLE4_KEYS:
            continue
        if any(not isinstance(v, int) or v < 0 for v in values):
            errors["table4"] = ValidationError(
                "行政复议、行政诉讼情况表中的数字应为不小于0的整数。", code="invalid_number"
            )
        clean4[key] = list(values)[:4]
    if errors:
        raise ValidationError(errors)
    record, _ = DisclosureReport.objects.select_for_update().get_or_create(
        jurisdiction=jurisdiction, agency=agency, year=year
    )
    if record.published_on:
        raise ValidationError(
            {"on": ValidationError("年度报告已经公开，不能再修改。", code="already_published")}
        )
    before = {"table2": record.table2, "table4": record.table4}
    record.table2 = {**record.table2, **clean2}
    record.table4 = {**record.table4, **clean4}
    record.overview, record.problems, record.other_matters = (
        overview.strip(),
        problems.strip(),
        other_matters.strip(),
    )
    record.save()
    audit.record(
        actor=actor,
        action="affairs.disclosure_report.save",
        obj=record,
        before=before,
        after={"table2": record.table2, "table4": record.table4},
    )
    return record


@transaction.atomic
def publish_report(
    *, actor: User, jurisdiction: Jurisdiction, agency: Agency | None, year: int, on: date
) -> DisclosureReport:
    """公开年度报告 (条例第四十九条): the report is frozen as published; a broken cross-sum is refused."""
    from .. import disclosure_report as dr

    may(actor, "affairs.edit_disclosure_report", agency or jurisdiction, "您无权公开该年度报告。")
    check_dates(on=(on, "公开日期"))
    if on.year <= year:
        raise ValidationError(
            {"on": ValidationError(f"{year}年度报告应在{year + 1}年公开。", code="too_early")}
        )
    report = dr.build(jurisdiction, year, agency)
    if report.record.published_on:
        raise ValidationError({"on": ValidationError("该年度报告已经公开。", code="already_published")})
    if report.errors:
        raise ValidationError({"table3": ValidationError(report.errors, code="cross_sum")})
    record, _ = DisclosureReport.objects.select_for_update().get_or_create(
        jurisdiction=jurisdiction, agency=agency, year=year
    )
    record.table3_snapshot = dr.snapshot(report.table3)
    record.published_on = on
    record.save(update_fields=["table3_snapshot", "published_on"])
    audit.record(
        actor=actor,
        action="affairs.disclosure_report.publish",
        obj=record,
        after={"published_on": on, "due": report.due, "on_time": on <= report.due},
    )
    return record
