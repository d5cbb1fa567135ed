"""The demo year, and every disputes indicator against an independent count of the demo records."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from fazhi.core import procedures
from fazhi.core.indicators import Scope, registry
from fazhi.org import demo as org_demo

from .. import demo
from ..models import (
    AdvisoryMember,
    EnforcementApplication,
    LitigationCase,
    LitigationHearing,
    Mediation,
    Reconsideration,
    ReconsiderationOpinion,
)

Y = 2025


@pytest.fixture
def demo_year(db, monkeypatch):
    monkeypatch.setattr(
        demo,
        "SIZES",
        {"reconsideration": 40, "carried_over": 4, "litigation": 12, "enforcement": 5, "mediation": 300},
    )
    ctx = org_demo.DemoContext(seed=11)
    ctx.today = date(2026, 3, 2)
    ctx.stdout = io.StringIO()
    org_demo.generate(ctx)
    ctx.reseed("disputes")
    demo.generate(ctx)
    return ctx


def _rate(num: int, den: int) -> Decimal | None:
    return None if den == 0 else (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_demo_year_indicators_match_hand_counts(demo_year):
    scope = Scope(demo_year.jurisdiction, Y)
    value = {
        code: registry.compute(code, scope).value
        for code in registry.computed_codes()
        if code.split(".")[0] in {"reconsideration", "litigation", "mediation"}
    }

    # --- reconsideration: from the Python objects and their step history -------------------------
    cases = list(Reconsideration.objects.all())
    accepted_on = {}
    for c in cases:
        step = next(
            (
                s
                for s in procedures.steps(c)
                if s.transition in {"accept", "accept_simplified", "deem_accepted"}
            ),
            None,
        )
        if step:
            accepted_on[c.pk] = step.on
    closed = [c for c in cases if c.state in {"decided", "mediated", "terminated"} and c.closed_on.year == Y]
    decided = [c for c in closed if c.state == "decided"]
    by_outcome = Counter(c.outcome for c in decided)
    correcting = sum(
        by_outcome[o] for o in ("alter", "revoke", "declare_unlawful", "order_performance", "declare_void")
    )
    merits = (
        correcting + by_outcome["uphold"] + by_outcome["dismiss_claim"] + by_outcome["dismiss_application"]
    )
    settled = [c for c in closed if c.state == "terminated" and c.termination_ground == "settled"]
    hand = {
        "reconsideration.received": sum(1 for c in cases if c.received_on.year == Y),
        "reconsideration.accepted": sum(1 for d in accepted_on.values() if d.year == Y),
        "reconsideration.rejected": sum(1 for c in cases if c.state == "rejected" and c.closed_on.year == Y),
        "reconsideration.informed": sum(
            1 for c in cases if c.state == "rejected" and c.closed_on.year == Y and c.competent_organ
        ),
        "reconsideration.closed": len(closed),
        "reconsideration.carried_over": sum(
            1
            for c in cases
            if c.pk in accepted_on
            and accepted_on[c.pk].year < Y
            and (c.closed_on is None or c.closed_on.year >= Y)
        ),
        "reconsideration.pending": sum(
            1
            for c in cases
            if c.pk in accepted_on
            and accepted_on[c.pk].year <= Y
            and (c.closed_on is None or c.closed_on.year > Y)
        ),
        "reconsideration.upheld": by_outcome["uphold"],
        "reconsideration.altered": by_outcome["alter"],
        "reconsideration.revoked": by_outcome["revoke"],
        "reconsideration.declared_unlawful": by_outcome["declare_unlawful"],
        "reconsideration.ordered_performance": by_outcome["order_performance"],
        "reconsideration.declared_void": by_outcome["declare_void"],
        "reconsideration.dismissed": by_outcome["dismiss_claim"] + by_outcome["dismiss_application"],
        "reconsideration.mediated": sum(1 for c in closed if c.state == "mediated") + len(settled),
        "reconsideration.terminated": sum(1 for c in closed if c.state == "terminated") - len(settled),
        "reconsideration.correction_rate": _rate(correcting, merits),
        "reconsideration.closed_on_time_rate": _rate(sum(1 for c in closed if c.closed_on_time), len(closed)),
        "reconsideration.opinions_issued": sum(
            1 for o in ReconsiderationOpinion.objects.all() if o.issued_on.year == Y
        ),
        "reconsideration.advisory_members": sum(
            1
            for m in AdvisoryMember.objects.all()
            if m.appointed_on.year <= Y and (m.left_on is None or m.left_on.year > Y)
        ),
    }
    # closed on time: each closed case's applicable decision deadline, re-read independently
    for c in closed:
        clock = "decision_simplified" if c.procedure_kind == "simplified" else "decision"
        d = [x for x in procedures.deadlines(c) if x.clock == clock][-1]
        assert c.closed_on_time is (c.closed_on <= d.due_date), c.number

    # --- litigation ------------------------------------------------------------------------------
    suits = list(LitigationCase.objects.all())
    concluded = [
        s for s in suits if s.judgment and s.judgment_on and s.judgment_on.year == Y and not s.appealed
    ]
    losses = [
        s
        for s in concluded
        if s.judgment
        in {"revoke", "alter", "declare_unlawful", "declare_void", "perform", "pay", "agreement_remedy"}
    ]
    hearings = list(LitigationHearing.objects.all())
    heard = {h.case_id for h in hearings if h.held_on.year == Y}
    appeared = {h.case_id for h in hearings if h.held_on.year == Y and h.head_appeared}
    firsts = [s for s in suits if s.instance == "first"]
    new = [s for s in firsts if s.served_on.year == Y]
    # INDICATORS.md: pretrial_referred = disputes referred by the court in Y (received in Y);
    # pretrial_settled = disputes resolved (达成和解) in Y (agreement reached, closed_on, in Y)
    mediations = list(Mediation.objects.all())
    pretrial = [m for m in mediations if m.kind == "pretrial" and m.received_on.year == Y]
    pretrial_settled = [
        m
        for m in mediations
        if m.kind == "pretrial" and m.outcome == "agreed" and m.closed_on and m.closed_on.year == Y
    ]
    hand |= {
        "litigation.cases": len(new),
        "litigation.gov_defendant_cases": sum(1 for s in new if s.government_is_defendant),
        "litigation.closed": len(concluded),
        "litigation.closed_rate": _rate(len(concluded), len(new)),  # the demo has no suits from earlier years
        "litigation.head_appearances": len(appeared),
        "litigation.head_appearance_rate": _rate(len(appeared), len(heard)),
        "litigation.losses": len(losses),
        "litigation.loss_rate": _rate(len(losses), len(concluded)),
        "litigation.non_litigation_enforcement": sum(
            1 for a in EnforcementApplication.objects.all() if a.applied_on.year == Y
        ),
        "litigation.judicial_recommendations": 0,
        "litigation.pretrial_referred": len(pretrial),
        "litigation.pretrial_settled": len(pretrial_settled),
    }

    # --- mediation -------------------------------------------------------------------------------
    # INDICATORS.md: mediation.cases = disputes mediated in Y, mediation.successful = mediations that
    # ended in agreement in Y, mediation.amount = money at stake in the disputes mediated in Y: the
    # mediations concluded (agreed or failed, closed_on) in Y, one cohort for the rate. The linkage
    # counts = disputes handled through the linkage in Y: the disputes received in Y.
    received = [m for m in mediations if m.received_on.year == Y]
    ms = [
        m for m in mediations if m.outcome in {"agreed", "failed"} and m.closed_on and m.closed_on.year == Y
    ]
    total = sum((m.amount for m in ms), Decimal("0"))
    hand |= {
        "mediation.cases": len(ms),
        "mediation.successful": sum(1 for m in ms if m.outcome == "agreed"),
        "mediation.success_rate": _rate(sum(1 for m in ms if m.outcome == "agreed"), len(ms)),
        "mediation.amount": (total / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP),
        "mediation.police_linkage": sum(1 for m in received if m.linkage == "police"),
        "mediation.procuratorate_linkage": sum(1 for m in received if m.linkage == "procuratorate"),
        "mediation.court_linkage": sum(1 for m in received if m.linkage == "court"),
    }
    assert value == hand
    # the demo is a real county year: the counts are non-trivial
    assert hand["reconsideration.received"] == 40
    assert hand["reconsideration.carried_over"] >= 1
    assert hand["reconsideration.closed"] >= 20
    assert len(received) == 300
    # the demo's mediations are all received in Y; those still open or concluded in January of Y+1
    # are not mediated in Y
    assert 250 < hand["mediation.cases"] < 300
    assert hand["litigation.cases"] == 12
    assert hand["reconsideration.advisory_members"] == 11


def test_demo_is_deterministic(demo_year):
    numbers = list(
        Reconsideration.objects.order_by("pk").values_list("number", "state", "outcome", "closed_on")
    )
    assert len(numbers) == 51  # 44 of the demo year and before, 7 of 2026 to the demo date (2 March)
    assert numbers[0][0] == "安吉县复申〔2024〕1号"


def test_current_year_to_the_demo_date(demo_year):
    # the applications still open on the demo date are recent ones; nothing is dated after it
    today = demo_year.today
    still_open = Reconsideration.objects.filter(closed_on__isnull=True)
    assert still_open.exists()
    assert all((today - c.received_on).days <= 90 for c in still_open)
    assert not Reconsideration.objects.filter(closed_on__gt=today).exists()
    assert not any(s.on > today for c in Reconsideration.objects.all() for s in procedures.steps(c))
