"""The committed OpenAPI schema is current, and the schema and docs are served without any CDN."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

from django.core.management import call_command
from django.db import connection

import pytest
import yaml

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "openapi.yaml"


def generate_schema() -> str:
    out = io.StringIO()
    call_command("spectacular", "--validate", stdout=out)
    return out.getvalue()


@pytest.mark.django_db  # some views read the database while the schema is built; `make schema` migrates too
def test_committed_schema_is_current() -> None:
    """Like open-zaak and saleor: a changed endpoint must come with its regenerated schema.

    The committed file is generated on the default database (SQLite): integer bounds in the schema
    come from the database backend (PositiveIntegerField is int64 on SQLite, int32 on PostgreSQL)."""
    if connection.vendor != "sqlite":
        pytest.skip("the committed schema is generated on SQLite (`make schema`)")
    generated = generate_schema()
    assert SCHEMA_FILE.exists(), "schema/openapi.yaml is missing: run `make schema` and commit it."
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    if generated != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "schema/openapi.yaml (committed)",
                    "generated now",
                )
            )[:60]
        )
        pytest.fail(f"schema/openapi.yaml is stale: run `make schema` and commit the result.\n{diff}")


@pytest.mark.django_db
def test_schema_is_valid_openapi_3() -> None:
    schema = yaml.safe_load(generate_schema())
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


@pytest.mark.django_db
def test_schema_endpoint_serves_the_schema(client) -> None:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi:" in response.content


@pytest.mark.django_db
def test_docs_are_served_from_our_own_static_files(client) -> None:
    """drf-spectacular-sidecar: the Swagger UI bundle is ours, so the docs work on an offline intranet."""
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/" in html
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com"):
        assert cdn not in html
