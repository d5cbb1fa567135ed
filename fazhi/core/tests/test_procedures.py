"""The procedure engine: transition table, permissions, requires/guards, audit, start.

Dates are real: the 2026 Spring Festival (2026-02-15…23 rest, Sat 02-14 and Sat 02-28 make-up
working days) and National Day 2025 (10-01…08 rest, Sat 10-11 working).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.models import Deadline, DeadlinePause, Step
from fazhi.core.procedures.tests.helpers import deadline, new_application, snapshot
from fazhi.core.procedures.tests.testapp.models import Application
from fazhi.org.tests.factories import UserFactory

RECEIVED = date(2026, 2, 10)  # Tue; acceptance review 5 WD → 2026-02-24 across the Spring Festival


@pytest.fixture
def head(agency):
    return UserFactory(username="head", role="officer", agency=agency, is_head=True)


@pytest.fixture
def case(agency, officer):
    return new_application(agency, officer, RECEIVED)


# --- start --------------------------------------------------------------------------------------
def test_start_sets_initial_state_records_step_and_starts_the_acceptance_review(case, officer):
    # given a case started on 2026-02-10 (fixture)
    # then
    assert case.state == "received"
    step = procedures.steps(case).get()
    assert (step.transition, step.from_state, step.to_state, step.actor, step.on) == (
        "start",
        "",
        "received",
        officer,
        RECEIVED,
    )
    review = deadline(case, "acceptance_review")
    assert (review.state, review.start_date, review.due_date) == ("open", RECEIVED, date(2026, 2, 24))
    assert review.explanation == (
        "2026-02-10 + 5个工作日（行政复议法第三十条）；2/15–2/23 休息；2/14 调休上班 → 2026-02-24"
    )
    assert review.started_by == step
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.before, entry.after["state"]) == (
        "testapp.reconsideration.start",
        str(case.pk),
        {"state": ""},
        "received",
    )


def test_start_twice_is_refused(case, officer):
    # given
    before = snapshot(case)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.start(case, actor=officer, on=RECEIVED)
    assert exc.value.code == "procedure_started"
    assert snapshot(case) == before


def test_start_before_the_law_is_in_force_is_refused(agency, officer):
    # given the 2023 law applies from 2024-01-01
    app = Application.objects.create(title="旧案", agency=agency, jurisdiction=agency.jurisdiction)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.start(app, actor=officer, on=date(2023, 12, 29))
    assert exc.value.code == "procedure_not_in_force"
    assert "2024-01-01" in exc.value.messages[0]
    assert not Step.objects.filter(object_id=app.pk).exists()


def test_start_in_a_year_without_calendar_data_registers_the_case_with_a_provisional_date(agency, officer):
    # given a year nobody has entered (more in test_procedures_calendar_pending.py)
    app = Application.objects.create(title="远期案件", agency=agency, jurisdiction=agency.jurisdiction)
    # when
    procedures.start(app, actor=officer, on=date(2031, 6, 2))
    # then the case is registered; its deadline has a provisional date (weekends only) marked as such
    app.refresh_from_db()
    assert app.state == "received"
    assert procedures.steps(app).count() == 1
    review = procedures.deadlines(app).get()
    assert (review.due_date, review.calendar_pending) == (date(2031, 6, 9), True)
    assert review.explanation == (
        "2031-06-02 + 5个工作日（行政复议法第三十条）；6/7–6/8 休息 → 2031-06-09"
        "（2031年节假日安排尚未录入，暂按双休日推算，待日历确认）"
    )


# --- transition table ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("_case", "path", "transition", "allowed"),
    [
        ("accept from received", [], "accept", True),
        ("accept twice", ["accept"], "accept", False),
        ("suspend an accepted case", ["accept"], "suspend", True),
        ("suspend before acceptance", [], "suspend", False),
        ("resume an accepted case", ["accept"], "resume", False),
        ("decide a suspended case", ["accept", "suspend"], "decide", False),
        ("terminate (*) a suspended case", ["accept", "suspend"], "terminate", True),
        ("terminate (*) a received case", [], "terminate", True),
        ("terminate (*) a decided case (final)", ["accept", "decide"], "terminate", False),
        ("reject after acceptance", ["accept"], "reject", False),
    ],
)
def test_transition_table(_case, path, transition, allowed, case, officer):
    # given
    data = {"ground": "申请人死亡，等待近亲属参加", "outcome": "维持", "reasons": "超过申请期限"}
    for name in path:
        procedures.advance(case, name, actor=officer, on=date(2026, 3, 2), data=data)
    before = snapshot(case)
    # when
    if allowed:
        procedures.advance(case, transition, actor=officer, on=date(2026, 3, 3), data=data)
        # then
        assert case.state == procedures.get_procedure("testapp.reconsideration").transition(transition).target
        assert procedures.steps(case).last().transition == transition
    else:
        with pytest.raises(ValidationError) as exc:
            procedures.advance(case, transition, actor=officer, on=date(2026, 3, 3), data=data)
        # then
        assert exc.value.code == "transition_not_allowed"
        assert exc.value.messages[0].startswith(f"案件当前状态为“{case.state_label}”，不能办理")
        assert snapshot(case) == before


@pytest.mark.parametrize(
    ("_case", "user_fixture"),
    [("officer of another agency", "other_officer"), ("supervisor without the permission", "supervisor")],
)
def test_permission_denied_leaves_no_trace(_case, user_fixture, case, request):
    # given
    user = request.getfixturevalue(user_fixture)
    before = snapshot(case)
    # when / then
    with pytest.raises(PermissionDenied) as exc:
        procedures.advance(case, "accept", actor=user, on=date(2026, 2, 12))
    assert str(exc.value) == "您无权办理“受理”。"
    assert snapshot(case) == before


def test_inactive_user_is_denied(case, officer):
    # given
    officer.is_active = False
    officer.save()
    before = snapshot(case)
    # when / then
    with pytest.raises(PermissionDenied):
        procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    assert snapshot(case) == before


def test_system_transition_cannot_be_taken_by_a_person(case, officer):
    # given
    before = snapshot(case)
    # when / then
    with pytest.raises(PermissionDenied) as exc:
        procedures.advance(case, "deem_accepted", actor=officer, on=date(2026, 2, 24))
    assert str(exc.value) == "“视为受理”由系统自动办理，不能人工操作。"
    assert snapshot(case) == before


def test_a_person_transition_needs_an_actor(case):
    # given
    before = snapshot(case)
    # when / then
    with pytest.raises(PermissionDenied):
        procedures.advance(case, "accept", actor=None, on=date(2026, 2, 12))
    assert snapshot(case) == before


@pytest.mark.parametrize("reasons", [None, "", "   ", []])
def test_reject_requires_reasons(reasons, case, officer):
    # given
    before = snapshot(case)
    data = {} if reasons is None else {"reasons": reasons}
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "reject", actor=officer, on=date(2026, 2, 12), data=data)
    assert exc.value.message_dict == {"reasons": ["办理“不予受理”必须填写“理由”。"]}
    assert exc.value.error_dict["reasons"][0].code == "required"
    assert snapshot(case) == before


def test_guard_refuses_a_decision_with_one_handler_and_saves_nothing(agency, officer):
    # given an accepted case with a single handler (行政复议法第四十五条 requires two)
    case = new_application(agency, officer, RECEIVED, handlers=1)
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    before = snapshot(case)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "decide", actor=officer, on=date(2026, 3, 20), data={"outcome": "维持"})
    assert exc.value.code == "handlers"
    assert exc.value.messages == ["作出复议决定前须有至少两名承办人员（行政复议法第四十五条）。"]
    assert snapshot(case) == before


def test_advance_writes_step_state_and_audit(case, officer):
    # when
    step = procedures.advance(
        case, "accept", actor=officer, on=date(2026, 2, 12), data={"memo": "材料齐全"}, note="符合受理条件"
    )
    # then
    case.refresh_from_db()
    assert case.state == "accepted"
    assert (step.transition, step.label, step.from_state, step.to_state, step.on, step.data, step.note) == (
        "accept",
        "受理",
        "received",
        "accepted",
        date(2026, 2, 12),
        {"memo": "材料齐全"},
        "符合受理条件",
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "testapp.reconsideration.accept"
    assert entry.actor == officer
    assert entry.object_type == "procedures_testapp.application"
    assert entry.before == {"state": "received"}
    assert entry.after == {
        "state": "accepted",
        "step": step.pk,
        "on": "2026-02-12",
        "deadlines": [
            {"clock": "acceptance_review", "state": "met", "due_date": "2026-02-24"},
            {"clock": "decision", "state": "open", "due_date": "2026-04-13"},
            {"clock": "copy_to_respondent", "state": "open", "due_date": "2026-02-28"},
        ],
    }
    assert entry.note == "符合受理条件"


def test_available_transitions_follow_state_and_permission(case, officer, other_officer, head):
    # when / then
    assert [t.name for t in procedures.available_transitions(case, officer)] == [
        "accept",
        "reject",
        "request_amendment",
        "terminate",
    ]
    assert procedures.available_transitions(case, other_officer) == []
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    assert [t.name for t in procedures.available_transitions(case, officer)] == [
        "send_copy",
        "suspend",
        "decide",
        "terminate",
    ]
    assert "extend" in [t.name for t in procedures.available_transitions(case, head)]


def test_deleting_a_case_removes_its_steps_and_deadlines(agency, officer):
    # given a suspended case with steps, deadlines and a pause
    case = new_application(agency, officer, date(2026, 1, 2))
    procedures.advance(case, "accept", actor=officer, on=date(2026, 1, 5))
    procedures.advance(case, "suspend", actor=officer, on=date(2026, 2, 13), data={"ground": "等待解释"})
    other = new_application(agency, officer, date(2026, 1, 2), title="另一案件")
    # when
    case.delete()
    # then
    assert list(Step.objects.values_list("object_id", flat=True)) == [other.pk]
    assert list(Deadline.objects.values_list("object_id", flat=True)) == [other.pk]
    assert DeadlinePause.objects.count() == 0


def test_a_step_may_not_predate_the_previous_one(case, officer):
    # given accepted 2026-02-12
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    before = snapshot(case)
    # when suspended "on 2026-02-11"
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "suspend", actor=officer, on=date(2026, 2, 11), data={"ground": "等待解释"})
    # then
    assert exc.value.message_dict == {
        "on": ["办理日期 2026-02-11 早于上一环节“受理”的办理日期 2026-02-12，请核对日期。"]
    }
    assert snapshot(case) == before


def test_steps_cannot_be_edited(case):
    # given
    step = procedures.steps(case).get()
    # when / then
    step.note = "改写历史"
    with pytest.raises(PermissionDenied):
        step.save()
    assert procedures.steps(case).get().note == ""


def test_a_stale_case_instance_cannot_be_advanced(case, officer):
    # given two copies of the same case; one is accepted
    stale = Application.objects.get(pk=case.pk)
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    before = snapshot(case)
    # when the other copy (still "received") is rejected
    with pytest.raises(ValidationError) as exc:
        procedures.advance(
            stale, "reject", actor=officer, on=date(2026, 2, 12), data={"reasons": "超过申请期限"}
        )
    # then
    assert exc.value.code == "stale_state"
    assert exc.value.messages == ["案件状态已变更为“已受理”（可能已由他人办理），请刷新后重试。"]
    assert snapshot(case) == before


@pytest.mark.parametrize("on", [None, "2026-02-12", datetime(2026, 2, 12, 9, 30, tzinfo=UTC)])
def test_the_date_must_be_a_date(on, case, officer):
    # given
    before = snapshot(case)
    # when / then
    with pytest.raises(ValidationError) as exc:
        procedures.advance(case, "accept", actor=officer, on=on)
    assert exc.value.error_dict["on"][0].code == "invalid_date"
    assert snapshot(case) == before
