"""Import of published reports (idempotent, audited), the comparison page, exports and API."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

import pytest
from openpyxl import load_workbook

from fazhi.core.audit.models import AuditEntry
from fazhi.reporting.extraction import selectors, services
from fazhi.reporting.models import ExtractedFigure, PublishedReport

REPORT_A = (
    "青山县2023年法治政府建设年度报告\n"
    "2023年,青山县全年共办理法律援助案件300件,收到行政复议申请40件。\n"
    "一、主要举措和成效\n二、存在的问题\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、下一步工作安排\n"
).encode()
REPORT_B = ("绿水县2023年法治政府建设年度报告\n2023年,绿水县全年共办理法律援助案件150件。\n").encode()


@pytest.fixture
def imported(supervisor):
    a, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt", population=200_000)
    b, _ = services.import_published_report(actor=supervisor, data=REPORT_B, name="b.txt")
    return a, b


def test_import_creates_report_and_figures(supervisor):
    # given / when
    report, created = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    # then
    assert created is True
    assert (report.jurisdiction_name, report.level, report.year) == ("青山县", "county", 2023)
    assert list(report.figures.values_list("indicator", "value", "unit")) == [
        ("legal_aid.cases", Decimal(300), "件"),
        ("reconsideration.received", Decimal(40), "件"),
    ]
    assert report.structure["missing"] == []
    assert AuditEntry.objects.filter(action="reporting.import_published_report").count() == 1


def test_import_is_idempotent_by_file_hash(supervisor):
    # given
    first, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    # when
    again, created = services.import_published_report(actor=supervisor, data=REPORT_A, name="copy-of-a.txt")
    # then
    assert created is False
    assert again.pk == first.pk
    assert PublishedReport.objects.count() == 1
    assert ExtractedFigure.objects.count() == 2
    assert AuditEntry.objects.filter(action="reporting.import_published_report").count() == 1


def test_unreadable_upload_is_refused_and_leaves_nothing(supervisor):
    # given / when
    with pytest.raises(ValidationError) as exc:
        services.import_published_report(actor=supervisor, data=b"", name="empty.txt")
    # then
    assert exc.value.messages == ["文件为空：empty.txt"]
    assert PublishedReport.objects.count() == 0


def test_import_command_imports_a_folder_once(tmp_path, supervisor):
    # given
    (tmp_path / "a.txt").write_bytes(REPORT_A)
    (tmp_path / "b.txt").write_bytes(REPORT_B)
    (tmp_path / "notes.xls").write_bytes(b"x")
    out, err = StringIO(), StringIO()
    # when
    call_command("reports", "import", str(tmp_path), stdout=out, stderr=err)
    call_command("reports", "import", str(tmp_path), stdout=out, stderr=err)
    # then
    assert out.getvalue().splitlines() == [
        "导入 2 份，已存在 0 份，失败 0 份。",
        "导入 0 份，已存在 2 份，失败 0 份。",
    ]
    assert "2/2" in err.getvalue()
    assert PublishedReport.objects.count() == 2


def test_population_is_editable_and_audited(imported, supervisor):
    # given
    _, b = imported
    # when
    services.set_report_population(actor=supervisor, report=b, population=100_000)
    # then
    b.refresh_from_db()
    assert b.population == 100_000
    assert AuditEntry.objects.filter(action="reporting.set_report_population").count() == 1


def test_comparison_lines_up_indicators_with_per_10k(imported):
    # given
    a, b = imported
    # when
    comp = selectors.comparison(codes=["legal_aid.cases"], include_own=False)
    # then
    cells = comp.rows[0]["cells"]
    assert [c.key for c in comp.columns] == [f"r{b.pk}", f"r{a.pk}"]  # by year, then name
    assert (cells[f"r{a.pk}"].value, cells[f"r{a.pk}"].per_10k) == (Decimal(300), Decimal("15.00"))
    assert (cells[f"r{b.pk}"].value, cells[f"r{b.pk}"].per_10k) == (Decimal(150), None)


def test_compare_page_requires_login(client):
    # given / when
    response = client.get("/reporting/compare/")
    # then
    assert response.status_code == 302


def test_compare_page_shows_table_and_chart(client, officer, imported):
    # given
    client.force_login(officer)
    # when
    response = client.get("/reporting/compare/?indicator=legal_aid.cases")
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert "青山县2023" in body
    assert "chart-4.6.1.umd.min.js" in body
    assert '"values": [150.0, 300.0]' in body


def test_compare_page_names_indicators_in_chinese_with_the_source_sentence_one_click_away(
    client, officer, imported
):
    # given two imported reports
    client.force_login(officer)
    # when the comparison page is opened
    body = client.get("/reporting/compare/?indicator=legal_aid.cases").content.decode()
    # then rows carry the catalogue's Chinese name, never a code
    assert "法律援助案件数" in body
    assert ">legal_aid.cases<" not in body
    assert "（legal_aid.cases）" not in body
    # and each value opens on the sentence it was read from
    assert '<details class="figure-source"><summary>原文</summary>' in body
    assert "2023年,青山县全年共办理法律援助案件300件,收到行政复议申请40件。" in body


def test_imported_figures_keep_label_and_sentence(supervisor):
    # given / when
    report, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    # then
    figure = report.figures.get(indicator="reconsideration.received")
    assert figure.label == "收到行政复议申请数"
    assert figure.sentence == "2023年,青山县全年共办理法律援助案件300件,收到行政复议申请40件。"


def test_upload_page_imports_files(client, supervisor):
    # given
    client.force_login(supervisor)
    upload = SimpleUploadedFile("a.txt", REPORT_A, content_type="text/plain")
    # when
    response = client.post("/reporting/compare/upload/", {"files": [upload]})
    # then
    assert response.status_code == 200
    assert "已导入：青山县2023年度，2项数据" in response.content.decode()
    assert PublishedReport.objects.count() == 1


def test_csv_export(client, supervisor, imported):
    # given
    client.force_login(supervisor)
    # when
    response = client.get("/reporting/compare/export.csv?indicator=legal_aid.cases")
    # then
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # the county's own column comes first; legal_aid.cases has no computation in the registry yet
    assert rows[1] == [
        "legal_aid.cases",
        "法律援助案件数",
        "",
        "",
        "",
        "150.0",
        "件",
        "",
        "300.0",
        "件",
        "15.0",
    ]


def test_xlsx_export(client, supervisor, imported):
    # given
    client.force_login(supervisor)
    # when
    response = client.get("/reporting/compare/export.xlsx?indicator=legal_aid.cases")
    # then
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(1, 1).value == "指标代码"
    assert ws.cell(2, 1).value == "legal_aid.cases"


def test_compare_api(api_client, supervisor, imported):
    # given
    a, _ = imported
    api_client.force_authenticate(supervisor)
    # when
    response = api_client.get("/api/v1/reporting/compare/?indicator=legal_aid.cases")
    # then
    assert response.status_code == 200
    assert response.json()["rows"][0]["values"][f"r{a.pk}"] == {
        "value": 300,
        "unit": "件",
        "approx": False,
        "per_10k": 15,
    }


def test_published_reports_api_requires_login(api_client, imported):
    # given / when
    response = api_client.get("/api/v1/reporting/published-reports/")
    # then
    assert response.status_code in (401, 403)


def test_own_county_column_uses_the_registry_and_survives_failures(monkeypatch, jurisdiction, imported):
    # given a registry that computes legal_aid.cases and fails on reconsideration.received
    from fazhi.core.indicators import IndicatorValue, registry

    def fake_compute(code, scope):
        if code == "reconsideration.received":
            raise RuntimeError("boom")
        return IndicatorValue(value=88)

    monkeypatch.setattr(registry, "computed_codes", lambda: ["legal_aid.cases", "reconsideration.received"])
    monkeypatch.setattr(registry, "compute", fake_compute)
    # when
    comp = selectors.comparison(codes=["legal_aid.cases", "reconsideration.received"])
    # then
    own = comp.columns[0]
    assert (own.jurisdiction, own.year, own.is_own) == (jurisdiction.name, 2023, True)
    rows = {r["code"]: r["cells"] for r in comp.rows}
    assert rows["legal_aid.cases"][own.key].value == Decimal(88)
    assert own.key not in rows["reconsideration.received"]


def test_population_api(api_client, supervisor, imported):
    # given
    _, b = imported
    api_client.force_authenticate(supervisor)
    # when
    response = api_client.post(
        f"/api/v1/reporting/published-reports/{b.pk}/population/", {"population": 250000}, format="json"
    )
    # then
    b.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["population"] == 250000
    assert b.population == 250000


def test_population_api_refuses_zero_and_changes_nothing(api_client, supervisor, imported):
    # given
    a, _ = imported
    api_client.force_authenticate(supervisor)
    # when
    response = api_client.post(
        f"/api/v1/reporting/published-reports/{a.pk}/population/", {"population": 0}, format="json"
    )
    # then
    a.refresh_from_db()
    assert response.status_code == 400
    assert a.population == 200000
    assert AuditEntry.objects.filter(action="reporting.set_report_population").count() == 0


def test_report_detail_api_lists_figures(api_client, supervisor, imported):
    # given
    a, _ = imported
    api_client.force_authenticate(supervisor)
    # when
    response = api_client.get(f"/api/v1/reporting/published-reports/{a.pk}/")
    # then
    assert response.status_code == 200
    assert [(f["indicator"], f["value"], f["unit"]) for f in response.json()["figures"]] == [
        ("legal_aid.cases", "300.0000", "件"),
        ("reconsideration.received", "40.0000", "件"),
    ]


def test_population_form_on_compare_page(client, supervisor, imported):
    # given
    _, b = imported
    client.force_login(supervisor)
    # when
    response = client.post(f"/reporting/compare/reports/{b.pk}/population/", {"population": "80000"})
    # then
    b.refresh_from_db()
    assert response.status_code == 302
    assert b.population == 80000


def test_import_takes_division_code_and_population_from_a_known_jurisdiction(supervisor):
    # given an external jurisdiction already entered in org
    from fazhi.org.tests.factories import JurisdictionFactory

    JurisdictionFactory(name="青山县", division_code="620724", population=150_000, is_external=True)
    # when
    report, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    # then
    assert (report.division_code, report.population) == ("620724", 150_000)


def test_upload_by_htmx_returns_the_result_table_only(client, supervisor):
    # given
    client.force_login(supervisor)
    upload = SimpleUploadedFile("b.txt", REPORT_B, content_type="text/plain")
    # when
    response = client.post("/reporting/compare/upload/", {"files": [upload]}, HTTP_HX_REQUEST="true")
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "已导入：绿水县2023年度，1项数据" in body


def test_compare_page_filters_by_year(client, supervisor, imported, other_year_report):
    # given reports of 2023 and one of 2022
    client.force_login(supervisor)
    # when
    response = client.get("/reporting/compare/?year=2022")
    # then
    body = response.content.decode()
    assert "远山县2022" in body
    assert "青山县2023" not in body


@pytest.fixture
def other_year_report(supervisor):
    data = "远山县2022年法治政府建设年度报告\n2022年,远山县办理法律援助案件90件。\n".encode()
    report, _ = services.import_published_report(actor=supervisor, data=data, name="c.txt")
    return report
