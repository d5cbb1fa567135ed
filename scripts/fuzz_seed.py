"""Seed for the API fuzzing stage (scripts/fuzz-api.sh): a county with a justice bureau and an
agency, a supervisor who sees the whole county, and a reconsideration clerk; prints a token of each."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings_test")

import django  # noqa: E402

django.setup()

from rest_framework.authtoken.models import Token  # noqa: E402

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory  # noqa: E402

county = JurisdictionFactory()
bureau = AgencyFactory(jurisdiction=county, name="示范县司法局", kind="justice_bureau")
agency = AgencyFactory(jurisdiction=county, name="示范县市场监督管理局", has_enforcement_authority=True)
supervisor = UserFactory(username="fuzz_supervisor", role="supervisor", agency=bureau, is_head=True)
clerk = UserFactory(username="fuzz_clerk", role="reconsideration_staff", agency=bureau, is_head=True)
print(Token.objects.create(user=supervisor).key, Token.objects.create(user=clerk).key)  # noqa: T201
