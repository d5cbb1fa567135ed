"""core.numbers: one gapless counter per series, scope and year; a rolled-back caller gives its number back."""

from __future__ import annotations

from django.db import transaction

import pytest

from fazhi.core.models import NumberSeries
from fazhi.core.numbers import next_free_number, next_number, peek_number
from fazhi.org.models import User

pytestmark = pytest.mark.django_db


def test_numbers_are_consecutive_per_series_scope_and_year():
    # when
    got = [next_number("t.case", scope="agency:1", year=2025) for _ in range(3)]
    # then
    assert got == [1, 2, 3]
    assert next_number("t.case", scope="agency:2", year=2025) == 1
    assert next_number("t.case", scope="agency:1", year=2026) == 1
    assert next_number("t.decision", scope="agency:1", year=2025) == 1
    assert peek_number("t.case", scope="agency:1", year=2025) == 3


def test_a_rolled_back_caller_does_not_consume_its_number():
    # given
    assert next_number("t.case", scope="a", year=2025) == 1

    # when the caller's transaction fails after taking number 2
    taken = []

    def failing_service():
        with transaction.atomic():
            taken.append(next_number("t.case", scope="a", year=2025))
            raise RuntimeError("保存失败")

    with pytest.raises(RuntimeError):
        failing_service()
    assert taken == [2]
    # then the next caller gets 2: no gap
    assert next_number("t.case", scope="a", year=2025) == 2


def test_a_new_series_row_rolled_back_is_created_again():
    def failing_service():
        with transaction.atomic():
            next_number("t.case", scope="b", year=2025)
            raise RuntimeError("保存失败")

    with pytest.raises(RuntimeError):
        failing_service()
    assert not NumberSeries.objects.filter(scope="b").exists()
    assert next_number("t.case", scope="b", year=2025) == 1


def test_start_continues_after_numbers_given_before_the_allocator():
    # given three records numbered by the old code
    # when
    n = next_number("t.case", scope="c", year=2025, start=lambda: 3)
    # then
    assert n == 4
    assert next_number("t.case", scope="c", year=2025, start=lambda: 99) == 5  # start read once


def test_next_free_number_skips_a_number_typed_in_by_hand(officer):
    # given a user whose username is the text number 1 would render to
    User.objects.filter(pk=officer.pk).update(username="号1")
    # when
    text = next_free_number(
        "t.user", scope="x", year=2025, render=lambda n: f"号{n}", taken=User.objects.all(), field="username"
    )
    # then
    assert text == "号2"
