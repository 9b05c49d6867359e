"""What keeps the web app safe to point at untrusted news: headers, CSRF, write tokens, binding.

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


class _BodyTooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    """Answers 413 to request bodies over `max_bytes`, before they are read into memory.

    A declared Content-Length is refused at once; a chunked body is counted as it streams in.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        from starlette.requests import Request as StarletteRequest

        response = error_response(StarletteRequest(scope), 413,
                                  f"the request body is larger than the limit of {self.max_bytes} bytes")
        await response(scope, receive, send)
