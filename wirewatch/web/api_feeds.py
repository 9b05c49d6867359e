"""The JSON API for the monitored sources (the feeds and pages `wirewatch run` / `serve` poll).

The same rules as every API write: a JSON body, and the bearer token when one is configured.
URLs pass the SSRF guard before they are stored (the monitor checks again on every fetch).
Unlike the Sources page, the API registers the URL as given: no discovery fetch.
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


class FeedOut(BaseModel):
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
    articles: int = Field(description="new articles found over its lifetime")
    failures: int = Field(description="consecutive failed fetches")


class FeedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(..., min_length=1, max_length=2000, description="an RSS/Atom/JSON feed, or a page to re-read")
    name: str | None = Field(None, max_length=200)
    # The range is the store's rule (check_interval), so the CLI, pages and API say the same thing.
    interval_seconds: int = Field(300, description="seconds between polls, 30 s to 7 days")


class FeedPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paused: bool = Field(..., description="pause (true) or resume (false) polling")


class FeedPage(Page[FeedOut]):
    pass


def feed_out(feed: Feed) -> FeedOut:
    return FeedOut(**feed.__dict__)


@router.get("/feeds", response_model=FeedPage, responses=ERRORS)
def list_feeds(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """Monitored sources in the order they were added, with their last fetch's outcome."""
    everything = request.app.state.web.store.feeds()
    window = everything[offset:offset + limit]
    return FeedPage(items=[feed_out(f) for f in window], limit=limit, offset=offset, total=len(everything),
                    next=next_url(request, limit, offset, offset + limit < len(everything)))


@router.post("/feeds", status_code=201, response_model=FeedOut, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write_access), Depends(require_json_body)])
def create_feed(payload: FeedIn, request: Request, response: Response) -> Any:
    """Monitor a feed or page URL (adding a known URL updates its name and interval and resumes it);
    422 when the URL is refused (not http(s), or a private address without allow_private_urls)."""
    web = request.app.state.web
    try:
        url = clean_url(payload.url, web.settings)
    except FetchError as exc:  # refused by the SSRF guard: the input's fault, not a fetch failure
        raise HTTPException(422, str(exc)) from None
    feed = web.store.add_feed(url, name=(payload.name or "").strip() or None, interval_seconds=payload.interval_seconds)
    response.headers["Location"] = f"/api/feeds/{feed.id}"
    return feed_out(feed)


class OpmlIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opml: str = Field(..., min_length=1, description="an OPML feed list (outlines with xmlUrl, folders at any depth)")
    interval_seconds: int = Field(300, description="seconds between polls of the new sources, 30 s to 7 days")


class SkippedOut(BaseModel):
    url: str
    reason: str


class OpmlImportOut(BaseModel):
    added: list[FeedOut]
    skipped: list[SkippedOut] = Field(description="feeds not added: already sources, listed twice, or refused")


@router.post("/feeds/import", response_model=OpmlImportOut, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write_access), Depends(require_json_body)])
def import_feeds(payload: OpmlIn, request: Request) -> Any:
    """Monitor every feed of an OPML list (`wirewatch sources import`); 422 when it is not OPML."""
    web = request.app.state.web
    report = import_opml(web.store, payload.opml, allow_private=web.settings.allow_private_urls,
                         every=payload.interval_seconds)
    return OpmlImportOut(added=[feed_out(f) for f in report.added],
                         skipped=[SkippedOut(url=url, reason=reason) for url, reason in report.skipped])


def _found(request: Request, feed_id: int) -> Feed:
    found = request.app.state.web.store.get_feed(feed_id)
    if found is None:
        raise HTTPException(404, f"no monitored source {feed_id}")
    return found


@router.get("/feeds/{feed_id}", response_model=FeedOut, responses=ERRORS)
def get_feed(feed_id: RowId, request: Request) -> Any:
    return feed_out(_found(request, feed_id))


@router.patch("/feeds/{feed_id}", response_model=FeedOut, responses=WRITE_ERRORS,
              dependencies=[Depends(require_write_access), Depends(require_json_body)])
def update_feed(feed_id: RowId, payload: FeedPatch, request: Request) -> Any:
    """Pause or resume polling."""
    store = request.app.state.web.store
    _found(request, feed_id)
    store.pause_feed(feed_id, payload.paused)
    return feed_out(_found(request, feed_id))


@router.delete("/feeds/{feed_id}", status_code=204, response_class=Response, responses=WRITE_ERRORS,
               dependencies=[Depends(require_write_access)])
def delete_feed(feed_id: RowId, request: Request) -> Response:
    """Stop monitoring it (the articles already found stay)."""
    if not request.app.state.web.store.remove_feed(feed_id):
        raise HTTPException(404, f"no monitored source {feed_id}")
    return Response(status_code=204)
