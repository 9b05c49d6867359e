"""What keeps the web app safe to point at untrusted news: headers, CSRF, write tokens, binding,
and the Host and Origin checks that stop a DNS-rebinding page from driving a local instance.

Article text is attacker-controlled input, so defence is layered: templates escape everything,
and the Content-Security-Policy below forbids inline scripts and styles, so even a missed escape
cannot run code. Forms use double-submit CSRF tokens (a SameSite=Strict cookie echoed in a hidden
field); the JSON API is protected by requiring `application/json` bodies (which a cross-site form
cannot send) and, when `Settings.api_token` is set, a bearer token on every write.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from fastapi import HTTPException, Request

from ..config import Settings
from ..errors import ConfigError
from .responses import error_response

# 'self' only: our own static JS/CSS; SVG charts are inline markup styled by that CSS (SVG
# presentation attributes are not styles, so no 'unsafe-inline' is needed).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

CSRF_COOKIE = "wirewatch_csrf"
CSRF_FIELD = "csrf_token"

ASGIApp = Callable[[MutableMapping[str, Any], Callable, Callable], Awaitable[None]]


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response, streaming ones (SSE) included.

    Plain ASGI rather than BaseHTTPMiddleware, so long-lived event streams pass straight through.
    It also gives each browser a CSRF token: taken from the cookie when it has a valid one,
    otherwise minted here, put on `request.state.csrf_token` for templates and set as a cookie.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = _cookie_from_scope(scope, CSRF_COOKIE)
        token = existing if existing and _looks_like_token(existing) else None
        new_token = token is None
        if new_token:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                if new_token:
                    headers.append((b"set-cookie", csrf_cookie_header(token).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_cookie_header(token: str) -> str:
    # SameSite=Strict: other sites' pages cannot make the browser send it at all; HttpOnly:
    # scripts never need it (the token reaches forms through the server-rendered hidden field).
    return f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"


def _looks_like_token(value: str) -> bool:
    return 20 <= len(value) <= 100 and all(ch.isalnum() or ch in "-_" for ch in value)


def _cookie_from_scope(scope: MutableMapping[str, Any], name: str) -> str | None:
    for header, value in scope.get("headers", []):
        if header == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is the client's problem: ignore it
                continue
            if name in cookie:
                return cookie[name].value
    return None


def verify_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a form POST whose token does not match the browser's cookie (403)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie.encode(), submitted.encode()):
        raise HTTPException(status_code=403, detail="the form's security token is missing or stale: reload the page and try again")


def token_matches(settings: Settings, offered: str | None) -> bool:
    """True when no token is configured, or `offered` is exactly it (constant-time)."""
    if not settings.api_token:
        return True
    return offered is not None and hmac.compare_digest(offered.encode(), settings.api_token.encode())


def bearer_token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return None
    return credentials.strip()


def require_write_access(request: Request) -> None:
    """FastAPI dependency for API writes: a bearer token when `Settings.api_token` is set."""
    settings: Settings = request.app.state.web.settings
    if not token_matches(settings, bearer_token(request)):
        raise HTTPException(
            status_code=401,
            detail="this server needs 'Authorization: Bearer <token>' for writes (WIREWATCH_API_TOKEN)",
            headers={"WWW-Authenticate": 'Bearer realm="wirewatch"'},
        )


def require_json_body(request: Request) -> None:
    """FastAPI dependency: cross-site HTML forms cannot send application/json, so this blocks CSRF."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise HTTPException(status_code=415, detail="send the request body as application/json")


