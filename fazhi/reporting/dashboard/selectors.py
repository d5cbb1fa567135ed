"""Reads for the dashboard and the report: one figure per code, from a computation over the
platform's records or from approved submissions, with the year before and what is behind it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.indicators import CatalogueEntry, IndicatorValue, Scope, registry
from fazhi.org.models import Agency, Jurisdiction
from fazhi.reporting.models import FigureSource, SubmissionStatus, SubmissionValue

TWO = Decimal("0.01")


@dataclass
class Figure:
    """One indicator's value for a scope, with its source."""

    entry: CatalogueEntry
    value: Decimal | int | None
    source: str  # FigureSource
    computed: IndicatorValue | None = None
    submission_values: list[SubmissionValue] = field(default_factory=list)
    note: str = ""
    not_applicable: bool = False  # no value, and an approved submission said 本单位无此项工作

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def source_label(self) -> str:
        return str(FigureSource(self.source).label)

    @property
    def badge_class(self) -> str:
        return {"computed": "status-on_time", "submission": "status-due_soon"}.get(
            self.source, "status-overdue"
        )


@dataclass
class Row:
    """A dashboard row: this year, last year and the change."""

    current: Figure
    previous: Figure

    @property
    def entry(self) -> CatalogueEntry:
        return self.current.entry

    @property
    def change(self) -> Decimal | None:
        return yoy_change(self.current.value, self.previous.value)

    @property
    def change_pct(self) -> Decimal | None:
        return yoy_pct(self.current.value, self.previous.value, self.entry.kind)


def yoy_change(current: Any, previous: Any) -> Decimal | None:
    if current is None or previous is None:
        return None
    return Decimal(current) - Decimal(previous)


