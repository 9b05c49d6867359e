"""Which methods a path answers to: correct `Allow` headers on 405s and answers to OPTIONS.

Starlette answers a wrong method with the methods of the first route whose path matched, so
`/api/subscriptions/1` said `Allow: GET` although it takes PATCH and DELETE too, and OPTIONS
was a 405 everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from starlette.routing import Match, Mount


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(routes: list, scope: MutableMapping[str, Any]) -> list[str]:
    """Every method some route of `routes` fully matches at this path, plus OPTIONS; [] if none.

    Each method is tried against the routes as routing itself would (FastAPI wraps included
    routers in objects of its own, so reading route attributes would depend on its version).
    """
    methods = [
        method for method in _METHODS
        if any(_takes(route, scope, method) for route in routes)
    ]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(1, "HEAD")  # answered by OptionsMiddleware as a GET without its body
    return [*methods, "OPTIONS"] if methods else []


def _takes(route: Any, scope: MutableMapping[str, Any], method: str) -> bool:
    if isinstance(route, Mount):  # a mount matches every method; ours serve static files
        return method in ("GET", "HEAD") and route.matches({**scope, "method": method})[0] == Match.FULL
    return route.matches({**scope, "method": method})[0] == Match.FULL


class OptionsMiddleware:
    """Answers OPTIONS with 204 and the path's `Allow` (404 for a path nothing serves), and HEAD
    wherever GET is answered (the GET's status and headers, without its body)."""

    def __init__(self, app: Callable, routes: Callable[[], list]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope.get("method") == "HEAD":
            await self._head(scope, receive, send)
            return
        if scope["type"] != "http" or scope.get("method") != "OPTIONS":
            await self.app(scope, receive, send)
            return
        methods = allowed_methods(self.routes(), scope)
        if not methods:
            await self.app(scope, receive, send)  # the app's own 404
            return
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(b"allow", ", ".join(methods).encode())]})
        await send({"type": "http.response.body", "body": b""})

    async def _head(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        routes = self.routes()
        if any(_takes(route, scope, "HEAD") for route in routes) or not any(
                _takes(route, scope, "GET") for route in routes):
            await self.app(scope, receive, send)
            return

        async def without_body(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
