"""`make demo` end to end in the test database: every module's demo data (on SQLite and on
PostgreSQL), idempotent on a second run, and a printed demo login works."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

DEMO_DAY = "2026-11-20"  # fixed, so the run does not depend on the calendar data of the current year


def _first_login(output: str) -> tuple[str, str]:
    """The first row of the accounts table the demo command prints (username … password)."""
    lines = output.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    row = lines[rule + 1].split()
    return row[0], row[-1]


def test_full_demo_builds_is_idempotent_and_its_logins_work(client) -> None:
    out = StringIO()
    call_command("demo", seed=1, strict=True, today=DEMO_DAY, stdout=out, stderr=out)
    first = out.getvalue()

    again = StringIO()
    call_command("demo", seed=1, strict=True, today=DEMO_DAY, stdout=again, stderr=again)
    assert "未重复生成" in again.getvalue(), "a second `fazhi demo --seed 1` must keep the data"

    username, password = _first_login(first)
    # Through the login page: the lockout (django-axes) needs a request, which client.login lacks.
    login = client.post("/org/login/", {"username": username, "password": password})
    assert login.status_code == 302, (username, first[-2000:])
    response = client.get("/")
    assert response.status_code == 200
    assert "我的待办" in response.content.decode()
