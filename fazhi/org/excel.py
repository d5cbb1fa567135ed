"""Excel (.xlsx) import and export of agencies and staff (openpyxl).

An import reads every row, runs each through the same service as the web form (so the same rules,
permissions and audit apply), collects one message per broken cell ("第 N 行 / 列名 / 错误") and
writes nothing when any row fails (ADR 0001): the whole import is one transaction.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core import audit
from fazhi.org import services
from fazhi.org.choices import AgencyKind, Role
from fazhi.org.models import Agency, Jurisdiction, User

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read (not xlsx, wrong headers, empty). The message is Chinese."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    note: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    is_bool: bool = False
    width: int = 18


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


AGENCY_COLUMNS = (
    Column(
        "name",
        "名称",
        "机关全称，如“安吉县市场监督管理局”。同一行政区划内不得重名。",
        required=True,
        width=32,
    ),
    Column("short_name", "简称", "可不填。"),
    Column(
        "uscc",
        "统一社会信用代码",
        "18位，按 GB 32100-2015 校验。已存在的代码视为更新该机关。",
        required=True,
        width=22,
    ),
    Column("kind", "机关类型", "从下拉列表选择。", choices=tuple(AgencyKind.choices), width=24),
    Column(
        "parent", "上级机关", "填写本行政区划内已有机关的名称（或本表前面行中的机关），可不填。", width=28
    ),
    Column("has_enforcement_authority", "具有行政执法主体资格", "填“是”或“否”。", is_bool=True),
    Column("address", "地址", "可不填。", width=30),
    Column("phone", "联系电话", "可不填。"),
    Column(
        "uscc_override_reason",
        "校验不通过的历史代码接受理由",
        "仅当代码为早期试点地区校验位不符的合法历史代码时填写，须由司法局监督人员导入，记入审计日志。",
        width=30,
    ),
)

STAFF_COLUMNS = (
    Column(
        "username",
        "用户名",
        "登录用的用户名，字母、数字或 @.+-_。已存在的用户名视为更新该账号。",
        required=True,
    ),
    Column("full_name", "姓名", "", required=True, width=12),
    Column("role", "角色", "从下拉列表选择。", required=True, choices=tuple(Role.choices), width=18),
    Column("agency", "所在机关", "填写本行政区划内已有机关的名称。", required=True, width=30),
    Column("is_head", "机关负责人", "填“是”或“否”。", is_bool=True, width=12),
    Column(
        "id_number", "居民身份证号码", "可不填；填写时按 GB 11643-1999 校验。请以文本格式填写。", width=22
    ),
    Column("phone", "手机号码", "可不填。"),
    Column("email", "电子邮箱", "可不填。", width=24),
    Column(
        "password",
        "初始密码",
        "新建账号必填：至少10位，不能全为数字，不能过于常见或与用户名相近。更新已有账号时留空表示不修改密码。",
        width=18,
    ),
)


# --- Writing workbooks -------------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="A4161A")


def _sheet_with_header(wb: Workbook, title: str, columns: Sequence[Column], blank_rows: int = 0) -> Any:
    ws = wb.active
    ws.title = title
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        # Text format keeps ID numbers, phone numbers and codes from turning into numbers.
        for row in range(2, 2 + blank_rows):
            ws.cell(row=row, column=i).number_format = "@"
        if col.choices or col.is_bool:
            options = [label for _, label in col.choices] if col.choices else ["是", "否"]
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.error, dv.errorTitle = f"请从列表中选择{col.header}。", "输入有误"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}1000")
    ws.freeze_panes = "A2"
    return ws


def _notes_sheet(wb: Workbook, columns: Sequence[Column], intro: str) -> None:
    ws = wb.create_sheet("填写说明")
    ws.append(["说明", intro])
    ws.append([])
    ws.append(["列名", "是否必填", "填写要求", "可选值"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for col in columns:
        options = (
            "、".join(label for _, label in col.choices) if col.choices else ("是、否" if col.is_bool else "")
        )
        ws.append([col.header, "必填" if col.required else "选填", col.note, options])
    for letter, width in zip("ABCD", (26, 10, 70, 60), strict=True):
        ws.column_dimensions[letter].width = width


def _to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


IMPORT_INTRO = (
    "第1行为列名，请勿修改；从第2行起每行一条。任一行有错误时整个文件都不会导入，请按错误报告修改后重新上传。"
)


def agency_template() -> bytes:
    wb = Workbook()
    _sheet_with_header(wb, "行政机关", AGENCY_COLUMNS, blank_rows=200)
    _notes_sheet(wb, AGENCY_COLUMNS, IMPORT_INTRO)
    return _to_bytes(wb)


def staff_template() -> bytes:
    wb = Workbook()
    _sheet_with_header(wb, "工作人员", STAFF_COLUMNS, blank_rows=200)
    _notes_sheet(wb, STAFF_COLUMNS, IMPORT_INTRO)
    return _to_bytes(wb)


def _append_text_row(ws: Any, values: Sequence[Any]) -> None:
    """Append a row; text that starts with "=" stays text, never a formula (formula injection)."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def export_agencies(agencies: Iterable[Agency]) -> bytes:
    """The visible agencies in the import layout (export → edit → import round-trips)."""
    wb = Workbook()
    ws = _sheet_with_header(wb, "行政机关", AGENCY_COLUMNS)
    for a in agencies:
        _append_text_row(
            ws,
            [
                a.name,
                a.short_name,
                a.uscc,
                a.get_kind_display(),
                a.parent.name if a.parent_id and a.parent else "",
                _yes_no(a.has_enforcement_authority),
                a.address,
                a.phone,
                a.uscc_override_reason,
            ],
        )
    _notes_sheet(wb, AGENCY_COLUMNS, IMPORT_INTRO)
    return _to_bytes(wb)


