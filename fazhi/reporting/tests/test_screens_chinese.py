"""Issue 15: the reporting screens speak Chinese — no indicator codes, keys, file names or Python
values in what a person reads; codes only behind the expert toggle; no data is not zero."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from fazhi.core.indicators import IndicatorValue, Scope, registry
from fazhi.core.tests.screen_text import code_leaks, visible_text
from fazhi.org.models import Agency
from fazhi.reporting.dashboard.selectors import dashboard_rows
from fazhi.reporting.dashboard.text import chinese_text
from fazhi.reporting.extraction import services as extraction
from fazhi.reporting.submissions import services as subs
from fazhi.reporting.tests.test_compare import REPORT_A, REPORT_B

E = subs.Entry


def _approve(supervisor, officer, jurisdiction, agency, year, values):
    c = subs.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=year,
        due_date=date(year + 1, 1, 31),
        codes=list(values),
        agencies=[agency],
    )
    s = c.submissions.get()
    subs.save_values(actor=officer, submission=s, entries={k: E(v, "说明") for k, v in values.items()})
    subs.submit_submission(actor=officer, submission=s)
    subs.approve_submission(actor=supervisor, submission=s)
    return s


@pytest.fixture
def figures(supervisor, officer, jurisdiction, agency):
    return _approve(
        supervisor, officer, jurisdiction, agency, 2025, {"services.items": 250, "services.online_rate": 95}
    )


def test_dashboard_shows_no_code_and_no_english(client, supervisor, figures):
    # given approved figures for 2025
    client.force_login(supervisor)
    # when the dashboard is opened
    html = client.get("/reporting/?year=2025").content.decode()
    # then the names are there and no code or English definition is
    assert "政务服务事项" in visible_text(html)
    assert code_leaks(html) == []
    assert "services.items" not in visible_text(html)


def test_expert_toggle_shows_the_codes(client, supervisor, figures):
    client.force_login(supervisor)
    html = client.get("/reporting/?year=2025&codes=1").content.decode()
    assert "<code>services.items</code>" in html
    assert "显示指标代码" in html


def test_drill_down_hides_the_code_and_english_definition(client, supervisor, figures):
    client.force_login(supervisor)
    html = client.get("/reporting/indicators/services.items/?year=2025").content.decode()
    assert code_leaks(html) == []
    assert "指标代码" not in visible_text(html)
    assert (
        "services.items"
        in client.get("/reporting/indicators/services.items/?year=2025&codes=1").content.decode()
    )


def test_submission_form_shows_names_not_codes(client, supervisor, officer, jurisdiction, agency):
    # given an open submission
    c = subs.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=["services.items", "business_env.new_entities"],
        agencies=[agency],
    )
    s = c.submissions.get()
    client.force_login(officer)
    # when the agency opens its form
    html = client.get(f"/reporting/submissions/{s.pk}/").content.decode()
    # then it reads Chinese only
    assert code_leaks(html) == []
    assert 'name="v:services.items"' in html  # the field name is technical, not shown
    # and the Excel template hides the code column and has a Chinese file name
    response = client.get(f"/reporting/submissions/{s.pk}/template.xlsx")
    disposition = response["Content-Disposition"]
    assert "submission-" not in disposition
    assert "filename*=UTF-8''" in disposition
    ws = load_workbook(BytesIO(response.content))["填报表"]
    assert ws.column_dimensions["A"].hidden
    visible = [ws.cell(3, col).value for col in range(2, 7)]
    assert visible == ["指标名称", "单位", "上年数值", "本年数值", "说明"]
    assert "指标代码" not in str(ws["A2"].value)


def test_excel_round_trip_still_matches_rows_by_the_hidden_code(
    client, supervisor, officer, jurisdiction, agency
):
    from fazhi.reporting.submissions import excel

    c = subs.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=["services.items"],
        agencies=[agency],
    )
    s = c.submissions.get()
    wb = load_workbook(BytesIO(excel.template_for(s)))
    wb["填报表"].cell(4, 5).value = 12
    out = BytesIO()
    wb.save(out)
    excel.import_upload(actor=officer, submission=s, data=out.getvalue())
    assert s.values.get(code="services.items").value == 12


def test_comparison_dropdown_is_sorted_by_section_and_name_and_shows_no_code(client, supervisor):
    # given two imported reports (their file names, as the clerk uploaded them, are shown as the source)
    extraction.import_published_report(
        actor=supervisor, data=REPORT_A, name="青山县2023年度报告.txt", population=200_000
    )
    extraction.import_published_report(actor=supervisor, data=REPORT_B, name="绿水县2023年度报告.txt")
    client.force_login(supervisor)
    # when the comparison page is opened
    response = client.get("/reporting/compare/")
    html = response.content.decode()
    # then no code is shown (the uploaded files' own names are the clerk's, listed as the source)
    # and the options follow the catalogue sections, not the codes
    for name in ("青山县2023年度报告.txt", "绿水县2023年度报告.txt"):
        html = html.replace(name, "")
    assert code_leaks(html) == []
    ctx = response.context
    codes = [item["row"]["code"] for item in ctx["table"]]
    assert codes != sorted(codes) or len(codes) < 2
    from fazhi.reporting.dashboard.views import section_order

    keys = [section_order(registry.entry(c)) for c in codes if c in registry]
    assert keys == sorted(keys)
    # and the county's own column for 2023 (no records on the platform) reads 暂无数据, not 0件
    own = [c for c in ctx["comparison"].columns if c.is_own]
    assert own
    assert all(col.key not in item["row"]["cells"] for item in ctx["table"] for col in own)
    assert "\n0 件" not in visible_text(html)
    export = client.get("/reporting/compare/export.csv")
    assert "compare.csv" not in export["Content-Disposition"]


def test_english_definitions_are_not_shown():
    assert chinese_text("Cases with steps recorded on the mobile app in Y.") == ""
    assert chinese_text("以立案决定书日期为准") == "以立案决定书日期为准"


# --- no data is not zero -------------------------------------------------------------------------


@pytest.fixture
def computed_agencies():
    """A computation over real rows: 0 in a year the platform has no records for."""

    def func(scope: Scope) -> IndicatorValue:
        qs = Agency.objects.filter(jurisdiction=scope.jurisdiction, has_enforcement_authority=True)
        if scope.year < 2025:
            qs = qs.none()
        return IndicatorValue(value=qs.count(), records=qs)

    registry.register("services.hall_departments", func)
    yield
    registry.unregister("services.hall_departments")


def test_a_year_without_records_is_no_data_not_zero(
    client, supervisor, jurisdiction, agency, computed_agencies
):
    # given records for 2025 only
    agency.has_enforcement_authority = True
    agency.save()
    # when the 2025 dashboard is built
    row = dashboard_rows(Scope(jurisdiction, 2025), ["services.hall_departments"])[0]
    # then 2024 is 暂无数据 and there is no year-on-year change
    assert row.current.value == 1
    assert row.previous.value is None
    assert row.change is None
    assert row.change_pct is None
    client.force_login(supervisor)
    response = client.get("/reporting/?year=2025")
    assert "暂无数据" in visible_text(response.content.decode())
    # and the chart draws no bar for the year without data
    chart = response.context["chart_data"]
    assert 0.0 not in chart["previous"]


@pytest.mark.parametrize(
    "html",
    [
        "<td>enforcement.cases_opened</td>",
        "<p>可配置：FAZHI_TRAINING_HOURS_REQUIRED</p>",
        "<p>数据文件 holidays.json</p>",
        "<div>deadlines：[{'clock': 'decision'}]</div>",
        "<div>party_id_number：1 → 2</div>",
        '<a title="LEGAL_RULES §13">x</a>',
    ],
)
def test_the_scanner_catches_what_the_issue_found(html):
    assert code_leaks(html)


def test_the_scanner_ignores_markup_and_the_expert_codes():
    html = '<input name="v:services.items" value="12"><code>services.items</code><script>a.b_c()</script>'
    assert code_leaks(html) == []
