"""行政执法公示 (国办发〔2018〕118号 二(三); 行政处罚法第四十八条) on real calendar dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.enforcement.models import PenaltyCase, PublicityRecord
from fazhi.enforcement.selectors.publicity import publicity_on_time_by_agency, publicity_public
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import publicity as pub

from .factories import MatterFactory, annotated


def _decided(investigated, officer, *, on, natural=False, kind="penalty"):
    case = investigated(
        on=date(2025, 9, 1),
        party_is_natural_person=natural,
        party_name="王小明" if natural else "某某有限公司",
    )
    types = ["warning"] if kind == "penalty" else []
    tier = "lenient" if kind == "penalty" else "no_penalty"
    case = svc.notify_intended_penalty(
        actor=officer, case=case, on=date(2025, 9, 10), tier=tier, penalty_types=types
    )
    case = svc.make_statement(actor=officer, case=case, on=case.notified_on)
    return svc.decide_case(
        actor=officer,
        case=case,
        on=on,
        decision_kind=kind,
        decision_number=f"罚〔2025〕{on.day}号",
        penalty_types=types,
        decision_basis="《食品安全法》第一百二十四条",
        evidence_summary="证据",
        remedies="救济",
    )


def test_penalty_publicity_is_due_7_working_days_later_and_masks_natural_persons(investigated, officer):
    # 2025-09-26 + 7 WD → 2025-10-13 (09-28 and 10-11 worked; 10-01..08 rest)
    case = _decided(investigated, officer, on=date(2025, 9, 26), natural=True)
    record = PublicityRecord.objects.get(case=case)
    assert (record.kind, annotated(record).due_on, record.subject, record.subject_code) == (
        "penalty",
        date(2025, 10, 13),
        "王**",
        "",
    )
    assert record.result == "警告"
    assert (
        annotated(record).due_explanation
        == "2025-09-26 + 7个工作日（国办发〔2018〕118号 二(三)）；9/27、10/1–10/8、10/12 休息；9/28、10/11 调休上班 → 2025-10-13"
    )


def test_other_decisions_are_due_within_20_working_days(investigated, officer):
    case = _decided(investigated, officer, on=date(2025, 9, 26), kind="no_penalty_minor")
    record = PublicityRecord.objects.get(case=case)
    # 2025-09-26 + 20 WD: 9/28 and 10/11 worked, 10/1–10/8 rest → 2025-10-30
    assert (record.kind, annotated(record).due_on) == ("other", date(2025, 10, 30))


def test_late_publication_flags_the_case(investigated, officer):
    case = _decided(investigated, officer, on=date(2025, 9, 26))
    record = pub.publish_record(
        actor=officer, record=PublicityRecord.objects.get(case=case), on=date(2025, 10, 14)
    )
    case.refresh_from_db()
    assert (annotated(record).on_time, case.flag_late_publicity, case.is_irregular) == (False, True, True)


def test_publication_on_the_due_day_is_on_time(investigated, officer):
    case = _decided(investigated, officer, on=date(2025, 9, 26))
    record = pub.publish_record(
        actor=officer, record=PublicityRecord.objects.get(case=case), on=date(2025, 10, 13)
    )
    assert annotated(record).on_time is True
    with pytest.raises(ValidationError) as exc:
        pub.publish_record(actor=officer, record=record, on=date(2025, 10, 13))
    assert exc.value.messages == ["该公示信息当前状态为“已公示”，不能再次公示。"]


def test_revoked_decision_must_be_withdrawn_within_3_working_days(investigated, officer):
    # revoked 2025-09-30: 10-01..08 rest, 10-11 (Sat) worked → withdraw by 2025-10-11
    case = _decided(investigated, officer, on=date(2025, 9, 15))
    record = pub.publish_record(
        actor=officer, record=PublicityRecord.objects.get(case=case), on=date(2025, 9, 16)
    )
    with pytest.raises(ValidationError):
        pub.revoke_decision(actor=officer, record=record, on=date(2025, 9, 30), reason=" ")
    record = pub.revoke_decision(actor=officer, record=record, on=date(2025, 9, 30), reason="复议决定撤销")
    assert (record.status, annotated(record).withdrawal_due_on) == ("withdrawal_due", date(2025, 10, 11))
    record = pub.withdraw_record(actor=officer, record=record, on=date(2025, 10, 10))
    assert record.status == "withdrawn"
    assert list(publicity_public()) == []


def test_permit_decision_gets_a_publicity_record_due_in_7_working_days(officer, agency):
    # 2026-02-12 + 7 WD: 02-14 (Sat) worked, 02-15..23 rest, 02-28 (Sat) worked → 2026-02-28
    matter = MatterFactory(agency=agency, kind="permit", name="食品经营许可", code="XK-1")
    permit = pub.record_permit_decision(
        actor=officer,
        matter=matter,
        number="JY16201230000001",
        applicant_name="赵六",
        applicant_is_natural_person=True,
        content="预包装食品销售",
        decided_on=date(2026, 2, 12),
    )
    record = permit.publicity
    assert (record.kind, annotated(record).due_on, record.subject, record.result) == (
        "permit",
        date(2026, 2, 28),
        "赵*",
        "准予许可：预包装食品销售",
    )


def test_permit_for_a_penalty_matter_is_refused(officer, matter):
    with pytest.raises(ValidationError) as exc:
        pub.record_permit_decision(
            actor=officer,
            matter=matter,
            number="1",
            applicant_name="甲",
            applicant_is_natural_person=False,
            content="x",
            decided_on=date(2025, 9, 1),
        )
    assert exc.value.message_dict["matter"] == [f"“{matter.name}”不是示范县市场监督管理局的行政许可事项。"]


def test_other_agency_cannot_publish(investigated, officer, other_officer):
    case = _decided(investigated, officer, on=date(2025, 9, 15))
    record = PublicityRecord.objects.get(case=case)
    with pytest.raises(PermissionDenied):
        pub.publish_record(actor=other_officer, record=record, on=date(2025, 9, 16))
    record.refresh_from_db()
    assert record.status == "due"


def test_on_time_rate_per_agency(investigated, officer, supervisor):
    # given three penalty decisions: one published on time, one late, one overdue and unpublished
    on_time = _decided(investigated, officer, on=date(2025, 9, 15))
    late = _decided(investigated, officer, on=date(2025, 9, 16))
    _decided(investigated, officer, on=date(2025, 9, 17))
    pub.publish_record(actor=officer, record=PublicityRecord.objects.get(case=on_time), on=date(2025, 9, 16))
    pub.publish_record(actor=officer, record=PublicityRecord.objects.get(case=late), on=date(2025, 10, 20))
    # when
    rows = publicity_on_time_by_agency(supervisor, 2025, date(2025, 12, 31))
    # then
    assert [(r["agency__name"], r["due"], r["on_time"], r["rate"]) for r in rows] == [
        ("示范县市场监督管理局", 3, 1, 33.3)
    ]
    assert PenaltyCase.objects.filter(flag_late_publicity=True).count() == 1


def test_backlog_counts_due_overdue_and_withdrawals(investigated, officer, supervisor):
    from fazhi.enforcement.selectors.publicity import publicity_backlog

    _decided(investigated, officer, on=date(2025, 9, 15))  # due 09-24
    _decided(investigated, officer, on=date(2025, 9, 26))  # due 10-13
    revoked = _decided(investigated, officer, on=date(2025, 9, 16))
    record = pub.publish_record(
        actor=officer, record=PublicityRecord.objects.get(case=revoked), on=date(2025, 9, 17)
    )
    pub.revoke_decision(actor=officer, record=record, on=date(2025, 9, 30), reason="复议撤销")
    assert publicity_backlog(supervisor, date(2025, 10, 1)) == {"due": 2, "overdue": 1, "withdrawals": 1}
