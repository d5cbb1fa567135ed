"""Official numbers under concurrency, against a live server on PostgreSQL (issue 16, point 1).

Eight officers' requests arrive at once; each runs in its own server thread, with its own database
connection and transaction. Every request must succeed and get its own number. SQLite serialises
writers (and its live server shares one in-memory database), so the test runs in the PostgreSQL stage
only (`make pytest-postgres`, or `bash scripts/with-postgres.sh .venv/bin/pytest tests/test_concurrent_numbers.py`).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

import pytest
from rest_framework.authtoken.models import Token

from fazhi.disputes.models import Reconsideration
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import CertificateFactory, MatterFactory
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="concurrency is tested on PostgreSQL (SQLite serialises writers)",
)

PARALLEL = 8


@pytest.fixture
def county(transactional_db):
    j = JurisdictionFactory()
    bureau = AgencyFactory(jurisdiction=j, name="示范县司法局", kind="justice_bureau")
    agency = AgencyFactory(jurisdiction=j, name="示范县市场监督管理局", has_enforcement_authority=True)
    return j, bureau, agency


def _post_all(url: str, token: str, payloads: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    """POST every payload at the same moment, one thread each; (status, body) in payload order."""
    barrier = threading.Barrier(len(payloads))
    results: list[tuple[int, Any]] = [(0, None)] * len(payloads)

    def run(i: int) -> None:
        request = urllib.request.Request(
            url,
            data=json.dumps(payloads[i]).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                results[i] = (response.status, json.loads(response.read()))
        except urllib.error.HTTPError as exc:
            results[i] = (exc.code, exc.read().decode(errors="replace")[:500])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(payloads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_reconsideration_registrations_get_distinct_numbers(live_server, county):
    _, justice_bureau, agency = county
    # given a reconsideration clerk with an API token
    clerk = UserFactory(username="fuyi_par", role="reconsideration_staff", agency=justice_bureau)
    token = Token.objects.create(user=clerk).key
    payload = {
        "respondent": agency.pk,
        "channel": "counter_written",
        "received_on": "2025-06-09",
        "parties": [{"name": "张三", "id_number": "11010519491231002X"}],
        "challenged_act": "罚款决定",
        "known_on": "2025-06-01",
        "claim": "撤销",
        "facts": "事实",
        "reasons": "理由",
    }
    # when eight registrations arrive at once
    results = _post_all(f"{live_server.url}/api/v1/disputes/reconsiderations/", token, [payload] * PARALLEL)
    # then all succeed, with eight consecutive numbers
    assert [status for status, _ in results] == [201] * PARALLEL, results
    numbers = sorted(body["number"] for _, body in results)
    assert len(set(numbers)) == PARALLEL
    name = justice_bureau.jurisdiction.name
    assert set(numbers) == {f"{name}复申〔2025〕{n}号" for n in range(1, PARALLEL + 1)}
    assert Reconsideration.objects.count() == PARALLEL


def test_parallel_penalty_case_openings_get_distinct_numbers(live_server, county):
    # given two certified officers and a penalty matter
    _, _, agency = county
    officer = UserFactory(username="officer_par1", role="officer", agency=agency)
    officer2 = UserFactory(username="officer_par2", role="officer", agency=agency)
    CertificateFactory(holder=officer, number="62000000B001")
    CertificateFactory(holder=officer2, number="62000000B002")
    matter = MatterFactory(agency=agency, code="CF-PAR1")
    token = Token.objects.create(user=officer).key
    payload = {
        "matter": matter.pk,
        "title": "销售过期食品案",
        "party_name": "张三",
        "party_is_natural_person": True,
        "opened_on": "2025-09-01",
        "officer_a": officer.pk,
        "officer_b": officer2.pk,
    }
    # when eight openings arrive at once
    results = _post_all(f"{live_server.url}/api/v1/enforcement/cases/open/", token, [payload] * PARALLEL)
    # then no 5xx, and eight distinct numbers
    assert [status for status, _ in results] == [201] * PARALLEL, results
    numbers = set(PenaltyCase.objects.values_list("number", flat=True))
    prefix = agency.short_name or agency.name
    assert numbers == {f"{prefix}立〔2025〕{n}号" for n in range(1, PARALLEL + 1)}
