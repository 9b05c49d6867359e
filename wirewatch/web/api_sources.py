"""The JSON API for the sources: the feeds, sitemaps and pages `wirewatch run` / `serve` poll,
what `wirewatch sources` and the Sources page list. `/api/sources/counts` (api.py) counts articles
per source name.

The same rules as every API write: a JSON body, and the bearer token when one is configured.
URLs pass the SSRF guard before they are stored (the monitor checks again on every fetch).
Unlike the Sources page, the API registers the URL as given: no discovery fetch.
`/api/feeds` is the deprecated old name of `/api/sources`: the same routes, marked deprecated
in the OpenAPI document.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ..errors import FetchError
from ..runtime.feed_lists import import_opml
from ..store import Feed
from .api import ERRORS, LimitParam, OffsetParam, Page, next_url
from .api_alerts import WRITE_ERRORS
from .feed_discovery import clean_url
from .security import require_json_body, require_write_access
from .params import UtcDateTime, RowId

router = APIRouter(prefix="/api", tags=["api"])


class SourceOut(BaseModel):
    id: int
    url: str
    name: str | None
    interval_seconds: int = Field(description="how often it is polled (longer after failures)")
    paused: bool
    added_at: UtcDateTime | None
    next_fetch_at: UtcDateTime | None
    last_fetch_at: UtcDateTime | None
    last_status: str | None = Field(description="ok | error | null (not fetched yet)")
    last_error: str | None = Field(description="why the last fetch failed")
    articles: int = Field(description="articles it brought that were new (not already stored), over its lifetime")
    failures: int = Field(description="consecutive failed fetches")


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(..., min_length=1, max_length=2000, description="an RSS/Atom/JSON feed, or a page to re-read")
    name: str | None = Field(None, max_length=200)
    # The range is the store's rule (check_interval), so the CLI, pages and API say the same thing.
    interval_seconds: int = Field(300, description="seconds between polls, 30 s to 7 days")


class SourcePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paused: bool = Field(..., description="pause (true) or resume (false) polling")


class SourcePage(Page[SourceOut]):
    pass


def source_out(feed: Feed) -> SourceOut:
    return SourceOut(**feed.__dict__)


def list_sources(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """The sources (feeds, sitemaps, pages) polled for new articles, in the order they were added,
    with their last fetch's outcome and how many new articles each brought. Articles per source
    name: /api/sources/counts."""
    everything = request.app.state.web.store.feeds()
    window = everything[offset:offset + limit]
    return SourcePage(items=[source_out(f) for f in window], limit=limit, offset=offset, total=len(everything),
                    next=next_url(request, limit, offset, offset + limit < len(everything)))


def create_source(payload: SourceIn, request: Request, response: Response) -> Any:
    """Monitor a feed or page URL (adding a known URL updates its name and interval and resumes it);
    422 when the URL is refused (not http(s), or a private address without allow_private_urls)."""
    web = request.app.state.web
    try:
        url = clean_url(payload.url, web.settings)
    except FetchError as exc:  # refused by the SSRF guard: the input's fault, not a fetch failure
        raise HTTPException(422, str(exc)) from None
    feed = web.store.add_feed(url, name=(payload.name or "").strip() or None, interval_seconds=payload.interval_seconds)
    response.headers["Location"] = f"/api/sources/{feed.id}"
    return source_out(feed)


class OpmlIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opml: str = Field(..., min_length=1, description="an OPML feed list (outlines with xmlUrl, folders at any depth)")
    interval_seconds: int = Field(300, description="seconds between polls of the new sources, 30 s to 7 days")


class SkippedOut(BaseModel):
    url: str
    reason: str


class OpmlImportOut(BaseModel):
    added: list[SourceOut]
    skipped: list[SkippedOut] = Field(description="feeds not added: already sources, listed twice, or refused")


def import_sources(payload: OpmlIn, request: Request) -> Any:
    """Monitor every feed of an OPML list (`wirewatch sources import`); 422 when it is not OPML."""
    web = request.app.state.web
    report = import_opml(web.store, payload.opml, allow_private=web.settings.allow_private_urls,
                         every=payload.interval_seconds)
    return OpmlImportOut(added=[source_out(f) for f in report.added],
                         skipped=[SkippedOut(url=url, reason=reason) for url, reason in report.skipped])


def _found(request: Request, source_id: int) -> Feed:
    found = request.app.state.web.store.get_feed(source_id)
    if found is None:
        raise HTTPException(404, f"no monitored source {source_id}")
    return found


def get_source(source_id: RowId, request: Request) -> Any:
    """One monitored source with its last fetch's outcome."""
    return source_out(_found(request, source_id))


def update_source(source_id: RowId, payload: SourcePatch, request: Request) -> Any:
    """Pause or resume polling."""
    store = request.app.state.web.store
    _found(request, source_id)
    store.pause_feed(source_id, payload.paused)
    return source_out(_found(request, source_id))


def delete_source(source_id: RowId, request: Request) -> Response:
    """Stop monitoring it (the articles already found stay)."""
    if not request.app.state.web.store.remove_feed(source_id):
        raise HTTPException(404, f"no monitored source {source_id}")
    return Response(status_code=204)


def _routes(prefix: str, deprecated: bool) -> None:
    routes: list[tuple[str, Any, str, dict[str, Any]]] = [
        ("", list_sources, "GET", {"response_model": SourcePage, "responses": ERRORS}),
        ("", create_source, "POST", {"status_code": 201, "response_model": SourceOut, "responses": WRITE_ERRORS,
                                     "dependencies": WRITE}),
        ("/import", import_sources, "POST", {"response_model": OpmlImportOut, "responses": WRITE_ERRORS,
                                             "dependencies": WRITE}),
        ("/{source_id}", get_source, "GET", {"response_model": SourceOut, "responses": ERRORS}),
        ("/{source_id}", update_source, "PATCH", {"response_model": SourceOut, "responses": WRITE_ERRORS,
                                                  "dependencies": WRITE}),
        ("/{source_id}", delete_source, "DELETE", {"status_code": 204, "response_class": Response,
                                                   "responses": WRITE_ERRORS,
                                                   "dependencies": [Depends(require_write_access)]}),
    ]
    for path, endpoint, method, options in routes:
        router.add_api_route(prefix + path, endpoint, methods=[method], deprecated=deprecated or None, **options)


WRITE = [Depends(require_write_access), Depends(require_json_body)]
_routes("/sources", deprecated=False)
_routes("/feeds", deprecated=True)  # the old name, kept for existing clients
