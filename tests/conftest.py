"""Shared test fixtures: paths to the samples and ../shared, and store URLs for both engines."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from stores import ENGINES, fresh_store_url

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))


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


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path):
    """A fresh, empty store URL on each engine (SQLite file; PostgreSQL schema of its own)."""
    with fresh_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def rebinding_dns(monkeypatch):
    """A hostile resolver for `rebind.example`: a public address for the first lookup (what a
    guard checks), 127.0.0.1 for every later one (what an unguarded connection would use).
    The fixture's dict counts the lookups."""
    real = socket.getaddrinfo
    answers = {"count": 0}

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        answers["count"] += 1
        address = "93.184.216.34" if answers["count"] == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.fixture(scope="session")
def local_ray():
    """Ray in local mode on this machine, started once for the test session; code under test that
    runs in this process (the CLI in-process) joins it instead of starting its own."""
    ray = pytest.importorskip("ray")
    if not ray.is_initialized():
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
