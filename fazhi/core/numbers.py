"""Official numbers (案号, 文号): one gapless counter per series, scope and year.

    from fazhi.core.numbers import next_number
    n = next_number("disputes.reconsideration", scope=f"jurisdiction:{j.pk}", year=2025)
    number = f"{j.name}复申〔2025〕{n}号"

Call it inside the service's `transaction.atomic`, just before the record is created, and keep a
unique constraint on the number field. The counter row is locked (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite serialises writers, `transaction_mode=IMMEDIATE`) until the caller's transaction
ends: concurrent callers get consecutive numbers, and a caller that rolls back gives its number back
(the next caller gets the same one), so a series has no gaps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from fazhi.core.models import NumberSeries


@transaction.atomic
def next_number(series: str, *, scope: str, year: int, start: Callable[[], int] | None = None) -> int:
    """The next number (1, 2, …) of `series` in `scope` for `year`, reserved until the caller commits.

    `start` gives the highest number already in use when the series row does not exist yet (records
    numbered before this allocator, imported data); it is called once, under the row's lock.
    """
    rows = NumberSeries.objects.select_for_update()
    row = rows.filter(series=series, scope=scope, year=year).first()
    if row is None:
        try:
            # A savepoint: a concurrent creator wins the unique constraint, this one then waits for it.
            with transaction.atomic():
                row = NumberSeries.objects.create(
                    series=series, scope=scope, year=year, last=start() if start else 0
                )
        except IntegrityError:
            row = rows.get(series=series, scope=scope, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def peek_number(series: str, *, scope: str, year: int) -> int:
    """The last number handed out (0 if none), for display and tests — never to number a record."""
    row = NumberSeries.objects.filter(series=series, scope=scope, year=year).only("last").first()
    return row.last if row else 0


def next_free_number(
    series: str,
    *,
    scope: str,
    year: int,
    render: Callable[[int], str],
    taken: QuerySet[Any],
    field: str = "number",
    start: Callable[[], int] | None = None,
) -> str:
    """`render(next_number(...))`, skipping a text already used in `taken` (a number typed in by hand
    or imported before the allocator existed). The caller's unique constraint stays the last word."""
    while True:
        text = render(next_number(series, scope=scope, year=year, start=start))
        if not taken.filter(**{field: text}).exists():
            return text
