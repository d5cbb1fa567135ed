"""Production settings pass Django's deployment checks, and no secret is committed."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="fazhi.settings",
        FAZHI_SECRET_KEY=secrets.token_urlsafe(64),
        FAZHI_ALLOWED_HOSTS="fazhi.example.gov.cn",
        FAZHI_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def test_check_deploy_passes_with_production_environment(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"manage.py check --deploy failed:\n{result.stdout}\n{result.stderr}"


def test_production_settings_are_secure(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.ALLOWED_HOSTS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "['fazhi.example.gov.cn']"]


def test_settings_hold_no_literal_secret_key() -> None:
    for name in ("settings.py", "settings_test.py"):
        source = (REPO / "fazhi" / name).read_text(encoding="utf-8")
        literal = re.search(r"^SECRET_KEY\s*=\s*[rbuf]?['\"]", source, flags=re.MULTILINE)
        assert literal is None, f"fazhi/{name} assigns SECRET_KEY a literal; read FAZHI_SECRET_KEY instead"


def _tracked_files() -> list[str]:
    try:
        result = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [p for p in result.stdout.split("\0") if p]


def test_no_secret_or_local_data_is_committed() -> None:
    tracked = _tracked_files()
    bad = [
        p
        for p in tracked
        if p.startswith(("var/", ".venv/", "test-results/"))
        or Path(p).name in {"secret_key", ".env", "id_rsa", "id_ed25519"}
        or p.endswith((".sqlite3", ".pem", ".key"))
    ]
    assert not bad, f"these files must not be committed: {bad}"
    private_key = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
    leaks = []
    for p in tracked:
        path = REPO / p
        if path.is_file() and path.stat().st_size < 2_000_000:
            text = path.read_bytes().decode("utf-8", errors="ignore")
            if private_key.search(text):
                leaks.append(p)
    assert not leaks, f"private keys committed in: {leaks}"


def test_var_is_gitignored() -> None:
    _tracked_files()
    for p in ("var/secret_key", "var/fazhi.sqlite3", "var/media/x.pdf"):
        result = subprocess.run(["git", "check-ignore", "-q", p], cwd=REPO, timeout=60)
        assert result.returncode == 0, f"{p} is not ignored by .gitignore"
