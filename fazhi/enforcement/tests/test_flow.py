"""A penalty case from opening to publicity, on real calendar dates."""

from __future__ import annotations

from datetime import date

from fazhi.enforcement.models import PublicityRecord
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import publicity as pub
from fazhi.enforcement.tests.factories import annotated, due


def _decide(officer, case, on, fine="3000.00", **kw):
    args = {
        "actor": officer,
        "case": case,
        "on": on,
        "decision_kind": "penalty",
        "decision_number": "示范县市监罚〔2025〕1号",
        "penalty_types": ["warning", "fine"],
        "fine_amount": fine,
        "decision_basis": "《食品安全法》第一百二十四条",
        "evidence_summary": "现场检查笔录、照片",
        "performance": "自收到本决定书之日起十五日内缴纳至指定银行",
        "remedies": "六十日内向示范县人民政府申请行政复议，或六个月内向示范县人民法院提起行政诉讼",
    }
    args.update(kw)
    return svc.decide_case(**args)


def test_ordinary_case_from_opening_to_publicity(investigated, officer, benchmarks):
    # given a case opened on 2025-09-01 and investigated
    case = investigated(on=date(2025, 9, 1))
    assert case.state == "investigating"
    # 2025-09-01 + 90 days = 11-30, a Sunday → rolls to Monday 12-01 (第六十条)
    assert due(case, "decision") == date(2025, 12, 1)
    # when the officer notifies a lenient fine, decides, serves, collects and publishes
    case = svc.notify_intended_penalty(
        actor=officer,
        case=case,
        on=date(2025, 9, 10),
        tier="lenient",
        penalty_types=["warning", "fine"],
        fine="3000.00",
    )
    assert case.state == "notified"
    assert case.hearing_applicable is False
    case = svc.make_statement(actor=officer, case=case, on=case.notified_on)
    assert case.legal_review_required is False
    case = _decide(officer, case, date(2025, 9, 15))
    assert case.state == "decided"
    # then service is due 7 working days later across National Day: 09-15 + 7 WD → 09-24
    assert due(case, "service") == date(2025, 9, 24)
    record = PublicityRecord.objects.get(case=case)
    assert annotated(record).due_on == date(2025, 9, 24)
    assert record.subject == "示范县好又多超市有限公司"
    case = svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 30), method="direct")
    assert case.state == "served"
    assert case.flag_late_service is True
    assert case.is_irregular is True
    # 15 days after 09-30 = 10-15 (Wednesday, a working day)
    assert due(case, "payment") == date(2025, 10, 15)
    case = svc.record_payment(actor=officer, case=case, on=date(2025, 10, 9), amount="3000.00")
    case = svc.close_case(actor=officer, case=case, on=date(2025, 10, 10))
    assert case.state == "closed"
    record = pub.publish_record(actor=officer, record=record, on=date(2025, 9, 24))
    assert annotated(record).on_time is True
