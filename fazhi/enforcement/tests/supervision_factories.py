"""Cases written straight to the table (as the demo and the benchmark do): the supervision tests need
cases in given states and with given flags, not the whole procedure each time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import MatterFactory
from fazhi.org.tests.factories import UserFactory


def _deadline(case: PenaltyCase, clock: str, due: date, *, running: bool) -> None:
    """The engine's Deadline row a case written straight to the table would have (the due dates are
    not columns of the case: the dashboard reads these rows)."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.procedures.models import Deadline

    start = case.opened_on if clock == "decision" else (case.decided_on or case.opened_on)
    Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(PenaltyCase),
        object_id=case.pk,
        procedure_code=PenaltyCase.procedure_code,
        clock=clock,
        label=clock,
        period_n=90 if clock == "decision" else 7,
        period_unit="cd" if clock == "decision" else "wd",
        start_date=start,
        due_date=due,
        explanation=f"→ {due.isoformat()}",
        state="open" if running else "met",
        closed_on=None if running else due,
    )


def make_case(agency: Any, n: int, **fields: Any) -> PenaltyCase:
    """A penalty case of `agency` numbered n, opened 2025-03-03 unless told otherwise; `decision_due_on`
    and `service_due_on` become the engine's Deadline rows (running while not decided / served)."""
    previous = PenaltyCase.objects.filter(agency=agency).first()
    if previous is not None:
        a, b, matter = previous.officer_a, previous.officer_b, previous.matter
    else:
        a = UserFactory(role="officer", agency=agency)
        b = UserFactory(role="officer", agency=agency)
        matter = MatterFactory(agency=agency)
    values: dict[str, Any] = {
        "agency": agency,
        "jurisdiction_id": agency.jurisdiction_id,
        "number": f"{agency.pk}立〔2025〕{n}号",
        "matter": matter,
        "title": "销售过期食品案",
        "party_name": "示范县好又多超市有限公司",
        "opened_on": date(2025, 3, 3),
        "officer_a": a,
        "officer_b": b,
        "state": "investigating",
    }
    values.update(fields)
    decision_due = values.pop("decision_due_on", date(2025, 6, 3))
    service_due = values.pop("service_due_on", None)
    case = PenaltyCase(**values)
    case.refresh_irregular()
    case.save()
    final = case.state == "closed"
    if decision_due is not None:
        _deadline(case, "decision", decision_due, running=not final and case.decided_on is None)
    if service_due is not None:
        _deadline(case, "service", service_due, running=not final and case.served_on is None)
    return case


def decided(agency: Any, n: int, on: date, fine: str = "5000.00", **fields: Any) -> PenaltyCase:
    values: dict[str, Any] = {
        "state": "closed",
        "decision_kind": "penalty",
        "decision_number": f"{agency.pk}罚〔2025〕{n}号",
        "decided_on": on,
        "served_on": on,
        "closed_on": on,
        "fine_amount": Decimal(fine),
        "penalty_types": ["fine"],
    }
    values.update(fields)
    return make_case(agency, n, **values)
