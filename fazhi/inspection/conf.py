"""Configurable defaults (LEGAL_RULES.md §5: ceilings and ratios are local rules — UNCONFIRMED
nationally — so they are settings, shown in the UI as such)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

#: 信用风险分类 (国市监信发〔2022〕6号): the plan's ratio applies to B; A lower, C and D higher.
DEFAULT_GRADE_MULTIPLIERS = {"A": "0.5", "B": "1", "C": "2", "D": "4"}


def grade_multipliers() -> dict[str, Decimal]:
    raw = getattr(settings, "FAZHI_INSPECTION_GRADE_MULTIPLIERS", DEFAULT_GRADE_MULTIPLIERS)
    return {g: Decimal(str(raw.get(g, "1"))) for g in "ABCD"}


def exclusion_window() -> int:
    """Objects inspected for the same matter within this many months are not drawn again."""
    return int(getattr(settings, "FAZHI_INSPECTION_EXCLUSION_MONTHS", 12))


def frequency_limit() -> tuple[int, int]:
    """(N, M): an object inspected more than N times in M months across agencies is flagged."""
    return (
        int(getattr(settings, "FAZHI_INSPECTION_FREQUENCY_MAX", 2)),
        int(getattr(settings, "FAZHI_INSPECTION_FREQUENCY_MONTHS", 12)),
    )


def inspectors_per_entity() -> int:
    return int(getattr(settings, "FAZHI_INSPECTION_INSPECTORS_PER_ENTITY", 2))


def rating_rate_limit() -> tuple[int, int]:
    """(ratings, seconds) allowed per client address."""
    return (
        int(getattr(settings, "FAZHI_INSPECTION_RATING_MAX", 5)),
        int(getattr(settings, "FAZHI_INSPECTION_RATING_SECONDS", 3600)),
    )


def window_start(on: date, n: int) -> date:
    """The same day n calendar months earlier (last day of a shorter month): a look-back window,
    not a statutory period."""
    month = on.month - 1 - n
    year = on.year + month // 12
    month = month % 12 + 1
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return date(year, month, min(on.day, days[month - 1]))
