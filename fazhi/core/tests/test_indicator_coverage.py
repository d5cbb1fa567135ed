"""Every computed indicator is tested: its code, as a quoted string, appears in a test module under
fazhi/<app>/tests (the rule of the indicators issue: a test of each computed figure against a hand
count on fixture data). A new `@indicator("…")` without a test fails here, naming the code."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.core.indicators import registry

FAZHI = Path(__file__).resolve().parents[2]


def _test_sources() -> str:
    files = sorted(p for p in FAZHI.glob("*/tests/**/test_*.py") if p.resolve() != Path(__file__).resolve())
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def untested_codes(codes: list[str], text: str) -> list[str]:
    """The codes of `codes` that `text` never names as a quoted string ("code" or 'code')."""
    return [c for c in codes if not re.search(rf"""(["']){re.escape(c)}\1""", text)]


def test_untested_codes_matches_quoted_codes_only():
    text = 'registry.compute("litigation.closed_rate", scope)\n# litigation.losses in a comment\n'
    assert untested_codes(["litigation.closed_rate", "litigation.closed", "litigation.losses"], text) == [
        "litigation.closed",
        "litigation.losses",
    ]


def test_every_computed_indicator_is_named_in_a_test():
    codes = registry.computed_codes()
    assert codes, "no computed indicator registered: is the registry autodiscovery broken?"
    missing = untested_codes(codes, _test_sources())
    assert not missing, (
        "computed indicators with no test under fazhi/*/tests (add a test against a hand count on "
        "fixture data, e.g. in the app's tests/test_indicators_hand_counts.py): " + ", ".join(missing)
    )
