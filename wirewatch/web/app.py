"""The web app: a thin layer that wires the store, templates, security and routers together.

Pages (pages.py), the JSON API (api.py), Atom feeds (feeds.py), live updates (live.py) and
operations endpoints (operations.py) are separate routers over the same store; this module only
assembles them and turns errors into one consistent shape: a JSON error object for machines, an
HTML page for people, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ConfigError, InputError, QueryError, StoreError, WirewatchError, WorkerError
from ..runtime.runner import Runner
from ..store import Store
from . import (
    api, api_alerts, api_export, api_facts, api_sources, entity_pages, feeds, live, operations, pages, source_pages, story_pages,
    subscription_pages,
)
from .metrics import Metrics, MetricsMiddleware
from .responses import ERROR_CODES, error_response
from .methods import OptionsMiddleware, allowed_methods
from .security import BodySizeLimitMiddleware, HostOriginMiddleware, SecurityHeadersMiddleware, allowed_hosts_for
from .templating import build_templates

log = logging.getLogger("wirewatch.web")

STATIC_DIR = Path(__file__).parent / "static"


@dataclass
class WebState:
    """Everything a request handler may use, on `app.state.web`: no module-level globals."""

    settings: Settings
    store: Store
    templates: Jinja2Templates
    metrics: Metrics
    runner: Runner  # pushed articles: analysed, stored and assigned to a story in one call
    warm_up: bool  # /healthz reports the runner's warm-up (serve), not just the store
    live_poll_seconds: float
    live_max_seconds: float


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    live_poll_seconds: float = 1.0,
    live_max_seconds: float = 300.0,
    bind_host: str = "127.0.0.1",
    warm_up: bool = False,
) -> FastAPI:
    """Build the app over `store` (or the store at `settings.db`, opened here and closed on shutdown).

    `live_poll_seconds` is how often event streams look for new articles; `live_max_seconds`
    bounds one stream's life (the browser's EventSource reconnects by itself, resuming by id).
    `bind_host` is the address the server listens on: the host names it answers to follow from
    it unless `settings.allowed_hosts` names them. `warm_up` (what `serve` does): load the analysis
    models and the story engine in the background at startup; /healthz says `starting` until done.
    """
    owns_store = store is None
    store = store if store is not None else Store.open(settings.db)
    # serve's runner (`warm_up`) analyses pushes in worker processes and sends alerts from a thread.
    runner = Runner(store, settings, service=warm_up)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:  # in a thread: the server answers /healthz ("starting") meanwhile
            runner.warming.start()
            runner.wake_delivery()  # alerts left due by the last run go out now
        yield
        runner.close()  # snapshots the story engine, so the next start replays less
        if owns_store:
            store.close()

    app = FastAPI(
        title="wirewatch",
        summary="News monitoring, analysis and alerting: stories, articles, entities, quotes, search, feeds.",
        version="0.1.0",
        docs_url=None,  # our own /docs page: Swagger UI would need third-party scripts and inline code
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    metrics = Metrics(store)
    app.state.web = WebState(
        settings=settings, store=store, templates=build_templates(), metrics=metrics,
        runner=runner, warm_up=warm_up, live_poll_seconds=live_poll_seconds, live_max_seconds=live_max_seconds,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (pages, story_pages, entity_pages, subscription_pages, source_pages, api, api_facts, api_alerts,
                   api_sources, api_export, feeds, live, operations):
        app.include_router(module.router)
    app.include_router(api_alerts.feeds_router)
    _install_error_handlers(app)
    # Outermost last: metrics see the final status, security headers go on every response.
    app.add_middleware(_UnexpectedErrorMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(OptionsMiddleware, routes=lambda: app.routes)
    app.add_middleware(HostOriginMiddleware, allowed=allowed_hosts_for(bind_host, settings))
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _default_message(exc.status_code)
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # every method the path takes, not just its first route's
            headers["Allow"] = ", ".join(allowed_methods(request.app.routes, request.scope)) or headers.get("Allow", "")
        return error_response(request, exc.status_code, message, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        first = details[0] if details else {"field": "", "message": "invalid request"}
        message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
        return error_response(request, 422, message, details=details)

    @app.exception_handler(WirewatchError)
    async def wirewatch_error(request: Request, exc: WirewatchError) -> Response:
        if isinstance(exc, QueryError):
            return error_response(request, 400, str(exc), code="invalid_query")
        if isinstance(exc, (InputError, ConfigError)):
            return error_response(request, 422 if isinstance(exc, InputError) else 400, str(exc))
        if isinstance(exc, (StoreError, WorkerError)):  # the service's trouble, not the request's
            log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
            return error_response(request, 503, str(exc))
        return error_response(request, 400, str(exc))


class _UnexpectedErrorMiddleware:
    """A bug becomes a logged 500 error object, inside the security and metrics middleware.

    (Starlette's own catch-all sits outside every user middleware, so its 500 pages would carry
    no security headers and escape the metrics.)
    """

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = {"response": False}

        async def tracking_send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started["response"] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started["response"]:
                raise  # too late for an error page: the client sees a cut response
            request = Request(scope)
            response = error_response(request, 500, "internal error: the server log has the details")
            await response(scope, receive, send)


def _default_message(status: int) -> str:
    return {404: "not found", 405: "method not allowed"}.get(status, ERROR_CODES.get(status, "error").replace("_", " "))
