"""The README tells the truth: every command in its "Command line" section exists, and the
read-only ones run on an empty database with the output the README shows."""

from __future__ import annotations

import contextlib
import re
import shlex
from io import StringIO
from pathlib import Path

from django.core.management import call_command, get_commands

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    commands = []
    for line in section.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("fazhi ") and "|" not in line:
            commands.append(shlex.split(line)[1:])
    return commands


def test_readme_lists_commands() -> None:
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("argv", readme_commands(), ids=lambda argv: " ".join(argv[:2]))
def test_readme_command_exists(argv: list[str]) -> None:
    name = "runserver" if argv[0] == "serve" else argv[0]  # fazhi.cli maps `serve` to runserver
    assert name in get_commands(), f"README documents `fazhi {argv[0]}`, which does not exist"
    # The subcommand (if any) parses: `fazhi <command> [<subcommand>] --help` exits 0.
    words = [w for w in argv[1:2] if re.fullmatch(r"[a-z][a-z-]*", w)]
    out = StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        call_command(name, *words, "--help")
    assert exit_.value.code in (0, None), out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["workdays", "add", "2025-09-30", "5", "--explain"], "2025-10-14"),
        (["workdays", "check", "2026-02-14"], "调休"),
        (["audit", "verify"], ""),
        (["evidence", "verify"], ""),
        (["procedures", "tick", "--on", "2026-02-13"], ""),
        (["indicators", "list"], "."),
    ],
)
def test_readme_commands_run(argv: list[str], expected: str) -> None:
    out = StringIO()
    call_command(*argv, stdout=out, stderr=out)
    assert expected in out.getvalue()
