"""The indicator registry (DESIGN.md: one registry keyed by dotted codes — INDICATORS.md).

Apps declare how they compute their figures in their own `indicators.py`::

    from fazhi.core.indicators import IndicatorValue, Scope, indicator

    @indicator("reconsideration.received")
    def reconsideration_received(scope: Scope) -> IndicatorValue:
        qs = selectors.reconsiderations_received_in(scope)
        return IndicatorValue(value=qs.count(), records=qs)

`fazhi.core.apps.CoreConfig.ready()` imports every installed app's `indicators` module. Codes
come from fazhi/core/data/indicator_catalogue.json (built from INDICATORS.md by
`build_catalogue.py`); a code not in the catalogue, or registered twice, is refused at import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

CATALOGUE_PATH = Path(__file__).resolve().parents[1] / "data" / "indicator_catalogue.json"
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class UnknownIndicatorError(LookupError):
    """A code that is not in the indicator catalogue."""

    def __init__(self, code: str) -> None:
        super().__init__(f"指标代码“{code}”不在指标目录中（INDICATORS.md）。")
        self.code = code


class IndicatorNotComputedError(LookupError):
    """A catalogue code for which no app registered a computation (a department submission)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"指标“{code}”没有登记计算方法，须由部门填报。")
        self.code = code


@dataclass(frozen=True)
class Scope:
    """What a figure is computed over: a jurisdiction, a report year (1 Jan – 31 Dec), optionally one agency."""

    jurisdiction: Any
    year: int
    agency: Any = None

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """31 December of the year: the date of an "end of Y" stock (INDICATORS.md §1)."""
        return date(self.year, 12, 31)


def _count(part: int | QuerySet[Any] | Iterable[Any]) -> int:
    if isinstance(part, bool):
        raise TypeError("分子、分母应为整数、查询集或列表。")
    if isinstance(part, int):
        return part
    if isinstance(part, QuerySet):
        return part.count()
    if isinstance(part, Sized):
        return len(part)
    return len(list(part))


@dataclass
class IndicatorValue:
    """A computed figure and the records behind it. Counts are int, money Decimal, rates Decimal (2 dp).

    For a rate, `numerator` and `denominator` are kept (INDICATORS.md §3: the registry stores
    numerator, denominator and rate); `value` is None when the denominator is 0.
    """

    value: int | Decimal | None
    records: Any = None
    numerator: int | None = None
    denominator: int | None = None
    numerator_records: Any = None
    denominator_records: Any = None
    note: str = ""

    @classmethod
    def rate(
        cls,
        numerator: int | QuerySet[Any] | Iterable[Any],
        denominator: int | QuerySet[Any] | Iterable[Any],
        *,
        records: Any = None,
        per: int = 100,
        note: str = "",
    ) -> IndicatorValue:
        """numerator / denominator × `per` (100 for %, 10 000 for ‱), exact Decimal rounded half-up to 2 dp."""
        num, den = _count(numerator), _count(denominator)
        if num < 0 or den < 0:
            raise ValueError("分子、分母不能为负数。")
        value = None if den == 0 else (Decimal(num) * per / Decimal(den)).quantize(TWO_PLACES, ROUND_HALF_UP)
        return cls(
            value=value,
            records=records
            if records is not None
            else (denominator if not isinstance(denominator, int) else None),
            numerator=num,
            denominator=den,
            numerator_records=None if isinstance(numerator, int) else numerator,
            denominator_records=None if isinstance(denominator, int) else denominator,
            note=note,
        )


IndicatorFunc = Callable[[Scope], IndicatorValue]


@dataclass(frozen=True)
class CatalogueEntry:
    """One code of INDICATORS.md §2 as stored in indicator_catalogue.json."""

    code: str
    name: str
    unit: str
    kind: str  # count / amount / rate / duration / other
    period: str  # year / end_of_year / year_or_end_of_year / start_of_year / cumulative / unspecified
    computable: str  # yes / partly / no
    normally: str  # computed / submitted / not_stored
    app: str
    definition: str = ""
    formula: str = ""
    may_be_cumulative: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CatalogueEntry:
        names = set(cls.__dataclass_fields__) - {"extra"}
        return cls(
            **{k: v for k, v in data.items() if k in names},
            extra={k: v for k, v in data.items() if k not in names},
        )


@dataclass(frozen=True)
class Indicator:
    """A catalogue entry with the function an app registered for it (None: submitted, not computed)."""

    entry: CatalogueEntry
    func: IndicatorFunc | None = None

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def is_computed(self) -> bool:
        return self.func is not None


