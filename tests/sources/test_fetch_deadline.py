"""A fetch has one total deadline, whatever the server's pacing.

An outside probe held a fetch for 300 s with `WIREWATCH_TIMEOUT=20`: a chunked body sent at one
byte a second never tripped httpx's per-read timeout, and the body loop only looked at the clock
after 16 KiB. The servers here trickle their headers or their body over real loopback sockets.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from httpserver import STATUS_AND_HEADERS, TrickleServer

from wirewatch.config import Settings
from wirewatch.errors import FetchError
from wirewatch.sources import Fetcher

@pytest.fixture
def settings() -> Settings:
    return Settings(allow_private_urls=True, host_delay=0, respect_robots=False, timeout=1.0)


def _trickle(before: bytes, trickle: bytes) -> Iterator[TrickleServer]:
    server = TrickleServer(before, trickle, every=0.05)
    yield server
    server.close()


@pytest.fixture
def slow_body() -> Iterator[TrickleServer]:
    # A chunked body of 1-byte chunks, each chunk's bytes sent one at a time: about 10 minutes.
    yield from _trickle(STATUS_AND_HEADERS, b"".join(b"1\r\nx\r\n" for _ in range(2000)))


@pytest.fixture
def slow_headers() -> Iterator[TrickleServer]:
    yield from _trickle(b"", STATUS_AND_HEADERS + b"X-Padding: " + b"a" * 5000 + b"\r\n\r\n")


@pytest.mark.parametrize("server", ["slow_body", "slow_headers"])
def test_a_trickling_server_cannot_hold_a_fetch_past_its_timeout(request, server, settings):
    url = request.getfixturevalue(server).url
    started = time.monotonic()
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(url)
    # The deadline is 1 s; the bound leaves room for a loaded machine, not for a trickle.
    assert time.monotonic() - started < 4.0
