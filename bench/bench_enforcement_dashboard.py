"""The justice bureau's supervision dashboard at county-plus scale (issue 3 part 2, "Performance").

Writes 200,000 penalty cases (FAZHI_BENCH_CASES overrides) over 20 agencies straight from SQL
(`INSERT … SELECT generate_series` on PostgreSQL, a recursive CTE on SQLite: a few seconds, no
Python loop) plus a publicity record for every fourth decided case, then measures in one run:

* `dashboard_rows` (the selector: one GROUP BY agency with conditional counts + one for publicity)
  against the bare SQL counts that produce the same numbers — target ≤ 3×;
* the whole dashboard (rows + the first page of flagged cases) against the same bare SQL — ≤ 3×;
* the page `/enforcement/supervision/` rendered through the test client — under 1 s (the baseline
  is the 1-second budget itself, so the ratio is the fraction of the budget used).
"""

from __future__ import annotations

import os
import time
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Field

from bench import Result, best_of, compare

N_CASES = int(os.environ.get("FAZHI_BENCH_CASES", "200000"))
N_AGENCIES = 20
YEAR = 2025
ON = date(2026, 1, 15)
FLAGS = {  # flag → every n-th case
    "flag_uncertified": 97,
    "flag_missing_review": 89,
    "flag_out_of_tier_unreasoned": 83,
    "flag_late_decision": 79,
    "flag_late_service": 73,
    "flag_late_publicity": 71,
    "flag_missing_av": 67,
}


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, list | dict):
        return "'[]'" if value == [] else "'{}'"
    return "'" + str(value).replace("'", "''") + "'"


def _columns(model: Any, overrides: dict[str, str]) -> tuple[str, str]:
    """(column list, select list): overrides for the given fields, each other field's default."""
    cols, exprs = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        assert isinstance(f, Field)
        cols.append(connection.ops.quote_name(f.column))
        if f.name in overrides:
            exprs.append(overrides[f.name])
        elif f.null:
            exprs.append("NULL")
        else:
            exprs.append(_literal(f.get_default()))
    missing = set(overrides) - {f.name for f in model._meta.concrete_fields}
    assert not missing, f"unknown fields {missing}"
    return ", ".join(cols), ", ".join(exprs)


def _day(expr: str) -> str:
    """2025-01-01 + expr days, in the database's own date arithmetic."""
    if connection.vendor == "postgresql":
        return f"(DATE '2025-01-01' + ({expr})::int)"
    return f"date('2025-01-01', '+' || ({expr}) || ' days')"


def _series(n: int) -> str:
    if connection.vendor == "postgresql":
        return f"generate_series(1, {n}) AS s(i)"
    return f"(WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < {n}) SELECT i FROM t) AS s"


def _seed() -> Any:
    from fazhi.enforcement.models import Matter, PenaltyCase, PublicityRecord
    from fazhi.org.models import Agency, Jurisdiction, User

    jur = Jurisdiction.objects.create(division_code="330523", name="基准县")
    bureau = Agency.objects.create(
        jurisdiction=jur, name="基准县司法局", uscc="BENCH0000000000000", kind="justice_bureau"
    )
    supervisor = User.objects.create(
        username="bench-supervisor", role="supervisor", agency=bureau, jurisdiction=jur
    )
    agencies, officers, matters = [], [], []
    for n in range(1, N_AGENCIES + 1):
        a = Agency.objects.create(
            jurisdiction=jur,
            name=f"基准县第{n:02d}执法局",
            uscc=f"BENCH{n:013d}",
            has_enforcement_authority=True,
        )
        agencies.append(a.pk)
        officers.append(
            [
                User.objects.create(username=f"bench-{n}-{k}", role="officer", agency=a, jurisdiction=jur).pk
                for k in (1, 2)
            ]
        )
        matters.append(
            Matter.objects.create(
                agency=a,
                jurisdiction=jur,
                code=f"B{n}",
                name="事项",
                kind="penalty",
                legal_basis="法",
                basis_article="第一条",
            ).pk
        )

    def pick(values: list[Any]) -> str:
        return "CASE (i % {n}) {w} END".format(
            n=len(values), w=" ".join(f"WHEN {k} THEN {v}" for k, v in enumerate(values))
        )

    opened = "(i % 365)"
    decided = "(i % 10) < 8"
    closed = "(i % 10) < 6"
    served = f"({closed} OR (i % 20) <> 7)"
    irregular = " OR ".join(f"(i % {m}) = 0" for m in FLAGS.values())
    overrides = {
        "agency": pick(agencies),
        "jurisdiction": str(jur.pk),
        "number": "'B' || i",
        "matter": pick(matters),
        "title": "'基准案件'",
        "party_name": "'某公司'",
        "opened_on": _day(opened),
        "officer_a": pick([o[0] for o in officers]),
        "officer_b": pick([o[1] for o in officers]),
        "state": f"CASE WHEN {closed} THEN 'closed' WHEN {decided} THEN 'decided' ELSE 'investigating' END",
        "decision_due_on": _day(f"{opened} + 90"),
        "decided_on": f"CASE WHEN {decided} THEN {_day(f'{opened} + 40')} END",
        "decision_kind": f"CASE WHEN {decided} THEN 'penalty' ELSE '' END",
        "fine_amount": f"CASE WHEN {decided} THEN 1000 + (i % 50) * 100 END",
        "service_due_on": f"CASE WHEN {decided} THEN {_day(f'{opened} + 49')} END",
        "served_on": f"CASE WHEN {decided} AND {served} THEN {_day(f'{opened} + 43')} END",
        "closed_on": f"CASE WHEN {closed} THEN {_day(f'{opened} + 70')} END",
        **{flag: f"((i % {m}) = 0)" for flag, m in FLAGS.items()},
        "is_irregular": f"({irregular})",
    }
    cols, exprs = _columns(PenaltyCase, overrides)
    table = PenaltyCase._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {exprs} FROM {_series(N_CASES)}")  # noqa: S608
        pub = {
            "agency": "c.agency_id",
            "jurisdiction": "c.jurisdiction_id",
            "kind": "'penalty'",
            "case": "c.id",
            "document_number": "c.number",
            "subject": "'某公司'",
            "matter_name": "'事项'",
            "basis": "'依据'",
            "result": "'罚款'",
            "decided_on": "c.decided_on",
            "due_on": "c.service_due_on",
            "due_explanation": "''",
            "status": "CASE WHEN c.id % 3 = 0 THEN 'due' ELSE 'published' END",
            "published_on": "CASE WHEN c.id % 3 = 0 THEN NULL ELSE c.service_due_on END",
        }
        pcols, pexprs = _columns(PublicityRecord, pub)
        cur.execute(
            f"INSERT INTO {PublicityRecord._meta.db_table} ({pcols}) SELECT {pexprs} FROM {table} c "  # noqa: S608
            "WHERE c.decided_on IS NOT NULL AND c.id % 4 = 0"
        )
        cur.execute("ANALYZE")
    return supervisor, jur


