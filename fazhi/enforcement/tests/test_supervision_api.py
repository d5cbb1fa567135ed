"""Supervision and officer API: scoping, one verb per endpoint, the one error shape (ADR 0001)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.enforcement.models import CriminalReferral, SupervisionOpinion
from fazhi.enforcement.models.supervision import CHECKLIST
from fazhi.org.models import Certificate, QualificationExam
from fazhi.org.tests.factories import CertificateFactory, UserFactory

from .supervision_factories import decided, make_case

API = "/api/v1/enforcement"


def test_dashboard_for_the_bureau_and_for_an_agency(
    api_client, supervisor, other_officer, agency, other_agency
):
    make_case(agency, 1, flag_uncertified=True, decision_due_on=date(2025, 12, 1))
    make_case(other_agency, 1, decision_due_on=date(2025, 12, 1))
    # supervisor: both agencies, the flagged case with its link
    api_client.force_authenticate(supervisor)
    body = api_client.get(f"{API}/supervision/dashboard/", {"year": 2025, "on": "2025-09-30"}).json()
    assert sorted(r["agency_name"] for r in body["rows"]) == sorted([agency.name, other_agency.name])
    assert [(c["problems"], c["agency_id"]) for c in body["flagged"]] == [
        (["执法人员不足两名持证"], agency.pk)
    ]
    assert body["flagged"][0]["url"] == f"/enforcement/cases/{body['flagged'][0]['id']}/"
    # the other agency's officer: only their agency, nothing flagged
    api_client.force_authenticate(other_officer)
    body = api_client.get(f"{API}/supervision/dashboard/", {"year": 2025, "on": "2025-09-30"}).json()
    assert [r["agency_id"] for r in body["rows"]] == [other_agency.pk]
    assert body["flagged"] == []


def test_dashboard_bad_date_uses_the_error_shape(api_client, supervisor):
    api_client.force_authenticate(supervisor)
    response = api_client.get(f"{API}/supervision/dashboard/", {"on": "2025-02-30"})
    assert response.status_code == 400
    assert "不是有效日期" in response.json()["message"]


def test_draw_score_and_feedback_through_the_api(api_client, supervisor, agency_admin, agency):
    for n in range(1, 3):
        decided(agency, n, date(2024, 3, n), opened_on=date(2024, 2, 1))
    api_client.force_authenticate(supervisor)
    # draw
    response = api_client.post(
        f"{API}/supervision/reviews/draw/",
        {"title": "2024年度评查", "year": 2024, "per_agency": 5, "on": "2025-03-03", "seed": 99},
        format="json",
    )
    assert response.status_code == 201, response.json()
    review = response.json()
    assert (review["seed"], review["agency_ids"]) == (99, [agency.pk])
    files = api_client.get(f"{API}/supervision/review-files/", {"review": review["id"]}).json()["results"]
    assert len(files) == 2
    # score
    full = {code: points for code, _g, _l, points in CHECKLIST}
    for f in files:
        r = api_client.post(
            f"{API}/supervision/review-files/{f['id']}/score/",
            {"scores": full, "on": "2025-03-10"},
            format="json",
        )
        assert (r.status_code, r.json()["total"], r.json()["grade"]) == (200, 100, "excellent")
    # feedback notice, reply deadline 20 WD after 2025-03-14 = 2025-04-14 (Qingming 04-04…04-06)
    r = api_client.post(
        f"{API}/supervision/opinions/issue/",
        {
            "agency": agency.pk,
            "kind": "feedback",
            "number": "评〔2025〕1号",
            "findings": "无",
            "requirements": "保持",
            "on": "2025-03-14",
            "review": review["id"],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["reply_due_on"] == "2025-04-14"
    # the agency admin replies
    api_client.force_authenticate(agency_admin)
    r = api_client.post(
        f"{API}/supervision/opinions/{r.json()['id']}/reply/",
        {"on": "2025-04-01", "reply": "已整改"},
        format="json",
    )
    assert (r.status_code, r.json()["status"]) == (200, "replied")


def test_agency_cannot_issue_an_opinion_and_nothing_is_written(api_client, agency_admin, agency):
    api_client.force_authenticate(agency_admin)
    r = api_client.post(
        f"{API}/supervision/opinions/issue/",
        {
            "agency": agency.pk,
            "kind": "opinion",
            "number": "x1",
            "findings": "a",
            "requirements": "b",
            "on": "2025-03-14",
        },
        format="json",
    )
    assert r.status_code == 403
    assert SupervisionOpinion.objects.count() == 0


def test_opinion_bad_input_names_the_field(api_client, supervisor, agency):
    api_client.force_authenticate(supervisor)
    r = api_client.post(
        f"{API}/supervision/opinions/issue/",
        {
            "agency": agency.pk,
            "kind": "opinion",
            "number": "",
            "findings": "a",
            "requirements": "b",
            "on": "2025-03-14",
        },
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["fields"]["number"] == ["请填写文号。"]


def test_referral_from_the_case_and_its_outcome(api_client, officer, other_officer, agency):
    case = make_case(agency, 1, facts="涉嫌犯罪事实")
    data = {
        "on": "2025-04-10",
        "number": "移1",
        "receiving_organ": "示范县公安局",
        "suspected_crime": "非法经营罪",
    }
    # another agency's officer cannot even see the case
    api_client.force_authenticate(other_officer)
    assert (
        api_client.post(f"{API}/cases/{case.pk}/criminal-referral/", data, format="json").status_code == 404
    )
    assert CriminalReferral.objects.count() == 0
    # the case's agency refers it
    api_client.force_authenticate(officer)
    r = api_client.post(f"{API}/cases/{case.pk}/criminal-referral/", data, format="json")
    assert r.status_code == 201
    pk = r.json()["id"]
    assert r.json()["facts"] == "涉嫌犯罪事实"
    assert (
        api_client.post(
            f"{API}/supervision/referrals/{pk}/receipt/", {"on": "2025-04-11"}, format="json"
        ).status_code
        == 200
    )
    r = api_client.post(
        f"{API}/supervision/referrals/{pk}/outcome/", {"outcome": "filed", "on": "2025-04-14"}, format="json"
    )
    assert (r.status_code, r.json()["outcome"]) == (200, "filed")


def test_statistics_and_publish(api_client, agency_admin, agency):
    decided(agency, 1, date(2025, 4, 1), fine="5000.00")
    api_client.force_authenticate(agency_admin)
    rows = api_client.get(f"{API}/supervision/statistics/", {"year": 2025}).json()
    assert [(r["agency_id"], r["penalty_cases"], r["fines_yuan"]) for r in rows] == [
        (agency.pk, 1, "5000.00")
    ]
    r = api_client.post(
        f"{API}/supervision/statistics/publish/",
        {"agency": agency.pk, "year": 2025, "on": "2026-01-30"},
        format="json",
    )
    assert r.status_code == 201
    assert (r.json()["due_on"], r.json()["on_time"]) == ("2026-02-02", True)


def test_certificates_issue_suspend_and_expiring(api_client, supervisor, officer, agency):
    holder = UserFactory(role="officer", agency=agency)
    QualificationExam.objects.create(candidate=holder, exam_date=date(2025, 1, 5), passed=True)
    CertificateFactory(holder=officer, valid_until=date(2025, 12, 1))
    api_client.force_authenticate(supervisor)
    r = api_client.post(
        f"{API}/officers/certificates/issue/",
        {
            "holder": holder.pk,
            "kind": "enforcement",
            "number": "33Z11010509999",
            "issuing_authority": "示范省人民政府",
            "valid_from": "2025-02-01",
            "valid_until": "2030-01-31",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    r = api_client.post(f"{API}/officers/certificates/{pk}/suspend/", {"reason": "停职"}, format="json")
    assert (r.status_code, r.json()["status"]) == (200, "suspended")
    expiring = api_client.get(f"{API}/officers/certificates/expiring/", {"on": "2025-11-23"}).json()
    assert [c["holder"] for c in expiring] == [officer.pk]


def test_officer_cannot_suspend_a_certificate(api_client, officer):
    cert = CertificateFactory(holder=officer)
    api_client.force_authenticate(officer)
    r = api_client.post(f"{API}/officers/certificates/{cert.pk}/suspend/", {"reason": "x"}, format="json")
    assert r.status_code == 403
    assert Certificate.objects.get(pk=cert.pk).status == "valid"


def test_certificate_list_is_scoped(api_client, officer, other_officer):
    CertificateFactory(holder=officer, number="33Z11010500001")
    CertificateFactory(holder=other_officer, number="33Z11010500002")
    api_client.force_authenticate(officer)
    body = api_client.get(f"{API}/officers/certificates/").json()
    assert [c["number"] for c in body["results"]] == ["33Z11010500001"]


@pytest.mark.parametrize(
    "path",
    [
        "supervision/dashboard/",
        "supervision/reviews/",
        "supervision/opinions/",
        "supervision/referrals/",
        "supervision/statistics/",
        "officers/certificates/",
        "officers/training-shortfall/",
    ],
)
def test_anonymous_gets_nothing(api_client, path):
    assert api_client.get(f"{API}/{path}").status_code in (401, 403)


def test_training_shortfall(api_client, supervisor, officer):
    CertificateFactory(holder=officer)
    api_client.force_authenticate(supervisor)
    body = api_client.get(f"{API}/officers/training-shortfall/", {"year": 2025}).json()
    assert body == [
        {
            "officer": officer.pk,
            "name": officer.display_name,
            "agency": officer.agency_id,
            "hours": "0.0",
            "required_hours": "60.0",
            "missing": "60.0",
        }
    ]
