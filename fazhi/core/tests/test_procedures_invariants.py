"""Random walks through the test reconsideration procedure keep the engine's invariants
(hypothesis): one running deadline per clock, pauses follow the state, a refused step leaves no trace."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core import procedures
from fazhi.core.procedures.models import DeadlineState
from fazhi.core.procedures.tests.helpers import new_application, snapshot
from fazhi.core.procedures.tests.testapp.procedures import RECONSIDERATION
from fazhi.org.tests.factories import UserFactory

NAMES = [t.name for t in RECONSIDERATION.transitions if not t.by_system]
DATA = {
    "ground": "理由",
    "reasons": "理由",
    "outcome": "维持",
    "missing_items": ["材料"],
    "period": {"days": 10},
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(walk=st.lists(st.tuples(st.sampled_from(NAMES), st.integers(0, 6)), min_size=1, max_size=10))
def test_random_walks_keep_the_invariants(walk, agency):
    # given a head officer (may take every transition) and a case received 2025-03-03
    actor = UserFactory(username="walker", role="officer", agency=agency, is_head=True)
    case = new_application(agency, actor, date(2025, 3, 3))
    on, fired = date(2025, 3, 3), 1
    for name, gap in walk:
        on += timedelta(days=gap)
        before = snapshot(case)
        # when
        try:
            procedures.advance(case, name, actor=actor, on=on, data=DATA)
            fired += 1
        except (ValidationError, PermissionDenied):
            case.refresh_from_db()
            # then a refused step changed nothing
            assert snapshot(case) == before
        # then
        rows = list(procedures.deadlines(case))
        running = [d for d in rows if d.state in (DeadlineState.OPEN, DeadlineState.PAUSED)]
        assert len({d.clock for d in running}) == len(running)
        for d in running:
            clock = RECONSIDERATION.clock(d.clock)
            assert (d.state == DeadlineState.PAUSED) == (case.state in clock.pauses_in)
            assert d.due_date >= d.start_date
        decision_running = any(d.clock == "decision" for d in running)
        assert decision_running == (case.state in {"accepted", "suspended"})
        review_running = any(d.clock == "acceptance_review" for d in running)
        assert review_running == (case.state == "received")
        assert procedures.steps(case).count() == fired
