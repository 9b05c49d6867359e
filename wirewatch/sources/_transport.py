"""An httpx transport that connects only to the public addresses it has just checked.

`check_url` resolves a host before a request, but the connection resolves it again: a hostile DNS
server can answer the first lookup with a public address and the second with 127.0.0.1 or
169.254.169.254 (DNS rebinding). Here the lookup that is checked is the one that is connected to.
TLS is unaffected: httpcore still sends the host name for SNI and certificate checks.
"""

from __future__ import annotations

import typing

import httpcore
import httpx

from ._urlguard import public_addresses


class PublicAddressBackend(httpcore.SyncBackend):
    """Resolves each host itself, refuses non-public answers, and connects to a checked address."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in public_addresses(host, port):
            try:
                return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the host's next address, as a resolver would
                failure = exc
        assert failure is not None  # public_addresses never returns an empty list
        raise failure


def guarded_transport(*, allow_private: bool) -> httpx.HTTPTransport:
    """The default transport, or with `allow_private` off, one whose every connection is guarded."""
    transport = httpx.HTTPTransport(trust_env=False)
    if not allow_private:
        # httpx takes no network backend of its own; its pool is swapped for an identical one
        # that has one (tests/sources/test_rebinding.py fails if httpx ever changes this).
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=PublicAddressBackend(),
        )
    return transport