def is_loopback_host(host: str) -> bool:
    """True for addresses only this machine can reach: localhost, 127.0.0.0/8, ::1."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # any other name may resolve to a public address


def check_bind_address(host: str, settings: Settings) -> None:
    """Refuse to expose an unauthenticated write API beyond this machine (ConfigError)."""
    if not is_loopback_host(host) and not settings.api_token:
        raise ConfigError(
            f"refusing to serve on non-loopback address {host!r} without an API token: "
            "set WIREWATCH_API_TOKEN (or api_token in the config file), or bind to 127.0.0.1"
        )


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts_for(bind_host: str, settings: Settings) -> frozenset[str] | None:
    """The host names the app answers to, or None for any.

    Configured names win. Otherwise a loopback bind answers only to loopback names (a rebinding
    attacker's name resolves to 127.0.0.1 but arrives as `Host: attacker.example`); a bind to
    one other address answers to that address; a wildcard bind (0.0.0.0, ::) needs an API token
    anyway (`check_bind_address`) and answers to any name.
    """
    if settings.allowed_hosts:
        names = {_host_name(part) for part in settings.allowed_hosts.split(",") if part.strip()}
        return None if "*" in names else frozenset(names)
    name = _host_name(bind_host)
    if is_loopback_host(name):
        return frozenset({*LOOPBACK_NAMES, name})
    if name in ("0.0.0.0", "::", ""):
        return None
    return frozenset({name})


def _host_name(value: str) -> str:
    """'Example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    text = value.strip().lower().rstrip(".")
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    if text.count(":") == 1:
        text = text.split(":", 1)[0]
    return text.rstrip(".")


class HostOriginMiddleware:
    """Refuses requests for foreign host names (421) and cross-origin writes (403).

    DNS rebinding points a name the attacker owns at 127.0.0.1: the browser then treats the local
    app as the attacker's site, so its requests carry `Host: attacker.example`, and writes from a
    foreign page carry that page's `Origin`. Loopback binds answer only to loopback names, and a
    write's Origin, when a browser sends one, must be the app's own.
    """

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, app: ASGIApp, allowed: frozenset[str] | None) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name: value.decode("latin-1") for name, value in scope.get("headers", [])}
        host = _host_name(headers.get(b"host", ""))
        if self.allowed is not None and host not in self.allowed:
            await self._refuse(scope, receive, send, 421, f"this server does not answer to the host name {host!r}")
            return
        origin = headers.get(b"origin")
        if scope.get("method") not in self.SAFE_METHODS and origin is not None and not self._same_origin(origin, headers):
            await self._refuse(scope, receive, send, 403, "cross-origin writes are refused")
            return
        await self.app(scope, receive, send)

    def _same_origin(self, origin: str, headers: dict[bytes, str]) -> bool:
        if origin == "null":
            # Under `Referrer-Policy: no-referrer` browsers send "null" for the app's own form
            # posts too, so it decides nothing here: forms carry a CSRF token, and API writes
            # need a JSON body no cross-site form can send (and, when set, the token).
            return True
        parts = origin.split("://", 1)
        if len(parts) != 2:
            return False
        return parts[1].strip().lower().rstrip("/") == headers.get(b"host", "").strip().lower()

    @staticmethod
    async def _refuse(scope: MutableMapping[str, Any], receive: Callable, send: Callable, status: int,
                      message: str) -> None:
        from starlette.requests import Request as StarletteRequest

        await error_response(StarletteRequest(scope), status, message)(scope, receive, send)


class BodySizeLimitMiddleware:
    """Answers 413 to request bodies over `max_bytes`, before they reach the app.

    A declared Content-Length is refused at once; a chunked body is read here, counting, and
    refused as soon as it passes the limit (an app reading it itself would report the error as
    a malformed body, a 400). What passes is replayed to the app; bodies are small JSON and forms.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"").strip()
        if declared.isdigit() and declared.isascii() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: nothing to answer
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> MutableMapping[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: disconnect notices, as the app expects

        await self.app(scope, replay, send)

    async def _refuse(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        from starlette.requests import Request as StarletteRequest

        response = error_response(StarletteRequest(scope), 413,
                                  f"the request body is larger than the limit of {self.max_bytes} bytes")
        await response(scope, receive, send)
