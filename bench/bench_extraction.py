"""Report extraction throughput: the fixture .txt reports, repeated, must go at ≥ 50 reports/s on one core.

Two results:
* against the budget — the baseline is 1/50 s per report, so a ratio ≤ 1.0 means ≥ 50 reports per second;
* against a bare scan of every numeral in the same texts (`re.finditer`), the floor any reader pays.

Standalone: `python bench/bench_extraction.py` (no database needed).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import Result, best_of, compare  # noqa: E402

FIXTURES = ROOT / "fazhi" / "reporting" / "extraction" / "fixtures" / "reports"  # inside the repository
REPEAT = 20  # each fixture text 20 times: 60 reports per timed run
REPORTS_PER_SECOND = 50


def _texts() -> list[str]:
    """The real reports of the repository's fixtures; no made-up stand-in: a bench on synthetic text
    would measure something else, so a missing fixture directory is an error."""
    paths = sorted(FIXTURES.glob("*.txt"))
    if not paths:
        raise SystemExit(f"bench_extraction: no report texts (*.txt) in {FIXTURES}")
    return [p.read_text(encoding="utf-8") for p in paths] * REPEAT


def run() -> list[Result]:
    from fazhi.reporting.extraction import extract_text

    texts = _texts()
    numeral = re.compile(r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+")

    def ours() -> None:
        for text in texts:
            extract_text(text)

    def bare_scan() -> None:
        for text in texts:
            list(numeral.finditer(text))

    seconds = best_of(ours, repeat=3)
    budget = len(texts) / REPORTS_PER_SECOND
    return [
        Result(
            name=f"extract_{len(texts)}_reports_vs_50_per_s",
            seconds=seconds,
            baseline_seconds=budget,
            target_ratio=1.0,
            note=f"{len(texts) / seconds:.0f} reports/s (budget {REPORTS_PER_SECOND}/s)",
        ),
        compare(
            "extract_vs_bare_numeral_scan",
            ours,
            bare_scan,
            target_ratio=100.0,
            repeat=3,
            note="the whole reader against only finding the numerals",
        ),
    ]


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings_test")
    import django

    django.setup()
    t0 = time.perf_counter()
    for r in run():
        print(
            f"{r.name}: {r.seconds * 1000:.1f} ms vs {r.baseline_seconds * 1000:.1f} ms, ratio {r.ratio:.2f} (target ≤ {r.target_ratio}) {r.note}"
        )
    print(f"total {time.perf_counter() - t0:.1f} s")
