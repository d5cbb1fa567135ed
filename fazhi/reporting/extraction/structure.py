"""Which statutory contents an annual report carries, and whether it was published in time.

LEGAL_RULES.md §11 (《法治政府建设与责任落实督察工作规定》, 厅字〔2019〕28号): the report states (1) the
main measures and results of the year, (2) shortcomings and their causes, (3) how the Party and
government principal heads performed their duty as first responsible persons, (4) the main plans for
the coming year, (5) other matters; it is published by 1 April of the following year.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .meta import ReportMeta

# (key, Chinese name, heading/keyword patterns, required?)
STATUTORY_CONTENTS: list[tuple[str, str, str, bool]] = [
    (
        "measures_results",
        "主要举措和成效",
        r"主要(举措|做法|措施|工作|成效)|举措和成效|(取得|工作)(的)?成效|工作开展情况|主要工作情况|推进情况|工作情况",
        True,
    ),
    (
        "problems_causes",
        "存在的不足和原因",
        r"存在的?(问题|不足|短板)|问题和不足|不足之处|短板弱项|差距|薄弱环节|有待(提升|提高|加强)",
        True,
    ),
    (
        "leaders_duty",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        r"第一责任人|主要负责人履行|一把手",
        True,
    ),
    (
        "next_year_plans",
        "下一年度推进法治政府建设的主要安排",
        r"下一步|下步打算|下一年|明年|工作安排|工作计划|工作思路|工作打算|今后.{0,4}(工作|打算)",
        True,
    ),
    ("other_matters", "其他需要报告的情况", r"其他(需要)?(报告|说明)的?(事项|情况)", False),
]
CAUSES_RE = re.compile(r"原因|究其|主要是由于|根源")
PUBLICATION_DEADLINE = (
    4,
    1,
)  # month, day of the year after the report year — 督察规定第二十四条 (per secondary source)
PUBLICATION_BASIS = "《法治政府建设与责任落实督察工作规定》：年度报告于每年4月1日前向社会公开"


def check_structure(text: str, meta: ReportMeta | None = None, figure_count: int = 0) -> dict[str, Any]:
    contents: dict[str, Any] = {}
    year = meta.year if meta else None
    for key, name, pattern, required in STATUTORY_CONTENTS:
        if key == "next_year_plans" and year:
            # “2024年,将锚定……” in a 2023 report: the coming year named with what will be done
            pattern += rf"|{year + 1}年[^。\n]{{0,12}}(将|要|工作|重点|计划|安排)"
        m = re.search(pattern, text)
        contents[key] = {
            "name": name,
            "present": bool(m),
            "required": required,
            "evidence": m.group(0) if m else "",
        }
    if not contents["measures_results"]["present"] and figure_count >= 5:
        # reports that put the measures under thematic headings still show them by their figures
        contents["measures_results"].update(present=True, evidence=f"正文列有{figure_count}项工作数据")
    contents["problems_causes"]["causes_stated"] = bool(CAUSES_RE.search(text))
    missing = [v["name"] for v in contents.values() if v["required"] and not v["present"]]
    result: dict[str, Any] = {"contents": contents, "missing": missing, "complete": not missing}
    published = meta.published_on if meta else None
    deadline = date(year + 1, *PUBLICATION_DEADLINE) if year else None
    result["publication"] = {
        "published_on": published.isoformat() if published else None,
        "deadline": deadline.isoformat() if deadline else None,
        "on_time": (published <= deadline) if (published and deadline) else None,
        "basis": PUBLICATION_BASIS,
    }
    return result
