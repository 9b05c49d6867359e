"""DNS rebinding: the address the guard checked must be the address the fetcher connects to.

A hostile resolver is emulated (the `rebinding_dns` fixture of tests/conftest.py) by answering
`getaddrinfo` with a public address first and the loopback server's address afterwards; a real loopback HTTP server stands where an internal
service would be.
"""

from __future__ import annotations

import pytest
from wirewatch.config import Settings
from wirewatch.errors import FetchError
from wirewatch.sources import Fetcher


def test_a_host_that_rebinds_to_loopback_after_the_check_is_never_contacted(http_server, rebinding_dns):
    http_server.route("/admin", "secret")
    settings = Settings(allow_private_urls=False, host_delay=0, timeout=5, respect_robots=False)
    port = http_server.base_url.rsplit(":", 1)[1].strip("/")
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="non-public address"):
            fetcher.fetch(f"http://rebind.example:{port}/admin")
    assert rebinding_dns["count"] >= 2  # the guard looked, then the connection looked again
    assert http_server.requests_for("/admin") == []


def test_private_hosts_still_work_when_allowed(http_server):
    http_server.route("/page", "hello")
    settings = Settings(allow_private_urls=True, host_delay=0, timeout=5, respect_robots=False)
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url("/page")).content == b"hello"
