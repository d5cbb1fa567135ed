"""Clocks on real dates: start/stop, met vs missed, pause + resume across the 2026 Spring Festival
(WD and CD clocks), extension limits (行政复议法第六十二条: once, ≤ 30 days), restart, tick
(视为受理, 第三十条第三款) and recomputation after a calendar change."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.models import DeadlineExtension, DeadlinePause
from fazhi.core.procedures.tests.helpers import deadline, new_application, new_request, snapshot
from fazhi.core.procedures.tests.testapp.models import Request
from fazhi.org.tests.factories import UserFactory

SUSPENSION = {"ground": "申请人死亡，需等待其近亲属确定是否参加行政复议（第三十九条第一款第一项）"}


@pytest.fixture
def head(agency):
    return UserFactory(username="head", role="officer", agency=agency, is_head=True)


# --- start / stop, met / missed -----------------------------------------------------------------
def test_accepting_stops_the_review_as_met_and_starts_decision_and_copy_clocks(agency, officer):
    # given received Tue 2026-02-10
    case = new_application(agency, officer, date(2026, 2, 10))
    # when accepted Thu 2026-02-12
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    # then
    review = deadline(case, "acceptance_review")
    assert (review.state, review.closed_on, review.closed_on_time) == ("met", date(2026, 2, 12), True)
    decision = deadline(case, "decision")
    # 2026-02-12 + 60 days = Mon 2026-04-13 (第六十二条, calendar days)
    assert (decision.state, decision.start_date, decision.due_date) == (
        "open",
        date(2026, 2, 12),
        date(2026, 4, 13),
    )
    assert decision.explanation == "2026-02-12 + 60日（行政复议法第六十二条） → 2026-04-13"
    copy = deadline(case, "copy_to_respondent")
    # 7 WD: 02-13, Sat 02-14 (make-up), 02-24, 25, 26, 27, Sat 02-28 (make-up)
    assert copy.due_date == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("_case", "accepted_on", "state"),
    [
        ("on the due day", date(2026, 2, 24), "met"),
        ("the day after the due day", date(2026, 2, 25), "missed"),
    ],
)
def test_deadline_closed_after_its_due_date_is_missed(_case, accepted_on, state, agency, officer):
    # given the review is due 2026-02-24
    case = new_application(agency, officer, date(2026, 2, 10))
    # when
    procedures.advance(case, "accept", actor=officer, on=accepted_on)
    # then
    review = deadline(case, "acceptance_review")
    assert (review.state, review.closed_on) == (state, accepted_on)


def test_stops_on_transition_closes_only_its_clock(agency, officer):
    # given
    case = new_application(agency, officer, date(2026, 2, 10))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    # when the copy is sent (第四十八条) on 2026-02-26
    procedures.advance(case, "send_copy", actor=officer, on=date(2026, 2, 26))
    # then
    assert case.state == "accepted"
    assert (deadline(case, "copy_to_respondent").state, deadline(case, "copy_to_respondent").closed_on) == (
        "met",
        date(2026, 2, 26),
    )
    assert deadline(case, "decision").state == "open"
    assert procedures.deadlines(case).filter(clock="decision").count() == 1  # self-loop does not restart


def test_amendment_restarts_the_acceptance_review_and_keeps_history(agency, officer):
    # given received 2026-02-10, amendment requested 2026-02-12 (第三十一条)
    case = new_application(agency, officer, date(2026, 2, 10))
    procedures.advance(
        case, "request_amendment", actor=officer, on=date(2026, 2, 12), data={"missing_items": ["身份证明"]}
    )
    # when the supplement arrives Thu 2026-02-26: the review runs again (第三十一条第一款)
    procedures.advance(case, "amend", actor=officer, on=date(2026, 2, 26))
    # then: 5 WD = 02-27, Sat 02-28 (make-up), 03-02, 03-03, 03-04
    rows = list(
        procedures.deadlines(case)
        .filter(clock="acceptance_review")
        .values_list("state", "start_date", "due_date", "closed_on")
    )
    assert rows == [
        ("met", date(2026, 2, 10), date(2026, 2, 24), date(2026, 2, 12)),
        ("open", date(2026, 2, 26), date(2026, 3, 4), None),
    ]


def test_starts_on_transition_supersedes_the_running_deadline(agency, officer):
    # given a procedure whose clock restarts on a named transition (testapp.restart)
    case = Request.objects.create(title="重新起算", agency=agency, jurisdiction=agency.jurisdiction)
    case.procedure_code = "testapp.restart"
    procedures.start(case, actor=officer, on=date(2026, 2, 10))
    procedures.advance(case, "restart", actor=officer, on=date(2026, 2, 11))
    # when
    procedures.advance(case, "restart", actor=officer, on=date(2026, 3, 2))
    # then every restart closes the running row; 15 WD from Mon 03-02 → Mon 03-23
    rows = list(procedures.deadlines(case).values_list("state", "start_date", "due_date", "closed_on"))
    assert rows == [
        ("superseded", date(2026, 2, 10), date(2026, 3, 9), date(2026, 2, 11)),
        ("superseded", date(2026, 2, 11), date(2026, 3, 10), date(2026, 3, 2)),
        ("open", date(2026, 3, 2), date(2026, 3, 23), None),
    ]


# --- pause / resume ----------------------------------------------------------------------------
def test_suspension_across_spring_festival_leaves_the_calendar_days_out(agency, officer):
    # given accepted Mon 2026-01-05: 60 CD → Fri 2026-03-06
    case = new_application(agency, officer, date(2026, 1, 2))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 1, 5))
    assert deadline(case, "decision").due_date == date(2026, 3, 6)
    # when suspended Fri 02-13 (第三十九条) …
    procedures.advance(case, "suspend", actor=officer, on=date(2026, 2, 13), data=SUSPENSION)
    paused = deadline(case, "decision")
    assert (paused.state, paused.due_date) == ("paused", date(2026, 3, 6))
    assert paused.explanation == (
        "2026-01-05 + 60日（行政复议法第六十二条） → 2026-03-06；"
        "2026-02-13 起中止计时（申请人死亡，需等待其近亲属确定是否参加行政复议（第三十九条第一款第一项）），恢复后重新计算届满日"
    )
    # … and resumed Tue 02-24
    procedures.advance(case, "resume", actor=officer, on=date(2026, 2, 24))
    # then 02-14…02-24 (11 days) do not count: 03-06 + 11 = Tue 2026-03-17
    resumed = deadline(case, "decision")
    assert (resumed.state, resumed.due_date) == ("open", date(2026, 3, 17))
    assert resumed.explanation == (
        "2026-01-05 + 60日（行政复议法第六十二条） → 2026-03-06；"
        "2026-02-13 中止至 2026-02-24 恢复（申请人死亡，需等待其近亲属确定是否参加行政复议（第三十九条第一款第一项）），不计入 11 日"
        " → 2026-03-17"
    )
    pause = DeadlinePause.objects.get(deadline=resumed)
    assert (pause.start, pause.end, pause.ground) == (
        date(2026, 2, 13),
        date(2026, 2, 24),
        SUSPENSION["ground"],
    )


def test_waiting_for_the_applicant_across_spring_festival_leaves_the_working_days_out(agency, officer):
    # given a disclosure request received Tue 2026-02-10: 20 WD → Mon 2026-03-16
    case = new_request(agency, officer, date(2026, 2, 10))
    assert deadline(case, "reply").due_date == date(2026, 3, 16)
    # when the applicant is asked to supplement on 02-12 and replies on 02-26 (信息公开条例第三十条)
    procedures.advance(case, "ask_applicant", actor=officer, on=date(2026, 2, 12))
    procedures.advance(case, "applicant_replied", actor=officer, on=date(2026, 2, 26))
    # then the working days 02-13, Sat 02-14, 02-24, 02-25, 02-26 do not count (5 WD): → Mon 2026-03-23
    reply = deadline(case, "reply")
    assert (reply.state, reply.due_date) == ("open", date(2026, 3, 23))
    assert reply.explanation.endswith("2026-02-12 中止至 2026-02-26 恢复，不计入 5 个工作日 → 2026-03-23")


def test_terminating_a_suspended_case_closes_the_pause(agency, officer):
    # given
    case = new_application(agency, officer, date(2026, 1, 2))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 1, 5))
    procedures.advance(case, "suspend", actor=officer, on=date(2026, 2, 13), data=SUSPENSION)
    # when 第四十一条第五项: still suspended after 60 days
    procedures.advance(
        case, "terminate", actor=officer, on=date(2026, 4, 14), data={"ground": "中止满六十日原因仍未消除"}
    )
    # then
    decision = deadline(case, "decision")
    assert (decision.state, decision.closed_on) == ("missed", date(2026, 4, 14))
    assert DeadlinePause.objects.get(deadline=decision).end == date(2026, 4, 14)


# --- extension ---------------------------------------------------------------------------------
@pytest.fixture
def accepted_aug_2025(agency, officer):
    """Accepted Mon 2025-08-04: 60 CD → Fri 10-03 in the National Day break → Thu 2025-10-09."""
    case = new_application(agency, officer, date(2025, 8, 1))
    procedures.advance(case, "accept", actor=officer, on=date(2025, 8, 4))
    return case


def test_decision_due_in_national_day_rolls_over(accepted_aug_2025):
    decision = deadline(accepted_aug_2025, "decision")
    assert decision.due_date == date(2025, 10, 9)
    assert decision.explanation == (
        "2025-08-04 + 60日（行政复议法第六十二条）；期满日 2025-10-03 为休息日，顺延至下一工作日 → 2025-10-09"
    )


def test_head_extends_once_by_30_days_from_the_original_expiry(accepted_aug_2025, head):
    # when the head approves (第六十二条第一款), by default the maximum 30 days
    step = procedures.advance(
        accepted_aug_2025, "extend", actor=head, on=date(2025, 9, 30), data={"ground": "案情重大复杂"}
    )
    # then 10-09 + 30 = Sat 11-08 → Mon 2025-11-10
    decision = deadline(accepted_aug_2025, "decision")
    assert decision.due_date == date(2025, 11, 10)
    # the final roll-over after the extension is explained like the first one
    assert decision.explanation.endswith(
        "；延长30日；期满日 2025-11-08 为休息日，顺延至下一工作日 → 2025-11-10"
    )
    ext = DeadlineExtension.objects.get(deadline=decision)
    assert (
        ext.period_n,
        ext.period_unit,
        ext.ground,
        ext.approved_by,
        ext.old_due,
        ext.new_due,
        ext.step,
    ) == (
        30,
        "cd",
        "案情重大复杂",
        head,
        date(2025, 10, 9),
        date(2025, 11, 10),
        step,
    )


def test_extension_for_a_shorter_period(accepted_aug_2025, head):
    # when 15 days: 10-09 + 15 = Fri 2025-10-24
    procedures.advance(
        accepted_aug_2025,
        "extend",
        actor=head,
        on=date(2025, 9, 30),
        data={"ground": "需要鉴定", "period": {"days": 15}},
    )
    # then
    assert deadline(accepted_aug_2025, "decision").due_date == date(2025, 10, 24)


@pytest.mark.parametrize(
    ("_case", "period", "code", "message"),
    [
        (
            "longer than 30 days",
            {"days": 31},
            "extension_too_long",
            "复议决定最多延长30日（行政复议法第六十二条），申请延长31日超出上限。",
        ),
        (
            "other unit",
            {"working_days": 10},
            "extension_unit_mismatch",
            "复议决定只能按“30日”的单位延长，不能按其他单位计算。",
        ),
        ("zero", {"days": 0}, "extension_period_invalid", "延长期间应为正整数。"),
        ("not a number", {"days": "三十"}, "extension_period_invalid", "延长期间应为正整数。"),
        ("unknown key", {"weeks": 2}, "extension_period_invalid", None),
    ],
)
def test_extension_beyond_the_law_is_refused(_case, period, code, message, accepted_aug_2025, head):
    # given
    before = snapshot(accepted_aug_2025)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(
            accepted_aug_2025,
            "extend",
            actor=head,
            on=date(2025, 9, 30),
            data={"ground": "复杂", "period": period},
        )
    assert exc.value.error_dict["period"][0].code == code
    if message:
        assert exc.value.message_dict == {"period": [message]}
    assert snapshot(accepted_aug_2025) == before


def test_second_extension_is_refused(accepted_aug_2025, head):
    # given one extension already
    procedures.advance(
        accepted_aug_2025,
        "extend",
        actor=head,
        on=date(2025, 9, 30),
        data={"ground": "复杂", "period": {"days": 10}},
    )
    before = snapshot(accepted_aug_2025)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(
            accepted_aug_2025,
            "extend",
            actor=head,
            on=date(2025, 10, 15),
            data={"ground": "仍复杂", "period": {"days": 10}},
        )
    assert exc.value.code == "extension_limit_reached"
    assert exc.value.messages == [
        "“复议决定”期限最多延长1次（行政复议法第六十二条），已延长1次，不能再次延长。"
    ]
    assert snapshot(accepted_aug_2025) == before


def test_extension_needs_the_head(accepted_aug_2025, officer):
    # given
    before = snapshot(accepted_aug_2025)
    # when / then
    with pytest.raises(PermissionDenied):
        procedures.advance(
            accepted_aug_2025, "extend", actor=officer, on=date(2025, 9, 30), data={"ground": "复杂"}
        )
    assert snapshot(accepted_aug_2025) == before


def test_suspension_after_extension_moves_the_extended_date(accepted_aug_2025, head, officer):
    # given extended to 2025-11-10
    procedures.advance(accepted_aug_2025, "extend", actor=head, on=date(2025, 9, 30), data={"ground": "复杂"})
    # when suspended 10-20 and resumed 10-30 (10 days)
    procedures.advance(accepted_aug_2025, "suspend", actor=officer, on=date(2025, 10, 20), data=SUSPENSION)
    procedures.advance(accepted_aug_2025, "resume", actor=officer, on=date(2025, 10, 30))
    # then 10-09 + 30 + 10 paused days = Tue 2025-11-18
    assert deadline(accepted_aug_2025, "decision").due_date == date(2025, 11, 18)


def test_a_working_day_extension_counts_working_days(agency, officer, head):
    # given a disclosure request received Tue 2026-02-10 (reply due 2026-03-16)
    case = new_request(agency, officer, date(2026, 2, 10))
    # when extended by 20 WD (信息公开条例第三十三条第二款)
    procedures.advance(
        case, "extend", actor=head, on=date(2026, 3, 10), data={"period": {"working_days": 20}}
    )
    # then 20 WD after Mon 03-16: 03-17…04-03 (14), 04-04…06 Qingming rest, 04-07…04-14 (6) → Tue 2026-04-14
    assert deadline(case, "reply").due_date == date(2026, 4, 14)


# --- tick: deemed acceptance -------------------------------------------------------------------
def test_tick_deems_acceptance_once_the_review_period_has_expired(agency, officer):
    # given received 2026-02-10, review due 2026-02-24
    case = new_application(agency, officer, date(2026, 2, 10))
    # when run on the due day: nothing yet
    assert procedures.tick(date(2026, 2, 24)).fired == []
    # when run the day after
    result = procedures.tick(date(2026, 2, 25))
    # then accepted as of the expiry day (第三十条第三款), by the system
    case.refresh_from_db()
    assert case.state == "accepted"
    [step] = result.fired
    assert (step.transition, step.actor, step.on) == ("deem_accepted", None, date(2026, 2, 24))
    review = deadline(case, "acceptance_review")
    assert (review.state, review.closed_on) == ("missed", date(2026, 2, 24))
    # 02-24 + 60 = Sat 2026-04-25 → Mon 2026-04-27
    assert deadline(case, "decision").due_date == date(2026, 4, 27)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.actor, entry.actor_name) == (
        "testapp.reconsideration.deem_accepted",
        None,
        "系统",
    )


def test_tick_is_idempotent_and_leaves_decided_cases_alone(agency, officer):
    # given one expired review and one case accepted in time
    late = new_application(agency, officer, date(2026, 2, 10), title="逾期未审查")
    on_time = new_application(agency, officer, date(2026, 2, 10), title="按期受理")
    procedures.advance(on_time, "accept", actor=officer, on=date(2026, 2, 13))
    # when
    call_command("procedures", "tick", "--on", "2026-03-02")
    before = snapshot(late), snapshot(on_time)
    second = procedures.tick(date(2026, 3, 3))
    # then
    assert second.fired == []
    assert (snapshot(late), snapshot(on_time)) == before
    assert procedures.steps(late).filter(transition="deem_accepted").count() == 1
    assert procedures.steps(on_time).filter(transition="deem_accepted").count() == 0


# --- calendar change ---------------------------------------------------------------------------
class _CorrectedSource:
    """The real calendar with one more rest day, as if staff corrected the year."""

    def __init__(self, real, extra_rest):
        self.real, self.extra_rest = real, extra_rest

    def is_workday(self, d):
        return d not in self.extra_rest and self.real.is_workday(d)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_recompute_after_calendar_change_moves_open_deadlines_and_audits_each(
    agency, officer, supervisor, monkeypatch
):
    # given decision due Mon 2026-04-13, a closed review, and a paused request
    case = new_application(agency, officer, date(2026, 2, 10))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    procedures.advance(case, "send_copy", actor=officer, on=date(2026, 2, 13))
    review_before = snapshot(case)["deadlines"][0]
    from fazhi.core.workdays import calendar

    real = calendar._source()
    # when 2026-04-13 becomes a rest day
    monkeypatch.setattr(calendar, "_source", lambda: _CorrectedSource(real, {date(2026, 4, 13)}))
    audit_before = AuditEntry.objects.count()
    result = procedures.recompute_open_deadlines(actor=supervisor)
    # then only the open decision deadline moved, to Tue 04-14, with one audit entry
    decision = deadline(case, "decision")
    assert decision.due_date == date(2026, 4, 14)
    assert [d.pk for d in result.changed] == [decision.pk]
    assert result.failed == []
    assert snapshot(case)["deadlines"][0] == review_before
    assert AuditEntry.objects.count() == audit_before + 1
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.before["due_date"], entry.after["due_date"]) == (
        "procedures.recompute_deadline",
        str(case.pk),
        "2026-04-13",
        "2026-04-14",
    )
    # and a second run changes nothing
    assert procedures.recompute_open_deadlines(actor=supervisor).changed == []


def test_tick_command_reports_what_it_did(agency, officer):
    # given
    from io import StringIO

    case = new_application(agency, officer, date(2026, 2, 10))
    out = StringIO()
    # when
    call_command("procedures", "tick", "--on", "2026-02-25", stdout=out)
    # then
    assert out.getvalue().splitlines() == [
        f"testapp.reconsideration #{case.pk}：视为受理（2026-02-24）",
        "2026-02-25：自动办理 1 件，跳过 0 件。",
    ]


def test_tick_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as exc:
        call_command("procedures", "tick", "--on", "2026-02-30")
    assert "日期“2026-02-30”格式错误" in str(exc.value)


def test_a_final_state_stops_every_running_clock(agency, officer):
    # given received 2026-02-10 (review due 02-24); "terminated" is not in the review's stops_in
    case = new_application(agency, officer, date(2026, 2, 10))
    # when the application is withdrawn (第四十一条第一项)
    procedures.advance(
        case, "terminate", actor=officer, on=date(2026, 2, 13), data={"ground": "申请人撤回申请"}
    )
    # then
    review = deadline(case, "acceptance_review")
    assert (review.state, review.closed_on) == ("met", date(2026, 2, 13))
