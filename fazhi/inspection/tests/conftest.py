"""Fixtures of the inspection tests: the market-supervision bureau's matter list, a directory of
enterprises with fixed grades, four certified inspectors, and a plan helper driving the services."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ids import org_code_check_char, uscc_check_char
from fazhi.inspection import services
from fazhi.inspection.models import Entity
from fazhi.org.tests.factories import CertificateFactory, UserFactory

DAY = date(2026, 3, 2)


def enterprise_uscc(n: int, division: str = "110105") -> str:
    org8 = f"{n:08d}"
    body = f"91{division}{org8}{org_code_check_char(org8)}"
    return body + uscc_check_char(body)


@pytest.fixture
def matter(agency, agency_admin):
    return services.create_matter(
        actor=agency_admin,
        agency=agency,
        code="SJ-001",
        name="食品生产经营者落实食品安全主体责任情况检查",
        legal_basis="《中华人民共和国食品安全法》第一百一十条",
        object_kind="enterprise",
        method="on_site",
        ratio="10",
    )


@pytest.fixture
def other_matter(other_agency, db):
    admin = UserFactory(username="other_admin", role="agency_admin", agency=other_agency)
    return services.create_matter(
        actor=admin,
        agency=other_agency,
        code="JT-001",
        name="道路运输经营者安全生产检查",
        legal_basis="《中华人民共和国道路运输条例》第五十八条",
        object_kind="enterprise",
        method="on_site",
        ratio="20",
    )


def make_entities(
    jurisdiction, grades: dict[str, int], start: int = 1, industry: str = "餐饮"
) -> list[Entity]:
    rows, n = [], start
    for grade, count in grades.items():
        for _ in range(count):
            rows.append(
                Entity(
                    jurisdiction=jurisdiction,
                    key=enterprise_uscc(n),
                    uscc=enterprise_uscc(n),
                    name=f"示范县第{n}号餐饮有限公司",
                    kind="enterprise",
                    industry=industry,
                    address=f"示范县递铺街道{n}号",
                    credit_grade=grade,
                )
            )
            n += 1
    return Entity.objects.bulk_create(rows)


@pytest.fixture
def entities(jurisdiction):
    return make_entities(jurisdiction, {"A": 40, "B": 40, "C": 10, "D": 10})


def make_inspectors(agency, admin, n: int, start: int = 1):
    out = []
    for i in range(start, start + n):
        officer = UserFactory(
            username=f"inspector{agency.pk}_{i}", full_name=f"检查员{i}", role="officer", agency=agency
        )
        CertificateFactory(holder=officer, number=f"33Z{agency.pk:03d}{i:05d}")
        out.append(
            services.add_inspector(actor=admin, officer=officer, on=date(2026, 1, 5), specialties="食品")
        )
    return out


@pytest.fixture
def inspectors(agency, agency_admin):
    return make_inspectors(agency, agency_admin, 4)


def approved_plan(officer, supervisor, matter, **kw):
    values = {
        "title": "2026年度食品经营主体双随机抽查",
        "year": 2026,
        "period_start": date(2026, 3, 1),
        "period_end": date(2026, 11, 30),
        "on": date(2026, 2, 2),
        "ratio": "10",
        **kw,
    }
    plan = services.create_plan(actor=officer, matter=matter, **values)
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    services.approve_plan(actor=supervisor, plan=plan, on=date(2026, 2, 5))
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(officer, supervisor, matter, inspectors, entities):
    return approved_plan(officer, supervisor, matter)
