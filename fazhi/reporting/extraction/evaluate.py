"""Compare extracted figures with gold annotations (format of shared/fixtures/reports/gold/).

A figure matches a gold figure when value and unit are equal and the quote spans overlap in the text;
each gold figure matches at most one extracted figure. Code accuracy is measured on matched pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .extract import extract_text


@dataclass
class ReportScore:
    name: str
    gold: int
    extracted: int
    matched: int
    code_correct: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_codes: list[tuple[str, str, str]] = field(default_factory=list)
    meta_ok: dict[str, bool] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold code, extracted code) of matches

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def code_accuracy(self) -> float:
        return self.code_correct / self.matched if self.matched else 1.0


def _same_value(a: Any, b: Any) -> bool:
    return Decimal(str(a)) == Decimal(str(b))


def score_report(text: str, gold: dict[str, Any], name: str = "") -> ReportScore:
    result = extract_text(text)
    extracted = list(result.figures)
    gold_figs = gold.get("figures", [])
    used: set[int] = set()
    matched = code_ok = 0
    misses: list[dict[str, Any]] = []
    wrong: list[tuple[str, str, str]] = []
    pairs: list[tuple[str, str]] = []
    for g in gold_figs:
        g_start = text.find(g["quote"])
        g_end = g_start + len(g["quote"])
        best = None
        for idx, f in enumerate(extracted):
            if idx in used or f.unit != g["unit"] or not _same_value(f.value, g["value"]):
                continue
            if g_start < 0 or f.start >= g_end or f.end <= g_start:
                continue
            if best is None or (
                f.indicator == g["indicator"] and extracted[best].indicator != g["indicator"]
            ):
                best = idx
        if best is None:
            misses.append(g)
            continue
        used.add(best)
        matched += 1
        pairs.append((g["indicator"], extracted[best].indicator))
        if extracted[best].indicator == g["indicator"]:
            code_ok += 1
        else:
            wrong.append((g["quote"], g["indicator"], extracted[best].indicator))
    spurious = [
        {"value": str(f.value), "unit": f.unit, "quote": f.quote, "indicator": f.indicator}
        for idx, f in enumerate(extracted)
        if idx not in used
    ]
    meta_ok = {
        "jurisdiction": result.meta.jurisdiction == gold.get("jurisdiction"),
        "level": result.meta.level == gold.get("level"),
        "year": result.meta.year == gold.get("year"),
    }
    return ReportScore(
        name, len(gold_figs), len(extracted), matched, code_ok, misses, spurious, wrong, meta_ok, pairs
    )


FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "reports"
SPLIT_FILE = "split.json"


def held_out_names(gold_dir: str | Path) -> set[str]:
    """Reports listed under ``held_out`` in ``<gold_dir>/../split.json``: not used to write rules."""
    path = Path(gold_dir).parent / SPLIT_FILE
    if not path.exists():
        return set()
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(name) for name in data.get("held_out", [])}


def evaluate_dirs(gold_dir: str | Path, text_dir: str | Path) -> list[ReportScore]:
    scores = []
    gold_paths = sorted(Path(gold_dir).glob("*.json"))
    if not gold_paths:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = Path(text_dir) / gold.get("file", gold_path.with_suffix(".txt").name)
        if not text_path.exists():
            text_path = Path(text_dir) / gold_path.with_suffix(".txt").name
        text = text_path.read_text(encoding="utf-8")
        scores.append(score_report(text, gold, gold_path.stem))
    return scores


def overall(scores: list[ReportScore]) -> dict[str, float]:
    gold = sum(s.gold for s in scores)
    extracted = sum(s.extracted for s in scores)
    matched = sum(s.matched for s in scores)
    code_ok = sum(s.code_correct for s in scores)
    return {
        "gold": gold,
        "extracted": extracted,
        "matched": matched,
        "precision": matched / extracted if extracted else 1.0,
        "recall": matched / gold if gold else 1.0,
        "code_accuracy": code_ok / matched if matched else 1.0,
    }


@dataclass
class CodeScore:
    code: str
    gold: int = 0  # gold figures with this code
    extracted: int = 0  # extracted figures given this code
    matched: int = 0  # gold figures with this code that matched an extracted figure
    correct: int = 0  # of those, extracted with this code

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def code_accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 1.0


def per_code(scores: list[ReportScore]) -> list[CodeScore]:
    """Precision and recall of each code: a figure counts for a code when it is matched and coded so."""
    table: dict[str, CodeScore] = {}

    def row(code: str) -> CodeScore:
        return table.setdefault(code, CodeScore(code))

    for s in scores:
        for want, got in s.pairs:
            row(want).gold += 1
            row(want).matched += 1
            row(got).extracted += 1
            if want == got:
                row(want).correct += 1
        for g in s.misses:
            row(g["indicator"]).gold += 1
        for x in s.spurious:
            row(x["indicator"]).extracted += 1
    return sorted(table.values(), key=lambda c: (c.code == "other", c.code))
