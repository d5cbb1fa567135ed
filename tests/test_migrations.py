"""Models and migrations agree (the same check `make test` runs before pytest)."""

from __future__ import annotations

import io

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_no_missing_migrations() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"models changed without a migration: run `fazhi makemigrations`.\n{out.getvalue()}")