class Registry:
    """Catalogue codes → computing functions. One global instance: `registry`."""

    def __init__(self, catalogue_path: Path = CATALOGUE_PATH) -> None:
        self._path = catalogue_path
        self._funcs: dict[str, IndicatorFunc] = {}

    @cached_property
    def _entries(self) -> dict[str, CatalogueEntry]:
        data = json.loads(self._path.read_text(encoding="utf-8"))
        return {e["code"]: CatalogueEntry.from_json(e) for e in data["indicators"]}

    def register(self, code: str, func: IndicatorFunc) -> IndicatorFunc:
        entry = self._entries.get(code)
        if entry is None:
            raise ImproperlyConfigured(
                f"指标代码“{code}”不在指标目录中：请先在 INDICATORS.md 中增加并重新生成目录。"
            )
        if entry.normally == "not_stored":
            raise ImproperlyConfigured(f"指标代码“{code}”只用于目录外数字，不能登记计算方法。")
        if code in self._funcs:
            existing = self._funcs[code]
            raise ImproperlyConfigured(
                f"指标“{code}”重复登记：已由 {existing.__module__}.{existing.__qualname__} 登记，"
                f"不能再由 {func.__module__}.{func.__qualname__} 登记。"
            )
        self._funcs[code] = func
        return func

    def unregister(self, code: str) -> None:
        """Remove a registration (tests only)."""
        self._funcs.pop(code, None)

    def entry(self, code: str) -> CatalogueEntry:
        try:
            return self._entries[code]
        except KeyError:
            raise UnknownIndicatorError(code) from None

    def get(self, code: str) -> Indicator:
        """The catalogue entry of `code` with its registered function; UnknownIndicatorError if not in the catalogue."""
        return Indicator(self.entry(code), self._funcs.get(code))

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def catalogue(self) -> list[CatalogueEntry]:
        """Every catalogue entry, in INDICATORS.md order."""
        return list(self._entries.values())

    def computed_codes(self) -> list[str]:
        """Codes an app registered a computation for, in catalogue order."""
        return [code for code in self._entries if code in self._funcs]

    def compute(self, code: str, scope: Scope) -> IndicatorValue:
        """Run the registered computation of `code` over `scope`."""
        indicator = self.get(code)
        if indicator.func is None:
            raise IndicatorNotComputedError(code)
        result = indicator.func(scope)
        if not isinstance(result, IndicatorValue):
            raise ImproperlyConfigured(
                f"指标“{code}”的计算方法应返回 IndicatorValue，实际返回 {type(result).__name__}。"
            )
        if (
            indicator.entry.kind == "rate"
            and result.value is not None
            and not isinstance(result.value, Decimal)
        ):
            raise ImproperlyConfigured(
                f"比率指标“{code}”应使用 IndicatorValue.rate(...) 计算（保留分子、分母）。"
            )
        return result

    def compute_rollup(self, code: str, scope: Scope) -> IndicatorValue:
        """`code` over a jurisdiction and every jurisdiction below it (a prefecture and its
        counties, GB/T 2260 tree): counts and amounts are summed, rates are recomputed from the
        summed numerators and denominators (never averaged). A figure of another kind (a duration,
        a median) cannot be added up: its value is None with a note, unless the parts carry
        numerators and denominators. One computation per jurisdiction of the subtree."""
        from fazhi.core.access import subtree_ids

        entry = self.entry(code)
        model = type(scope.jurisdiction)
        levels = list(
            model._default_manager.filter(
                pk__in=subtree_ids(scope.jurisdiction.pk), is_external=False
            ).order_by("path", "pk")
        )
        parts = [self.compute(code, Scope(j, scope.year, scope.agency)) for j in levels]
        return rollup(entry, parts)


def rollup(entry: CatalogueEntry, parts: list[IndicatorValue]) -> IndicatorValue:
    """Combine the figures of several jurisdictions (see `Registry.compute_rollup`)."""
    if len(parts) == 1:
        return parts[0]
    records = _union([p.records for p in parts])
    if entry.kind == "rate" or all(p.denominator is not None for p in parts):
        num = sum(p.numerator or 0 for p in parts)
        den = sum(p.denominator or 0 for p in parts)
        per = 100  # keep the parts' scale (% or ‱): value = numerator × per / denominator
        scaled = next((p for p in parts if p.value is not None and p.numerator and p.denominator), None)
        if (
            scaled is not None
            and float(scaled.value or 0) * (scaled.denominator or 0) / (scaled.numerator or 1) > 1000
        ):
            per = 10000
        return IndicatorValue.rate(num, den, records=records, per=per)
    if entry.kind in ("count", "amount"):
        values = [p.value for p in parts if p.value is not None]
        if not values:
            return IndicatorValue(value=None, records=records)
        total: int | Decimal = sum(values[1:], values[0])
        return IndicatorValue(value=total, records=records)
    return IndicatorValue(value=None, records=records, note="该指标不能由下级数值直接相加，须另行计算。")


def _union(parts: list[Any]) -> Any:
    """The parts' records as one queryset when they are querysets of one model, else None."""
    qs = [p for p in parts if p is not None]
    if not qs or not all(isinstance(p, QuerySet) and p.model is qs[0].model for p in qs):
        return None
    out = qs[0]
    try:
        for p in qs[1:]:
            out = out | p
    except (TypeError, AssertionError):  # sliced or otherwise uncombinable querysets
        return None
    return out


registry = Registry()


def indicator(code: str) -> Callable[[IndicatorFunc], IndicatorFunc]:
    """Decorator: register the function computing `code` (ImproperlyConfigured if unknown or taken)."""

    def decorate(func: IndicatorFunc) -> IndicatorFunc:
        return registry.register(code, func)

    return decorate


def autodiscover() -> None:
    """Import `<app>.indicators` of every installed app (called from CoreConfig.ready())."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("indicators")


__all__ = [
    "CatalogueEntry",
    "Indicator",
    "IndicatorNotComputedError",
    "IndicatorValue",
    "Registry",
    "Scope",
    "UnknownIndicatorError",
    "autodiscover",
    "indicator",
    "registry",
]
