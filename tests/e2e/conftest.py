"""Browser tests: a live Django server (pytest-django `live_server`) and Playwright's `page`; the
Chromium launch settings are in the repository's root conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
