"""The annual disclosure report as .docx (the GB/T 9704 layout of fazhi.reporting's annual report),
with the three tables of the national format laid out cell for cell (DISCLOSURE_REPORT.md §4–§6)."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from fazhi.reporting.annual_report.docx import (
    FONT_BODY,
    add_body,
    add_heading,
    add_title,
    new_document,
    set_font,
    to_bytes,
)

from . import disclosure_report as dr
from .choices import ApplicantKind

SMALL = Pt(9)


class _Grid:
    """Cell writes and merges of one table, applied in two passes: python-docx's `table.cell()` walks
    the whole grid on every call, so texts go through one snapshot of the cells, merges come after."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.cells = table._cells
        self.cols = len(table.columns)
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, r: int, c: int, text: Any, r2: int | None = None, c2: int | None = None) -> None:
        cell = self.cells[r * self.cols + c]
        run = cell.paragraphs[0].add_run(str(text))
        set_font(run, FONT_BODY, SMALL)
        if r2 is not None or c2 is not None:
            self.merges.append((r, c, r if r2 is None else r2, c if c2 is None else c2))

    def finish(self) -> None:
        for r, c, r2, c2 in self.merges:
            self.table.cell(r, c).merge(self.table.cell(r2, c2))


def _table(doc: Any, rows: int, cols: int) -> _Grid:
    t = doc.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    return _Grid(t)


def _table2(doc: Any, report: dr.Report) -> None:
    n_rows = sum(2 + len(rows) for _c, _h, rows in dr.TABLE2_BLOCKS)
    t = _table(doc, n_rows, 4)
    r = 0
    for caption, header, rows in dr.TABLE2_BLOCKS:
        t.put(r, 0, caption, c2=3)
        r += 1
        if len(header) == 4:
            for c, h in enumerate(header):
                t.put(r, c, h)
        else:
            t.put(r, 0, header[0])
            t.put(r, 1, header[1], c2=3)
        r += 1
        for key, label in rows:
            t.put(r, 0, label)
            values = report.table2[key]
            if len(values) == 3:
                for c, v in enumerate(values, start=1):
                    t.put(r, c, v)
            else:
                t.put(r, 1, values[0], c2=3)
            r += 1
    t.finish()


def _table3(doc: Any, report: dr.Report) -> None:
    t3 = report.table3
    printed = t3.printed_rows()
    t = _table(doc, 3 + 2 + len(printed) + 2, 10)
    t.put(0, 0, dr.CORNER, r2=2, c2=2)
    t.put(0, 3, "申请人情况", c2=9)
    t.put(1, 3, "自然人", r2=2)
    t.put(1, 4, "法人或其他组织", c2=8)
    t.put(1, 9, "总计", r2=2)
    for i, label in enumerate(ApplicantKind.labels[1:]):
        t.put(2, 4 + i, label)

    def numbers(row: int, values: list[int]) -> None:
        for i, v in enumerate(values):
            t.put(row, 3 + i, v)

    t.put(3, 0, dr.NEW_LABEL, c2=2)
    numbers(3, t3.with_total(t3.new))
    t.put(4, 0, dr.CARRIED_IN_LABEL, c2=2)
    numbers(4, t3.with_total(t3.carried_in))
    first = 5
    t.put(first, 0, dr.RESULTS_LABEL, r2=first + len(printed))
    row = first
    groups: dict[str, list[int]] = {}
    for group, label, values in printed:
        if group:
            groups.setdefault(group, []).append(row)
            t.put(row, 2, label)
        else:
            t.put(row, 1, label, c2=2)
        numbers(row, values)
        row += 1
    for group, rows in groups.items():
        t.put(rows[0], 1, group, r2=rows[-1])
    t.put(row, 1, dr.TOTAL_LABEL, c2=2)
    numbers(row, t3.with_total(t3.closed_total))
    row += 1
    t.put(row, 0, dr.CARRIED_OUT_LABEL, c2=2)
    numbers(row, t3.with_total(t3.carried_out))
    t.finish()


def _table4(doc: Any, report: dr.Report) -> None:
    t = _table(doc, 4, 15)
    t.put(0, 0, "行政复议", c2=4)
    t.put(0, 5, "行政诉讼", c2=14)
    for i, label in enumerate(dr.TABLE4_RESULTS):
        t.put(1, i, label, r2=2)
    t.put(1, 5, "未经复议直接起诉", c2=9)
    t.put(1, 10, "复议后起诉", c2=14)
    for g in range(2):
        for i, label in enumerate(dr.TABLE4_RESULTS):
            t.put(2, 5 + 5 * g + i, label)
    values = [v for group in dr.TABLE4_GROUPS for v in report.table4[group]]
    for i, v in enumerate(values):
        t.put(3, i, v)
    t.finish()


def document(report: dr.Report) -> bytes:
    doc = new_document()
    add_title(doc, report.title)
    add_body(
        doc,
        [
            (
                f"本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和国务院办公厅政府信息与政务公开办公室"
                f"《中华人民共和国政府信息公开工作年度报告格式》编制。报告统计期限为{report.year}年1月1日至{report.year}年12月31日。",
                None,
            )
        ],
    )
    add_heading(doc, dr.HEADINGS[0], 1)
    for topic, text in report.overview_paragraphs():
        add_heading(doc, topic, 2)
        add_body(doc, [(text, None)])
    add_heading(doc, dr.HEADINGS[1], 1)
    _table2(doc, report)
    add_heading(doc, dr.HEADINGS[2], 1)
    _table3(doc, report)
    add_heading(doc, dr.HEADINGS[3], 1)
    _table4(doc, report)
    add_heading(doc, dr.HEADINGS[4], 1)
    add_body(doc, [(report.record.problems.strip() or "无。", None)])
    add_heading(doc, dr.HEADINGS[5], 1)
    other = report.record.other_matters.strip()
    add_body(doc, [(report.fee_sentence() + (other if other else ""), None)])
    return to_bytes(doc)
