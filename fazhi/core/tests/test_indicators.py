"""The indicator registry: catalogue, registration rules, rates, records, autodiscovery, CLI."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

import pytest

from fazhi.core import indicators
from fazhi.core.indicators import (
    IndicatorNotComputedError,
    IndicatorValue,
    Scope,
    UnknownIndicatorError,
    indicator,
    registry,
)
from fazhi.core.indicators.build_catalogue import DEFAULT_SOURCE, TARGET, parse, render
from fazhi.org.models import User

# A code no app computes yet, used to exercise registration (cleaned up after each test).
FREE_CODE = "officers.training_hours_rate"
FREE_COUNT_CODE = "officers.annual_review_passed"


@pytest.fixture(autouse=True)
def clean_registry():
    before = set(registry.computed_codes())
    yield
    for code in set(registry.computed_codes()) - before:
        registry.unregister(code)


@pytest.fixture
def free_codes():
    for code in (FREE_CODE, FREE_COUNT_CODE):
        if code in registry.computed_codes():
            pytest.skip(f"{code} is now computed by an app; pick another free code")
    return FREE_CODE, FREE_COUNT_CODE


# --- catalogue -------------------------------------------------------------------------------


def test_catalogue_entry_carries_what_indicators_md_gives():
    entry = registry.get("reconsideration.correction_rate").entry
    assert (
        entry.name,
        entry.unit,
        entry.kind,
        entry.period,
        entry.computable,
        entry.normally,
        entry.app,
    ) == (
        "行政复议纠错率",
        "%",
        "rate",
        "year",
        "yes",
        "computed",
        "disputes",
    )
    assert entry.formula.startswith("Rate = (altered + revoked + declared_unlawful")


@pytest.mark.parametrize(
    ("code", "kind", "period", "normally", "app"),
    [
        ("officers.certified", "count", "year_or_end_of_year", "computed", "org"),
        ("enforcement.fines", "amount", "year", "computed", "enforcement"),
        ("enforcement.no_penalty_items", "count", "end_of_year", "computed", "enforcement"),
        ("reconsideration.carried_over", "count", "start_of_year", "computed", "disputes"),
        ("credit.commitments", "count", "cumulative", "submitted", "reporting"),
        ("services.business_startup_days", "duration", "end_of_year", "submitted", "reporting"),
        ("legal_aid.coverage_rate", "rate", "year", "computed", "affairs"),
        ("leadership.meetings_on_rule_of_law", "count", "year", "submitted", "reporting"),
        ("other", "other", "unspecified", "not_stored", ""),
    ],
)
def test_catalogue_kinds_periods_and_sources(code, kind, period, normally, app):
    entry = registry.get(code).entry
    assert (entry.kind, entry.period, entry.normally, entry.app) == (kind, period, normally, app)


def test_catalogue_holds_every_code_of_indicators_md_once():
    codes = [e.code for e in registry.catalogue()]
    assert len(codes) == len(set(codes)) == 246
    assert codes[0] == "leadership.meetings_on_rule_of_law"
    assert codes[-1] == "other"
    assert all(e.formula for e in registry.catalogue() if e.kind == "rate")


def test_committed_catalogue_is_what_the_script_builds():
    if not DEFAULT_SOURCE.exists():
        pytest.skip("the shared INDICATORS.md is not next to the repository")
    assert TARGET.read_text(encoding="utf-8") == render(parse(DEFAULT_SOURCE.read_text(encoding="utf-8")))


def test_parser_refuses_a_malformed_row():
    text = (
        "### X\n| code | Chinese name | unit | definition | module | computable? | seen in fixtures |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n| `a.b` | 名 | 件 | def in Y | a | maybe | — |\n"
    )
    with pytest.raises(ValueError, match="computable"):
        parse(text)


# --- registration ----------------------------------------------------------------------------


def test_unknown_code_is_refused():
    with pytest.raises(ImproperlyConfigured) as excinfo:

        @indicator("reconsideration.recieved")
        def typo(scope: Scope) -> IndicatorValue:  # pragma: no cover
            return IndicatorValue(0)

    assert (
        str(excinfo.value)
        == "指标代码“reconsideration.recieved”不在指标目录中：请先在 INDICATORS.md 中增加并重新生成目录。"
    )
    assert "reconsideration.recieved" not in registry.computed_codes()


def test_other_cannot_be_registered():
    with pytest.raises(ImproperlyConfigured):
        registry.register("other", lambda scope: IndicatorValue(0))


def test_double_registration_is_refused(free_codes):
    # given
    @indicator(FREE_COUNT_CODE)
    def first(scope: Scope) -> IndicatorValue:
        return IndicatorValue(1)

    # when / then
    with pytest.raises(ImproperlyConfigured, match="重复登记"):

        @indicator(FREE_COUNT_CODE)
        def second(scope: Scope) -> IndicatorValue:  # pragma: no cover
            return IndicatorValue(2)

    assert registry.get(FREE_COUNT_CODE).func is first


def test_get_and_compute_of_an_unknown_code_are_refused(jurisdiction):
    with pytest.raises(UnknownIndicatorError, match="指标代码“nope.nope”不在指标目录中"):
        registry.get("nope.nope")
    with pytest.raises(UnknownIndicatorError):
        registry.compute("nope.nope", Scope(jurisdiction, 2025))


def test_submitted_indicator_cannot_be_computed(jurisdiction):
    with pytest.raises(IndicatorNotComputedError, match="须由部门填报"):
        registry.compute("leadership.instructions", Scope(jurisdiction, 2025))


def test_compute_returns_the_value_and_the_records_behind_it(
    free_codes, jurisdiction, officer, other_officer
):
    # given an indicator over staff accounts of the scope's jurisdiction
    @indicator(FREE_COUNT_CODE)
    def staff(scope: Scope) -> IndicatorValue:
        qs = User.objects.filter(jurisdiction=scope.jurisdiction).order_by("username")
        return IndicatorValue(value=qs.count(), records=qs)

    # when
    result = registry.compute(FREE_COUNT_CODE, Scope(jurisdiction, 2025))
    # then
    assert result.value == 2
    assert list(result.records) == [officer, other_officer]
    assert FREE_COUNT_CODE in registry.computed_codes()


def test_rate_indicator_must_use_the_rate_constructor(free_codes, jurisdiction):
    @indicator(FREE_CODE)
    def bad(scope: Scope) -> IndicatorValue:
        return IndicatorValue(value=95)

    with pytest.raises(ImproperlyConfigured, match="IndicatorValue.rate"):
        registry.compute(FREE_CODE, Scope(jurisdiction, 2025))


def test_scope_dates(jurisdiction):
    scope = Scope(jurisdiction, 2025)
    assert (scope.start.isoformat(), scope.end.isoformat(), scope.agency) == (
        "2025-01-01",
        "2025-12-31",
        None,
    )


# --- rates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "value"),
    [
        (963, 970, Decimal("99.28")),  # 99.2783… rounds half-up to 2 dp
        (1, 3, Decimal("33.33")),
        (2, 3, Decimal("66.67")),
        (1, 8, Decimal("12.50")),  # 12.5 exactly
        (1, 200, Decimal("0.50")),
        (1, 16, Decimal("6.25")),
        (1, 1600, Decimal("0.06")),  # 0.0625 → 0.06
        (3, 1600, Decimal("0.19")),  # 0.1875 → 0.19
        (0, 5, Decimal("0.00")),
        (5, 5, Decimal("100.00")),
        (0, 0, None),
        (7, 0, None),
    ],
)
def test_rate_arithmetic_is_exact(numerator, denominator, value):
    result = IndicatorValue.rate(numerator, denominator)
    assert (result.value, result.numerator, result.denominator) == (value, numerator, denominator)
    if value is not None:
        assert result.value.as_tuple().exponent == -2


def test_rate_per_ten_thousand():
    # 万人受援率: 1527 recipients / 500 000 residents × 10 000 = 30.54
    assert IndicatorValue.rate(1527, 500_000, per=10_000).value == Decimal("30.54")


def test_rate_from_querysets_keeps_both_sides(officer, other_officer, supervisor):
    # given
    passed = User.objects.filter(username__in=["officer", "other_officer"])
    sat = User.objects.all()
    # when
    result = IndicatorValue.rate(passed, sat)
    # then
    assert (result.value, result.numerator, result.denominator) == (Decimal("66.67"), 2, 3)
    assert result.numerator_records is passed
    assert result.records is sat


def test_rate_from_lists_with_explicit_records():
    result = IndicatorValue.rate(["a"], ["a", "b", "c", "d"], records=["x"])
    assert (result.value, result.records) == (Decimal("25.00"), ["x"])


@pytest.mark.parametrize(("numerator", "denominator"), [(-1, 5), (1, -5)])
def test_negative_rate_parts_are_refused(numerator, denominator):
    with pytest.raises(ValueError, match="不能为负数"):
        IndicatorValue.rate(numerator, denominator)


# --- autodiscovery -----------------------------------------------------------------------------


def test_autodiscover_imports_each_apps_indicators_module(free_codes, tmp_path, monkeypatch):
    # given an installed app whose indicators.py registers a code
    package = tmp_path / "probe_indicator_app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "indicators.py").write_text(
        "from fazhi.core.indicators import IndicatorValue, indicator\n\n\n"
        f"@indicator({FREE_COUNT_CODE!r})\n"
        "def probe(scope):\n"
        "    return IndicatorValue(value=7)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import probe_indicator_app

    probe_config = AppConfig("probe_indicator_app", probe_indicator_app)
    real = apps.get_app_configs()
    monkeypatch.setattr(apps, "get_app_configs", lambda: [*real, probe_config])
    # when
    indicators.autodiscover()
    # then
    assert FREE_COUNT_CODE in registry.computed_codes()
    assert registry.get(FREE_COUNT_CODE).func.__module__ == "probe_indicator_app.indicators"
    monkeypatch.delitem(sys.modules, "probe_indicator_app.indicators")
    monkeypatch.delitem(sys.modules, "probe_indicator_app")


def test_core_ready_runs_autodiscovery(monkeypatch):
    calls = []
    monkeypatch.setattr(indicators, "autodiscover", lambda: calls.append("autodiscover"))
    apps.get_app_config("core").ready()
    assert calls == ["autodiscover"]


# --- CLI -------------------------------------------------------------------------------------


def test_list_command_lists_the_whole_catalogue():
    out = StringIO()
    call_command("indicators", "list", stdout=out)
    lines = out.getvalue().splitlines()
    assert (
        lines[0]
        == "leadership.meetings_on_rule_of_law\t党委常委会、政府常务会议、依法治县(市、区)委员会专题研究法治(政府)建设次数\t次\t数量\t部门填报"
    )
    assert len(lines) == 247
    computed = len(registry.computed_codes())
    assert lines[-1] == f"共 246 项（目录 246 项，已登记计算 {computed} 项）"


def test_list_command_computed_only(free_codes):
    # given
    registry.register(FREE_CODE, lambda scope: IndicatorValue.rate(1, 2))
    out = StringIO()
    # when
    call_command("indicators", "list", "--computed", stdout=out)
    # then
    lines = out.getvalue().splitlines()
    assert "officers.training_hours_rate\t执法人员学时达标率\t%\t比率\t已登记计算" in lines
    assert len(lines) == len(registry.computed_codes()) + 1


def test_catalogue_json_is_valid_and_sorted_like_the_source():
    data = json.loads(Path(indicators.CATALOGUE_PATH).read_text(encoding="utf-8"))
    assert data["count"] == len(data["indicators"]) == 246
