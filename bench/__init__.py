"""Ratio benchmarks: `python -m bench [name …]` (or `make bench`, on a throw-away PostgreSQL).

Each `bench/bench_<name>.py` exposes `run() -> list[Result]`. A Result compares our code with a
baseline measured in the same run on the same machine (a bare library loop, a raw SQL query …), so
the ratio means something on any hardware. Ratios are printed, never asserted in tests.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float  # our code, best of several runs
    baseline_seconds: float  # the baseline doing the same work, best of several runs
    target_ratio: float  # the ratio we promise to stay under
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds > 0 else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target_ratio


def best_of(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """The fastest wall time of `repeat` calls of fn (after `warmup` untimed calls), GC paused."""
    for _ in range(warmup):
        fn()
    times = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    finally:
        if gc_was_enabled:
            gc.enable()
    return min(times)


def compare(
    name: str,
    ours: Callable[[], object],
    baseline: Callable[[], object],
    target_ratio: float,
    *,
    repeat: int = 5,
    note: str = "",
) -> Result:
    """Time `ours` and `baseline` alternately in the same process and return their Result."""
    return Result(
        name=name,
        seconds=best_of(ours, repeat),
        baseline_seconds=best_of(baseline, repeat),
        target_ratio=target_ratio,
        note=note,
    )
