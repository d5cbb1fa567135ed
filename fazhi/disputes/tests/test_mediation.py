"""Mediation and pre-litigation settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core.indicators import Scope, registry

from ..models import Mediation
from ..services import close_mediation, record_mediation


def _record(actor, agency, **over):
    values = {
        "kind": "peoples",
        "dispute_kind": "neighbour",
        "committee": "城关镇人民调解委员会",
        "mediator": "王调解",
        "parties": "赵甲、钱乙",
        "received_on": date(2025, 4, 1),
        "amount": Decimal("1200.5"),
    }
    values.update(over)
    return record_mediation(actor=actor, agency=agency, **values)


def test_record_and_close(supervisor, justice_bureau, jurisdiction):
    m = _record(supervisor, justice_bureau)
    assert m.amount == Decimal("1200.50")
    close_mediation(actor=supervisor, mediation=m, on=date(2025, 4, 10), outcome="agreed")
    failed = _record(supervisor, justice_bureau, amount=Decimal("0"))
    close_mediation(actor=supervisor, mediation=failed, on=date(2025, 4, 12), outcome="failed")
    _record(supervisor, justice_bureau, amount=Decimal("800"))  # still open
    # INDICATORS.md: mediation.cases = disputes mediated in Y, mediation.successful = mediations that
    # ended in agreement in Y, mediation.amount = money at stake in the disputes mediated in Y: the
    # two mediations concluded in 2025 count, the open one does not (yet)
    scope = Scope(jurisdiction, 2025)
    rate = registry.compute("mediation.success_rate", scope)
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("50.00"), 1, 2)
    assert registry.compute("mediation.cases", scope).value == 2
    assert registry.compute("mediation.amount", scope).value == Decimal("0.12")  # 1 200.50 + 0 元


def test_pretrial_referral_needs_the_court_number_and_counts_as_court_linkage(
    supervisor, justice_bureau, jurisdiction
):
    with pytest.raises(ValidationError) as exc:
        _record(supervisor, justice_bureau, kind="pretrial", dispute_kind="administrative")
    assert exc.value.message_dict["court_referral_number"] == [
        "法院委派编号：诉前委派调解应填写法院的委派编号。"
    ]
    m = _record(
        supervisor,
        justice_bureau,
        kind="pretrial",
        dispute_kind="administrative",
        court_referral_number="（2025）京0105诉前调1号",
    )
    assert m.linkage == "court"
    assert registry.compute("litigation.pretrial_referred", Scope(jurisdiction, 2025)).value == 1


def test_bad_input_saves_nothing(supervisor, justice_bureau, other_officer):
    with pytest.raises(ValidationError) as exc:
        _record(supervisor, justice_bureau, amount=Decimal("-1"))
    assert exc.value.message_dict["amount"] == ["涉及金额：不能为负数。"]
    with pytest.raises(PermissionDenied):
        _record(other_officer, justice_bureau)
    assert Mediation.objects.count() == 0


def test_close_twice_refused(supervisor, justice_bureau):
    m = _record(supervisor, justice_bureau)
    close_mediation(actor=supervisor, mediation=m, on=date(2025, 4, 10), outcome="failed")
    with pytest.raises(ValidationError):
        close_mediation(actor=supervisor, mediation=m, on=date(2025, 4, 11), outcome="agreed")
    m.refresh_from_db()
    assert (m.outcome, m.closed_on) == ("failed", date(2025, 4, 10))
