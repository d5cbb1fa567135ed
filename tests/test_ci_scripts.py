"""CI honesty (issue 13 §7): a stage that must run tests fails when none ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run_selecting_nothing(require: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "FAZHI_REQUIRE"))}
    if require:
        env["FAZHI_REQUIRE_TESTS"] = "1"
    return subprocess.run(
        [
            "bash",
            "scripts/pytest.sh",
            "-q",
            "-p",
            "no:xdist",
            "-k",
            "no_such_test_selects_nothing",
            "tests/test_ci_scripts.py",
        ],
        cwd=ROOT,
        env={**env, "BIN": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(("require", "code"), [(False, 0), (True, 1)])
def test_a_stage_that_selects_nothing_passes_only_when_it_may(require, code):
    # when
    result = _run_selecting_nothing(require)
    # then
    assert result.returncode == code, result.stdout + result.stderr
    if require:
        assert "this stage must run tests" in result.stderr


def test_the_browser_stage_requires_tests():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    browser = makefile[makefile.index("\nbrowser:") :].split("\n\n")[0]
    assert "FAZHI_REQUIRE_TESTS=1" in browser
