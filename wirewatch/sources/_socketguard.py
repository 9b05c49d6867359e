"""A connect-time SSRF guard for code that opens its own connections (Apprise's plugins).

wirewatch's own HTTP requests go through `guarded_transport`. Apprise's ~260 notification plugins
open connections themselves (requests, smtplib, raw sockets), and many of them take a host from
the URL (`kodi://`, `signal://`, `gorush://`, `synology://` ...), so checking a list of schemes up
front always misses one. Every connection a process makes raises the `socket.connect` audit
event with the address actually being connected to, after DNS, so the check here sees what
the plugin really reaches, rebinding included.

The audit hook is installed once per process and is inert except inside `connections_guarded()`,
in the thread that entered it (a context variable): other threads, such as the web server's
database connections, are never affected. Apprise must therefore send in the calling thread
(its `async_mode=False`); tests/alerts/test_channel_ssrf.py fails if it stops doing so.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ._urlguard import is_public_address, parse_ip

_guarding: ContextVar[list[str] | None] = ContextVar("wirewatch_connections_guarded", default=None)
_install_lock = threading.Lock()
_installed = False


class ConnectionRefusedByGuard(ConnectionRefusedError):
    """A guarded connection to a non-public address; an OSError, so clients report it as one."""


def _audit(event: str, args: tuple) -> None:
    if event != "socket.connect":
        return
    refusals = _guarding.get()
    if refusals is None:
        return
    sock, address = args
    family = getattr(sock, "family", None)
    if family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) and address:
        ip = parse_ip(str(address[0]))
        if ip is not None and is_public_address(ip):
            return
        reason = f"{address[0]} is a non-public address"
    else:  # Unix sockets, netlink ...: local by definition
        reason = f"a local socket ({address!r})"
    refusals.append(reason)
    raise ConnectionRefusedByGuard(f"refused to connect: {reason} — set allow_private_urls to allow it")


def _install() -> None:
    global _installed  # the hook itself cannot be removed once added: install it once
    with _install_lock:
        if not _installed:
            sys.addaudithook(_audit)
            _installed = True


@contextmanager
def connections_guarded(*, allow_private: bool) -> Iterator[list[str]]:
    """Inside, this thread's connections to non-public addresses fail with an OSError.

    Yields the list of refusals made (reasons, in order) so the caller can say why a send failed.
    With `allow_private` nothing is checked and the list stays empty.
    """
    refusals: list[str] = []
    if allow_private:
        yield refusals
        return
    _install()
    token = _guarding.set(refusals)
    try:
        yield refusals
    finally:
        _guarding.reset(token)
