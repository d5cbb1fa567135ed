"""执法事项清单、裁量基准、法制审核目录 — writes and Excel import/export.

Import is all-or-nothing (ADR 0001): one message per broken row ("第 3 行：…"), nothing written when any
row fails. Rows with an existing code update the matter (never a second copy — DESIGN.md "never retype").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openpyxl import Workbook

from fazhi.core import audit
from fazhi.core.excel import append_text_row, cell_text, open_workbook, workbook_bytes
from fazhi.enforcement.choices import MatterKind, NoPenaltyList, ReviewGround, Tier
from fazhi.enforcement.models import Benchmark, LegalReviewItem, Matter

from ._common import invalid, money, require_perm

MATTER_HEADERS = ["事项编码", "事项名称", "事项类别", "设定依据", "依据条款"]
BENCHMARK_HEADERS = [
    "事项编码",
    "裁量阶次",
    "适用情形",
    "不予处罚清单",
    "罚款下限（元）",
    "罚款上限（元）",
    "其他处罚种类",
]
_KIND_BY_LABEL = {str(label): value for value, label in MatterKind.choices}
_TIER_BY_LABEL = {str(label): value for value, label in Tier.choices}
_LIST_BY_LABEL = {str(label): value for value, label in NoPenaltyList.choices if value}


def _probe(agency: Any) -> Matter:
    return Matter(agency=agency, jurisdiction_id=agency.jurisdiction_id)


@transaction.atomic
def create_matter(
    *, actor: Any, agency: Any, code: str, name: str, kind: str, legal_basis: str, basis_article: str
) -> Matter:
    """登记执法事项 (118号 二(一): publish powers with their legal basis)."""
    require_perm(actor, "enforcement.manage_catalogue", _probe(agency), "维护该机关的执法事项清单")
    matter = Matter(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        code=(code or "").strip(),
        name=(name or "").strip(),
        kind=kind,
        legal_basis=(legal_basis or "").strip(),
        basis_article=(basis_article or "").strip(),
    )
    _validate_matter(matter)
    matter.save()
    audit.record(actor=actor, action="enforcement.create_matter", obj=matter, after={"code": matter.code})
    return matter


def _validate_matter(matter: Matter) -> None:
    errors = {}
    if not matter.code:
        errors["code"] = "请填写事项编码。"
    if not matter.name:
        errors["name"] = "请填写事项名称。"
    if matter.kind not in MatterKind.values:
        errors["kind"] = "事项类别应为：" + "、".join(_KIND_BY_LABEL) + "。"
    if not matter.basis_article:
        errors["basis_article"] = "请填写设定依据的具体条款（如《食品安全法》第一百二十四条）。"
    if not matter.legal_basis:
        errors["legal_basis"] = "请填写设定依据。"
    if (
        "code" not in errors
        and Matter.objects.filter(agency_id=matter.agency_id, code=matter.code).exclude(pk=matter.pk).exists()
    ):
        errors["code"] = f"事项编码“{matter.code}”已存在。"
    if errors:
        raise invalid(errors, code="invalid")


@transaction.atomic
def add_benchmark(
    *,
    actor: Any,
    matter: Matter,
    tier: str,
    circumstance: str,
    fine_min: Any = None,
    fine_max: Any = None,
    no_penalty_list: str = "",
    other_penalties: str = "",
) -> Benchmark:
    """裁量基准 (行政处罚法第三十四条)."""
    require_perm(actor, "enforcement.manage_catalogue", matter, "维护该机关的裁量基准")
    benchmark = _build_benchmark(
        matter, tier, circumstance, fine_min, fine_max, no_penalty_list, other_penalties
    )
    benchmark.save()
    audit.record(actor=actor, action="enforcement.add_benchmark", obj=benchmark, after={"tier": tier})
    return benchmark


def _build_benchmark(
    matter: Matter,
    tier: str,
    circumstance: str,
    fine_min: Any,
    fine_max: Any,
    no_penalty_list: str,
    other: str,
) -> Benchmark:
    errors: dict[str, str] = {}
    if matter.kind != MatterKind.PENALTY:
        errors["matter"] = f"“{matter.name}”不是行政处罚事项，不能设置裁量基准。"
    if tier not in Tier.values:
        errors["tier"] = "裁量阶次应为：" + "、".join(_TIER_BY_LABEL) + "。"
    if not (circumstance or "").strip():
        errors["circumstance"] = "请填写适用情形。"
    lo = money(fine_min, "fine_min", "罚款下限")
    hi = money(fine_max, "fine_max", "罚款上限")
    if lo is not None and hi is not None and hi < lo:
        errors["fine_max"] = f"罚款上限 {hi} 元低于下限 {lo} 元。"
    if no_penalty_list and no_penalty_list not in NoPenaltyList.values:
        errors["no_penalty_list"] = "不予处罚清单应为：首违不罚 或 轻微不罚。"
    if no_penalty_list and tier != Tier.NO_PENALTY:
        errors["no_penalty_list"] = (
            "只有“不予处罚”阶次才能列入首违不罚、轻微不罚清单（行政处罚法第三十三条）。"
        )
    if tier == Tier.NO_PENALTY and ((lo or Decimal(0)) > 0 or (hi or Decimal(0)) > 0):
        errors["fine_min"] = "“不予处罚”阶次不能设置罚款幅度。"
    if errors:
        raise invalid(errors, code="invalid")
    return Benchmark(
        matter=matter,
        tier=tier,
        circumstance=circumstance.strip(),
        fine_min=lo,
        fine_max=hi,
        no_penalty_list=no_penalty_list or "",
        other_penalties=(other or "").strip(),
    )


@transaction.atomic
def add_legal_review_item(
    *,
    actor: Any,
    agency: Any,
    ground: str,
    matter: Matter | None = None,
    circumstance: str = "",
    min_fine: Any = None,
) -> LegalReviewItem:
    """法制审核目录 (行政处罚法第五十八条; 118号 四(二))."""
    item = LegalReviewItem(
        agency=agency, jurisdiction_id=agency.jurisdiction_id, matter=matter, ground=ground
    )
    require_perm(actor, "enforcement.manage_catalogue", item, "维护该机关的法制审核目录")
    if ground not in ReviewGround.values:
        raise invalid({"ground": "请选择法制审核情形（行政处罚法第五十八条第一款）。"}, code="invalid")
    if matter is not None and matter.agency_id != agency.pk:
        raise invalid({"matter": "该事项不属于本机关。"}, code="invalid")
    item.circumstance = (circumstance or "").strip()
    item.min_fine = money(min_fine, "min_fine", "罚款金额")
    item.save()
    audit.record(actor=actor, action="enforcement.add_legal_review_item", obj=item, after={"ground": ground})
    return item


# --- Excel ---------------------------------------------------------------------------------------
def export_catalogue(matters: Any) -> bytes:
    """Two sheets: 执法事项 and 裁量基准, in the same layout the import reads."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "执法事项"
    ws.append(MATTER_HEADERS)
    bs = wb.create_sheet("裁量基准")
    bs.append(BENCHMARK_HEADERS)
    for m in matters:
        append_text_row(ws, [m.code, m.name, m.get_kind_display(), m.legal_basis, m.basis_article])
        for b in m.benchmarks.all():
            append_text_row(
                bs,
                [
                    m.code,
                    b.get_tier_display(),
                    b.circumstance,
                    b.get_no_penalty_list_display() if b.no_penalty_list else "",
                    float(b.fine_min) if b.fine_min is not None else None,
                    float(b.fine_max) if b.fine_max is not None else None,
                    b.other_penalties,
                ],
            )
    return workbook_bytes(wb)