def export_staff(users: Iterable[User]) -> bytes:
    """The visible staff in the import layout; passwords are never exported."""
    wb = Workbook()
    ws = _sheet_with_header(wb, "工作人员", STAFF_COLUMNS)
    for u in users:
        _append_text_row(
            ws,
            [
                u.username,
                u.full_name,
                u.get_role_display(),
                u.agency.name if u.agency_id and u.agency else "",
                _yes_no(u.is_head),
                u.id_number,
                u.phone,
                u.email,
                "",
            ],
        )
    _notes_sheet(wb, STAFF_COLUMNS, IMPORT_INTRO)
    return _to_bytes(wb)


def error_report(errors: Iterable[RowError]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "错误报告"
    ws.append(["行号", "列名", "错误说明"])
    for cell in ws[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for e in errors:
        _append_text_row(ws, [f"第 {e.row} 行" if e.row else "—", e.column, e.message])
    for letter, width in zip("ABC", (10, 26, 90), strict=True):
        ws.column_dimensions[letter].width = width
    return _to_bytes(wb)


# --- Reading workbooks -------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def read_rows(content: bytes, columns: Sequence[Column]) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, {field: text}) for every non-blank data row; ImportFileError if unreadable."""
    if not content:
        raise ImportFileError("上传的文件是空的，请选择填好的 Excel 文件（.xlsx）。")
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(
            "无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件，不支持 .xls、.csv 或其他格式。"
            "建议先下载导入模板，按模板填写。"
        ) from None
    try:
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    finally:
        wb.close()
    if not rows or not any(_cell_text(v) for v in rows[0]):
        raise ImportFileError("文件第1行没有列名：请使用导入模板，第1行保留列名。")
    headers = [_cell_text(v).rstrip("*＊").strip() for v in rows[0]]
    by_header = {c.header: c for c in columns}
    unknown = [h for h in headers if h and h not in by_header]
    missing = [c.header for c in columns if c.required and c.header not in headers]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(f"缺少必填列：{'、'.join(missing)}")
        if unknown:
            parts.append(f"无法识别的列：{'、'.join(unknown)}")
        raise ImportFileError(
            "列名与导入模板不一致（" + "；".join(parts) + "）。请下载最新模板，勿修改第1行。"
        )
    data: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(rows[1:], start=2):
        values = {by_header[h].field: _cell_text(v) for h, v in zip(headers, raw, strict=False) if h}
        if any(values.values()):
            data.append((number, values))
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(f"一次最多导入 {MAX_ROWS} 行，请分批导入。")
    if not data:
        raise ImportFileError("文件中没有数据行：请从第2行起填写。")
    return data


def _choice(value: str, column: Column) -> str:
    for v, label in column.choices:
        if value in (v, label):
            return v
    options = "、".join(label for _, label in column.choices)
    raise services.field_error(
        column.field, f"“{value}”不是有效的{column.header}，可选：{options}。", "invalid_choice"
    )


def _bool(value: str, column: Column) -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise services.field_error(
        column.field, f"{column.header}应填“是”或“否”，实际为“{value}”。", "invalid_bool"
    )


def _row_errors(number: int, exc: Exception, columns: Sequence[Column]) -> list[RowError]:
    headers = {c.field: c.header for c in columns}
    if isinstance(exc, PermissionDenied):
        return [RowError(number, "—", str(exc) or "您无权导入该行。")]
    assert isinstance(exc, ValidationError)
    if hasattr(exc, "error_dict"):
        return [
            RowError(number, headers.get(f, "—"), m)
            for f, errs in exc.error_dict.items()
            for e in errs
            for m in e.messages
        ]
    return [RowError(number, "—", m) for m in exc.messages]


def _run_rows(
    rows: list[tuple[int, dict[str, str]]],
    columns: Sequence[Column],
    handle: Callable[[dict[str, str], ImportResult, int], None],
) -> ImportResult:
    result = ImportResult(rows=len(rows))
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():  # one savepoint per row: later rows are still checked
                    for col in columns:
                        if col.required and not values.get(col.field):
                            raise services.field_error(col.field, f"{col.header}不能为空。", "required")
                    handle(values, result, number)
            except (ValidationError, PermissionDenied) as exc:
                result.errors.extend(_row_errors(number, exc, columns))
        if result.errors:
            transaction.set_rollback(True)  # all or nothing (ADR 0001)
            result.created = result.updated = 0
    return result


def import_agencies(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """导入行政机关 — create new agencies, update those whose USCC already exists."""
    if not actor.has_perm("org.import_agencies", jurisdiction):
        raise PermissionDenied("只有司法局监督人员可以批量导入行政机关。")
    rows = read_rows(content, AGENCY_COLUMNS)
    cols = {c.field: c for c in AGENCY_COLUMNS}

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        fields: dict[str, Any] = {
            k: v for k, v in values.items() if k not in {"kind", "parent", "has_enforcement_authority"}
        }
        if "kind" in values:
            fields["kind"] = (
                _choice(values["kind"], cols["kind"]) if values["kind"] else AgencyKind.DEPARTMENT
            )
        if "has_enforcement_authority" in values:
            fields["has_enforcement_authority"] = _bool(
                values["has_enforcement_authority"], cols["has_enforcement_authority"]
            )
        if values.get("parent"):
            parent = Agency.objects.filter(jurisdiction=jurisdiction, name=values["parent"]).first()
            if parent is None:
                raise services.field_error(
                    "parent",
                    f"上级机关“{values['parent']}”不存在（须已在系统中或在本表前面的行中）。",
                    "parent_missing",
                )
            fields["parent"] = parent
        elif "parent" in values:
            fields["parent"] = None
        existing = Agency.objects.filter(
            uscc=values["uscc"].strip().upper(), jurisdiction=jurisdiction
        ).first()
        if existing is not None:
            _, warnings = services.update_agency(actor=actor, agency=existing, **fields)
            result.updated += 1
        else:
            _, warnings = services.create_agency(actor=actor, jurisdiction=jurisdiction, **fields)
            result.created += 1
        result.warnings.extend(RowError(number, "统一社会信用代码", w) for w in warnings)

    result = _run_rows(rows, AGENCY_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="org.import_agencies",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created, "updated": result.updated},
        )
    return result


def import_staff(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """导入工作人员 — create new accounts, update those whose username already exists."""
    if not actor.has_perm("org.import_staff"):
        raise PermissionDenied("您无权批量导入工作人员。")
    rows = read_rows(content, STAFF_COLUMNS)
    cols = {c.field: c for c in STAFF_COLUMNS}

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        agency = Agency.objects.filter(jurisdiction=jurisdiction, name=values["agency"]).first()
        if agency is None:
            raise services.field_error("agency", f"所在机关“{values['agency']}”不存在。", "agency_missing")
        fields: dict[str, Any] = {
            "full_name": values["full_name"],
            "role": _choice(values["role"], cols["role"]),
            "agency": agency,
        }
        if "is_head" in values:
            fields["is_head"] = _bool(values["is_head"], cols["is_head"])
        for f in ("id_number", "phone", "email"):
            if f in values:
                fields[f] = values[f]
        password = values.get("password", "")
        existing = User.objects.filter(username=values["username"]).first()
        if existing is not None:
            services.update_user(actor=actor, user=existing, password=password, **fields)
            result.updated += 1
        else:
            if not password:
                raise services.field_error("password", "新建账号须填写初始密码。", "required")
            services.create_user(actor=actor, username=values["username"], password=password, **fields)
            result.created += 1

    result = _run_rows(rows, STAFF_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="org.import_staff",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created, "updated": result.updated},
        )
    return result
