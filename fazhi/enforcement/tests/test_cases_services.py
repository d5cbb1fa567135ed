"""One test per legal rule of the penalty procedure (LEGAL_RULES.md §3, §4), on real calendar dates."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.evidence.models import EvidenceFile
from fazhi.core.procedures.models import Step
from fazhi.enforcement.models import InvestigationStep, PenaltyCase, PublicityRecord
from fazhi.enforcement.services import cases as svc
from fazhi.org.tests.factories import UserFactory

from .factories import CertificateFactory, LegalReviewItemFactory, due


def codes(error: ValidationError) -> set[str]:
    """The error codes of a ValidationError, whether it carries a dict or a list."""
    if hasattr(error, "error_dict"):
        return {e.code for errs in error.error_dict.values() for e in errs}
    return {e.code for e in error.error_list}


DECISION = {
    "decision_kind": "penalty",
    "decision_number": "示范县市监罚〔2025〕7号",
    "penalty_types": ["warning", "fine"],
    "fine_amount": "3000.00",
    "decision_basis": "《食品安全法》第一百二十四条",
    "evidence_summary": "现场检查笔录、照片",
    "performance": "自收到本决定书之日起十五日内缴纳",
    "remedies": "六十日内申请行政复议或六个月内提起行政诉讼",
}


def notify(officer, case, on, *, statement=True, **kw):
    """告知; without hearing rights the party states its case the same day unless `statement=False`
    (the statement period of 第四十四、四十五条 is tested on its own below)."""
    args = {"tier": "lenient", "penalty_types": ["warning", "fine"], "fine": "3000.00"}
    args.update(kw)
    case = svc.notify_intended_penalty(actor=officer, case=case, on=on, **args)
    if statement and case.state == "notified":
        case = svc.make_statement(actor=officer, case=case, on=on, text="对事实无异议")
    return case


# --- 第四十二条: two officers with valid certificates ---------------------------------------------
def test_open_case_refuses_an_uncertified_officer_and_saves_nothing(officer, certified, matter, agency):
    # given an officer of the agency without any certificate
    rookie = UserFactory(username="rookie", role="officer", agency=agency, full_name="新人")
    # when
    with pytest.raises(ValidationError) as exc:
        svc.open_case(
            actor=officer,
            matter=matter,
            title="案",
            party_name="某公司",
            party_is_natural_person=False,
            opened_on=date(2025, 9, 1),
            officer_a=officer,
            officer_b=rookie,
        )
    # then
    assert exc.value.message_dict["officer_b"] == [
        "执法人员“新人”在 2025-09-01 未持有本机关有效的行政执法证件，不能从事执法活动（行政处罚法第四十二条）。"
    ]
    assert PenaltyCase.objects.count() == 0
    assert Step.objects.count() == 0


def test_open_case_refuses_a_certificate_expired_the_day_before(officer, officer2, matter):
    # given officer2's certificate ran until 2025-08-31
    CertificateFactory(holder=officer, number="C-1")
    CertificateFactory(holder=officer2, number="C-2", valid_until=date(2025, 8, 31))
    # when / then: valid on 08-31, not on 09-01
    case = svc.open_case(
        actor=officer,
        matter=matter,
        title="案",
        party_name="某公司",
        party_is_natural_person=False,
        opened_on=date(2025, 8, 31),
        officer_a=officer,
        officer_b=officer2,
    )
    assert case.state == "investigating"
    with pytest.raises(ValidationError) as exc:
        svc.open_case(
            actor=officer,
            matter=matter,
            title="案",
            party_name="某公司",
            party_is_natural_person=False,
            opened_on=date(2025, 9, 1),
            officer_a=officer,
            officer_b=officer2,
        )
    assert codes(exc.value) == {"officer_uncertified"}
    assert PenaltyCase.objects.count() == 1


def test_open_case_refuses_the_same_officer_twice(officer, certified, matter):
    with pytest.raises(ValidationError) as exc:
        svc.open_case(
            actor=officer,
            matter=matter,
            title="案",
            party_name="某公司",
            party_is_natural_person=False,
            opened_on=date(2025, 9, 1),
            officer_a=officer,
            officer_b=officer,
        )
    assert exc.value.message_dict["officer_b"] == ["两名执法人员不能是同一人（行政处罚法第四十二条）。"]


def test_open_case_decision_deadline_is_90_days_rolled_past_national_day(open_case):
    # 2025-07-10 + 90 days = 10-08, inside the National Day break → 10-09 (第六十条; 民事诉讼法第八十五条)
    case = open_case(on=date(2025, 7, 10))
    assert due(case, "decision") == date(2025, 10, 9)


def test_staff_of_another_agency_cannot_touch_the_case(investigated, other_officer, other_agency):
    # given a case of the market-supervision bureau and a certified transport officer
    case = investigated()
    CertificateFactory(holder=other_officer, number="T-1")
    before = AuditEntry.objects.count()
    # when / then
    with pytest.raises(PermissionDenied):
        notify(other_officer, case, date(2025, 9, 10))
    case.refresh_from_db()
    assert case.state == "investigating"
    assert case.notified_on is None
    assert AuditEntry.objects.count() == before


# --- 第四十七条, 118号 三(二): audio-video for high-impact actions -------------------------------
def test_seizure_without_audio_video_is_refused(open_case, certified, officer, settings, tmp_path):
    # given only a photo (a JPEG) for a seizure
    settings.FAZHI_EVIDENCE_ROOT = tmp_path
    case = open_case()
    a, b = certified
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff\xe0" + b"0" * 64)
    # when / then
    with pytest.raises(ValidationError) as exc:
        svc.record_investigation_step(
            actor=officer,
            case=case,
            kind="seal_seize",
            on=date(2025, 9, 2),
            officer_a=a,
            officer_b=b,
            summary="查封冷库一间",
            files=[(photo, "audio_video")],
        )
    assert exc.value.message_dict["audio_video"] == [
        "“查封、扣押”须全程音像记录（国办发〔2018〕118号 三(二)），请上传录音或录像文件。"
    ]
    assert InvestigationStep.objects.count() == 0
    assert EvidenceFile.objects.count() == 0


def test_seizure_with_video_is_recorded_with_its_hash(open_case, certified, officer, settings, tmp_path):
    # given a real MP4 header
    settings.FAZHI_EVIDENCE_ROOT = tmp_path
    case = open_case()
    a, b = certified
    content = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100
    video = SimpleUploadedFile("查封.mp4", content)
    # when
    step = svc.record_investigation_step(
        actor=officer,
        case=case,
        kind="seal_seize",
        on=date(2025, 9, 2),
        officer_a=a,
        officer_b=b,
        summary="查封冷库一间",
        files=[(video, "audio_video")],
    )
    # then
    ev = EvidenceFile.objects.get()
    assert step.has_audio_video is True
    assert (ev.kind, ev.sha256, ev.record_id) == ("video", hashlib.sha256(content).hexdigest(), case.pk)
    assert (step.certificate_a, step.certificate_b) == ("62000000A001", "62000000A002")


def test_investigation_step_before_opening_is_refused(open_case, certified, officer):
    case = open_case(on=date(2025, 9, 10))
    a, b = certified
    with pytest.raises(ValidationError) as exc:
        svc.record_investigation_step(
            actor=officer,
            case=case,
            kind="inquiry",
            on=date(2025, 9, 9),
            officer_a=a,
            officer_b=b,
            summary="询问",
        )
    assert exc.value.message_dict["on"] == ["取证日期 2025-09-09 早于立案日期 2025-09-10。"]


# --- 第四十四条: notice needs an investigation ----------------------------------------------------
def test_notice_before_any_investigation_is_refused(open_case, officer):
    case = open_case()
    with pytest.raises(ValidationError) as exc:
        notify(officer, case, date(2025, 9, 10))
    assert codes(exc.value) == {"no_investigation"}
    case.refresh_from_db()
    assert case.state == "investigating"


def test_money_with_three_decimals_is_refused_and_nothing_changes(investigated, officer):
    case = investigated()
    with pytest.raises(ValidationError) as exc:
        notify(officer, case, date(2025, 9, 10), fine="3000.001")
    assert exc.value.message_dict["fine"] == ["拟罚款金额“3000.001”最多保留两位小数（精确到分）。"]
    case.refresh_from_db()
    assert (case.state, case.proposed_fine) == ("investigating", None)


# --- 第三十四条: discretion benchmarks -----------------------------------------------------------
def test_out_of_tier_fine_without_reason_is_refused(investigated, officer, benchmarks):
    case = investigated()
    with pytest.raises(ValidationError) as exc:
        notify(officer, case, date(2025, 9, 10), tier="lenient", fine="6000.00")
    assert exc.value.message_dict["out_of_tier_reason"] == [
        "拟罚款 6000.00 元超出“从轻处罚”阶次的裁量基准范围（1000.00–5000.00 元），须书面说明理由（行政处罚法第三十四条）。"
    ]


def test_out_of_tier_fine_with_reason_goes_to_the_legal_reviewer(investigated, officer, benchmarks):
    case = investigated()
    case = notify(
        officer, case, date(2025, 9, 10), tier="lenient", fine="6000.00", out_of_tier_reason="多次违法"
    )
    assert (case.out_of_tier, case.legal_review_required, case.legal_review_status) == (True, True, "missing")
    assert case.proposed_benchmark == benchmarks[0]


def test_in_tier_fine_needs_no_review(investigated, officer, benchmarks):
    case = notify(officer, investigated(), date(2025, 9, 10), tier="lenient", fine="5000.00")
    assert (case.out_of_tier, case.legal_review_required) == (False, False)


# --- 第六十三、六十四条: hearing --------------------------------------------------------------------
def test_large_fine_gives_the_right_to_a_hearing_within_5_working_days(investigated, officer):
    # 2025-09-26 (Fri) + 5 WD: 09-28 (Sun) is a make-up working day, 10-01..08 rest → 2025-10-10
    case = investigated(on=date(2025, 9, 20))
    case = notify(officer, case, date(2025, 9, 26), tier="standard", fine="100000.00")
    assert case.state == "notified_hearing"
    # the window is the engine's deadline (no copy on the case)
    d = procedures.deadlines(case).get(clock="hearing_request")
    assert (d.due_date, d.state) == (date(2025, 10, 10), "open")


def test_hearing_request_after_the_window_is_refused(investigated, officer):
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    # 10-11 is a Saturday make-up working day, but already past the 10-10 deadline
    with pytest.raises(ValidationError) as exc:
        svc.request_hearing(actor=officer, case=case, on=date(2025, 10, 11))
    assert codes(exc.value) == {"hearing_request_late"}
    assert "→ 2025-10-10" in exc.value.message_dict["on"][0]
    case = svc.request_hearing(actor=officer, case=case, on=date(2025, 10, 10))
    assert case.state == "hearing_requested"


def test_no_decision_while_the_hearing_window_is_open(investigated, officer):
    case = notify(
        officer, investigated(on=date(2025, 9, 20)), date(2025, 9, 26), tier="standard", fine="100000.00"
    )
    with pytest.raises(ValidationError) as exc:
        svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 10, 10))
    assert codes(exc.value) == {"hearing_window_open"}
    case.refresh_from_db()
    assert case.state == "notified_hearing"
    # the day after the window it may go on
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 10, 11))
    assert case.state == "legal_review"


def _requested(investigated, officer, notice_on=date(2026, 2, 2)):
    case = investigated(on=date(2026, 1, 20))
    case = notify(officer, case, notice_on, tier="standard", fine="100000.00")
    return svc.request_hearing(actor=officer, case=case, on=notice_on)


def test_hearing_notice_must_be_7_working_days_before_across_spring_festival(investigated, officer, agency):
    # 2026-02-10 + 7 WD: 02-14 (Sat) works, 02-15..23 rest → earliest hearing 2026-02-26
    chair = UserFactory(username="chair", role="officer", agency=agency)
    case = _requested(investigated, officer)
    with pytest.raises(ValidationError) as exc:
        svc.schedule_hearing(
            actor=officer, case=case, on=date(2026, 2, 10), hearing_on=date(2026, 2, 25), chair=chair
        )
    assert "最早可定于 2026-02-26" in exc.value.message_dict["hearing_on"][0]
    case = svc.schedule_hearing(
        actor=officer, case=case, on=date(2026, 2, 10), hearing_on=date(2026, 2, 26), chair=chair
    )
    assert case.state == "hearing_scheduled"


def test_hearing_chair_may_not_be_an_investigator(investigated, officer):
    case = _requested(investigated, officer)
    with pytest.raises(ValidationError) as exc:
        svc.schedule_hearing(
            actor=officer, case=case, on=date(2026, 2, 10), hearing_on=date(2026, 3, 2), chair=officer
        )
    assert exc.value.message_dict["chair"] == [
        "听证主持人不能由本案调查人员担任（行政处罚法第六十四条第四项）。"
    ]


# --- 第五十八条: legal review ---------------------------------------------------------------------
def test_no_decision_without_the_required_legal_review(investigated, officer, reviewer, agency, matter):
    # given the matter is on the agency's legal-review list
    LegalReviewItemFactory(agency=agency, matter=matter)
    case = notify(officer, investigated(), date(2025, 9, 10))
    assert case.legal_review_required is True
    # when / then
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)
    assert codes(exc.value) == {"legal_review_missing"}
    case.refresh_from_db()
    assert (case.state, case.decided_on) == ("notified", None)
    # after approval the decision is allowed
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 11))
    case = svc.approve_legal_review(
        actor=reviewer, case=case, on=date(2025, 9, 12), opinion="事实清楚，适用依据正确"
    )
    case = svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)
    assert case.state == "decided"


def test_returned_review_sends_the_case_back_and_blocks_the_decision(
    investigated, officer, reviewer, agency, matter
):
    LegalReviewItemFactory(agency=agency, matter=matter)
    case = notify(officer, investigated(), date(2025, 9, 10))
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 11))
    case = svc.return_legal_review(
        actor=reviewer, case=case, on=date(2025, 9, 12), opinion="证据不足，补充调查"
    )
    assert (case.state, case.legal_review_status) == ("investigating", "returned")
    with pytest.raises(ValidationError):
        svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)


def test_only_the_agencys_legal_reviewer_may_approve(investigated, officer, agency, matter, other_agency):
    LegalReviewItemFactory(agency=agency, matter=matter)
    outsider = UserFactory(username="rev2", role="legal_reviewer", agency=other_agency)
    case = svc.submit_for_legal_review(
        actor=officer, case=notify(officer, investigated(), date(2025, 9, 10)), on=date(2025, 9, 11)
    )
    for who in (officer, outsider):
        with pytest.raises(PermissionDenied):
            svc.approve_legal_review(actor=who, case=case, on=date(2025, 9, 12), opinion="同意")
    case.refresh_from_db()
    assert case.legal_review_status == "pending"


# --- 第五十九条, 第四十五条: decision ---------------------------------------------------------------
def test_decision_missing_required_fields_lists_each_field(investigated, officer):
    case = notify(officer, investigated(), date(2025, 9, 10))
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(
            actor=officer,
            case=case,
            on=date(2025, 9, 15),
            **{**DECISION, "remedies": "", "decision_number": " "},
        )
    assert exc.value.message_dict == {
        "decision_number": ["处罚决定书必须载明“决定书文号”（行政处罚法第五十九条）。"],
        "remedies": ["处罚决定书必须载明“申请行政复议、提起行政诉讼的途径和期限”（行政处罚法第五十九条）。"],
    }
    assert PublicityRecord.objects.count() == 0


def test_decision_dated_before_opening_is_refused(investigated, officer):
    case = notify(officer, investigated(on=date(2025, 9, 1)), date(2025, 9, 10))
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(actor=officer, case=case, on=date(2025, 8, 31), **DECISION)
    assert exc.value.message_dict["on"] == ["决定日期 2025-08-31 早于立案日期 2025-09-01。"]


def test_decision_without_notice_is_out_of_order(investigated, officer):
    case = investigated()
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)
    assert codes(exc.value) == {"transition_not_allowed"}


def test_decision_heavier_than_notified_is_refused(investigated, officer):
    case = notify(officer, investigated(), date(2025, 9, 10), fine="3000.00")
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(
            actor=officer, case=case, on=date(2025, 9, 15), **{**DECISION, "fine_amount": "3500.00"}
        )
    assert codes(exc.value) == {"heavier_than_notified"}


def test_collective_discussion_required_for_heavy_penalties(investigated, officer, reviewer):
    case = notify(
        officer, investigated(on=date(2025, 9, 1)), date(2025, 9, 10), tier="standard", fine="100000.00"
    )
    svc.waive_hearing(actor=officer, case=case, on=date(2025, 9, 11))
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2025, 9, 11))
    case = svc.approve_legal_review(actor=reviewer, case=case, on=date(2025, 9, 12), opinion="同意")
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(
            actor=officer, case=case, on=date(2025, 9, 15), **{**DECISION, "fine_amount": "100000.00"}
        )
    assert codes(exc.value) == {"collective_discussion_missing"}
    case = svc.record_collective_discussion(
        actor=officer, case=case, on=date(2025, 9, 15), minutes="同意处罚"
    )
    case = svc.decide_case(
        actor=officer, case=case, on=date(2025, 9, 16), **{**DECISION, "fine_amount": "100000.00"}
    )
    assert case.state == "decided"


# --- 第六十一条: service; closed cases -----------------------------------------------------------
def _decided(investigated, officer, on=date(2025, 9, 26)):
    case = notify(officer, investigated(on=date(2025, 9, 1)), date(2025, 9, 10))
    return svc.decide_case(actor=officer, case=case, on=on, **DECISION)


def test_service_within_7_working_days_across_national_day(investigated, officer):
    # 2025-09-26 + 7 WD → 2025-10-13 (09-28 and 10-11 worked, 10-01..08 rest)
    case = _decided(investigated, officer)
    assert due(case, "service") == date(2025, 10, 13)
    case = svc.serve_decision(actor=officer, case=case, on=date(2025, 10, 13), method="direct")
    assert (case.flag_late_service, case.is_irregular) == (False, False)
    # 10-13 + 15 days = 10-28 (第六十七条)
    assert due(case, "payment") == date(2025, 10, 28)


def test_electronic_service_needs_the_partys_consent(investigated, officer):
    case = _decided(investigated, officer)
    with pytest.raises(ValidationError) as exc:
        svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 29), method="electronic")
    assert exc.value.message_dict["method"] == [
        "电子送达须当事人同意并签订确认书（行政处罚法第六十一条第二款）。"
    ]


def test_closed_case_cannot_be_changed(investigated, officer):
    case = _decided(investigated, officer)
    case = svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 29), method="direct")
    case = svc.record_payment(actor=officer, case=case, on=date(2025, 10, 9), amount="3000.00")
    case = svc.close_case(actor=officer, case=case, on=date(2025, 10, 10))
    with pytest.raises(ValidationError) as exc:
        svc.record_payment(actor=officer, case=case, on=date(2025, 10, 11), amount="3000.00")
    assert exc.value.messages == ["案件当前状态为“已结案”，不能办理“缴纳罚款/执行完毕”。"]
    with pytest.raises(ValidationError) as exc:
        svc.update_case_details(actor=officer, case=case, facts="改")
    assert exc.value.messages == [f"案件 {case.number} 已结案归档，不能再修改。"]
    case.refresh_from_db()
    assert case.paid_amount == Decimal("3000.00")


# --- 第五十一、五十二条: on-the-spot procedure ------------------------------------------------------
@pytest.mark.parametrize(
    ("natural", "fine", "ok"),
    [(True, "200.00", True), (True, "200.01", False), (False, "3000.00", True), (False, "3000.01", False)],
)
def test_on_the_spot_fine_thresholds(open_case, officer, natural, fine, ok):
    case = open_case(
        procedure_kind="on_the_spot",
        party_is_natural_person=natural,
        party_name="张三" if natural else "某公司",
    )
    args = {
        "actor": officer,
        "case": case,
        "on": date(2025, 9, 1),
        "decision_number": "当场〔2025〕1号",
        "penalty_types": ["fine"],
        "fine_amount": fine,
        "decision_basis": "《道路交通安全法》第九十条",
        "evidence_summary": "现场查获",
        "remedies": "六十日内申请复议",
        "performance": "十五日内缴纳",
    }
    if ok:
        assert svc.decide_on_the_spot(**args).state == "decided"
    else:
        with pytest.raises(ValidationError) as exc:
            svc.decide_on_the_spot(**args)
        assert codes(exc.value) == {"on_the_spot_threshold"}
        case.refresh_from_db()
        assert case.state == "investigating"


def test_on_the_spot_case_must_be_filed_before_closing(open_case, officer):
    case = open_case(procedure_kind="on_the_spot")
    case = svc.decide_on_the_spot(
        actor=officer,
        case=case,
        on=date(2025, 9, 1),
        decision_number="当场〔2025〕2号",
        penalty_types=["warning"],
        decision_basis="依据",
        evidence_summary="证据",
        remedies="救济",
    )
    case = svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 1), method="on_the_spot")
    with pytest.raises(ValidationError) as exc:
        svc.close_case(actor=officer, case=case, on=date(2025, 9, 2))
    assert codes(exc.value) == {"not_filed"}
    svc.file_on_the_spot_decision(actor=officer, case=case, on=date(2025, 9, 2))
    assert svc.close_case(actor=officer, case=case, on=date(2025, 9, 2)).state == "closed"


def test_on_the_spot_refuses_penalties_other_than_warning_or_fine(open_case, officer):
    case = open_case(procedure_kind="on_the_spot")
    with pytest.raises(ValidationError) as exc:
        svc.decide_on_the_spot(
            actor=officer,
            case=case,
            on=date(2025, 9, 1),
            decision_number="当场〔2025〕3号",
            penalty_types=["suspend_permit"],
            decision_basis="依据",
            evidence_summary="证据",
            remedies="救济",
        )
    assert codes(exc.value) == {"on_the_spot_type"}


# --- 第六十条 with the agency's rule: suspension and extension -----------------------------------
def test_suspension_moves_the_decision_deadline(open_case, officer):
    case = open_case(on=date(2025, 7, 10))  # due 10-09
    case = svc.suspend_case(actor=officer, case=case, on=date(2025, 8, 1), ground="等待检验结果")
    case = svc.resume_case(actor=officer, case=case, on=date(2025, 8, 11))
    # 10 days paused: raw end 10-08 + 10 = 10-18 (Sat, rest) → 10-20
    assert due(case, "decision") == date(2025, 10, 20)


def test_extension_needs_the_head(open_case, officer, head):
    case = open_case(on=date(2025, 7, 10))
    with pytest.raises(PermissionDenied):
        svc.extend_decision_period(actor=officer, case=case, on=date(2025, 9, 1), ground="案情复杂")
    case = svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 1), ground="案情复杂")
    # the engine extends the stored due date: 10-09 + 30 days = 11-08 (Sat, rest) → 11-10
    assert due(case, "decision") == date(2025, 11, 10)
    with pytest.raises(ValidationError):
        svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 2), ground="再延")


def test_party_address_can_be_completed_before_the_decision_but_not_after(investigated, officer):
    # given a case without the party's address: the decision is refused (第五十九条)
    case = notify(officer, investigated(party_address=""), date(2025, 9, 10))
    with pytest.raises(ValidationError) as exc:
        svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)
    assert exc.value.message_dict["party_address"] == [
        "处罚决定书必须载明当事人的地址（行政处罚法第五十九条），请先补充当事人地址。"
    ]
    # when the address is completed, the decision goes through
    svc.update_case_details(actor=officer, case=case, party_address="示范县城关镇人民路9号")
    case = svc.decide_case(actor=officer, case=case, on=date(2025, 9, 15), **DECISION)
    # then, once decided, the details are frozen
    with pytest.raises(ValidationError):
        svc.update_case_details(actor=officer, case=case, party_address="别处")
    case.refresh_from_db()
    assert case.party_address == "示范县城关镇人民路9号"


def test_full_hearing_path_to_decision(investigated, officer, reviewer, agency):
    # given a heavy fine with a hearing requested on 2026-02-02
    chair = UserFactory(username="chair2", role="officer", agency=agency)
    case = _requested(investigated, officer)
    # when the hearing is held and the case reviewed and discussed
    case = svc.schedule_hearing(
        actor=officer, case=case, on=date(2026, 2, 10), hearing_on=date(2026, 2, 26), chair=chair
    )
    with pytest.raises(ValidationError):
        svc.hold_hearing(actor=officer, case=case, on=date(2026, 2, 25), record="提前")
    case = svc.hold_hearing(actor=officer, case=case, on=date(2026, 2, 26), record="当事人到场陈述申辩")
    assert (case.state, case.legal_review_required) == ("heard", True)
    case = svc.submit_for_legal_review(actor=officer, case=case, on=date(2026, 2, 27))
    case = svc.approve_legal_review(actor=reviewer, case=case, on=date(2026, 2, 28), opinion="同意")
    case = svc.record_collective_discussion(actor=officer, case=case, on=date(2026, 3, 2), minutes="同意")
    case = svc.decide_case(
        actor=officer, case=case, on=date(2026, 3, 3), **{**DECISION, "fine_amount": "100000.00"}
    )
    # then: decided within 90 days of 2026-01-20 (due 2026-04-20), service due 7 WD later
    assert (case.state, case.flag_late_decision, due(case, "decision")) == (
        "decided",
        False,
        date(2026, 4, 20),
    )
    assert due(case, "service") == date(2026, 3, 12)


def test_decision_after_the_90_day_limit_is_flagged_for_the_justice_bureau(investigated, officer):
    # opened 2025-07-10: due 10-09 (10-08 rolled past National Day); decided 10-10 → late
    case = notify(officer, investigated(on=date(2025, 7, 10)), date(2025, 9, 10))
    case = svc.decide_case(actor=officer, case=case, on=date(2025, 10, 10), **DECISION)
    assert (case.flag_late_decision, case.is_irregular) == (True, True)


@pytest.mark.parametrize(
    ("violation_on", "serious", "ok"),
    [
        # 2023-09-02 + 24 months = 2025-09-02 (Tue): opening on 09-01 is in time
        (date(2023, 9, 2), False, True),
        # 2023-08-31 + 24 months = 2025-08-31 (Sun) → rolls to 09-01: still in time
        (date(2023, 8, 31), False, True),
        # 2023-08-29 + 24 months = 2025-08-29 (Fri): too late on 09-01
        (date(2023, 8, 29), False, False),
        # five years where life, health or financial safety was harmed
        (date(2021, 9, 1), True, True),
    ],
)
def test_limitation_period_of_article_36(open_case, violation_on, serious, ok):
    if ok:
        assert (
            open_case(on=date(2025, 9, 1), violation_on=violation_on, serious_harm=serious).state
            == "investigating"
        )
    else:
        with pytest.raises(ValidationError) as exc:
            open_case(on=date(2025, 9, 1), violation_on=violation_on, serious_harm=serious)
        assert codes(exc.value) == {"limitation_expired"}
        assert PenaltyCase.objects.count() == 0


@pytest.mark.parametrize(
    ("paid_on", "amount", "ok"),
    [
        # served 2025-09-30: pay by 10-15; 5 days late on 10-20 → up to 3% × 5 × 3000 = 450 more
        (date(2025, 10, 15), "3000.00", True),
        (date(2025, 10, 15), "3000.01", False),
        (date(2025, 10, 20), "3450.00", True),
        (date(2025, 10, 20), "3450.01", False),
        (date(2025, 10, 20), "2999.99", False),
        # 40 days late: the surcharge is capped at the fine itself (第七十二条第一项)
        (date(2025, 11, 24), "6000.00", True),
        (date(2025, 11, 24), "6000.01", False),
    ],
)
def test_payment_with_late_surcharge_of_article_72(investigated, officer, paid_on, amount, ok):
    case = svc.serve_decision(
        actor=officer,
        case=_decided(investigated, officer, on=date(2025, 9, 26)),
        on=date(2025, 9, 30),
        method="direct",
    )
    assert due(case, "payment") == date(2025, 10, 15)
    if ok:
        assert svc.record_payment(actor=officer, case=case, on=paid_on, amount=amount).state == "executed"
    else:
        with pytest.raises(ValidationError):
            svc.record_payment(actor=officer, case=case, on=paid_on, amount=amount)
        case.refresh_from_db()
        assert (case.state, case.paid_amount) == ("served", None)


def test_due_dates_follow_a_recomputed_deadline(open_case, officer):
    # given the engine moved the stored decision deadline (as after a calendar correction)
    from fazhi.core.procedures.models import Deadline

    case = open_case(on=date(2025, 7, 10))
    assert due(case, "decision") == date(2025, 10, 9)
    Deadline.objects.filter(object_id=case.pk, clock="decision").update(due_date=date(2025, 10, 10))
    # when the case is next touched by any service
    svc.update_case_details(actor=officer, case=case, facts="补充案情")
    # then its copy follows the engine's row
    case.refresh_from_db()
    assert due(case, "decision") == date(2025, 10, 10)


def test_preserved_items_must_be_decided_within_7_working_days(open_case, certified, officer):
    # 先行登记保存 on 2025-09-26: 09-28 and 10-11 are worked, 10-01..08 rest → decide by 2025-10-13 (第五十六条)
    a, b = certified
    case = open_case(on=date(2025, 9, 20))
    step = svc.record_investigation_step(
        actor=officer,
        case=case,
        kind="preservation",
        on=date(2025, 9, 26),
        officer_a=a,
        officer_b=b,
        summary="先行登记保存涉嫌过期食品 12 件",
    )
    deadline = step.preservation_deadline()
    # an engine deadline (standalone clock enforcement.preservation), explained
    assert (deadline.due_date, deadline.state) == (date(2025, 10, 13), "open")
    assert deadline.explanation.endswith("→ 2025-10-13")


def _spot(open_case, officer, fine, natural=True):
    case = open_case(
        procedure_kind="on_the_spot",
        party_is_natural_person=natural,
        party_name="张三" if natural else "某公司",
    )
    case = svc.decide_on_the_spot(
        actor=officer,
        case=case,
        on=date(2025, 9, 26),
        decision_number="当场〔2025〕9号",
        penalty_types=["fine"],
        fine_amount=fine,
        decision_basis="依据",
        evidence_summary="证据",
        remedies="救济",
        performance="当场缴纳",
    )
    return svc.serve_decision(actor=officer, case=case, on=date(2025, 9, 26), method="on_the_spot")


def test_fine_of_100_collected_on_the_spot_is_handed_in_within_2_working_days(open_case, officer):
    # collected Fri 2025-09-26: 09-27 (Sat) rest, 09-28 (Sun) make-up working day → hand in by 2025-09-29
    case = svc.record_payment(
        actor=officer,
        case=_spot(open_case, officer, "100.00"),
        on=date(2025, 9, 26),
        amount="100.00",
        collected_on_the_spot=True,
        collection_reason="small",
    )
    assert (case.collected_on_the_spot, due(case, "hand_in")) == (True, date(2025, 9, 29))
    svc.file_on_the_spot_decision(actor=officer, case=case, on=date(2025, 9, 28))
    with pytest.raises(ValidationError) as exc:
        svc.close_case(actor=officer, case=case, on=date(2025, 9, 29))
    assert codes(exc.value) == {"not_handed_in"}
    svc.hand_in_collected_fine(actor=officer, case=case, on=date(2025, 9, 28))
    assert svc.close_case(actor=officer, case=case, on=date(2025, 9, 29)).state == "closed"


@pytest.mark.parametrize(
    ("fine", "reason", "ok"),
    [
        ("100.00", "small", True),
        ("100.01", "small", False),
        ("150.00", "hard_to_collect", True),
        ("150.00", "", False),
    ],
)
def test_on_the_spot_collection_only_in_the_cases_of_article_68(open_case, officer, fine, reason, ok):
    case = _spot(open_case, officer, fine)
    args = {
        "actor": officer,
        "case": case,
        "on": date(2025, 9, 26),
        "amount": fine,
        "collected_on_the_spot": True,
        "collection_reason": reason,
    }
    if ok:
        assert svc.record_payment(**args).state == "executed"
    else:
        with pytest.raises(ValidationError):
            svc.record_payment(**args)
        case.refresh_from_db()
        assert (case.state, case.collected_on_the_spot, case.paid_on) == ("served", False, None)


def test_ordinary_fines_are_not_collected_on_the_spot_except_in_remote_areas(investigated, officer):
    case = svc.serve_decision(
        actor=officer,
        case=_decided(investigated, officer, on=date(2025, 9, 26)),
        on=date(2025, 9, 29),
        method="direct",
    )
    with pytest.raises(ValidationError) as exc:
        svc.record_payment(
            actor=officer,
            case=case,
            on=date(2025, 9, 30),
            amount="3000.00",
            collected_on_the_spot=True,
            collection_reason="small",
        )
    assert codes(exc.value) == {"collection_not_allowed"}
    case = svc.record_payment(
        actor=officer,
        case=case,
        on=date(2025, 9, 30),
        amount="3000.00",
        collected_on_the_spot=True,
        collection_reason="remote",
    )
    # 2025-09-30 + 2 WD: 10-01..08 rest → 10-10
    assert due(case, "hand_in") == date(2025, 10, 10)
