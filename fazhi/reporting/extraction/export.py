"""The comparison as CSV and Excel: one row per indicator, one column per jurisdiction and year."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import Comparison


def _header(comp: Comparison) -> list[str]:
    head = ["指标代码", "指标名称"]
    for col in comp.columns:
        name = f"{col.jurisdiction}{col.year or ''}{'（本县）' if col.is_own else ''}"
        head += [name, f"{name} 单位", f"{name} 每万人"]
    return head


def _rows(comp: Comparison) -> list[list[object]]:
    out: list[list[object]] = []
    for row in comp.rows:
        line: list[object] = [row["code"], row["name"]]
        for col in comp.columns:
            cell = row["cells"].get(col.key)
            if cell is None:
                line += ["", "", ""]
            else:
                line += [
                    float(cell.value) if cell.value is not None else "",
                    cell.unit + ("（约）" if cell.approx else ""),
                    float(cell.per_10k) if cell.per_10k is not None else "",
                ]
        out.append(line)
    return out


def comparison_csv(comp: Comparison) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(_header(comp))
    writer.writerows(_rows(comp))
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8 Chinese correctly


def comparison_xlsx(comp: Comparison) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标比较"
    ws.append(_header(comp))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in _rows(comp):
        ws.append(line)
    ws.freeze_panes = "C2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
