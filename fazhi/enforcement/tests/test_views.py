"""The officer's browser flow (server-rendered pages), the supervisor's dashboard and the portal."""

from __future__ import annotations

from datetime import date

from django.test import Client

import pytest

from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.tests.factories import annotated


@pytest.fixture
def web(officer):
    c = Client()
    c.force_login(officer)
    return c


def test_officer_takes_a_case_from_opening_to_publicity_in_the_browser(web, certified, matter):
    a, b = certified
    # open
    r = web.post(
        "/enforcement/cases/open/",
        {
            "matter": matter.pk,
            "title": "销售过期食品案",
            "party_name": "李四",
            "party_is_natural_person": "true",
            "party_address": "示范县城关镇人民路2号",
            "opened_on": "2025-09-01",
            "officer_a": a.pk,
            "officer_b": b.pk,
            "procedure_kind": "ordinary",
        },
    )
    case = PenaltyCase.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/enforcement/cases/{case.pk}/"
    page = web.get(r["Location"]).content.decode()
    assert "2025-09-01 + 90日（行政处罚法第六十条）" in page  # the deadline explains itself
    assert 'id="form-step"' in page
    # investigate, notify, decide, serve
    r = web.post(
        f"/enforcement/cases/{case.pk}/steps/",
        {
            "kind": "inquiry",
            "on": "2025-09-02",
            "officer_a": a.pk,
            "officer_b": b.pk,
            "summary": "询问笔录",
        },
    )
    assert r.status_code == 302
    r = web.post(
        f"/enforcement/cases/{case.pk}/notify/",
        {
            "on": "2025-09-10",
            "tier": "lenient",
            "penalty_types": ["warning", "fine"],
            "fine": "150.00",
        },
    )
    assert r.status_code == 302
    r = web.post(f"/enforcement/cases/{case.pk}/make-statement/", {"on": "2025-09-11", "posted_on": ""})
    assert r.status_code == 302
    r = web.post(
        f"/enforcement/cases/{case.pk}/decide/",
        {
            "on": "2025-09-15",
            "decision_kind": "penalty",
            "decision_number": "示范县市监罚〔2025〕11号",
            "penalty_types": ["warning", "fine"],
            "fine_amount": "150.00",
            "decision_basis": "《食品安全法》第一百二十四条",
            "evidence_summary": "询问笔录",
            "performance": "十五日内缴纳",
            "remedies": "六十日内申请行政复议",
        },
    )
    assert r.status_code == 302
    r = web.post(f"/enforcement/cases/{case.pk}/serve/", {"on": "2025-09-16", "method": "direct"})
    assert r.status_code == 302
    record = PublicityRecord.objects.get(case=case)
    r = web.post(
        f"/enforcement/publicity/{record.pk}/publish/",
        {"on": "2025-09-18", "next": f"/enforcement/cases/{case.pk}/"},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    record.refresh_from_db()
    assert (case.state, record.status, annotated(record).on_time) == ("served", "published", True)
    doc = web.get(f"/enforcement/cases/{case.pk}/documents/decision.docx")
    assert doc.status_code == 200
    # the portal shows the masked party, no login
    portal = Client().get("/gongkai/zhifa/").content.decode()
    assert "李*" in portal
    assert "李四" not in portal
    assert "示范县市监罚〔2025〕11号" in portal


def test_refused_action_shows_the_message_and_keeps_the_input(web, investigated):
    case = investigated()
    r = web.post(
        f"/enforcement/cases/{case.pk}/notify/",
        {
            "on": "2025-09-10",
            "tier": "lenient",
            "penalty_types": ["fine"],
            "fine": "99.999",
        },
    )
    page = r.content.decode()
    assert r.status_code == 400
    assert "拟罚款金额“99.999”最多保留两位小数（精确到分）。" in page
    assert 'value="99.999"' in page
    case.refresh_from_db()
    assert case.state == "investigating"


def test_supervisor_dashboard_flags_irregular_cases(investigated, officer, supervisor):
    # given a case served late (decided 2025-09-15, service due 09-24, served 09-30)
    case = investigated()
    case = svc.notify_intended_penalty(
        actor=officer, case=case, on=date(2025, 9, 10), tier="lenient", penalty_types=["warning"]
    )
    case = svc.make_statement(actor=officer, case=case, on=date(2025, 9, 10))
    case = svc.decide_case(
        actor=officer,
        case=case,
        on=date(2025, 9, 15),
        decision_kind="penalty",
        decision_number="罚〔2025〕1号",
        penalty_types=["warning"],
        decision_basis="依据",
        evidence_summary="证据",
        remedies="救济",
    )
    svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 30), method="direct")
    c = Client()
    c.force_login(supervisor)
    # when
    page = c.get("/enforcement/?year=2025").content.decode()
    listing = c.get("/enforcement/cases/?irregular=1").content.decode()
    late = c.get(f"/enforcement/cases/?flag=flag_late_service&agency={case.agency_id}").content.decode()
    none = c.get("/enforcement/cases/?flag=flag_missing_review").content.decode()
    # then
    assert '<span class="badge status-overdue">1</span>' in page
    assert case.number in listing
    assert case.number in late
    assert case.number not in none


