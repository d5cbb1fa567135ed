"""Per-case clock policies (`Clock.policy`, ADR 0003): the period and extension limits come from a
rule kept as data (e.g. an agency's departmental rule), resolved when the clock starts and when an
extension is requested; the started deadline keeps the period and basis it was started with."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.procedures.declare import ClockPolicy, Procedure, register
from fazhi.core.procedures.engine import recompute
from fazhi.core.procedures.tests.helpers import deadline, snapshot
from fazhi.core.procedures.tests.testapp.procedures import RECONSIDERATION
from fazhi.core.workdays import cd
from fazhi.org.tests.factories import UserFactory

# The rule "in the database" for this test module: tests set it, the clock's policy reads it.
RULE: dict[str, Any] = {}


def _policy(case: Any) -> ClockPolicy:
    if not RULE:
        return ClockPolicy(cd(60, "行政复议法第六十二条"), cd(30, "行政复议法第六十二条"), 1)
    return ClockPolicy(
        cd(RULE["days"], "行政复议法第六十二条"),
        cd(RULE["extension_days"]),
        RULE["max_extensions"],
        RULE["basis"],
    )


POLICY_PROC: Procedure = register(
    dataclasses.replace(
        RECONSIDERATION,
        code="testapp.reconsideration_policy",
        final=None,
        clocks=[
            dataclasses.replace(c, policy=_policy) if c.code == "decision" else c
            for c in RECONSIDERATION.clocks
        ],
    )
)


@pytest.fixture(autouse=True)
def _rule() -> Iterator[None]:
    RULE.clear()
    yield
    RULE.clear()


@pytest.fixture
def head(agency):
    return UserFactory(username="head", role="officer", agency=agency, is_head=True)


def _new(agency: Any, officer: Any, received: date) -> Any:
    from fazhi.core.procedures.tests.testapp.models import Application

    case = Application(title="张三不服罚款决定申请复议", agency=agency, jurisdiction=agency.jurisdiction)
    case.procedure_code = POLICY_PROC.code
    case.save()
    procedures.start(case, actor=officer, on=received)
    return case


@pytest.fixture
def accept(agency, officer):
    def make(received: date, accepted: date) -> Any:
        case = _new(agency, officer, received)
        procedures.advance(case, "accept", actor=officer, on=accepted)
        return case

    return make


def _extend(case: Any, head: Any, on: date, days: int | None = None) -> None:
    data: dict[str, Any] = {"ground": "案情复杂"}
    if days is not None:
        data["period"] = {"days": days}
    procedures.advance(case, "extend", actor=head, on=on, data=data)


def test_clock_without_policy_resolves_to_its_declared_values():
    clock = RECONSIDERATION.clock("decision")
    assert clock.policy is None
    assert clock.resolve(None) == ClockPolicy(clock.period, clock.max_extension, 1)


def test_policy_period_and_basis_are_stored_on_the_deadline(accept):
    # given a rule of 45 days
    RULE.update(days=45, extension_days=30, max_extensions=2, basis="某部门规章第十条")
    # when accepted Thu 2026-02-12
    case = accept(date(2026, 2, 10), date(2026, 2, 12))
    # then 2026-02-12 + 45 days = Sun 2026-03-29 → Mon 2026-03-30
    d = deadline(case, "decision")
    assert (d.period_n, d.period_unit, d.due_date) == (45, "cd", date(2026, 3, 30))
    assert d.basis == "行政复议法第六十二条；某部门规章第十条"


def test_policy_without_rule_keeps_the_declared_period(accept):
    case = accept(date(2026, 2, 10), date(2026, 2, 12))
    d = deadline(case, "decision")
    # 2026-02-12 + 60 days = Mon 2026-04-13
    assert (d.period_n, d.due_date, d.basis) == (60, date(2026, 4, 13), "行政复议法第六十二条")


def test_policy_allows_a_second_extension_and_refuses_a_third(accept, head):
    # given a rule of 60 days + 30 days, twice
    RULE.update(days=60, extension_days=30, max_extensions=2, basis="某部门规章第十条")
    case = accept(date(2026, 2, 12), date(2026, 2, 12))
    # when extended twice
    _extend(case, head, date(2026, 4, 1))
    _extend(case, head, date(2026, 5, 1))
    # then 2026-04-13 + 30 = Wed 2026-05-13, + 30 = Fri 2026-06-12
    d = deadline(case, "decision")
    assert d.due_date == date(2026, 6, 12)
    assert list(d.extensions.values_list("old_due", "new_due")) == [
        (date(2026, 4, 13), date(2026, 5, 13)),
        (date(2026, 5, 13), date(2026, 6, 12)),
    ]
    # and a third is refused, naming the rule
    before = snapshot(case)
    with pytest.raises(ValidationError) as exc:
        _extend(case, head, date(2026, 6, 1))
    assert exc.value.code == "extension_limit_reached"
    assert exc.value.messages == ["“复议决定”期限最多延长2次（某部门规章第十条），已延长2次，不能再次延长。"]
    assert snapshot(case) == before


def test_default_policy_refuses_a_second_extension(accept, head):
    case = accept(date(2026, 2, 12), date(2026, 2, 12))
    _extend(case, head, date(2026, 4, 1))
    with pytest.raises(ValidationError) as exc:
        _extend(case, head, date(2026, 5, 1))
    assert exc.value.messages == [
        "“复议决定”期限最多延长1次（行政复议法第六十二条），已延长1次，不能再次延长。"
    ]


def test_extension_longer_than_the_policy_allows_is_refused(accept, head):
    RULE.update(days=60, extension_days=15, max_extensions=1, basis="某部门规章第十条")
    case = accept(date(2026, 2, 12), date(2026, 2, 12))
    with pytest.raises(ValidationError) as exc:
        _extend(case, head, date(2026, 4, 1), days=20)
    assert exc.value.error_dict["period"][0].code == "extension_too_long"
    assert exc.value.messages == ["复议决定最多延长15日（某部门规章第十条），申请延长20日超出上限。"]
    # the default extension is the policy's maximum: 2026-04-13 + 15 = Tue 2026-04-28
    _extend(case, head, date(2026, 4, 1))
    assert deadline(case, "decision").due_date == date(2026, 4, 28)


def test_changing_the_rule_does_not_move_a_started_deadline(accept):
    # given a deadline started under a 45-day rule
    RULE.update(days=45, extension_days=30, max_extensions=1, basis="某部门规章第十条")
    case = accept(date(2026, 2, 10), date(2026, 2, 12))
    # when the rule changes to 90 days
    RULE.update(days=90)
    # then the stored deadline and its recomputation keep 45 days
    d = deadline(case, "decision")
    assert (d.period_n, d.due_date) == (45, date(2026, 3, 30))
    assert recompute(d)[0] == date(2026, 3, 30)
    # and a case accepted afterwards gets 90 days: 2026-02-12 + 90 = Wed 2026-05-13
    later = accept(date(2026, 2, 10), date(2026, 2, 12))
    assert deadline(later, "decision").due_date == date(2026, 5, 13)
