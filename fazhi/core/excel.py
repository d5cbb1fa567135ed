"""Excel (.xlsx) import and export machinery shared by the apps (openpyxl).

What every import/export needs and no app owns: a `Column` layout, templates with a 填写说明 sheet,
text cells that never become formulas, the error report, reading rows with header checks and the
"broken file" messages, and the all-or-nothing row runner (ADR 0001: one message per broken cell,
"第 N 行 / 列名 / 错误", nothing written when any row fails). Which columns a sheet has and how a row
becomes a record (through the same service as the web form) stay in the apps.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core.errors import field_error  # keyed by field, so the row runner can name the column

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
# An .xlsx is a zip: refused before inflating when its parts declare more than this in all
# (a "zip bomb" of a few KB can expand to gigabytes). zipfile never inflates past a declared size.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
TOO_LARGE = "文件解压后超过 {mb} MB，无法导入：请删除多余的工作表、图片或空白行后重新上传，或分批导入。"
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}

IMPORT_INTRO = (
    "第1行为列名，请勿修改；从第2行起每行一条。任一行有错误时整个文件都不会导入，请按错误报告修改后重新上传。"
)
EMPTY_FILE = "上传的文件是空的，请选择填好的 Excel 文件（.xlsx）。"
UNREADABLE_FILE = (
    "无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件，不支持 .xls、.csv 或其他格式。"
    "建议先下载导入模板，按模板填写。"
)
NO_HEADER = "文件第1行没有列名：请使用导入模板，第1行保留列名。"
NO_DATA = "文件中没有数据行：请从第2行起填写。"

# What openpyxl raises for a file that is not an .xlsx workbook.
UNREADABLE_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
)


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


def xlsx_response(content: bytes, filename: str) -> Any:
    """A workbook download with a Chinese file name (RFC 5987), e.g. xlsx_response(data, "执法人员-20261204.xlsx")."""
    from urllib.parse import quote

    from django.http import HttpResponse

    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- Writing workbooks -------------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="A4161A")


def sheet_with_header(wb: Workbook, title: str, columns: Sequence[Column], blank_rows: int = 0) -> Any:
    """The first sheet, titled, with the column headers, widths and drop-down lists; frozen header."""
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


def notes_sheet(wb: Workbook, columns: Sequence[Column], intro: str = IMPORT_INTRO) -> None:
    """The 填写说明 sheet: one line per column (required or not, what to fill in, the options)."""
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


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def append_text_row(ws: Any, values: Sequence[Any]) -> None:
    """Append a row; text that starts with "=" stays text, never a formula (formula injection)."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def template(title: str, columns: Sequence[Column], intro: str = IMPORT_INTRO) -> bytes:
    """The import template: header row, 200 blank rows in text format, the notes sheet."""
    wb = Workbook()
    sheet_with_header(wb, title, columns, blank_rows=200)
    notes_sheet(wb, columns, intro)
    return workbook_bytes(wb)


def export(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], intro: str = IMPORT_INTRO
) -> bytes:
    """Records in the import layout (export → edit → import round-trips); cells never formulas."""
    wb = Workbook()
    ws = sheet_with_header(wb, title, columns)
    for values in rows:
        append_text_row(ws, values)
    notes_sheet(wb, columns, intro)
    return workbook_bytes(wb)


