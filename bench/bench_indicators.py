"""Issue 8 "Performance": computing a county-year's indicators through the registry against the
bare SQL aggregates that give the same numbers — target ≤ 3×.

Seeds 200,000 penalty cases (FAZHI_BENCH_CASES overrides) with the enforcement dashboard bench's
SQL seeder, then times, in one run:

* `registry.compute(code, scope).value` for the enforcement case indicators (what the dashboard and
  the report do) against one hand-written aggregate query per indicator;
* every registered indicator of the catalogue for the county-year (all modules), reported against
  the same bare SQL (informational: it also covers indicators the bare set does not).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection

from bench import Result, compare

YEAR = 2025
CODES = (
    "enforcement.cases_opened",
    "enforcement.cases_closed",
    "enforcement.cases_pending",
    "enforcement.penalty_cases",
    "enforcement.fines",
    "enforcement.legal_review_rate",
)


def _bare(jurisdiction_id: int) -> Any:
    y = {"j": jurisdiction_id, "s": date(YEAR, 1, 1), "e": date(YEAR, 12, 31)}
    t = "enforcement_penaltycase"
    sql = {
        "enforcement.cases_opened": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND opened_on BETWEEN %(s)s AND %(e)s",
        "enforcement.cases_closed": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND closed_on BETWEEN %(s)s AND %(e)s",
        "enforcement.cases_pending": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND opened_on <= %(e)s AND (closed_on IS NULL OR closed_on > %(e)s)",
        "enforcement.penalty_cases": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND decision_kind='penalty'",
        "enforcement.fines": f"SELECT COALESCE(SUM(fine_amount),0) + COALESCE(SUM(confiscation_amount),0) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND decision_kind='penalty'",
        "enforcement.legal_review_rate": f"SELECT COUNT(*), SUM(CASE WHEN legal_review_status='approved' AND NOT flag_missing_review THEN 1 ELSE 0 END) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND legal_review_required",
    }

    def run() -> dict[str, Any]:
        out: dict[str, Any] = {}
        with connection.cursor() as cur:
            for code, q in sql.items():
                cur.execute(q, y)
                row = cur.fetchone()
                if code == "enforcement.fines":
                    out[code] = (Decimal(row[0]) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
                elif code == "enforcement.legal_review_rate":
                    den, num = int(row[0]), int(row[1] or 0)
                    out[code] = (
                        None
                        if den == 0
                        else (Decimal(num) * 100 / den).quantize(Decimal("0.01"), ROUND_HALF_UP)
                    )
                else:
                    out[code] = int(row[0])
        return out

    return run


def run() -> list[Result]:
    from bench.bench_enforcement_dashboard import _seed
    from fazhi.core.indicators import Scope, registry

    _supervisor, jur = _seed()
    scope = Scope(jur, YEAR)
    bare = _bare(jur.pk)

    def ours() -> dict[str, Any]:
        return {c: registry.compute(c, scope).value for c in CODES}

    mine, theirs = ours(), bare()
    assert mine == theirs, f"registry disagrees with bare SQL: {mine} != {theirs}"
    computed = registry.computed_codes()

    def every() -> list[Any]:
        return [registry.compute(c, scope).value for c in computed]

    note = f"{mine['enforcement.cases_opened']:,} cases opened in {YEAR} on {connection.vendor}"
    return [
        compare("registry_vs_bare_sql_enforcement", ours, bare, target_ratio=3.0, note=note),
        compare(
            "every_registered_indicator_vs_bare_enforcement_sql",
            every,
            bare,
            target_ratio=float(len(computed)) / len(CODES) * 3.0,
            repeat=3,
            note=f"{len(computed)} registered codes vs {len(CODES)} bare aggregates (target scaled by the count)",
        ),
    ]
