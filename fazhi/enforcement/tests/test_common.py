"""Money input: Decimal with at most two decimals, never negative (ADR 0001 messages)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.enforcement.services._common import money


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_two_decimal_amounts_are_accepted_exactly(value):
    assert money(str(value), "fine", "罚款") == value


@given(
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False).filter(
        lambda d: d != d.quantize(Decimal("0.01"))
    )
)
def test_three_decimal_amounts_are_refused(value):
    with pytest.raises(ValidationError) as exc:
        money(str(value), "fine", "罚款")
    assert exc.value.message_dict == {"fine": [f"罚款“{value}”最多保留两位小数（精确到分）。"]}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("-1", "罚款不能为负数。"),
        ("abc", "罚款“abc”不是有效的金额。"),
        ("NaN", "罚款“NaN”不是有效的金额。"),
    ],
)
def test_bad_amounts_are_refused_with_a_chinese_message(raw, message):
    with pytest.raises(ValidationError) as exc:
        money(raw, "fine", "罚款")
    assert exc.value.message_dict == {"fine": [message]}


def test_trailing_zeros_are_fine():
    assert money("100.000", "fine", "罚款") == Decimal("100.00")
