"""Shared test fixtures: paths to the samples and ../shared, and store URLs for both engines."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
POSTGRES_URL = os.environ.get("WIREWATCH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set WIREWATCH_SHARED)")
    return SHARED


@pytest.fixture(autouse=True)
def _test_environment(monkeypatch):
    """Tests talk to servers on loopback and must not wait out politeness delays."""
    monkeypatch.setenv("WIREWATCH_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("WIREWATCH_HOST_DELAY", "0")
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    monkeypatch.delenv("WIREWATCH_API_TOKEN", raising=False)


def _postgres_database_url() -> tuple[str, str]:
    """Create a throwaway database on the test server; skip when no server answers."""
    import psycopg

    base = POSTGRES_URL
    name = f"wirewatch_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {base} does not answer: {str(exc).splitlines()[0]}")
    return base.rsplit("/", 1)[0] + "/" + name, name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty store URL on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'wirewatch.db'}"
        return
    import psycopg

    url, name = _postgres_database_url()
    yield url
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
