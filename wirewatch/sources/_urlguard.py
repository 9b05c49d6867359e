"""The SSRF guard: a URL wirewatch is about to request must point at the public internet.

User-supplied URLs (sources, and every redirect hop they lead to) could otherwise make the server
read its own admin ports, a cloud metadata service (169.254.169.254) or the office network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ..errors import FetchError

ALLOWED_SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnresolvedHost(FetchError):
    """The host has no address now: nothing to connect to, and nothing non-public either.

    Whoever only records a URL for later (a subscription's channel) may accept it; whoever is about
    to connect may not.
    """


def check_url(url: str, *, allow_private: bool) -> None:
    """Raise FetchError unless `url` is http(s) with a host that resolves only to public addresses.

    With `allow_private` (tests, intranet deployments) only the scheme and host are checked.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"refused URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme + ":" if scheme else "no scheme"
        raise FetchError(f"refused URL {url!r}: only http and https are allowed, not {shown}")
    host = parts.hostname
    if not host:
        raise FetchError(f"refused URL {url!r}: it has no host")
    if allow_private:
        return
    address = _first_non_public(_resolve(url, host, port or (443 if scheme == "https" else 80)))
    if address is not None:
        raise FetchError(
            f"refused URL {url!r}: {host} is a non-public address ({address})"
            " — set allow_private_urls to allow it"
        )


def public_addresses(host: str, port: int) -> list[IPAddress]:
    """The addresses `host` resolves to, all public, else FetchError: what a connection may use."""
    addresses = _resolve(f"{host}:{port}", host, port)
    address = _first_non_public(addresses)
    if address is not None:
        raise FetchError(f"refused to connect to {host}: it resolves to a non-public address ({address})"
                         " — set allow_private_urls to allow it")
    return addresses


def _first_non_public(addresses: list[IPAddress]) -> IPAddress | None:
    return next((address for address in addresses if not is_public_address(address)), None)


def _resolve(url: str, host: str, port: int) -> list[IPAddress]:
    literal = parse_ip(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnresolvedHost(f"cannot resolve host {host!r} of {url!r}: {exc}") from None
    addresses = [parse_ip(str(info[4][0])) for info in infos]
    resolved = [a for a in addresses if a is not None]
    if not resolved:
        raise UnresolvedHost(f"cannot resolve host {host!r} of {url!r}")
    return resolved


def parse_ip(text: str) -> IPAddress | None:
    """An IP address literal, or None; getaddrinfo may append a zone ("fe80::1%eth0")."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


# NAT64's well-known prefix: the last 32 bits are the IPv4 address a gateway connects to.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries and may be routed to (mapped, 6to4, Teredo, NAT64).

    `2002:7f00:1::` is 6to4 for 127.0.0.1: public by its IPv6 range, loopback where it lands.
    """
    found = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in _NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [ip for ip in found if ip is not None]


def is_public_address(address: IPAddress) -> bool:
    """Whether `address` (and every IPv4 address embedded in it) is on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if embedded and not all(is_public_address(ip) for ip in embedded):
            return False
    # `is_global` alone misses multicast ranges that are globally scoped; check both.
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )
