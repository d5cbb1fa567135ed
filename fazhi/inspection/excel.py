"""Import and export of the entity directory (检查对象名录库) through fazhi.core.excel, from .xlsx or
.csv. Idempotent by USCC (or product/project code): the same key updates its row, never a second
one. Every broken cell is reported ("第 N 行 / 列名 / 错误") and nothing is written when any row
fails (ADR 0001). Set-based: one lookup per 5,000 keys, bulk inserts and updates."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from fazhi.core import audit
from fazhi.core.excel import (
    Column,
    ImportFileError,
    ImportResult,
    RowError,
    choice,
    export,
    read_rows,
    row_errors,
    template,
)

from .choices import FLAG_LABELS, CreditGrade, EntityKind
from .models import Entity
from .services._common import require
from .services.directory import clean_entity

MAX_ROWS = 1_000_000
CHUNK = 5000

COLUMNS = (
    Column(
        "uscc",
        "统一社会信用代码",
        "18位；企业、个体工商户、事业单位、社会组织、律师事务所必填。同一代码再次导入时更新原记录。",
        width=24,
    ),
    Column("code", "对象编码", "产品、项目类对象必填（如产品批准文号、项目编号）；其他对象留空。", width=20),
    Column("name", "名称", "对象全称。", required=True, width=32),
    Column("kind", "对象类型", "从列表中选择。", required=True, choices=tuple(EntityKind.choices)),
    Column("industry", "行业", "如：餐饮、食品生产、道路运输。"),
    Column("address", "住所（经营场所）", "登记的住所或经营场所。", width=36),
    Column("area", "所属区域", "乡镇、街道。"),
    Column(
        "credit_grade",
        "信用风险分类",
        "A、B、C、D；留空按B类。仅供内部配置抽查比例，不对外公开。",
        choices=tuple(CreditGrade.choices),
    ),
    Column("flags", "标记", "可填多个，用顿号分隔：" + "、".join(FLAG_LABELS.values()) + "。"),
)
BY_FIELD = {c.field: c for c in COLUMNS}
FIELDS = (
    "uscc",
    "name",
    "kind",
    "industry",
    "address",
    "area",
    "credit_grade",
    "flags",
    "jurisdiction",
    "updated_on",
)


def directory_template() -> bytes:
    return template("检查对象名录库", COLUMNS)


def export_entities(entities: Iterable[Entity]) -> bytes:
    kinds, grades = dict(EntityKind.choices), dict(CreditGrade.choices)
    return export(
        "检查对象名录库",
        COLUMNS,
        (
            [
                e.uscc,
                e.key.split("-", 1)[1] if e.kind in ("product", "project") else "",
                e.name,
                kinds[e.kind],
                e.industry,
                e.address,
                e.area,
                grades[e.credit_grade],
                "、".join(FLAG_LABELS.get(f, f) for f in e.flags),
            ]
            for e in entities
        ),
    )


def read_csv(content: bytes, max_rows: int = MAX_ROWS) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 (or GBK) CSV file with the template's headers in row 1."""
    if not content:
        raise ImportFileError("上传的文件是空的，请选择填好的 CSV 或 Excel 文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别 CSV 文件的编码：请另存为 UTF-8 编码的 CSV 文件。")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise ImportFileError("文件第1行没有列名：请使用导入模板，第1行保留列名。")
    by_header = {c.header: c for c in COLUMNS}
    headers = [h.strip().rstrip("*＊") for h in header]
    unknown = [h for h in headers if h and h not in by_header]
    missing = [c.header for c in COLUMNS if c.required and c.header not in headers]
    if unknown or missing:
        parts = ([f"缺少必填列：{'、'.join(missing)}"] if missing else []) + (
            [f"无法识别的列：{'、'.join(unknown)}"] if unknown else []
        )
        raise ImportFileError(
            "列名与导入模板不一致（" + "；".join(parts) + "）。请下载最新模板，勿修改第1行。"
        )
    rows = []
    for number, raw in enumerate(reader, start=2):
        values = {by_header[h].field: v.strip() for h, v in zip(headers, raw, strict=False) if h}
        if any(values.values()):
            rows.append((number, values))
        if len(rows) > max_rows:
            raise ImportFileError(f"一次最多导入 {max_rows} 行，请分批导入。")
    if not rows:
        raise ImportFileError("文件中没有数据行：请从第2行起填写。")
    return rows


def _clean(values: dict[str, str]) -> dict[str, Any]:
    if values.get("kind"):
        values["kind"] = choice(values["kind"], BY_FIELD["kind"])
    grade = values.get("credit_grade", "")
    if grade and grade.upper() not in CreditGrade.values:
        values["credit_grade"] = choice(grade, BY_FIELD["credit_grade"])
    for col in COLUMNS:
        if col.required and not values.get(col.field):
            raise ValidationError({col.field: ValidationError(f"{col.header}不能为空。", code="required")})
    return clean_entity(values)


INSERT_COLUMNS = ("jurisdiction_id", "key", *FIELDS[:-2], "is_active", "updated_on")


def _insert(entities: list[Entity]) -> None:
    """New rows of a registry import: PostgreSQL COPY, else one executemany (bulk_create's per-batch
    SQL building dominates at prefecture scale). Rows are already validated by `clean_entity`."""
    rows = [
        (
            e.jurisdiction.pk,
            e.key,
            e.uscc,
            e.name,
            e.kind,
            e.industry,
            e.address,
            e.area,
            e.credit_grade,
            json.dumps(e.flags, ensure_ascii=False),
            True,
            e.updated_on,
        )
        for e in entities
    ]
    table = Entity._meta.db_table
    cols = ", ".join(INSERT_COLUMNS)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            cur.executemany(
                f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(INSERT_COLUMNS))})", rows
            )


def import_directory(
    *,
    actor: Any,
    jurisdiction: Any,
    content: bytes,
    filename: str,
    on: date,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """导入名录库 (.xlsx or .csv): all or nothing; same USCC updates, a USCC twice in one file is refused.
    `progress(label, done, total)` is called every 5,000 rows (the command line's progress bar)."""

    def report(label: str, done: int, total: int) -> None:
        if progress is not None:
            progress(label, done, total)

    require(actor, "inspection.manage_directory", jurisdiction, "导入本地区的检查对象名录库")
    rows = (
        read_csv(content)
        if filename.lower().endswith(".csv")
        else read_rows(content, COLUMNS, max_rows=MAX_ROWS)
    )
    result = ImportResult(rows=len(rows))
    cleaned: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int] = {}
    for i, (number, values) in enumerate(rows, start=1):
        if i % CHUNK == 0 or i == len(rows):
            report("校验", i, len(rows))
        try:
            fields = _clean(dict(values))
        except ValidationError as exc:
            result.errors.extend(row_errors(number, exc, COLUMNS))
            continue
        key = fields.pop("key")
        if key in first_row:
            column = "统一社会信用代码" if fields["uscc"] == key else "对象编码"
            result.errors.append(
                RowError(
                    number, column, f"“{key}”与第 {first_row[key]} 行重复：同一对象在一个文件中只能出现一次。"
                )
            )
            continue
        first_row[key] = number
        cleaned[key] = fields
    if result.errors:
        return result
    with transaction.atomic():
        keys = list(cleaned)
        existing: dict[str, Entity] = {}
        for i in range(0, len(keys), CHUNK):
            existing.update(Entity.objects.in_bulk(keys[i : i + CHUNK], field_name="key"))
            report("比对", min(i + CHUNK, len(keys)), len(keys))
        new, changed = [], []
        for key, fields in cleaned.items():
            fields.update(jurisdiction=jurisdiction, updated_on=on)
            if key in existing:
                e = existing[key]
                for f, v in fields.items():
                    setattr(e, f, v)
                changed.append(e)
            else:
                new.append(Entity(key=key, **fields))
        for i in range(0, len(new), CHUNK):
            _insert(new[i : i + CHUNK])
            report("写入新对象", min(i + CHUNK, len(new)), len(new))
        for i in range(0, len(changed), CHUNK):
            Entity.objects.bulk_update(changed[i : i + CHUNK], FIELDS, batch_size=2000)
            report("更新已有对象", min(i + CHUNK, len(changed)), len(changed))
        result.created, result.updated = len(new), len(changed)
        audit.record(
            actor=actor,
            action="inspection.import_directory",
            obj=jurisdiction,
            after={
                "file": filename,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
            },
        )
    return result
