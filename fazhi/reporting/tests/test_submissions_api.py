"""API for submissions, indicator values and reports: same services, same errors (ADR 0001)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.reporting.models import Submission
from fazhi.reporting.submissions import services as svc


@pytest.fixture
def submission(supervisor, jurisdiction, agency):
    c = svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=["services.items", "services.instant_items"],
        agencies=[agency],
    )
    return Submission.objects.get(campaign=c)


def test_fill_submit_approve_through_the_api(api_client, submission, officer, supervisor):
    # given
    api_client.force_authenticate(officer)
    # when
    saved = api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/values/",
        {
            "values": [
                {"code": "services.items", "value": "40"},
                {"code": "services.instant_items", "value": "12"},
            ]
        },
        format="json",
    )
    submitted = api_client.post(f"/api/v1/reporting/submissions/{submission.pk}/submit/")
    api_client.force_authenticate(supervisor)
    approved = api_client.post(f"/api/v1/reporting/submissions/{submission.pk}/approve/")
    values = api_client.get("/api/v1/reporting/indicators/?year=2025").json()
    # then
    assert saved.status_code == submitted.status_code == approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert [v for v in values if v["code"] == "services.items"] == [
        {
            "code": "services.items",
            "name": "政务服务事项数",
            "unit": "项",
            "kind": "count",
            "value": "40.00",
            "previous": None,
            "change": None,
            "change_pct": None,
            "numerator": None,
            "denominator": None,
            "source": "submission",
        }
    ]


def test_api_errors_name_the_indicator(api_client, submission, officer):
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/values/",
        {"values": [{"code": "services.items", "value": "-3"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "services.items": ["“政务服务事项数”（services.items）不能为负数（填写了 -3）。"]
    }
    assert submission.values.count() == 0


def test_another_agency_does_not_see_the_submission(api_client, submission, other_officer):
    api_client.force_authenticate(other_officer)
    assert api_client.get("/api/v1/reporting/submissions/").json() == []
    assert api_client.post(f"/api/v1/reporting/submissions/{submission.pk}/submit/").status_code == 404