def _bare_sql(jurisdiction_id: int) -> Any:
    """The same numbers from hand-written SQL: one GROUP BY over the cases, one over the publicity."""
    flags = ", ".join(f"SUM(CASE WHEN {f} THEN 1 ELSE 0 END)" for f in FLAGS)
    overdue_decision = "state <> 'closed' AND decided_on IS NULL AND decision_due_on < %(on)s"
    overdue_service = (
        "state <> 'closed' AND decided_on IS NOT NULL AND served_on IS NULL AND service_due_on < %(on)s"
    )
    cases_sql = f"""
        SELECT agency_id, COUNT(*),
               SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END),
               SUM(CASE WHEN is_irregular THEN 1 ELSE 0 END),
               {flags},
               SUM(CASE WHEN {overdue_decision} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {overdue_service} THEN 1 ELSE 0 END)
        FROM enforcement_penaltycase
        WHERE jurisdiction_id = %(j)s AND opened_on >= %(start)s AND opened_on <= %(end)s
        GROUP BY agency_id
    """
    pub_sql = """
        SELECT agency_id, COUNT(*) FROM enforcement_publicityrecord
        WHERE jurisdiction_id = %(j)s AND decided_on >= %(start)s AND decided_on <= %(end)s
          AND status = 'due' AND due_on < %(on)s
        GROUP BY agency_id
    """
    params = {"j": jurisdiction_id, "start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31), "on": ON}

    def run() -> dict[int, tuple[int, ...]]:
        with connection.cursor() as cur:
            cur.execute(cases_sql, params)
            rows = {r[0]: tuple(int(x) for x in r[1:]) for r in cur.fetchall()}
            cur.execute(pub_sql, params)
            late = dict(cur.fetchall())
        return {a: (*v, int(late.get(a, 0))) for a, v in rows.items()}

    return run


def run() -> list[Result]:
    from django.test import Client

    from fazhi.enforcement.selectors import supervision as sel

    t0 = time.perf_counter()
    supervisor, jur = _seed()
    seeded = time.perf_counter() - t0
    bare = _bare_sql(jur.pk)

    def ours() -> list[dict[str, Any]]:
        return sel.dashboard_rows(supervisor, YEAR, ON)

    # Same numbers first: a benchmark of a wrong query is worthless.
    keys = [
        "cases",
        "closed",
        "irregular",
        *FLAGS,
        "overdue_decision",
        "overdue_service",
        "overdue_publicity",
    ]
    mine = {r["agency_id"]: tuple(r[k] for k in keys) for r in ours()}
    assert mine == bare(), "dashboard_rows disagrees with the bare SQL counts"
    total = sum(v[0] for v in mine.values())

    client = Client()
    client.force_login(supervisor)
    url = f"/enforcement/supervision/?year={YEAR}&on={ON.isoformat()}"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    render = best_of(lambda: client.get(url), repeat=3)
    note = f"{total:,} cases opened in {YEAR} over {len(mine)} agencies on {connection.vendor}; seeded in {seeded:.1f}s"
    return [
        compare("dashboard_rows_vs_bare_sql", ours, bare, target_ratio=3.0, note=note),
        compare(
            "dashboard_with_flagged_page",
            lambda: sel.dashboard(supervisor, YEAR, ON),
            bare,
            target_ratio=3.0,
            note="rows + publicity + the first 200 flagged cases, against the bare counts",
        ),
        Result(
            name="page_render_vs_1s_budget",
            seconds=render,
            baseline_seconds=1.0,
            target_ratio=1.0,
            note="GET /enforcement/supervision/ as the supervisor (ratio = share of the 1 s budget)",
        ),
    ]
