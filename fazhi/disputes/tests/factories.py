"""Factories with fixed, meaningful defaults (STYLE.md §2.6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory

from ..models import LitigationCase, Mediation, Party, Reconsideration


class ReconsiderationFactory(factory.django.DjangoModelFactory):
    """A received application (no procedure started): use services for anything further."""

    class Meta:
        model = Reconsideration

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    respondent = factory.SubFactory(AgencyFactory, jurisdiction=factory.SelfAttribute("..jurisdiction"))
    number = factory.Sequence(lambda n: f"示范县复申〔2025〕{n + 1}号")
    channel = "counter_written"
    state = "received"
    received_on = date(2025, 6, 9)
    challenged_act = "罚款2000元的行政处罚决定"
    known_on = date(2025, 6, 2)
    application_due = date(2025, 8, 1)
    claim = "撤销该行政处罚决定"
    facts = "申请人于2025年5月在县城经营摊位被处罚"
    reasons = "事实不清，程序违法"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(ReconsiderationFactory)
    role = "applicant"
    kind = "person"
    name = "张三"
    id_number = "11010519491231002X"


class LitigationCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LitigationCase

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    agency = factory.SubFactory(AgencyFactory, jurisdiction=factory.SelfAttribute("..jurisdiction"))
    court = "示范县人民法院"
    case_number = factory.Sequence(lambda n: f"（2025）京0105行初{n + 1}号")
    plaintiff = "李四"
    cause = "行政处罚"
    served_on = date(2025, 3, 3)


class MediationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediation

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    agency = factory.SubFactory(AgencyFactory, jurisdiction=factory.SelfAttribute("..jurisdiction"))
    kind = "peoples"
    dispute_kind = "neighbour"
    committee = "城关镇人民调解委员会"
    mediator = "王调解"
    parties = "赵甲、钱乙"
    received_on = date(2025, 4, 1)
    amount = Decimal("0.00")
