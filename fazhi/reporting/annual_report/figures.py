"""Figure placeholders in the narrative: `{{ind:code}}` (the year's value) and `{{yoy:code}}`
(the year-on-year comparison, computed), resolved against the registry and approved submissions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.core.indicators import CatalogueEntry, Scope, registry

from ..dashboard import selectors as sel
from ..models import FigureSource

PLACEHOLDER = re.compile(r"\{\{\s*(ind|yoy)\s*:\s*([a-z_]+\.[a-z0-9_]+)\s*\}\}")
MISSING_TEXT = "（暂无数据）"


def placeholders(body: str) -> list[tuple[str, str]]:
    """(kind, code) of every placeholder, in order."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(body)]


def unknown_codes(body: str) -> list[str]:
    return [code for _, code in placeholders(body) if code not in registry or code == "other"]


def yoy_text(entry: CatalogueEntry, current: Any, previous: Any) -> str:
    """同比增长 12.5% / 同比下降 3.2% / 与上年持平; rates in percentage points (个百分点)."""
    if current is None or previous is None:
        return "（上年无可比数据）"
    cur, prev = Decimal(current), Decimal(previous)
    if cur == prev:
        return "与上年持平"
    if entry.kind == "rate":
        diff = (cur - prev).quantize(Decimal("0.01"), ROUND_HALF_UP)
        word = "提高" if diff > 0 else "下降"
        return f"同比{word}{sel.format_value(abs(diff), _bare(entry))}个百分点"
    if prev == 0:
        return f"上年为0，本年增加{sel.format_value(cur, entry)}"
    pct = ((cur - prev) * 100 / prev).quantize(Decimal("0.1"), ROUND_HALF_UP)
    word = "增长" if pct > 0 else "下降"
    return f"同比{word}{abs(pct)}%"


def _bare(entry: CatalogueEntry) -> CatalogueEntry:
    return CatalogueEntry(
        entry.code, entry.name, "", entry.kind, entry.period, entry.computable, entry.normally, entry.app
    )


@dataclass
class Resolved:
    kind: str
    code: str
    entry: CatalogueEntry
    value: Decimal | None
    previous: Decimal | None
    text: str
    source: str
    record_count: int | None
    submission_ids: list[int]


class Resolver:
    """Resolves placeholders for one report; each (code, year) is computed once."""

    def __init__(self, jurisdiction: Any, year: int) -> None:
        self.jurisdiction, self.year = jurisdiction, year
        self._cache: dict[tuple[str, int], sel.Figure] = {}
        self._submitted: dict[int, dict[str, list[Any]]] = {}

    def figure(self, code: str, year: int) -> sel.Figure:
        key = (code, year)
        if key not in self._cache:
            scope = Scope(self.jurisdiction, year)
            if year not in self._submitted:
                self._submitted[year] = sel.approved_values(scope)
            self._cache[key] = sel.figure(code, scope, self._submitted[year])
        return self._cache[key]

    def resolve(self, kind: str, code: str) -> Resolved:
        cur = self.figure(code, self.year)
        entry = cur.entry
        value = None if cur.value is None else Decimal(cur.value)
        previous = None
        count = None
        if cur.computed is not None:
            recs = cur.computed.records
            count = cur.computed.denominator if cur.computed.denominator is not None else _count(recs)
        if kind == "yoy":
            prev = self.figure(code, self.year - 1)
            previous = None if prev.value is None else Decimal(prev.value)
            text = yoy_text(entry, value, previous)
        else:
            text = MISSING_TEXT if value is None else sel.format_value(value, entry)
        return Resolved(
            kind,
            code,
            entry,
            value,
            previous,
            text,
            cur.source if value is not None else FigureSource.MISSING,
            count,
            sorted({v.submission_id for v in cur.submission_values}),
        )


def _count(records: Any) -> int | None:
    if records is None:
        return None
    try:
        return (
            int(records.count())
            if hasattr(records, "count") and not isinstance(records, list)
            else len(records)
        )
    except TypeError:
        return None


@dataclass(frozen=True)
class Segment:
    """A run of narrative text, or a figure (`figure` set) as it is cited."""

    text: str
    figure: Any = None


def segments(body: str, figures: list[Any]) -> Iterator[Segment]:
    """Split `body` into text and the stored figures, in order (figures[i] is placeholder i)."""
    pos = 0
    for i, m in enumerate(PLACEHOLDER.finditer(body)):
        if m.start() > pos:
            yield Segment(body[pos : m.start()])
        fig = figures[i] if i < len(figures) else None
        yield Segment(fig.text if fig is not None else m.group(0), fig)
        pos = m.end()
    if pos < len(body):
        yield Segment(body[pos:])
