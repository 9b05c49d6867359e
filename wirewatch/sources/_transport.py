"""httpx transports that connect only to checked public addresses and keep a total deadline.

`check_url` resolves a host before a request, but the connection resolves it again: a hostile DNS
server can answer the first lookup with a public address and the second with 127.0.0.1 or
169.254.169.254 (DNS rebinding). Here the lookup that is checked is the one that is connected to.
TLS is unaffected: httpcore still sends the host name for SNI and certificate checks.

httpx's timeouts bound each network operation, not a whole response: a server that sends one
byte every few seconds, in its headers or its body, never trips them. Inside `fetch_deadline()`
every connect, read and write of this thread is bounded by what is left until the deadline.
"""

from __future__ import annotations

import functools
import ssl
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

from ._urlguard import public_addresses


_deadline: ContextVar[float | None] = ContextVar("wirewatch_fetch_deadline", default=None)


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[float]:
    """Network operations of this thread inside end by `seconds` from now (a monotonic time)."""
    deadline = time.monotonic() + seconds
    token = _deadline.set(deadline)
    try:
        yield deadline
    finally:
        _deadline.reset(token)


def _bounded(timeout: float | None, exc: type[Exception]) -> float | None:
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise exc("the fetch's total deadline has passed")
    return remaining if timeout is None else min(timeout, remaining)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation is bounded by the thread's fetch deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(stream)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.SyncBackend):
    """The plain backend, its streams bounded by the fetch deadline."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        timeout = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(super().connect_tcp(host, port, timeout, local_address, socket_options))


class PublicAddressBackend(DeadlineBackend):
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


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context per process, shared by every transport and never changed.

    Building one loads the whole CA bundle (tens of milliseconds of CPU): built per transport,
    it was two thirds of the time of a push to `serve` that sent a dozen webhooks.
    """
    return httpx.create_ssl_context(trust_env=False)


def guarded_transport(*, allow_private: bool) -> httpx.HTTPTransport:
    """A transport that keeps fetch deadlines and, with `allow_private` off, guards every connection."""
    context = _ssl_context()
    transport = httpx.HTTPTransport(verify=context, trust_env=False)
    # httpx takes no network backend of its own; its pool is swapped for an identical one that
    # has one (tests/sources/test_rebinding.py and test_fetcher.py fail if httpx ever changes this).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=context,
        network_backend=DeadlineBackend() if allow_private else PublicAddressBackend(),
    )
    return transport
