"""Read a report's text into {jurisdiction, level, year, figures, structure}."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .coding import assign
from .figures import Figure, find_figures
from .meta import ReportMeta, detect_meta
from .numerals import to_json_number
from .structure import check_structure

_SHARED_RATES = re.compile(
    r"((?:[\u4e00-\u9fff]{1,8}率、)+[\u4e00-\u9fff]{1,8}率)(?:均|都|全部|分别)?(?:达到|达|为|是)?$"
)


@dataclass
class ReportExtraction:
    meta: ReportMeta
    figures: list[Figure]
    structure: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.meta.jurisdiction,
            "level": self.meta.level,
            "year": self.meta.year,
            "title": self.meta.title,
            "published_on": self.meta.published_on.isoformat() if self.meta.published_on else None,
            "figures": [figure_json(f) for f in self.figures],
            "structure": self.structure,
        }


def figure_json(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {
        "indicator": f.indicator,
        "label": f.label,
        "phrase": f.phrase,
        "sentence": f.sentence,
        "value": to_json_number(f.value),
        "unit": f.unit,
        "approx": f.approx,
        "quote": f.quote,
        "start": f.start,
        "end": f.end,
        "text_value": f.text_value,
    }
    if f.qualifier:
        out["qualifier"] = f.qualifier
    if f.value_max is not None:
        out["value_max"] = to_json_number(f.value_max)
    if f.money and f.value_yuan is not None:
        out["value_yuan"] = to_json_number(f.value_yuan)
    if f.cumulative:
        out["cumulative"] = True
    if f.extras.get("inherited"):
        out["breakdown"] = True
    return out


def _split_shared_rates(text: str, figs: list[Figure]) -> list[Figure]:
    """“答复率、满意率均达到100%” is two figures (two codes) sharing one quote (INDICATORS.md §1)."""
    out: list[Figure] = []
    for fig in figs:
        m = _SHARED_RATES.search(text[fig.start : fig.num_start]) if fig.unit == "%" else None
        if not m:
            out.append(fig)
            continue
        for word in m.group(1).split("、"):
            copy = Figure(**{**fig.__dict__, "extras": {}})
            copy.rate_word = word
            out.append(copy)
    return out


def _tidy_quotes(text: str, figs: list[Figure]) -> None:
    """Start each quote after the previous figure of the same clause: one figure, one short quote."""
    for prev, fig in zip(figs, figs[1:], strict=False):
        if prev.unit_end <= fig.num_start and prev.unit_end > fig.start:
            start = prev.unit_end
            between = text[start : fig.num_start]
            cut = max(between.rfind(c) for c in "、,，;；")
            if cut >= 0:
                start += cut + 1
            while start < fig.num_start and text[start] in "、,，;；() （）和及与 ":
                start += 1
            fig.start = start
            fig.quote = text[fig.start : fig.end]


def extract_text(text: str) -> ReportExtraction:
    text = text.replace("\r\n", "\n")
    meta = detect_meta(text)
    figs = find_figures(text)
    assign(text, figs)
    _tidy_quotes(text, figs)
    figs = _split_shared_rates(text, figs)
    shared = [f for f in figs if f.rate_word]
    if shared:
        assign_rates(text, shared)
    structure = check_structure(text, meta, figure_count=len(figs))
    return ReportExtraction(meta=meta, figures=figs, structure=structure)


def assign_rates(text: str, figs: list[Figure]) -> None:
    for fig in figs:
        assign(text, [fig])
