"""`python -m bench [name …] [--list] [--strict]` — runs bench/bench_*.py and prints their ratios.

Django is set up with fazhi.settings_test and a fresh test database is created (on PostgreSQL when
DATABASE_URL points there, as `make bench` does) and dropped afterwards, so benchmarks may write.
Each benchmark runs in its own transaction, rolled back afterwards, so one benchmark's fixtures
(a jurisdiction, 150,000 cases) never meet the next one's.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import Result

BENCH_DIR = Path(__file__).resolve().parent


def discover() -> list[str]:
    """Names of the benchmark modules: bench/bench_<name>.py → <name>, sorted."""
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(BENCH_DIR)])
        if m.name.startswith("bench_")
    )


def setup_django() -> object:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


class _Rollback(Exception):
    pass


def _isolated(run: Callable[[], list[Result]]) -> list[Result]:
    """`run()` inside a transaction that is rolled back: the database is empty again after it."""
    from django.db import transaction

    results: list[Result] = []
    try:
        with transaction.atomic():
            results = run()
            raise _Rollback
    except _Rollback:
        pass
    return results


def print_table(rows: list[tuple[str, Result]]) -> None:
    header = f"{'benchmark':<44} {'ours':>10} {'baseline':>10} {'ratio':>7} {'target':>7}  status"
    print(header)
    print("-" * len(header))
    for module, r in rows:
        status = "ok" if r.ok else "SLOWER THAN TARGET"
        print(
            f"{module + '.' + r.name:<44} {r.seconds * 1000:>8.1f}ms {r.baseline_seconds * 1000:>8.1f}ms "
            f"{r.ratio:>7.2f} {r.target_ratio:>7.2f}  {status}"
        )
        if r.note:
            print(f"    {r.note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a ratio exceeds its target")
    parser.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    args = parser.parse_args(argv)

    available = discover()
    if args.list:
        print("\n".join(available) or "(no bench/bench_*.py modules)")
        return 0
    unknown = [n for n in args.names if n not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
        return 2
    names = args.names or available

    connection = setup_django()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    rows: list[tuple[str, Result]] = []
    errors = 0
    try:
        for name in names:
            t0 = time.perf_counter()
            try:
                module = importlib.import_module(f"bench.bench_{name}")
                results = _isolated(module.run)
            except Exception:
                errors += 1
                print(f"bench_{name}: ERROR")
                traceback.print_exc()
                continue
            rows += [(name, r) for r in results]
            print(f"bench_{name}: {len(results)} result(s) in {time.perf_counter() - t0:.1f}s")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    print()
    print_table(rows)
    if args.json:
        data = [
            {
                "benchmark": f"{module}.{r.name}",
                "seconds": r.seconds,
                "baseline_seconds": r.baseline_seconds,
                "ratio": r.ratio,
                "target_ratio": r.target_ratio,
                "ok": r.ok,
                "database": connection.vendor,
            }
            for module, r in rows
        ]
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if errors:
        return 1
    if args.strict and not all(r.ok for _, r in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
