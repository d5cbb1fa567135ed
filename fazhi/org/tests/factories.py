from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from fazhi.core.ids import uscc_check_char
from fazhi.org.models import Agency, Jurisdiction, User


def make_uscc(serial: int, division_code: str = "110105") -> str:
    """A valid USCC for a government organ (类别 11) in the given division."""
    body = f"11{division_code}{serial:09d}"[:17]
    return body + uscc_check_char(body)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("division_code",)

    division_code = "110105"
    name = "示范县"
    level = "county"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"示范县第{n}局")
    uscc = factory.Sequence(lambda n: make_uscc(n + 1))
    kind = "department"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    role = "officer"
    agency = factory.SubFactory(AgencyFactory)
    jurisdiction = factory.LazyAttribute(lambda u: u.agency.jurisdiction if u.agency else None)
    password = factory.django.Password("Fazhi-test-2026")


class CertificateFactory(factory.django.DjangoModelFactory):
    """A valid enforcement certificate for 2024–2028 (fixed dates: pass `valid_until=` to test expiry)."""

    class Meta:
        model = "org.Certificate"

    holder = factory.SubFactory(UserFactory)
    agency = factory.LazyAttribute(lambda c: c.holder.agency)
    kind = "enforcement"
    number = factory.Sequence(lambda n: f"33Z110105{n + 1:05d}")
    issuing_authority = "示范省人民政府"
    valid_from = datetime.date(2024, 1, 1)
    valid_until = datetime.date(2028, 12, 31)
    status = "valid"


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "org.TrainingRecord"

    officer = factory.SubFactory(UserFactory)
    year = 2025
    course = "行政处罚法专题培训"
    hours = Decimal("16.0")
    completed_on = datetime.date(2025, 6, 30)
