"""Normative documents (LEGAL_RULES.md §6): every gate and period on real dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.rulemaking import services
from fazhi.rulemaking.models import NormativeDocument

from .flow import clear_flags, to_adopted, to_published, to_review


def _deadline(doc, clock):
    return procedures.deadlines(doc).filter(clock=clock).order_by("-id").first()


def _code(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return next(iter(exc.error_dict.values()))[0].code
    return exc.error_list[0].code


# --- public comment ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("_case", "market", "starts", "earliest"),
    [
        (
            "7 WD over National Day; 9/28 and 10/11 make-up days count",
            False,
            date(2025, 9, 26),
            date(2025, 10, 13),
        ),
        (
            "30 days for market documents, ending in Spring Festival rolls to 2/24",
            True,
            date(2026, 1, 16),
            date(2026, 2, 24),
        ),
    ],
)
def test_a_comment_period_shorter_than_required_is_refused_without_justification(
    _case, market, starts, earliest, register, drafter
):
    # given
    doc = register(on=starts, touches_market=market)
    services.assess_document(actor=drafter, document=doc, on=starts, assessment="必要")
    short = date.fromordinal(earliest.toordinal() - 1)
    # when
    with pytest.raises(ValidationError) as exc:
        services.open_comment(actor=drafter, document=doc, on=starts, ends_on=short)
    # then
    assert _code(exc.value) == "comment_period_too_short"
    assert f"截止日期不得早于{earliest.isoformat()}" in str(exc.value)
    doc.refresh_from_db()
    assert (doc.state, doc.comment_starts_on) == ("assessed", None)
    # and the earliest end date itself is accepted
    services.open_comment(actor=drafter, document=doc, on=starts, ends_on=earliest)
    doc.refresh_from_db()
    assert doc.state == "commenting"


def test_a_shorter_comment_period_with_written_justification_is_accepted(register, drafter):
    # given
    doc = register(on=date(2025, 9, 26))
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 26), assessment="必要")
    # when
    services.open_comment(
        actor=drafter,
        document=doc,
        on=date(2025, 9, 26),
        ends_on=date(2025, 9, 30),
        short_reason="上级文件要求10月底前出台，时间紧迫。",
    )
    # then
    doc.refresh_from_db()
    assert (doc.state, doc.comment_short_reason) == ("commenting", "上级文件要求10月底前出台，时间紧迫。")


def test_the_comment_round_cannot_close_before_its_announced_deadline(register, drafter):
    doc = register(on=date(2025, 9, 26))
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 26), assessment="必要")
    services.open_comment(actor=drafter, document=doc, on=date(2025, 9, 26), ends_on=date(2025, 10, 13))
    with pytest.raises(ValidationError) as exc:
        services.close_comment(actor=drafter, document=doc, on=date(2025, 10, 10))
    assert _code(exc.value) == "comment_still_open"


def test_a_draft_needing_comment_cannot_skip_it(register, drafter):
    doc = register()
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 1), assessment="必要")
    with pytest.raises(ValidationError) as exc:
        services.submit_review(actor=drafter, document=doc, on=date(2025, 9, 1))
    assert exc.value.code == "public_comment_missing"


# --- legality review --------------------------------------------------------------------------------
def test_legality_review_window_is_15_working_days_over_national_day(register, drafter):
    # given: a draft without public comment, submitted on Monday 2025-09-22
    doc = register(on=date(2025, 9, 22), requires_comment=False)
    # when
    to_review(doc, drafter, on=date(2025, 9, 22))
    # then: 15 WD, 10/1–10/8 off, 9/28 and 10/11 worked (115号, local rule setting)
    d = _deadline(doc, "legality_review")
    assert (doc.state, d.due_date, d.period_n, d.period_unit) == (
        "legality_review",
        date(2025, 10, 17),
        15,
        "wd",
    )
    assert "本地规则" in d.basis


def test_legality_review_window_follows_the_setting(register, drafter, settings):
    settings.FAZHI_RULEMAKING_LEGALITY_REVIEW_WORKING_DAYS = 7
    doc = register(on=date(2026, 2, 12), requires_comment=False)
    to_review(doc, drafter, on=date(2026, 2, 12))
    # 2/14 (Sat) and 2/28 (Sat) are make-up working days; 2/15–2/23 Spring Festival
    assert _deadline(doc, "legality_review").due_date == date(2026, 2, 28)


def test_a_draft_that_failed_review_cannot_go_to_deliberation(register, drafter, reviewer):
    # given
    doc = to_review(register(requires_comment=False), drafter)
    services.fail_review(
        actor=reviewer, document=doc, on=date(2025, 9, 5), opinion_text="第三条无上位法依据。"
    )
    # when
    with pytest.raises(ValidationError) as exc:
        services.deliberate_document(
            actor=drafter,
            document=doc,
            on=date(2025, 9, 8),
            meeting_kind="executive",
            meeting_name="常务会议",
            minutes="通过",
        )
    # then
    assert exc.value.code == "transition_not_allowed"
    doc.refresh_from_db()
    assert (doc.state, doc.deliberated_on) == ("review_failed", None)


def test_deliberation_guard_refuses_a_draft_without_a_passing_opinion(register, drafter):
    # the guard itself (the state machine aside): no opinion recorded → refused with the article
    from fazhi.rulemaking import guards

    doc = register(requires_comment=False)
    with pytest.raises(ValidationError) as exc:
        guards.legality_review_passed(doc, {})
    assert exc.value.code == "legality_review_missing"
    assert "优化营商环境条例第六十三条第二款" in exc.value.messages[0]


def test_publication_before_review_is_refused(register, drafter):
    doc = register(requires_comment=False)
    with pytest.raises(ValidationError) as exc:
        services.publish_document(
            actor=drafter,
            document=doc,
            on=date(2025, 9, 2),
            signed_by="王县长",
            effective_on=date(2025, 9, 2),
            validity_months=60,
            number="示政规〔2025〕9号",
        )
    assert exc.value.code == "transition_not_allowed"
    doc.refresh_from_db()
    assert (doc.state, doc.number) == ("registered", None)


def test_only_the_justice_bureau_gives_the_legality_opinion(register, drafter):
    doc = to_review(register(requires_comment=False), drafter)
    with pytest.raises(PermissionDenied):
        services.pass_review(actor=drafter, document=doc, on=date(2025, 9, 3), opinion_text="自审合法")
    doc.refresh_from_db()
    assert doc.state == "legality_review"


def test_a_market_document_needs_fair_competition_review_before_deliberation(register, drafter, reviewer):
    doc = to_review(register(requires_comment=False, touches_market=True), drafter)
    clear_flags(doc, reviewer, date(2025, 9, 3))
    services.pass_review(actor=reviewer, document=doc, on=date(2025, 9, 3), opinion_text="合法")
    with pytest.raises(ValidationError) as exc:
        services.deliberate_document(
            actor=drafter,
            document=doc,
            on=date(2025, 9, 4),
            meeting_kind="executive",
            meeting_name="常务会议",
            minutes="通过",
        )
    assert exc.value.code == "fair_competition_missing"


def test_deliberation_without_minutes_is_refused(register, drafter, reviewer):
    doc = to_review(register(requires_comment=False), drafter)
    services.pass_review(actor=reviewer, document=doc, on=date(2025, 9, 3), opinion_text="合法")
    with pytest.raises(ValidationError) as exc:
        services.deliberate_document(
            actor=drafter,
            document=doc,
            on=date(2025, 9, 4),
            meeting_kind="executive",
            meeting_name="常务会议",
            minutes=" ",
        )
    assert exc.value.error_dict["minutes"][0].messages == ["办理“集体审议”必须填写“会议纪要”。"]


# --- publication, numbers, filing -------------------------------------------------------------------
def test_a_duplicate_number_is_refused(register, drafter, reviewer):
    # given
    first = to_review(register(requires_comment=False), drafter)
    to_published(first, drafter, reviewer, on=date(2025, 9, 3), number="示政规〔2025〕1号")
    second = to_review(register(requires_comment=False, title="示范县政务服务评价办法"), drafter)
    to_adopted(second, drafter, reviewer, on=date(2025, 9, 4))
    # when
    with pytest.raises(ValidationError) as exc:
        services.publish_document(
            actor=drafter,
            document=second,
            on=date(2025, 9, 5),
            signed_by="王县长",
            effective_on=date(2025, 9, 5),
            validity_months=60,
            number="示政规〔2025〕1号",
        )
    # then
    assert exc.value.error_dict["number"][0].messages == [
        "文号“示政规〔2025〕1号”已用于《示范县政务服务窗口管理规定》，不能重复编号。"
    ]
    second.refresh_from_db()
    assert (second.state, second.number) == ("adopted", None)


def test_numbers_are_allocated_per_organ_and_year(register, drafter, reviewer):
    a = to_review(register(requires_comment=False), drafter)
    to_adopted(a, drafter, reviewer, on=date(2025, 9, 3))
    services.publish_document(
        actor=drafter,
        document=a,
        on=date(2025, 9, 3),
        signed_by="王",
        effective_on=date(2025, 9, 3),
        validity_months=60,
        prefix="示政规",
    )
    b = to_review(register(requires_comment=False, title="示范县政务服务评价办法"), drafter)
    to_adopted(b, drafter, reviewer, on=date(2025, 9, 4))
    services.publish_document(
        actor=drafter,
        document=b,
        on=date(2025, 9, 4),
        signed_by="王",
        effective_on=date(2025, 9, 4),
        validity_months=60,
        prefix="示政规",
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.number, b.number) == ("示政规〔2025〕1号", "示政规〔2025〕2号")


def test_filing_period_is_30_days_and_rolls_over_national_day(register, drafter, reviewer):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 1))
    d = _deadline(doc, "filing")
    # 2025-09-01 + 30 days = 10-01 (National Day) → 10-09
    assert (doc.state, d.due_date) == ("in_force", date(2025, 10, 9))


def test_late_filing_without_a_reason_is_refused_and_with_one_is_flagged(register, drafter, reviewer):
    # given: published 2025-09-01, filing due 2025-10-09
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 1))
    # when: filed 2025-10-10 without a reason
    with pytest.raises(ValidationError) as exc:
        services.file_document(
            actor=drafter, document=doc, on=date(2025, 10, 10), filed_with="县人大常委会、市人民政府"
        )
    # then
    assert exc.value.error_dict["late_reason"][0].code == "late_filing_reason_required"
    doc.refresh_from_db()
    assert (doc.filed_on, doc.filed_late) == (None, False)
    # and with the reason it is recorded, flagged late, the clock missed
    services.file_document(
        actor=drafter,
        document=doc,
        on=date(2025, 10, 10),
        filed_with="县人大常委会、市人民政府",
        late_reason="经办人员调整，材料准备延误。",
    )
    doc.refresh_from_db()
    assert (doc.filed_on, doc.filed_late, _deadline(doc, "filing").state) == (
        date(2025, 10, 10),
        True,
        "missed",
    )


def test_filing_on_the_last_day_is_on_time(register, drafter, reviewer):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 1))
    services.file_document(actor=drafter, document=doc, on=date(2025, 10, 9), filed_with="县人大常委会")
    doc.refresh_from_db()
    assert (doc.filed_late, _deadline(doc, "filing").state) == (False, "met")


# --- validity, evaluation, expiry -------------------------------------------------------------------
def test_provisional_documents_may_not_exceed_two_years(register, drafter, reviewer):
    doc = to_review(register(requires_comment=False, title="示范县户外广告设置管理暂行办法"), drafter)
    to_adopted(doc, drafter, reviewer, on=date(2025, 9, 3))
    with pytest.raises(ValidationError) as exc:
        services.publish_document(
            actor=drafter,
            document=doc,
            on=date(2025, 9, 3),
            signed_by="王",
            effective_on=date(2025, 9, 3),
            validity_months=36,
            number="示政规〔2025〕3号",
        )
    assert exc.value.error_dict["validity_months"][0].messages == [
        "有效期：标题含“暂行”“试行”的文件的有效期不得超过24个月（本地规则，可配置）。"
    ]


def test_validity_and_evaluation_run_from_the_effective_date(register, drafter, reviewer):
    # given: published 2024-02-20, effective 2024-03-01, 暂行 → 24 months
    doc = register(on=date(2024, 2, 1), requires_comment=False, title="示范县户外广告设置管理暂行办法")
    to_review(doc, drafter, on=date(2024, 2, 1))
    to_published(doc, drafter, reviewer, on=date(2024, 2, 20), effective_on=date(2024, 3, 1), months=24)
    assert doc.state == "published"
    with pytest.raises(ValidationError):
        services.take_effect(actor=drafter, document=doc, on=date(2024, 2, 29))
    # when
    services.take_effect(actor=drafter, document=doc, on=date(2024, 3, 1))
    # then: 2026-03-01 is a Sunday → 03-02; evaluation 6 months earlier (18 months) → 2025-09-01
    assert (_deadline(doc, "validity").due_date, _deadline(doc, "evaluation").due_date) == (
        date(2026, 3, 2),
        date(2025, 9, 1),
    )


def test_tick_expires_a_document_after_its_validity(register, drafter, reviewer):
    doc = register(on=date(2024, 2, 1), requires_comment=False, title="示范县户外广告设置管理暂行办法")
    to_review(doc, drafter, on=date(2024, 2, 1))
    to_published(doc, drafter, reviewer, on=date(2024, 3, 1), months=24)
    procedures.tick(date(2026, 3, 3))
    doc.refresh_from_db()
    assert (doc.state, _deadline(doc, "validity").state) == ("expired", "missed")


def test_a_new_version_replaces_the_old_document_when_it_takes_effect(register, drafter, reviewer):
    old = to_review(register(requires_comment=False), drafter)
    to_published(old, drafter, reviewer, on=date(2025, 9, 1))
    new = to_review(
        register(
            on=date(2025, 9, 2),
            requires_comment=False,
            title="示范县政务服务窗口管理规定（修订）",
            replaces=old,
        ),
        drafter,
        on=date(2025, 9, 2),
    )
    to_published(new, drafter, reviewer, on=date(2025, 9, 3), number="示政规〔2025〕2号")
    old.refresh_from_db()
    assert (old.state, old.ended_on) == ("replaced", date(2025, 9, 3))


# --- permissions ------------------------------------------------------------------------------------
def test_a_drafting_agency_sees_its_own_drafts_and_the_bureau_sees_all(
    register, drafter, reviewer, other_officer
):
    doc = register()
    assert list(NormativeDocument.objects.visible_to(drafter)) == [doc]
    assert list(NormativeDocument.objects.visible_to(reviewer)) == [doc]
    assert list(NormativeDocument.objects.visible_to(other_officer)) == []
    assert [u.has_perm("rulemaking.view_document", doc) for u in (drafter, reviewer, other_officer)] == [
        True,
        True,
        False,
    ]


def test_another_agency_cannot_register_a_draft_for_this_one(other_officer, agency):
    with pytest.raises(PermissionDenied):
        services.register_document(
            actor=other_officer,
            agency=agency,
            title="x",
            issuing_organ="示范县人民政府",
            registered_on=date(2025, 9, 1),
            text="第一条 x",
        )
    assert NormativeDocument.objects.count() == 0
    assert not AuditEntry.objects.filter(action="rulemaking.register_document").exists()


def test_future_dates_are_refused(register):
    with pytest.raises(ValidationError) as exc:
        register(on=date(2099, 1, 1))
    assert exc.value.error_dict["registered_on"][0].code == "date_in_future"


def test_a_comment_minimum_reaching_into_2027_is_checked_on_the_provisional_date(register, drafter):
    # given: a market document opened 2026-12-02; + 30 days = 2027-01-01, a year without holiday data
    doc = register(on=date(2026, 12, 2), touches_market=True)
    services.assess_document(actor=drafter, document=doc, on=date(2026, 12, 2), assessment="必要")
    # when / then: refused against the provisional date, never for lack of calendar data
    with pytest.raises(ValidationError) as exc:
        services.open_comment(actor=drafter, document=doc, on=date(2026, 12, 2), ends_on=date(2026, 12, 31))
    assert "截止日期不得早于2027-01-01（待日历确认）" in exc.value.messages[0]
    services.open_comment(actor=drafter, document=doc, on=date(2026, 12, 2), ends_on=date(2027, 1, 4))
    doc.refresh_from_db()
    assert doc.state == "commenting"
