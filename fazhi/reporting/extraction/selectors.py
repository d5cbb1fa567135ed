"""Reads for the comparison of jurisdictions: indicators lined up across reports and years."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from ..models import ExtractedFigure, PublishedReport

TEN_THOUSAND = Decimal(10_000)
MONEY_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


@dataclass
class Column:
    key: str
    jurisdiction: str
    year: int | None
    population: int | None
    is_own: bool = False
    report_id: int | None = None


@dataclass
class Cell:
    value: Decimal | None
    unit: str = ""
    approx: bool = False
    per_10k: Decimal | None = None
    quotes: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)  # {"label", "quote", "sentence"} per figure


@dataclass
class Comparison:
    columns: list[Column]
    rows: list[dict[str, Any]]  # {"code", "name", "unit", "cells": {column key: Cell}}


def published_reports() -> QuerySet[PublishedReport]:
    return PublishedReport.objects.all().order_by("jurisdiction_name", "year")


def _catalogue() -> dict[str, dict[str, Any]]:
    try:
        from fazhi.core.indicators import registry
    except ImportError:  # pragma: no cover - the registry ships with core
        return {}
    return {
        e.code: {"name": e.name, "unit": e.unit, "kind": getattr(e, "kind", "")} for e in registry.catalogue()
    }


def indicator_name(code: str) -> str:
    """The Chinese name of a code; never the code itself (screens speak Chinese)."""
    from .coding import indicator_name as name

    return name(code)


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _combine(figures: list[ExtractedFigure], catalogue_unit: str = "") -> Cell:
    """Parts with the same code add up (INDICATORS.md §1); a rate is the first one printed; money in 万元."""
    first = figures[0]
    approx = any(f.approx for f in figures)
    quotes = [f.quote for f in figures]
    sources = [{"label": f.label, "quote": f.quote, "sentence": f.sentence or f.quote} for f in figures]
    if first.unit == "%":
        return Cell(first.value, "%", first.approx, None, quotes[:1], sources[:1])
    if first.unit in MONEY_FACTORS:
        total = sum((f.value * MONEY_FACTORS.get(f.unit, Decimal(1)) for f in figures), Decimal(0))
        return Cell(_round(total / Decimal(10_000)), "万元", approx, None, quotes, sources)
    units = {f.unit for f in figures}
    # counter words that differ (场, 场次, 次) count the same events: show the catalogue's unit
    unit = first.unit if len(units) == 1 else (catalogue_unit or "/".join(sorted(units)))
    return Cell(sum((f.value for f in figures), Decimal(0)), unit, approx, None, quotes, sources)


def own_county_values(codes: list[str], years: list[int]) -> tuple[list[Column], dict[tuple[str, str], Cell]]:
    """The platform's own county, computed by the indicator registry where a code has a computation."""
    from fazhi.org.models import Jurisdiction

    own = Jurisdiction.objects.filter(is_external=False).order_by("division_code").first()
    if own is None:
        return [], {}
    try:
        from fazhi.core.indicators import Scope, registry
    except ImportError:  # pragma: no cover
        return [], {}
    computed = set(registry.computed_codes())
    columns: list[Column] = []
    cells: dict[tuple[str, str], Cell] = {}
    for year in years:
        col = Column(f"own-{year}", own.name, year, own.population, is_own=True)
        columns.append(col)
        for code in codes:
            if code not in computed:
                continue
            try:
                result = registry.compute(code, Scope(jurisdiction=own, year=year))
            except Exception:  # noqa: BLE001 - a failing computation must not break the comparison page
                continue
            if result.value is None:
                continue
            entry = registry.entry(code)
            cells[(code, col.key)] = Cell(Decimal(str(result.value)), entry.unit)
    return columns, cells


def comparison(
    *, codes: list[str] | None = None, years: list[int] | None = None, include_own: bool = True
) -> Comparison:
    reports = list(published_reports())
    if years:
        reports = [r for r in reports if r.year in years]
    columns = [
        Column(f"r{r.pk}", r.jurisdiction_name, r.year, r.population, report_id=r.pk)
        for r in sorted(reports, key=lambda r: (r.year or 0, r.jurisdiction_name))
    ]
    figures = (
        ExtractedFigure.objects.filter(report__in=reports)
        .exclude(indicator="other")
        .order_by("report", "start")
    )
    if codes:
        figures = figures.filter(indicator__in=codes)
    grouped: dict[tuple[str, str], list[ExtractedFigure]] = {}
    for f in figures:
        grouped.setdefault((f.indicator, f"r{f.report_id}"), []).append(f)
    catalogue = _catalogue()
    cells = {key: _combine(figs, catalogue.get(key[0], {}).get("unit", "")) for key, figs in grouped.items()}
    row_codes = sorted({code for code, _ in cells} | set(codes or []))
    if include_own and row_codes:
        own_years = sorted({r.year for r in reports if r.year}) or []
        own_columns, own_cells = own_county_values(row_codes, own_years)
        columns = own_columns + columns
        cells.update(own_cells)
    population = {c.key: c.population for c in columns}
    rows = []
    for code in row_codes:
        row_cells = {}
        for col in columns:
            cell = cells.get((code, col.key))
            if cell is None:
                continue
            pop = population.get(col.key)
            if pop and cell.value is not None and cell.unit != "%":
                cell.per_10k = _round(cell.value * TEN_THOUSAND / Decimal(pop))
            row_cells[col.key] = cell
        entry = catalogue.get(code, {})
        rows.append(
            {"code": code, "name": indicator_name(code), "unit": entry.get("unit", ""), "cells": row_cells}
        )
    return Comparison(columns=columns, rows=rows)


def comparison_json(comp: Comparison) -> dict[str, Any]:
    def num(v: Decimal | None) -> float | int | None:
        if v is None:
            return None
        return int(v) if v == v.to_integral_value() else float(v)

    return {
        "columns": [c.__dict__ for c in comp.columns],
        "rows": [
            {
                "code": r["code"],
                "name": r["name"],
                "unit": r["unit"],
                "values": {
                    k: {"value": num(c.value), "unit": c.unit, "approx": c.approx, "per_10k": num(c.per_10k)}
                    for k, c in r["cells"].items()
                },
            }
            for r in comp.rows
        ],
    }
