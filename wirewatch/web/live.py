"""Server-Sent Events: new stories and articles pushed to open pages as they are stored.

The store is the only shared state (another process may be ingesting), so each stream polls it
for what is newer than the last thing sent: article ids for /events/documents, positions in the
story assignment log for /events/stories. That position is the event id, so a reconnecting
browser's Last-Event-ID resumes exactly where it stopped. Each event carries the card already
rendered by the same template as the page (escaped there), so live and reloaded pages look the
same.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from ..ids import MAX_ROW_ID, parse_row_id
from ..store import DocumentSummary, Store
from .story_cards import StoryCard, story_cards

router = APIRouter(prefix="/events", tags=["live"])

HEARTBEAT_SECONDS = 15.0  # a comment line now and then keeps proxies from closing idle streams


def render_card(request: Request, summary: DocumentSummary) -> str:
    templates = request.app.state.web.templates
    module = templates.env.get_template("_card.html").make_module({})
    return str(module.card(summary))


def render_story_card(request: Request, card: StoryCard) -> str:
    templates = request.app.state.web.templates
    module = templates.env.get_template("_story_card.html").make_module({})
    return str(module.story_card(card))


def _resume_point(request: Request, after: int | None) -> int | None:
    resume = request.headers.get("last-event-id", "")
    resumed = parse_row_id(resume)
    return resumed if resumed is not None else after


def _event_stream(request: Request, start: int, poll: Callable[[int], list[tuple[int, str, dict]]]) -> StreamingResponse:
    """Poll the store for what is newer than the last position sent and stream it as SSE.

    `poll(position)` returns (position, event name, payload) for everything after `position`,
    oldest first; the position is the event id a reconnecting browser resumes from."""
    web = request.app.state.web

    async def stream() -> AsyncIterator[str]:
        position = start
        started = last_beat = time.monotonic()
        yield f"retry: 3000\n: connected, after {position}\n\n"
        while time.monotonic() - started < web.live_max_seconds:
            if await request.is_disconnected():
                return
            for event_id, event, payload in await anyio.to_thread.run_sync(poll, position):
                yield f"id: {event_id}\nevent: {event}\ndata: {json.dumps(payload)}\n\n"
                position = max(position, event_id)
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                last_beat = time.monotonic()
                yield ": heartbeat\n\n"
            await anyio.sleep(web.live_poll_seconds)

    return StreamingResponse(
        stream(), media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/documents")
async def document_events(
    request: Request,
    after: int | None = Query(None, ge=0, le=MAX_ROW_ID, description="send articles stored after this id (default: from now on)"),
) -> StreamingResponse:
    """`event: document` with {"id", "title", "html"} for every article stored from now on."""
    web = request.app.state.web
    after = _resume_point(request, after)
    if after is None:
        after = await anyio.to_thread.run_sync(web.store.newest_document_id)

    def poll(position: int) -> list[tuple[int, str, dict]]:
        return [
            (summary.id, "document", {"id": summary.id, "title": summary.title, "html": render_card(request, summary)})
            for summary in web.store.documents_after(position, limit=50)
        ]

    return _event_stream(request, after, poll)


def _changed_story_cards(store: Store, after: int) -> list[tuple[int, StoryCard]]:
    """(log position, card) for stories that gained articles after `after`, oldest change first."""
    changed = store.stories_changed_after(after, limit=30)
    if not changed:
        return []
    cards = {card.story.id: card for card in story_cards(store, store.stories_by_id([i for i, _ in changed]))}
    return [(seq, cards[story_id]) for story_id, seq in changed if story_id in cards]


@router.get("/stories")
async def story_events(
    request: Request,
    after: int | None = Query(None, ge=0, le=MAX_ROW_ID, description="send story changes after this log position (default: from now on)"),
) -> StreamingResponse:
    """`event: story` with {"id", "title", "articles", "html"} whenever a story is new or gains an article."""
    web = request.app.state.web
    after = _resume_point(request, after)
    if after is None:
        after = await anyio.to_thread.run_sync(web.store.story_log_position)

    def poll(position: int) -> list[tuple[int, str, dict]]:
        return [
            (seq, "story", {"id": card.story.id, "title": card.story.title, "articles": card.story.articles,
                            "html": render_story_card(request, card)})
            for seq, card in _changed_story_cards(web.store, position)
        ]

    return _event_stream(request, after, poll)
