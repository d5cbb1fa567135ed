"""Issue 8 "Performance": computing a county-year's indicators through the registry against the
bare SQL aggregates that give the same numbers — target ≤ 3×.

Seeds 200,000 records across modules (FAZHI_BENCH_RECORDS overrides the total): three quarters
penalty cases (the enforcement dashboard bench's SQL seeder) and one quarter disputes records —
reconsiderations, litigation cases and mediations (bulk_create; no deadlines or steps, so the
indicators read here are the ones that only count rows) — then, after checking that the registry
gives exactly the bare SQL figures, times in one run:

* `registry.compute(code, scope).value` for the enforcement and disputes indicators of CODES (what
  the dashboard and the report do) against one hand-written aggregate query per indicator (the
  mediation counts on their two cohorts: cases / successful / success rate / amount on the
  mediations concluded in Y, pretrial referrals and linkages on those received in Y);
* every registered indicator of the catalogue for the county-year (all modules), reported against
  the same bare SQL (informational: it also covers indicators the bare set does not).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection

from bench import Result, compare

YEAR = 2025
N_RECORDS = int(os.environ.get("FAZHI_BENCH_RECORDS", "200000"))
N_ENFORCEMENT = N_RECORDS * 3 // 4
N_RECONSIDERATIONS = N_RECORDS // 10
N_LITIGATION = N_RECORDS // 20
N_MEDIATIONS = N_RECORDS - N_ENFORCEMENT - N_RECONSIDERATIONS - N_LITIGATION

ENFORCEMENT_CODES = (
    "enforcement.cases_opened",
    "enforcement.cases_closed",
    "enforcement.cases_pending",
    "enforcement.penalty_cases",
    "enforcement.fines",
    "enforcement.legal_review_rate",
)
DISPUTES_CODES = (
    "reconsideration.received",
    "reconsideration.rejected",
    "reconsideration.closed",
    "reconsideration.upheld",
    "reconsideration.revoked",
    "reconsideration.mediated",
    "reconsideration.terminated",
    "reconsideration.correction_rate",
    "litigation.cases",
    "litigation.gov_defendant_cases",
    "litigation.closed",
    "litigation.judicial_recommendations",
    "mediation.cases",
    "mediation.successful",
    "mediation.success_rate",
    "mediation.amount",
    "mediation.police_linkage",
    "mediation.court_linkage",
    "litigation.pretrial_referred",
)
CODES = ENFORCEMENT_CODES + DISPUTES_CODES
RATES = {"enforcement.legal_review_rate", "reconsideration.correction_rate", "mediation.success_rate"}
WAN = {"enforcement.fines", "mediation.amount"}

CORRECTING = "('alter','revoke','declare_unlawful','order_performance','declare_void')"
MERITS = "('alter','revoke','declare_unlawful','order_performance','declare_void','uphold','dismiss_claim','dismiss_application')"


def _sql() -> dict[str, str]:
    t, r, lc, m = (
        "enforcement_penaltycase",
        "disputes_reconsideration",
        "disputes_litigationcase",
        "disputes_mediation",
    )
    rc = f"{r} WHERE jurisdiction_id=%(j)s AND state IN ('decided','mediated','terminated') AND closed_on BETWEEN %(s)s AND %(e)s"
    lcy = f"{lc} WHERE jurisdiction_id=%(j)s"
    mc = f"{m} WHERE jurisdiction_id=%(j)s AND closed_on BETWEEN %(s)s AND %(e)s AND outcome IN ('agreed','failed')"
    my = f"{m} WHERE jurisdiction_id=%(j)s AND received_on BETWEEN %(s)s AND %(e)s"
    return {
        "enforcement.cases_opened": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND opened_on BETWEEN %(s)s AND %(e)s",
        "enforcement.cases_closed": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND closed_on BETWEEN %(s)s AND %(e)s",
        "enforcement.cases_pending": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND opened_on <= %(e)s AND (closed_on IS NULL OR closed_on > %(e)s)",
        "enforcement.penalty_cases": f"SELECT COUNT(*) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND decision_kind='penalty'",
        "enforcement.fines": f"SELECT COALESCE(SUM(fine_amount),0) + COALESCE(SUM(confiscation_amount),0) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND decision_kind='penalty'",
        "enforcement.legal_review_rate": f"SELECT COUNT(*), SUM(CASE WHEN legal_review_status='approved' AND NOT flag_missing_review THEN 1 ELSE 0 END) FROM {t} WHERE jurisdiction_id=%(j)s AND decided_on BETWEEN %(s)s AND %(e)s AND legal_review_required",
        "reconsideration.received": f"SELECT COUNT(*) FROM {r} WHERE jurisdiction_id=%(j)s AND received_on BETWEEN %(s)s AND %(e)s",
        "reconsideration.rejected": f"SELECT COUNT(*) FROM {r} WHERE jurisdiction_id=%(j)s AND state='rejected' AND closed_on BETWEEN %(s)s AND %(e)s",
        "reconsideration.closed": f"SELECT COUNT(*) FROM {rc}",
        "reconsideration.upheld": f"SELECT COUNT(*) FROM {rc} AND state='decided' AND outcome='uphold'",
        "reconsideration.revoked": f"SELECT COUNT(*) FROM {rc} AND state='decided' AND outcome='revoke'",
        "reconsideration.mediated": f"SELECT COUNT(*) FROM {rc} AND (state='mediated' OR (state='terminated' AND termination_ground='settled'))",
        "reconsideration.terminated": f"SELECT COUNT(*) FROM {rc} AND state='terminated' AND termination_ground <> 'settled'",
        "reconsideration.correction_rate": f"SELECT COUNT(*), SUM(CASE WHEN outcome IN {CORRECTING} THEN 1 ELSE 0 END) FROM {rc} AND state='decided' AND outcome IN {MERITS}",
        "litigation.cases": f"SELECT COUNT(*) FROM {lcy} AND instance='first' AND served_on BETWEEN %(s)s AND %(e)s",
        "litigation.gov_defendant_cases": f"SELECT COUNT(*) FROM {lcy} AND instance='first' AND served_on BETWEEN %(s)s AND %(e)s AND government_is_defendant",
        "litigation.closed": f"SELECT COUNT(*) FROM {lcy} AND judgment_on BETWEEN %(s)s AND %(e)s AND NOT appealed AND judgment <> ''",
        "litigation.judicial_recommendations": f"SELECT COUNT(*) FROM {lcy} AND judicial_recommendation AND judgment_on BETWEEN %(s)s AND %(e)s",
        "mediation.cases": f"SELECT COUNT(*) FROM {mc}",
        "mediation.successful": f"SELECT COUNT(*) FROM {mc} AND outcome='agreed'",
        "mediation.success_rate": f"SELECT COUNT(*), SUM(CASE WHEN outcome='agreed' THEN 1 ELSE 0 END) FROM {mc}",
        "mediation.amount": f"SELECT COALESCE(SUM(amount),0) FROM {mc}",
        "mediation.police_linkage": f"SELECT COUNT(*) FROM {my} AND linkage='police'",
        "mediation.court_linkage": f"SELECT COUNT(*) FROM {my} AND linkage='court'",
        "litigation.pretrial_referred": f"SELECT COUNT(*) FROM {my} AND kind='pretrial'",
    }


def _bare(jurisdiction_id: int) -> Any:
    y: dict[str, int | date] = {"j": jurisdiction_id, "s": date(YEAR, 1, 1), "e": date(YEAR, 12, 31)}
    sql = _sql()
    assert set(sql) == set(CODES)

    def run() -> dict[str, Any]:
        out: dict[str, Any] = {}
        with connection.cursor() as cur:
            for code, q in sql.items():
                cur.execute(q, y)
                row = cur.fetchone()
                if code in WAN:
                    out[code] = (Decimal(row[0]) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
                elif code in RATES:
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


def _seed_disputes(jur: Any) -> None:
    """Reconsiderations, litigation cases and mediations over the county's enforcement agencies,
    spread over the year before, the year and the year after (so the year filters matter)."""
    from fazhi.disputes.models import LitigationCase, Mediation, Reconsideration
    from fazhi.org.models import Agency

    agencies = list(Agency.objects.filter(jurisdiction=jur, has_enforcement_authority=True))
    start = date(YEAR - 1, 1, 1)

    def day(i: int, shift: int = 0) -> date:
        return start + timedelta(days=(i * 7 + shift) % (3 * 365))

    outcomes = (
        "uphold",
        "revoke",
        "alter",
        "dismiss_claim",
        "declare_unlawful",
        "uphold",
        "dismiss_application",
    )
    states = ("decided", "decided", "decided", "mediated", "terminated", "rejected", "accepted", "decided")
    grounds = ("settled", "withdrawn")
    recs = []
    for i in range(N_RECONSIDERATIONS):
        state = states[i % len(states)]
        received = day(i)
        closed = received + timedelta(days=50) if state not in {"accepted"} else None
        recs.append(
            Reconsideration(
                number=f"BR{i}",
                jurisdiction=jur,
                respondent=agencies[i % len(agencies)],
                channel="online",
                received_on=received,
                challenged_act="行政处罚决定",
                known_on=received - timedelta(days=10),
                claim="撤销",
                facts="事实",
                reasons="理由",
                state=state,
                outcome=outcomes[i % len(outcomes)] if state == "decided" else "",
                termination_ground=grounds[(i // len(states)) % 2] if state == "terminated" else "",
                competent_organ="市司法局" if state == "rejected" and i % 3 == 0 else "",
                closed_on=closed,
            )
        )
    Reconsideration.objects.bulk_create(recs, batch_size=5000)

    judgments = ("dismiss_claim", "withdrawn", "", "dismiss_suit")
    suits = []
    for i in range(N_LITIGATION):
        served = day(i, 3)
        judgment = judgments[i % len(judgments)]
        suits.append(
            LitigationCase(
                jurisdiction=jur,
                agency=agencies[i % len(agencies)],
                government_is_defendant=i % 9 == 0,
                court="基准县人民法院",
                case_number=f"BL{i}",
                instance="first" if i % 5 else "second",
                plaintiff="某公司",
                cause="行政处罚",
                served_on=served,
                judgment=judgment,
                judgment_on=served + timedelta(days=120) if judgment else None,
                appealed=i % 11 == 0,
                judicial_recommendation=i % 13 == 0,
            )
        )
    LitigationCase.objects.bulk_create(suits, batch_size=5000)

    kinds = ("peoples", "administrative", "pretrial")
    mediation_outcomes = ("agreed", "agreed", "failed", "pending")
    linkages = ("", "police", "court", "", "procuratorate")
    meds = []
    for i in range(N_MEDIATIONS):
        received = day(i, 5)
        outcome = mediation_outcomes[i % len(mediation_outcomes)]
        meds.append(
            Mediation(
                jurisdiction=jur,
                agency=agencies[i % len(agencies)],
                kind=kinds[i % len(kinds)],
                dispute_kind="neighbour",
                committee="基准调委会",
                mediator="调解员",
                parties="甲、乙",
                received_on=received,
                closed_on=None if outcome == "pending" else received + timedelta(days=20),
                outcome=outcome,
                amount=Decimal(i % 997) * 100 + Decimal("0.35"),
                linkage=linkages[i % len(linkages)],
            )
        )
    Mediation.objects.bulk_create(meds, batch_size=5000)


def run() -> list[Result]:
    import bench.bench_enforcement_dashboard as dashboard
    from fazhi.core.indicators import Scope, registry

    saved = dashboard.N_CASES
    dashboard.N_CASES = N_ENFORCEMENT
    try:
        _supervisor, jur = dashboard._seed()
    finally:
        dashboard.N_CASES = saved
    # The dashboard seeder leaves legal_review_required False: mark a quarter of the cases as
    # needing 法制审核 (half of those approved) so legal_review_rate has a denominator.
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE enforcement_penaltycase SET legal_review_required = (id %% 4 = 0), "
            "legal_review_status = CASE WHEN id %% 8 = 0 THEN 'approved' ELSE legal_review_status END "
            "WHERE jurisdiction_id = %s",
            [jur.pk],
        )
    _seed_disputes(jur)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    scope = Scope(jur, YEAR)
    bare = _bare(jur.pk)

    def ours() -> dict[str, Any]:
        return {c: registry.compute(c, scope).value for c in CODES}

    mine, theirs = ours(), bare()
    diff = {c: (mine[c], theirs[c]) for c in CODES if mine[c] != theirs[c]}
    assert not diff, f"registry disagrees with bare SQL (registry, bare): {diff}"
    empty = [c for c in CODES if theirs[c] is None or (c not in RATES and not theirs[c])]
    assert not empty, f"bench data leaves these indicators empty: {empty}"
    computed = registry.computed_codes()

    def every() -> list[Any]:
        return [registry.compute(c, scope).value for c in computed]

    records = N_ENFORCEMENT + N_RECONSIDERATIONS + N_LITIGATION + N_MEDIATIONS
    note = (
        f"{records:,} records ({N_ENFORCEMENT:,} penalty cases, {N_RECONSIDERATIONS:,} reconsiderations, "
        f"{N_LITIGATION:,} litigation cases, {N_MEDIATIONS:,} mediations); {len(CODES)} indicators "
        f"equal to bare SQL; {mine['enforcement.cases_opened']:,} cases opened, "
        f"{mine['reconsideration.received']:,} applications received in {YEAR} on {connection.vendor}"
    )
    return [
        compare("registry_vs_bare_sql_all_modules", ours, bare, target_ratio=3.0, note=note),
        compare(
            "every_registered_indicator_vs_bare_sql",
            every,
            bare,
            target_ratio=float(len(computed)) / len(CODES) * 3.0,
            repeat=3,
            note=f"{len(computed)} registered codes vs {len(CODES)} bare aggregates (target scaled by the count)",
        ),
    ]