def yoy_pct(current: Any, previous: Any, kind: str = "count") -> Decimal | None:
    """Year-on-year change in per cent (for rates: the change in percentage points is `yoy_change`)."""
    if current is None or previous is None or kind == "rate" or Decimal(previous) == 0:
        return None
    return ((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )


def scope_for(user: Any, jurisdiction: Jurisdiction, year: int, agency: Agency | None = None) -> Scope:
    """The scope a user may look at: agency staff only ever their own agency (ADR 0002)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied("请先登录。")
    if not user.is_superuser and jurisdiction.pk != user.jurisdiction_id:
        raise PermissionDenied("只能查看本行政区划的指标。")
    if not user.is_superuser and not user.sees_whole_jurisdiction:
        if user.agency_id is None:
            raise PermissionDenied("账号未关联部门，不能查看指标。")
        agency = user.agency
    if agency is not None and agency.jurisdiction_id != jurisdiction.pk:
        raise PermissionDenied("该部门不属于所选行政区划。")
    return Scope(jurisdiction, year, agency)


def _approved(scope: Scope, codes: list[str] | None) -> Any:
    qs = SubmissionValue.objects.filter(
        submission__campaign__jurisdiction=scope.jurisdiction,
        submission__campaign__year=scope.year,
        submission__status=SubmissionStatus.APPROVED,
    )
    if scope.agency is not None:
        qs = qs.filter(submission__agency=scope.agency)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    return qs


def approved_values(scope: Scope, codes: list[str] | None = None) -> dict[str, list[SubmissionValue]]:
    """Approved submitted values of the scope's year (and agency), by code — one query.

    Figures marked 本单位无此项工作 are left out: they are not zeros and count in no total or mean.
    """
    qs = _approved(scope, codes).filter(not_applicable=False).select_related("submission__agency")
    out: dict[str, list[SubmissionValue]] = defaultdict(list)
    for v in qs.order_by("submission__agency__name"):
        out[v.code].append(v)
    return out


def approved_not_applicable(scope: Scope, codes: list[str] | None = None) -> set[str]:
    """Codes some approved submission of the scope marked 本单位无此项工作 — one query."""
    return set(_approved(scope, codes).filter(not_applicable=True).values_list("code", flat=True))


def combine_submitted(entry: CatalogueEntry, values: list[SubmissionValue]) -> tuple[Decimal | None, str]:
    """Counts and amounts add up across agencies; a rate or a duration is their mean (noted).

    Rows marked 本单位无此项工作 are skipped (never counted as 0 nor in the mean's denominator).
    """
    values = [v for v in values if not v.not_applicable and v.value is not None]
    if not values:
        return None, ""
    if entry.kind in {"count", "amount"}:
        total = sum((v.value for v in values if v.value is not None), Decimal(0))
        return (total.quantize(Decimal(1)) if entry.kind == "count" else total), ""
    if len(values) == 1:
        return values[0].value, ""
    mean = (sum((v.value for v in values if v.value is not None), Decimal(0)) / len(values)).quantize(
        TWO, ROUND_HALF_UP
    )
    return mean, f"{len(values)} 个部门填报值的平均数"


def figure(
    code: str,
    scope: Scope,
    submitted: dict[str, list[SubmissionValue]] | None = None,
    not_applicable: set[str] | None = None,
) -> Figure:
    """The value of `code` for `scope`: computed when an app registered a computation, else submitted.

    With no approved value, the figure is `not_applicable` (shown 无此项) when an approved submission
    of the scope marked the code 本单位无此项工作 (looked up unless `submitted` is given without
    `not_applicable`, as the annual report does).
    """
    indicator = registry.get(code)
    if indicator.is_computed:
        result = registry.compute(code, scope)
        value = result.value
        return Figure(indicator.entry, value, FigureSource.COMPUTED, computed=result, note=result.note)
    values = (submitted if submitted is not None else approved_values(scope, [code])).get(code, [])
    value, note = combine_submitted(indicator.entry, values)
    source = FigureSource.SUBMISSION if values else FigureSource.MISSING
    na = False
    if not values:
        if not_applicable is None and submitted is None:
            not_applicable = approved_not_applicable(scope, [code])
        na = code in (not_applicable or set())
    return Figure(indicator.entry, value, source, submission_values=values, note=note, not_applicable=na)


def dashboard_rows(scope: Scope, codes: list[str] | None = None) -> list[Row]:
    """Every catalogue code (or `codes`) for the scope's year and the year before."""
    wanted = codes or [e.code for e in registry.catalogue() if e.normally != "not_stored"]
    prev_scope = Scope(scope.jurisdiction, scope.year - 1, scope.agency)
    now_sub, prev_sub = approved_values(scope, wanted), approved_values(prev_scope, wanted)
    now_na = approved_not_applicable(scope, wanted)
    prev_na = approved_not_applicable(prev_scope, wanted)
    return [Row(figure(c, scope, now_sub, now_na), figure(c, prev_scope, prev_sub, prev_na)) for c in wanted]


def records_behind(code: str, scope: Scope) -> tuple[Figure, Any]:
    """The figure and the records (a queryset or list) behind it, for the drill-down page."""
    fig = figure(code, scope)
    if fig.computed is None:
        return fig, fig.submission_values
    records = fig.computed.records
    if records is None:
        records = fig.computed.denominator_records or fig.computed.numerator_records
    return fig, records if records is not None else []


def per_agency(code: str, scope: Scope, agencies: list[Agency]) -> list[tuple[Agency, Any]]:
    """A computed figure broken down by agency (one computation per agency; zeros left out)."""
    if scope.agency is not None or not registry.get(code).is_computed:
        return []
    out = []
    for agency in agencies:
        value = registry.compute(code, Scope(scope.jurisdiction, scope.year, agency)).value
        if value:
            out.append((agency, value))
    return sorted(out, key=lambda pair: -Decimal(pair[1]))


def record_link(obj: Any) -> str:
    """The record's own page when it has one."""
    get_url = getattr(obj, "get_absolute_url", None)
    if callable(get_url):
        try:
            return str(get_url())
        except Exception:  # noqa: BLE001 — a record without a reversible page is shown as text
            return ""
    return ""


def format_value(value: Any, entry: CatalogueEntry) -> str:
    """How a figure reads in Chinese text: 1234件, 98.5%, 12.3万元."""
    if value is None:
        return "—"
    d = Decimal(value).quantize(TWO, ROUND_HALF_UP)
    unit = entry.unit or ""
    if entry.kind == "count" and d >= 100000:  # 486000件 reads 48.6万件, as the published reports write it
        d, unit = (d / 10000).quantize(TWO, ROUND_HALF_UP), f"万{unit}"
    text = str(int(d)) if d == d.to_integral_value() else str(d).rstrip("0").rstrip(".")
    return f"{text}{unit}"
