from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.core.indicators import Scope, registry
from fazhi.enforcement.models import PublicityRecord
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import publicity as pub


def _decide(officer, case, on, fine):
    case = svc.notify_intended_penalty(
        actor=officer, case=case, on=on, tier="lenient", penalty_types=["fine"], fine=fine
    )
    case = svc.make_statement(actor=officer, case=case, on=case.notified_on)
    return svc.decide_case(
        actor=officer,
        case=case,
        on=on,
        decision_kind="penalty",
        decision_number=f"罚{case.pk}",
        penalty_types=["fine"],
        fine_amount=fine,
        decision_basis="依据",
        evidence_summary="证据",
        performance="十五日内",
        remedies="救济",
    )


def test_enforcement_indicators_count_the_records(investigated, officer, jurisdiction):
    # given two cases opened in 2025, one decided with 1,234.56 yuan and published on time; one still open
    a = _decide(officer, investigated(on=date(2025, 12, 1)), date(2025, 12, 10), "1234.56")
    investigated(on=date(2025, 12, 2))
    pub.publish_record(actor=officer, record=PublicityRecord.objects.get(case=a), on=date(2025, 12, 11))
    scope = Scope(jurisdiction, 2025)
    # when / then
    assert registry.compute("enforcement.cases_opened", scope).value == 2
    assert registry.compute("enforcement.penalty_cases", scope).value == 1
    assert registry.compute("enforcement.cases_pending", scope).value == 2
    assert registry.compute("enforcement.cases_handled", scope).value == 2
    assert registry.compute("enforcement.fines", scope).value == Decimal("0.12")
    assert registry.compute("enforcement.publicity_records", scope).value == 1
    rate = registry.compute("enforcement.publicity_on_time_rate", scope)
    assert (rate.numerator, rate.denominator, rate.value) == (1, 1, Decimal("100.00"))
    assert registry.compute("enforcement.cases_opened", Scope(jurisdiction, 2024)).value == 0
