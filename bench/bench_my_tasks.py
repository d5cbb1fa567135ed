"""Issue 14 "我的待办 that scales": one page of 我的待办 against the bare SQL of the same page —
target ≤ 2× — and a query count that does not grow with the number of cases, the page size or
the page depth.

Seeds the enforcement dashboard benchmark's penalty cases (FAZHI_BENCH_CASES, default 200,000 over
20 agencies; 40% open) with one open engine Deadline per open case (INSERT … SELECT), then, for an
officer of one agency, checks that `task_page` returns exactly the bare query's rows and times:
page 1 and a deep page (page 50) at 20 rows, page 1 at 100 rows. The bare SQL is what any
implementation must at least do: the count, the ordered page of ids (soonest open deadline first)
and the page's cases and deadlines.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import Result, compare

ON = date(2026, 1, 15)


def _seed_deadlines(ct_id: int) -> int:
    """One open 'decision' deadline per open case, due 90 days after it was opened."""
    from bench.bench_enforcement_dashboard import _columns
    from fazhi.core.procedures.models import Deadline

    cols, exprs = _columns(
        Deadline,
        {
            "content_type": str(ct_id),
            "object_id": "c.id",
            "procedure_code": "'enforcement.penalty'",
            "clock": "'decision'",
            "label": "'作出处罚决定'",
            "period_n": "90",
            "period_unit": "'cd'",
            "start_date": "c.opened_on",
            "due_date": "c.decision_due_on",
            "explanation": "'基准'",
            "state": "'open'",
        },
    )
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO procedures_deadline ({cols}) SELECT {exprs} FROM enforcement_penaltycase c "  # noqa: S608
            "WHERE c.state <> 'closed'"
        )
        n = cur.rowcount
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE")
    return n


def _bare(ct_id: int, agency_id: int, states: list[str], page: int, size: int) -> Any:
    marks = ", ".join(["%s"] * len(states))
    due = (
        "(SELECT MIN(d.due_date) FROM procedures_deadline d "
        "WHERE d.content_type_id = %s AND d.object_id = c.id AND d.state = 'open')"
    )
    where = f"c.agency_id = %s AND c.state IN ({marks})"

    def run() -> list[int]:
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM enforcement_penaltycase c WHERE {where}", [agency_id, *states])  # noqa: S608
            cur.fetchone()
            cur.execute(
                f"SELECT c.id FROM enforcement_penaltycase c WHERE {where} "  # noqa: S608
                f"ORDER BY COALESCE({due}, '9999-12-31'), c.id LIMIT %s OFFSET %s",
                [agency_id, *states, ct_id, size, (page - 1) * size],
            )
            ids = [r[0] for r in cur.fetchall()]
            if ids:
                marks_ids = ", ".join(["%s"] * len(ids))
                cur.execute(f"SELECT * FROM enforcement_penaltycase WHERE id IN ({marks_ids})", ids)  # noqa: S608
                cur.fetchall()
                cur.execute(
                    f"SELECT * FROM procedures_deadline WHERE content_type_id = %s AND object_id IN ({marks_ids}) "  # noqa: S608
                    "AND state IN ('open', 'paused') ORDER BY due_date, id",
                    [ct_id, *ids],
                )
                cur.fetchall()
        return ids

    return run


def run() -> list[Result]:
    from django.contrib.contenttypes.models import ContentType

    import bench.bench_enforcement_dashboard as dashboard
    from fazhi.core.procedures import get_procedure
    from fazhi.core.procedures.selectors import _actionable_states, task_page
    from fazhi.enforcement.models import PenaltyCase
    from fazhi.org.models import User

    _supervisor, _jur = dashboard._seed()
    ct_id = ContentType.objects.get_for_model(PenaltyCase).pk
    deadlines = _seed_deadlines(ct_id)
    officer = User.objects.get(username="bench-10-1")  # agency 10: i % 20 = 9, every case open
    _, states = _actionable_states(get_procedure("enforcement.penalty"), officer)
    results: list[Result] = []
    counts: dict[str, int] = {}
    for name, page, size in (("page1_x20", 1, 20), ("page50_x20", 50, 20), ("page1_x100", 1, 100)):
        bare = _bare(ct_id, officer.agency_id, states, page, size)

        def ours(page: int = page, size: int = size) -> list[int]:
            return [s.case.pk for s in task_page(officer, ON, page=page, page_size=size).steps]

        assert ours() == bare(), f"task_page disagrees with the bare SQL on {name}"
        with CaptureQueriesContext(connection) as q:
            ours()
        counts[name] = len(q)
        results.append(
            compare(
                f"officer_{name}_vs_bare_sql",
                ours,
                bare,
                target_ratio=2.0,
                note=f"{len(q)} queries; {PenaltyCase.objects.filter(agency=officer.agency_id).count():,} cases of the agency",
            )
        )
    assert len(set(counts.values())) == 1, f"query count grows with page size or depth: {counts}"
    total = PenaltyCase.objects.count()
    results[0] = Result(
        **{
            **results[0].__dict__,
            "note": results[0].note
            + f"; {total:,} cases, {deadlines:,} open deadlines on {connection.vendor}",
        }
    )
    return results
