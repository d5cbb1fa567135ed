"""Only those who manage comparisons (the justice bureau) may change the comparison population."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

import pytest

from fazhi.reporting.extraction import services

from .test_compare import REPORT_A


def test_an_officer_cannot_open_or_post_the_comparison_upload(client, officer):
    client.force_login(officer)
    assert client.get("/reporting/compare/upload/").status_code == 403
    assert "上传年度报告" not in client.get("/reporting/compare/").content.decode()


def test_an_officer_cannot_import_or_change_population(officer, supervisor):
    with pytest.raises(PermissionDenied, match="您无权管理对比报告"):
        services.import_published_report(actor=officer, data=REPORT_A, name="a.txt")
    report, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    with pytest.raises(PermissionDenied):
        services.set_report_population(actor=officer, report=report, population=1000)


def test_the_population_api_answers_403_for_an_officer(api_client, officer, supervisor):
    report, _ = services.import_published_report(actor=supervisor, data=REPORT_A, name="a.txt")
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"/api/v1/reporting/published-reports/{report.pk}/population/", {"population": 5}
    )
    assert response.status_code == 403
    assert response.json()["message"] == "您无权管理对比报告（仅司法局可上传或修改）。"