def test_other_agency_officer_gets_404_on_the_case_page(investigated, other_officer):
    case = investigated()
    c = Client()
    c.force_login(other_officer)
    assert c.get(f"/enforcement/cases/{case.pk}/").status_code == 404
    assert (
        c.post(f"/enforcement/cases/{case.pk}/suspend/", {"on": "2025-09-05", "ground": "x"}).status_code
        == 404
    )


def test_viewing_a_natural_persons_case_is_audited(open_case, supervisor):
    from fazhi.core.audit.models import AuditEntry

    case = open_case(party_name="赵六", party_is_natural_person=True)
    c = Client()
    c.force_login(supervisor)
    assert c.get(f"/enforcement/cases/{case.pk}/").status_code == 200
    entry = AuditEntry.objects.filter(action="view_personal_data").get()
    assert (entry.actor_id, entry.object_id, entry.after) == (
        supervisor.pk,
        str(case.pk),
        {"fields": ["party_address", "party_id_number", "party_name"]},
    )


def test_legal_reviewer_sees_the_out_of_tier_reason_and_the_review_forms(
    investigated, officer, reviewer, benchmarks
):
    case = investigated()
    case = svc.notify_intended_penalty(
        actor=officer,
        case=case,
        on=date(2025, 9, 10),
        tier="lenient",
        penalty_types=["fine"],
        fine="6000.00",
        out_of_tier_reason="两次违法",
    )
    case = svc.waive_hearing(actor=officer, case=case, on=date(2025, 9, 10))
    svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 11))
    c = Client()
    c.force_login(reviewer)
    page = c.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "超出基准范围</span> 理由：两次违法" in page
    assert 'id="form-approve-review"' in page
    assert 'id="form-return-review"' in page
    assert 'id="form-decide"' not in page
    r = c.post(
        f"/enforcement/cases/{case.pk}/return-review/", {"on": "2025-09-12", "opinion": "裁量理由不充分"}
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.legal_review_status, case.legal_review_opinion) == (
        "investigating",
        "returned",
        "裁量理由不充分",
    )


def test_case_list_page_runs_the_same_number_of_queries_for_3_and_6_cases(
    web, investigated, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        investigated(on=date(2025, 9, 1 + i))
    with CaptureQueriesContext(connection) as three:
        assert web.get("/enforcement/cases/").status_code == 200
    for i in range(3):
        investigated(on=date(2025, 9, 10 + i))
    with django_assert_num_queries(len(three.captured_queries)):
        page = web.get("/enforcement/cases/").content.decode()
    assert "共 6 件" in page


def test_admin_lists_cases_read_only(investigated, db):
    from fazhi.org.tests.factories import UserFactory

    case = investigated()
    root = UserFactory(
        username="root", role="viewer", is_staff=True, is_superuser=True, agency=None, jurisdiction=None
    )
    c = Client()
    c.force_login(root)
    page = c.get("/admin/enforcement/penaltycase/").content.decode()
    assert case.number in page
    assert c.get("/admin/enforcement/penaltycase/add/").status_code == 403


def test_case_page_shows_the_preservation_deadline(web, open_case, certified, officer):
    a, b = certified
    case = open_case(on=date(2025, 9, 20))
    svc.record_investigation_step(
        actor=officer,
        case=case,
        kind="preservation",
        on=date(2025, 9, 26),
        officer_a=a,
        officer_b=b,
        summary="先行登记保存",
    )
    page = web.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "登记保存物品处理期限：2025-10-13" in page


def test_case_page_shows_its_audit_trail_in_chinese(web, investigated):
    case = investigated()
    page = web.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f"<title>{case.number}" in page
    assert "记录调查取证" in page
    assert 'id="audit"' in page