@transaction.atomic
def import_catalogue(*, actor: Any, agency: Any, file: Any) -> dict[str, int]:
    """Import matters (and, on a second sheet, benchmarks) for `agency`. All rows or none."""
    require_perm(actor, "enforcement.manage_catalogue", _probe(agency), "导入该机关的执法事项清单")
    try:
        wb = open_workbook(file)
    except Exception:  # noqa: BLE001 — any unreadable upload (not only ImportFileError) gets this message
        raise invalid(
            {"file": "无法读取该文件，请上传 .xlsx 格式的 Excel 文件。"}, code="file_invalid"
        ) from None
    if "执法事项" not in wb.sheetnames:
        raise invalid({"file": "Excel 文件中没有名为“执法事项”的工作表。"}, code="file_invalid")
    errors: list[str] = []
    rows = list(wb["执法事项"].iter_rows(values_only=True))
    if not rows or [cell_text(c) for c in rows[0][: len(MATTER_HEADERS)]] != MATTER_HEADERS:
        raise invalid(
            {"file": "“执法事项”表头应为：" + "、".join(MATTER_HEADERS) + "。"}, code="file_invalid"
        )
    existing = {m.code: m for m in Matter.objects.filter(agency=agency)}
    matters: dict[str, Matter] = {}
    for i, row in enumerate(rows[1:], start=2):
        values = [cell_text(c) for c in list(row) + [None] * 5][:5]
        if not any(values):
            continue
        code, name, kind_label, basis, article = values
        m = existing.get(code) or Matter(agency=agency, jurisdiction_id=agency.jurisdiction_id)
        m.code, m.name, m.legal_basis, m.basis_article = code, name, basis, article
        m.kind = _KIND_BY_LABEL.get(kind_label, kind_label)
        if code in matters:
            errors.append(f"第 {i} 行：事项编码“{code}”在文件中重复。")
            continue
        try:
            _validate_matter(m)
        except ValidationError as e:
            errors.append(f"第 {i} 行：" + "；".join(e.messages))
            continue
        matters[code] = m
    benchmarks: list[tuple[int, str, list[str]]] = []
    if "裁量基准" in wb.sheetnames:
        brows = list(wb["裁量基准"].iter_rows(values_only=True))
        for i, row in enumerate(brows[1:], start=2):
            values = [cell_text(c) for c in list(row) + [None] * 7][:7]
            if any(values):
                benchmarks.append((i, values[0], values))
    if errors:
        raise invalid({"file": errors}, code="import_rows")
    for m in matters.values():
        m.save()
    all_codes = {**existing, **matters}
    created = 0
    for i, code, values in benchmarks:
        matter = all_codes.get(code)
        if matter is None:
            errors.append(f"裁量基准第 {i} 行：事项编码“{code}”不在执法事项清单中。")
            continue
        try:
            b = _build_benchmark(
                matter,
                _TIER_BY_LABEL.get(values[1], values[1]),
                values[2],
                values[4],
                values[5],
                _LIST_BY_LABEL.get(values[3], values[3]),
                values[6],
            )
        except ValidationError as e:
            errors.append(f"裁量基准第 {i} 行：" + "；".join(e.messages))
            continue
        b.save()
        created += 1
    if errors:
        raise invalid({"file": errors}, code="import_rows")
    audit.record(
        actor=actor,
        action="enforcement.import_catalogue",
        obj=agency,
        after={"matters": len(matters), "benchmarks": created},
    )
    return {"matters": len(matters), "benchmarks": created}
