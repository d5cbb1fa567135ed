"""The penalty procedure through the API: one endpoint per verb, scoped lists, one error shape."""

from __future__ import annotations

from datetime import date

from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.tests.factories import annotated

BASE = "/api/v1/enforcement"


def test_officer_takes_a_case_from_opening_to_publicity_through_the_api(
    api_client, officer, certified, matter
):
    # given
    a, b = certified
    api_client.force_authenticate(officer)
    # when
    r = api_client.post(
        f"{BASE}/cases/open/",
        {
            "matter": matter.pk,
            "title": "销售过期食品案",
            "party_name": "张三",
            "party_is_natural_person": True,
            "party_address": "示范县城关镇人民路1号",
            "opened_on": "2025-09-01",
            "officer_a": a.pk,
            "officer_b": b.pk,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["decision_due_on"] == "2025-12-01"
    r = api_client.post(
        f"{BASE}/cases/{pk}/steps/",
        {
            "kind": "inquiry",
            "on": "2025-09-02",
            "officer_a": a.pk,
            "officer_b": b.pk,
            "summary": "询问笔录",
        },
        format="multipart",
    )
    assert r.status_code == 201, r.json()
    r = api_client.post(
        f"{BASE}/cases/{pk}/notify/",
        {
            "on": "2025-09-10",
            "tier": "lenient",
            "penalty_types": ["warning", "fine"],
            "fine": "150.00",
        },
        format="json",
    )
    assert (r.status_code, r.json()["state"]) == (200, "notified")
    # the party states its case (第四十五条): the statement period ends early
    r = api_client.post(
        f"{BASE}/cases/{pk}/make-statement/",
        {"on": "2025-09-12", "text": "对事实无异议"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    r = api_client.post(
        f"{BASE}/cases/{pk}/decide/",
        {
            "on": "2025-09-15",
            "decision_kind": "penalty",
            "decision_number": "示范县市监罚〔2025〕9号",
            "penalty_types": ["warning", "fine"],
            "fine_amount": "150.00",
            "decision_basis": "《食品安全法》第一百二十四条",
            "evidence_summary": "询问笔录",
            "performance": "十五日内缴纳",
            "remedies": "六十日内申请行政复议",
        },
        format="json",
    )
    assert (r.status_code, r.json()["state"]) == (200, "decided"), r.json()
    r = api_client.post(f"{BASE}/cases/{pk}/serve/", {"on": "2025-09-16", "method": "direct"}, format="json")
    assert r.json()["state"] == "served"
    record = PublicityRecord.objects.get(case_id=pk)
    r = api_client.post(f"{BASE}/publicity/{record.pk}/publish/", {"on": "2025-09-17"}, format="json")
    # then
    assert r.status_code == 200
    assert (r.json()["subject"], r.json()["on_time"], r.json()["due_on"]) == ("张*", True, "2025-09-24")
    r = api_client.get(f"{BASE}/cases/{pk}/documents/decision/")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")


def test_api_error_has_one_shape_with_a_chinese_message(api_client, investigated, officer):
    case = investigated()
    api_client.force_authenticate(officer)
    r = api_client.post(
        f"{BASE}/cases/{case.pk}/notify/",
        {
            "on": "2025-09-10",
            "tier": "lenient",
            "penalty_types": ["fine"],
            "fine": "12.345",
        },
        format="json",
    )
    assert r.status_code == 400
    assert r.json() == {
        "message": "拟罚款金额“12.345”最多保留两位小数（精确到分）。",
        "code": "money_precision",
        "fields": {"fine": ["拟罚款金额“12.345”最多保留两位小数（精确到分）。"]},
    }
    assert PenaltyCase.objects.get(pk=case.pk).state == "investigating"


def test_other_agency_sees_nothing_and_cannot_act(api_client, investigated, other_officer):
    case = investigated()
    api_client.force_authenticate(other_officer)
    assert api_client.get(f"{BASE}/cases/").json()["count"] == 0
    r = api_client.post(
        f"{BASE}/cases/{case.pk}/notify/", {"on": "2025-09-10", "tier": "lenient"}, format="json"
    )
    assert r.status_code == 404
    assert PenaltyCase.objects.get(pk=case.pk).state == "investigating"


def test_supervisor_sees_every_case_but_cannot_handle_it(api_client, investigated, supervisor):
    case = investigated()
    api_client.force_authenticate(supervisor)
    assert [c["id"] for c in api_client.get(f"{BASE}/cases/").json()["results"]] == [case.pk]
    r = api_client.post(
        f"{BASE}/cases/{case.pk}/suspend/", {"on": "2025-09-10", "ground": "x"}, format="json"
    )
    assert r.status_code == 403
    assert PenaltyCase.objects.get(pk=case.pk).state == "investigating"


def test_case_list_runs_a_fixed_number_of_queries(
    api_client, investigated, officer, django_assert_num_queries
):
    for i in range(3):
        investigated(on=date(2025, 9, 1 + i))
    api_client.force_authenticate(officer)
    with django_assert_num_queries(2):
        r = api_client.get(f"{BASE}/cases/")
    assert r.json()["count"] == 3


def test_evidence_upload_is_hashed_and_linked_to_the_latest_step(
    api_client, investigated, officer, settings, tmp_path
):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.evidence.models import EvidenceFile

    settings.FAZHI_EVIDENCE_ROOT = tmp_path
    case = investigated()
    api_client.force_authenticate(officer)
    content = b"%PDF-1.4 service receipt"
    r = api_client.post(
        f"{BASE}/cases/{case.pk}/evidence/",
        {
            "file": SimpleUploadedFile("送达回证.pdf", content),
            "description": "送达回证",
        },
        format="multipart",
    )
    assert r.status_code == 201, r.json()
    ev = EvidenceFile.objects.get()
    assert (r.json()["sha256"], ev.kind, ev.step.transition) == (
        hashlib.sha256(content).hexdigest(),
        "document",
        "start",
    )


def test_on_the_spot_path_through_the_api(api_client, officer, certified, matter):
    a, b = certified
    api_client.force_authenticate(officer)
    r = api_client.post(
        f"{BASE}/cases/open/",
        {
            "matter": matter.pk,
            "title": "当场处罚案",
            "party_name": "孙七",
            "party_is_natural_person": True,
            "opened_on": "2026-02-13",
            "officer_a": a.pk,
            "officer_b": b.pk,
            "procedure_kind": "on_the_spot",
        },
        format="json",
    )
    pk = r.json()["id"]
    spot = {
        "on": "2026-02-13",
        "decision_number": "当场〔2026〕1号",
        "penalty_types": ["fine"],
        "fine_amount": "200.01",
        "decision_basis": "依据",
        "evidence_summary": "现场查获",
        "remedies": "救济",
        "performance": "十五日内缴纳",
    }
    r = api_client.post(f"{BASE}/cases/{pk}/decide-on-the-spot/", spot, format="json")
    assert (r.status_code, r.json()["code"]) == (400, "on_the_spot_threshold")
    r = api_client.post(
        f"{BASE}/cases/{pk}/decide-on-the-spot/", {**spot, "fine_amount": "200.00"}, format="json"
    )
    assert r.json()["state"] == "decided"
    # 2026-02-13 + 7 WD: 02-14 and 02-28 (Sat) worked, 02-15..23 rest → publicity due 2026-03-02
    assert annotated(PublicityRecord.objects.get(case_id=pk)).due_on == date(2026, 3, 2)
    assert (
        api_client.post(
            f"{BASE}/cases/{pk}/serve/", {"on": "2026-02-13", "method": "on_the_spot"}, format="json"
        ).json()["state"]
        == "served"
    )
    r = api_client.post(
        f"{BASE}/cases/{pk}/close/", {"on": "2026-02-14", "note": "已当场缴纳"}, format="json"
    )
    assert (r.status_code, r.json()["code"]) == (400, "not_filed")
    assert api_client.post(f"{BASE}/cases/{pk}/file/", {"on": "2026-02-14"}, format="json").status_code == 200
    r = api_client.post(
        f"{BASE}/cases/{pk}/record-payment/", {"on": "2026-02-14", "amount": "200.00"}, format="json"
    )
    assert r.json()["state"] == "executed"
    r = api_client.post(f"{BASE}/cases/{pk}/close/", {"on": "2026-02-24"}, format="json")
    assert (r.json()["state"], r.json()["filed_on"], r.json()["closed_on"]) == (
        "closed",
        "2026-02-14",
        "2026-02-24",
    )


def test_supervisor_filters_cases_by_irregularity(api_client, investigated, officer, supervisor):
    late = investigated(on=date(2025, 9, 1))
    investigated(on=date(2025, 9, 2))
    PenaltyCase.objects.filter(pk=late.pk).update(flag_late_service=True, is_irregular=True)
    api_client.force_authenticate(supervisor)
    rows = api_client.get(f"{BASE}/cases/?flag_late_service=true").json()["results"]
    assert [(r["id"], r["flag_late_service"], r["is_irregular"]) for r in rows] == [(late.pk, True, True)]
