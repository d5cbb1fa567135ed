from __future__ import annotations

from datetime import date

import pytest

from fazhi.enforcement.services import cases as svc
from fazhi.org.tests.factories import UserFactory

from .factories import BenchmarkFactory, CertificateFactory, MatterFactory


@pytest.fixture
def officer2(agency):
    return UserFactory(username="officer2", role="officer", agency=agency, full_name="李执法")


@pytest.fixture
def certified(officer, officer2):
    CertificateFactory(holder=officer, number="62000000A001")
    CertificateFactory(holder=officer2, number="62000000A002")
    return officer, officer2


@pytest.fixture
def reviewer(agency):
    return UserFactory(username="reviewer", role="legal_reviewer", agency=agency, full_name="王审核")


@pytest.fixture
def head(agency):
    return UserFactory(username="head", role="agency_admin", agency=agency, full_name="赵局长", is_head=True)


@pytest.fixture
def matter(agency):
    return MatterFactory(agency=agency, code="CF-0001")


@pytest.fixture
def benchmarks(matter):
    return [
        BenchmarkFactory(matter=matter, tier="lenient", fine_min="1000.00", fine_max="5000.00"),
        BenchmarkFactory(matter=matter, tier="standard", fine_min="5000.00", fine_max="20000.00"),
        BenchmarkFactory(
            matter=matter, tier="no_penalty", fine_min=None, fine_max=None, no_penalty_list="first_offence"
        ),
    ]


@pytest.fixture
def open_case(officer, certified, matter):
    def make(on=date(2025, 9, 1), **kw):
        a, b = certified
        args = {
            "actor": officer,
            "matter": matter,
            "title": "销售过期食品案",
            "party_name": "示范县好又多超市有限公司",
            "party_is_natural_person": False,
            "party_id_number": "91620000MA00000007",
            "party_address": "示范县城关镇人民路1号",
            "opened_on": on,
            "officer_a": a,
            "officer_b": b,
        }
        args.update(kw)
        if args["party_is_natural_person"] and "party_id_number" not in kw:
            args["party_id_number"] = "11010519491231002X"  # a valid resident ID (GB 11643)
        return svc.open_case(**args)

    return make


@pytest.fixture
def investigated(open_case, certified, officer):
    def make(on=date(2025, 9, 1), step_on=None, **kw):
        case = open_case(on=on, **kw)
        a, b = certified
        svc.record_investigation_step(
            actor=officer,
            case=case,
            kind="inspection",
            on=step_on or on,
            officer_a=a,
            officer_b=b,
            summary="现场检查发现货架上有过期食品 12 件。",
        )
        case.refresh_from_db()
        return case

    return make
