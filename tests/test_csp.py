"""Content-Security-Policy (issue 16, point 7): every page gets the header; inline scripts carry the
request's nonce; no template marks user data |safe; the API docs need no inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.org.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent / "fazhi"


@pytest.fixture
def user(db):
    return UserFactory(username="csp_user", role="supervisor")


def test_pages_send_a_strict_policy(client, user):
    client.force_login(user)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self'( 'nonce-[^']+')?(;|$)", policy)
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_every_inline_script_in_the_templates_carries_the_nonce():
    offenders = []
    for path in ROOT.rglob("*.html"):
        for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", path.read_text()):
            if 'nonce="{{ request.csp_nonce }}"' not in tag and "json_script" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert offenders == []


def test_no_inline_event_handlers_or_javascript_urls():
    pattern = re.compile(r"\son(click|submit|change|input|load)=|javascript:")
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.html") if pattern.search(p.read_text())]
    assert offenders == []


def test_no_safe_filter_in_templates():
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.html") if "|safe" in p.read_text()]
    assert offenders == []


def test_the_api_docs_load_their_init_script_from_a_url(client, user):
    client.force_login(user)
    html = client.get("/api/v1/docs/").content.decode()
    assert re.findall(r"<script>", html) == []
    assert "?script" in html


def test_an_inline_chart_script_gets_the_nonce_of_the_header(client, user):
    client.force_login(user)
    response = client.get("/reporting/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    html = response.content.decode()
    if "<script nonce=" in html:
        assert nonce is not None
        assert f'<script nonce="{nonce.group(1)}">' in html
