"""The published verification files of a draw (ADR 0010) and their CSV twins for spreadsheets.

JSON files are the verifiable ones (`fazhi inspection verify-draw`); the CSV files list the same
rows for reading. The seed file exists only once the seed is revealed."""

from __future__ import annotations

import csv
import io
import json

from .choices import DrawState
from .models import Draw


def _number_slug(draw: Draw) -> str:
    return f"draw-{draw.pk}"


def files_of(draw: Draw) -> dict[str, bytes]:
    slug = _number_slug(draw)
    files = {f"{slug}-eligible.json": draw.eligible_file.encode("utf-8")}
    if draw.state != DrawState.COMMITTED and draw.result_file:
        files[f"{slug}-seed.txt"] = (draw.seed + "\n").encode("ascii")
        files[f"{slug}-result.json"] = draw.result_file.encode("utf-8")
    return files


def eligible_csv(draw: Draw) -> bytes:
    data = json.loads(draw.eligible_file)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["统一社会信用代码/对象编码", "信用风险分类"])
    w.writerows(data["entities"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def result_csv(draw: Draw) -> bytes:
    data = json.loads(draw.result_file or '{"selected": []}')
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["统一社会信用代码/对象编码", "信用风险分类", "排序值（HMAC-SHA256）", "检查人员执法证号"])
    for s in data["selected"]:
        w.writerow([s["key"], s["grade"], s["rank"], "、".join(s["inspectors"])])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
