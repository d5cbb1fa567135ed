"""The Excel template of a submission: download, fill in offline, upload (openpyxl).

The sheet lists the campaign's codes with last year's approved figure; the agency fills in
"本年数值" and "说明". Upload goes through `services_submissions.save_values`, so the same checks,
permission and audit apply and one bad row saves nothing ("第 N 行：…").

"无此项" typed in "本年数值" (or 本单位无此项工作, 不适用, N/A) means the agency has no such work:
saved as not applicable, not as 0. A blank cell means not filled. The "填写说明" sheet says so.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from fazhi.core.excel import (
    XLSX_CONTENT_TYPE,
    ImportFileError,
    append_text_row,
    cell_text,
    open_workbook,
    workbook_bytes,
)
from fazhi.core.indicators import registry
from fazhi.reporting.models import NOT_APPLICABLE_TEXT, Submission
from fazhi.reporting.submissions import services as svc

__all__ = [
    "FIRST_ROW",
    "HEADERS",
    "MAX_ROWS",
    "NOTES",
    "XLSX_CONTENT_TYPE",
    "import_upload",
    "read_upload",
    "template_for",
]

HEADERS = ("指标代码", "指标名称", "单位", "上年数值", "本年数值", "说明")
FIRST_ROW = 4  # rows 1–2: title and instructions, row 3: headers
MAX_ROWS = 1000
NOTES = (
    "填写说明",
    "1. 在“本年数值”列填写本年度数值；比上年变化超过 50% 的，须在“说明”列写明原因。",
    f"2. 本单位没有该项工作的，在“本年数值”列填写“{NOT_APPLICABLE_TEXT}”（也可写“本单位无此项工作”“不适用”“N/A”），"
    "该项按“本单位无此项工作”处理，不计入汇总（不按 0 计算）。",
    "3. 留空表示尚未填写，不是“无此项”。",
    "4. 计数填整数，比率填 0 至 100 之间的数，最多保留两位小数，不能为负数。",
    "5. 本单位全年没有任何数据可报的，请在网页上报送时声明“无数据可报”并填写“无数据说明”。",
    "6. 请勿修改指标代码列；任何一行有误时整个文件不予导入。",
)


def template_for(submission: Submission) -> bytes:
    """The .xlsx for one agency's submission, pre-filled with what it has saved so far."""
    wb = Workbook()
    ws = wb.active
    ws.title = "填报表"
    campaign = submission.campaign
    ws["A1"] = f"{submission.agency.name} {campaign.year} 年度法治政府建设数据填报表"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        f"请在“本年数值”列填写 {campaign.year} 年度数值（本单位无此项工作的填“{NOT_APPLICABLE_TEXT}”，留空为未填写）；"
        "比上年变化超过 50% 的须在“说明”列写明原因，详见“填写说明”工作表。"
        f"填报截止：{campaign.due_date.isoformat()}。请勿修改指标代码列。"
    )
    ws.append(HEADERS)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[3]:
        cell.font, cell.fill = Font(bold=True), fill
    previous = svc.previous_values(submission)
    current = {v.code: v for v in submission.values.all()}
    for code in campaign.codes:
        e = registry.entry(code)
        v = current.get(code)
        prev = previous.get(code)
        append_text_row(
            ws,
            [
                code,
                e.name,
                e.unit,
                float(prev) if prev is not None else None,
                NOT_APPLICABLE_TEXT
                if v and v.not_applicable
                else (float(v.value) if v and v.value is not None else None),
                v.note if v else "",
            ],
        )
    for col, width in zip("ABCDEF", (36, 48, 10, 12, 12, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=FIRST_ROW):
        row[1].alignment = Alignment(wrap_text=True)
    notes = wb.create_sheet(NOTES[0])
    for line in NOTES:
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 100
    meta = wb.create_sheet("meta")
    meta.append(["submission", submission.pk, campaign.year, submission.agency.uscc])
    meta.sheet_state = "hidden"
    return workbook_bytes(wb)


def read_upload(submission: Submission, data: bytes) -> tuple[dict[str, svc.Entry], dict[str, int]]:
    """Entries and their row numbers from an uploaded template; ValidationError for a wrong file."""
    try:
        wb = open_workbook(data, "无法读取上传的文件：请上传由本页下载的 .xlsx 填报模板。")
    except ImportFileError as exc:
        raise ValidationError({"file": str(exc)}) from None
    if "填报表" not in wb.sheetnames:
        raise ValidationError({"file": "上传的文件中没有“填报表”工作表：请使用本页下载的模板。"})
    if "meta" in wb.sheetnames:
        meta: tuple[Any, ...] = tuple(next(wb["meta"].iter_rows(values_only=True), ()))
        if len(meta) >= 4 and (meta[2] != submission.campaign.year or meta[3] != submission.agency.uscc):
            raise ValidationError(
                {
                    "file": f"上传的模板属于其他部门或年度（{meta[2]} 年度），请下载本部门 {submission.campaign.year} 年度的模板。"
                }
            )
    ws = wb["填报表"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    if not rows or tuple(cell_text(c) for c in rows[0][:6]) != HEADERS:
        raise ValidationError({"file": f"第 3 行表头应为：{'、'.join(HEADERS)}。请使用本页下载的模板。"})
    entries: dict[str, svc.Entry] = {}
    row_of: dict[str, int] = {}
    errors: list[str] = []
    body: list[tuple[Any, ...]] = rows[1:]
    if len(body) > MAX_ROWS:
        raise ValidationError({"file": f"行数过多（{len(body)} 行，最多 {MAX_ROWS} 行）。"})
    for offset, row in enumerate(body):
        number = FIRST_ROW + offset
        cells = list(row) + [None] * (6 - len(row))
        code = str(cells[0] or "").strip()
        if not code:
            continue
        if code in entries:
            errors.append(f"第 {number} 行：指标代码“{code}”重复（第 {row_of[code]} 行已填）。")
            continue
        entries[code] = svc.Entry(cells[4], str(cells[5] or ""))
        row_of[code] = number
    if errors:
        raise ValidationError({"file": errors})
    return entries, row_of


def import_upload(*, actor: Any, submission: Submission, data: bytes) -> Submission:
    """Read and save an uploaded template in one go (nothing saved when any row fails)."""
    entries, row_of = read_upload(submission, data)
    # A code of the campaign missing from the file is left as it was; present but blank = cleared.
    return svc.save_values(actor=actor, submission=submission, entries=entries, row_of=row_of, source="excel")
