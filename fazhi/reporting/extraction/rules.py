"""The coding rules, read from ``data/coding_rules.json`` (INDICATORS.md §2 and §4).

Domain knowledge is data: each row of the file names a catalogue code, the words that say what a
figure counts (``subject``), the subject area that must occur in the sentence (``domain``), the
counter words the figure may have (``units``), the catalogue's period (``scope``), and optional
``neg`` / ``prio`` / ``near_only``. ``combined`` rows code a count of two steps at once
(“审查和备案54件”), ``stay_other`` rows are the kinds of figure that §4 leaves ``other``. To add a
phrasing, edit the JSON file, not the extractor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parent / "data" / "coding_rules.json"

Rule = tuple[str, str, str | None, frozenset[str] | None, dict[str, Any]]


def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return data


_DATA = _load()
UNIT_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(units) for name, units in _DATA["unit_classes"].items()
}
RATE = UNIT_CLASSES["RATE"]
MONEY = UNIT_CLASSES["MONEY"]


def units_of(spec: str | list[str] | None) -> frozenset[str] | None:
    """A unit class name, a list of class names and counter words, or None (any count)."""
    if spec is None:
        return None
    items = [spec] if isinstance(spec, str) else spec
    out: set[str] = set()
    for item in items:
        out |= UNIT_CLASSES.get(item, frozenset({item}))
    return frozenset(out)


def _rule(row: dict[str, Any]) -> Rule:
    extra: dict[str, Any] = {k: row[k] for k in ("neg", "prio", "near_only") if k in row}
    extra["scope"] = row.get("scope", "year")
    return (row["code"], row["subject"], row.get("domain"), units_of(row.get("units")), extra)


RULES: list[Rule] = [_rule(row) for row in _DATA["rules"]]
# (pattern, code, units): a count of two steps named together, coded as the row says
COMBINED: list[tuple[str, str, frozenset[str] | None]] = [
    (row["pattern"], row["code"], units_of(row.get("units"))) for row in _DATA.get("combined", [])
]
# (pattern, units, kind): the figure stays `other` (INDICATORS.md §4) when the pattern occurs in its own clause
STAY_OTHER: list[tuple[str, frozenset[str] | None, str]] = [
    (row["pattern"], units_of(row.get("units")), row["kind"]) for row in _DATA.get("stay_other", [])
]

# (pattern, kind): the words right before the number give another period's value (较2022年的50件, 由45件)
OTHER_PERIOD: list[tuple[str, str]] = [(row["pattern"], row["kind"]) for row in _DATA.get("other_period", [])]

__all__ = [
    "COMBINED",
    "DATA_PATH",
    "MONEY",
    "OTHER_PERIOD",
    "RATE",
    "RULES",
    "STAY_OTHER",
    "Rule",
    "units_of",
]