def error_report(errors: Iterable[RowError]) -> bytes:
    """错误报告 .xlsx: one line per broken cell (行号, 列名, 错误说明)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "错误报告"
    ws.append(["行号", "列名", "错误说明"])
    for cell in ws[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for e in errors:
        append_text_row(ws, [f"第 {e.row} 行" if e.row else "—", e.column, e.message])
    for letter, width in zip("ABC", (10, 26, 90), strict=True):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb)


# --- Reading workbooks -------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as the text a user typed: 12.0 → "12", True → "是", a date → ISO, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def date_text(value: str) -> str:
    """A date cell's text as YYYY-MM-DD: a date cell comes back (through `cell_text`) as
    "2024-01-01T00:00:00", a typed one as "2024-01-01" or "2024/1/1". Anything else is returned as is,
    for the service to reject with its own message."""
    text = value.split("T")[0].split(" ")[0].replace("/", "-")
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    return value


def check_uncompressed_size(source: bytes | IO[bytes], limit: int | None = None) -> None:
    """ImportFileError if the zip's parts declare more than `limit` bytes uncompressed (read from the
    central directory, nothing is inflated). Not a zip at all is left to the reader's own message."""
    limit = MAX_UNCOMPRESSED_BYTES if limit is None else limit
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    position = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        stream.seek(position)
    if total > limit:
        raise ImportFileError(TOO_LARGE.format(mb=limit // (1024 * 1024)))


def open_workbook(
    source: bytes | IO[bytes], message: str = UNREADABLE_FILE, *, data_only: bool = True
) -> Any:
    """The workbook (read-only, cached values) of an upload; ImportFileError(message) if unreadable,
    ImportFileError(TOO_LARGE) if it would inflate past MAX_UNCOMPRESSED_BYTES."""
    check_uncompressed_size(source)
    try:
        return load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source, read_only=True, data_only=data_only
        )
    except UNREADABLE_ERRORS:
        raise ImportFileError(message) from None


def formulas_without_value(content: bytes, *, max_rows: int = MAX_ROWS) -> list[str]:
    """Coordinates (e.g. "C5") of formula cells of the first sheet whose file holds no computed
    value (written by a program that does not calculate): read as blank they would lose data."""
    formulas: list[tuple[int, int, str]] = []
    wb = open_workbook(content, data_only=False)
    try:
        for row in wb.worksheets[0].iter_rows(max_row=max_rows + 2):
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((cell.row, cell.column, cell.coordinate))
    finally:
        wb.close()
    if not formulas:
        return []
    wb = open_workbook(content)
    try:
        ws = wb.worksheets[0]
        values = {
            (cell.row, cell.column): cell.value
            for row in ws.iter_rows(max_row=max_rows + 2)
            for cell in row
            if getattr(cell, "row", None) is not None
        }
    finally:
        wb.close()
    return [coordinate for r, c, coordinate in formulas if values.get((r, c)) is None]


def read_rows(
    content: bytes, columns: Sequence[Column], *, max_rows: int = MAX_ROWS
) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, {field: text}) for every non-blank data row of the first sheet, whose row 1
    holds the column headers; ImportFileError if the file is empty, unreadable or not the template."""
    if not content:
        raise ImportFileError(EMPTY_FILE)
    missing_values = formulas_without_value(content, max_rows=max_rows)
    if missing_values:
        shown = "、".join(missing_values[:10]) + ("等" if len(missing_values) > 10 else "")
        raise ImportFileError(
            f"单元格 {shown} 是公式，但文件中没有保存计算结果：请在 Excel 中打开文件、保存后重新上传，"
            "或把公式改为数值。"
        )
    wb = open_workbook(content)
    try:
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=max_rows + 2))
    finally:
        wb.close()
    if not rows or not any(cell_text(v) for v in rows[0]):
        raise ImportFileError(NO_HEADER)
    headers = [cell_text(v).rstrip("*＊").strip() for v in rows[0]]
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
        values = {by_header[h].field: cell_text(v) for h, v in zip(headers, raw, strict=False) if h}
        if any(values.values()):
            data.append((number, values))
    if len(rows) > max_rows + 1:
        raise ImportFileError(f"一次最多导入 {max_rows} 行，请分批导入。")
    if not data:
        raise ImportFileError(NO_DATA)
    return data


def choice(value: str, column: Column) -> str:
    """The stored value for a cell holding a choice's value or label; ValidationError otherwise."""
    for v, label in column.choices:
        if value in (v, label):
            return v
    options = "、".join(label for _, label in column.choices)
    raise field_error(
        column.field, f"“{value}”不是有效的{column.header}，可选：{options}。", "invalid_choice"
    )


def parse_bool(value: str, column: Column) -> bool:
    """是/否 (or y/n, yes/no, true/false, 1/0, √; blank is 否); ValidationError otherwise."""
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise field_error(column.field, f"{column.header}应填“是”或“否”，实际为“{value}”。", "invalid_bool")


def row_errors(number: int, exc: Exception, columns: Sequence[Column]) -> list[RowError]:
    """One RowError per message of a row's ValidationError (or its PermissionDenied)."""
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


def run_rows(
    rows: list[tuple[int, dict[str, str]]],
    columns: Sequence[Column],
    handle: Callable[[dict[str, str], ImportResult, int], None],
) -> ImportResult:
    """Check the required cells and `handle(values, result, row_number)` every row, each in its own
    savepoint so later rows are still checked; roll everything back when any row failed (ADR 0001)."""
    result = ImportResult(rows=len(rows))
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():  # one savepoint per row: later rows are still checked
                    for col in columns:
                        if col.required and not values.get(col.field):
                            raise field_error(col.field, f"{col.header}不能为空。", "required")
                    handle(values, result, number)
            except (ValidationError, PermissionDenied) as exc:
                result.errors.extend(row_errors(number, exc, columns))
        if result.errors:
            transaction.set_rollback(True)  # all or nothing (ADR 0001)
            result.created = result.updated = 0
    return result
