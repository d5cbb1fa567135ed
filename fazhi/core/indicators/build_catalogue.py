"""Regenerate fazhi/core/data/indicator_catalogue.json from the shared INDICATORS.md.

    .venv/bin/python -m fazhi.core.indicators.build_catalogue [path/to/INDICATORS.md] [--check]

The runtime reads only the JSON (committed). Each entry carries what INDICATORS.md §2 gives (code,
Chinese name, unit, definition, module, computable?, fixtures) plus what follows from it:

* `area` — the code's prefix; `app` — the Django app that computes it (the table at the top of
  INDICATORS.md; every "no: submission" row goes to `reporting`).
* `kind` — `rate` (unit % or ‱), `amount` (unit in 元), `duration` (unit in days), else `count`.
* `period` — from the definition: `end_of_year` (a stock on 31 December), `year` (during Y),
  `year_or_end_of_year` (both are named), `start_of_year` (on 1 January), `cumulative`
  (usually 累计 / 至今), `unspecified`; rates without their own wording are `year`.
  `may_be_cumulative` is true when the definition says reports often give a cumulative figure.
* `computable` — yes / partly / no, with `computable_note`; `normally` — `computed` (yes, partly)
  or `submitted` (no: a department submission).
* `formula` — the formula of §3 "Rates at a glance" for rates.

`other` (§1, §4) is added as the code for figures that no entry fits; the registry never stores it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = REPO_DIR.parent / "shared" / "INDICATORS.md"
TARGET = Path(__file__).resolve().parents[1] / "data" / "indicator_catalogue.json"

CATALOGUE_HEADER = "| code | Chinese name | unit | definition | module | computable? | seen in fixtures |"
_CODE = re.compile(r"^`([a-z_]+\.[a-z0-9_]+)`$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _area_apps(lines: list[str]) -> dict[str, str]:
    """The 'subject areas | app' table at the top of INDICATORS.md."""
    mapping: dict[str, str] = {}
    in_table = False
    for line in lines:
        if line.startswith("| subject areas | app |"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            areas, app = _cells(line)
            if set(areas) <= {"-", " "}:
                continue
            for area in re.findall(r"`([a-z_]+)`", areas):
                mapping[area] = app.strip("`")
    return mapping


def _kind(unit: str) -> str:
    if unit in {"%", "‱"}:
        return "rate"
    if "元" in unit:
        return "amount"
    if unit.endswith(("工作日", "天", "日")):
        return "duration"
    return "count"


def _period(definition: str, kind: str) -> tuple[str, bool]:
    cumulative = bool(re.search(r"[Cc]umulative|累计|至今", definition))
    end = "end of Y" in definition
    during = bool(re.search(r"\b(in|for|during) Y\b", definition))
    if "1 January of Y" in definition:
        return "start_of_year", cumulative
    if end and during:
        return "year_or_end_of_year", cumulative
    if end:
        return "end_of_year", cumulative
    if during:
        return "year", cumulative
    if cumulative:
        return "cumulative", True
    return ("year" if kind == "rate" else "unspecified"), False


def _rates(lines: list[str]) -> dict[str, str]:
    """code → formula from §3 "Rates at a glance"."""
    formulas: dict[str, str] = {}
    in_section = False
    for line in lines:
        if line.startswith("## 3."):
            in_section = True
            continue
        if in_section and line.startswith("## "):
            break
        if in_section and line.startswith("| `"):
            code_cell, formula = _cells(line)
            match = re.match(r"`([a-z_]+\.[a-z0-9_]+)`", code_cell)
            if match:
                formulas[match.group(1)] = formula
    return formulas


def parse(text: str) -> list[dict[str, Any]]:
    lines = text.splitlines()
    area_apps = _area_apps(lines)
    formulas = _rates(lines)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    section, in_table = "", False
    for number, line in enumerate(lines, start=1):
        if line.startswith("### "):
            section, in_table = line[4:].strip(), False
            continue
        if line.startswith("## "):
            in_table = False
            continue
        if line.strip() == CATALOGUE_HEADER:
            in_table = True
            continue
        if not in_table or not line.startswith("| `"):
            if in_table and not line.startswith("|"):
                in_table = False
            continue
        cells = _cells(line)
        if len(cells) != 7:
            raise ValueError(f"INDICATORS.md line {number}: expected 7 cells, got {len(cells)}")
        code_cell, name, unit, definition, module, computable_cell, seen_in = cells
        match = _CODE.match(code_cell)
        if not match:
            raise ValueError(f"INDICATORS.md line {number}: bad code cell {code_cell!r}")
        code = match.group(1)
        if code in seen:
            raise ValueError(f"INDICATORS.md line {number}: {code} listed twice")
        seen.add(code)
        computable, _, computable_note = computable_cell.partition(":")
        computable = computable.strip()
        if computable not in {"yes", "partly", "no"}:
            raise ValueError(f"INDICATORS.md line {number}: computable? is {computable_cell!r}")
        kind = _kind(unit)
        period, may_be_cumulative = _period(definition, kind)
        area = code.split(".", 1)[0]
        entries.append(
            {
                "code": code,
                "name": name,
                "unit": unit,
                "kind": kind,
                "period": period,
                "may_be_cumulative": may_be_cumulative,
                "definition": definition,
                "formula": formulas.get(code, ""),
                "section": section,
                "area": area,
                "module": module,
                "app": "reporting" if computable == "no" else area_apps.get(area, area_apps.get(module, "")),
                "computable": computable,
                "computable_note": computable_note.strip(),
                "normally": "submitted" if computable == "no" else "computed",
                "seen_in": seen_in,
            }
        )
    missing_rates = set(formulas) - seen
    if missing_rates:
        raise ValueError(f"§3 lists rates not in §2: {sorted(missing_rates)}")
    entries.append(
        {
            "code": "other",
            "name": "其他（目录外数字）",
            "unit": "",
            "kind": "other",
            "period": "unspecified",
            "may_be_cumulative": False,
            "definition": "A figure that no catalogue entry fits (INDICATORS.md §1, §4); not stored by the registry.",
            "formula": "",
            "section": "Figures that stay `other`",
            "area": "other",
            "module": "",
            "app": "",
            "computable": "no",
            "computable_note": "not stored",
            "normally": "not_stored",
            "seen_in": "",
        }
    )
    return entries


def render(entries: list[dict[str, Any]]) -> str:
    payload = {"source": "INDICATORS.md", "count": len(entries), "indicators": entries}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    source = Path(paths[0]) if paths else DEFAULT_SOURCE
    output = render(parse(source.read_text(encoding="utf-8")))
    if check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != output:
            sys.stderr.write(f"{TARGET} is stale: regenerate it from {source}\n")
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(output, encoding="utf-8")
    sys.stdout.write(f"{TARGET}: {len(json.loads(output)['indicators'])} indicators\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
