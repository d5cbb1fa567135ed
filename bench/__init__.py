"""Ratio benchmarks: `python -m bench [name …]` (or `make bench`, on a throw-away PostgreSQL).

Each `bench/bench_<name>.py` exposes `run() -> list[Result]`. A Result compares our code with a
baseline measured in the same run on the same machine (a bare library loop, a raw SQL query …), so
the ratio means something on any hardware. Ratios are printed, never asserted in tests.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float  # our code, median of several runs
    baseline_seconds: float  # the baseline doing the same work, median of runs alternating with ours
    target_ratio: float  # the ratio we promise to stay under
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds > 0 else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target_ratio


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median_times(fns: list[Callable[[], object]], repeat: int = 5, warmup: int = 1) -> list[float]:
    """The median wall time of each of `fns`, called in turn (ours, baseline, ours, baseline …) so
    that a slow moment of the machine hits both alike; `warmup` untimed rounds first, GC paused."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for i, fn in enumerate(fns):
                times[i].append(_timed(fn))
    finally:
        if gc_was_enabled:
            gc.enable()
    return [statistics.median(t) for t in times]


def best_of(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """The median wall time of `repeat` calls of fn (kept under its old name for the benchmarks
    that time one thing against a fixed budget)."""
    return median_times([fn], repeat, warmup)[0]


def compare(
    name: str,
    ours: Callable[[], object],
    baseline: Callable[[], object],
    target_ratio: float,
    *,
    repeat: int = 5,
    note: str = "",
) -> Result:
    """Time `ours` and `baseline` alternately in the same process; the Result holds the medians."""
    mine, theirs = median_times([ours, baseline], repeat)
    return Result(name=name, seconds=mine, baseline_seconds=theirs, target_ratio=target_ratio, note=note)
