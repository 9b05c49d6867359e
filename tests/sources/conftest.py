"""Fixtures for the sources tests: a real loopback HTTP server and test-friendly settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/httpserver.py is shared by several test folders that are not packages.
_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from httpserver import LocalHTTPServer  # noqa: E402
from wirewatch.config import Settings  # noqa: E402


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture
def settings() -> Settings:
    """Loopback allowed, no politeness delay, short timeout: what tests against 127.0.0.1 need."""
    return Settings(allow_private_urls=True, host_delay=0, timeout=5)
