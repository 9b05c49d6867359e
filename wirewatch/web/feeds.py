"""Atom feeds under /feeds/: a saved search (or the newest articles) for any feed reader.

Written with `wirewatch.atom` (escaped by the serializer, XML-invalid characters dropped), the
same writer as a subscription's feed.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote_plus

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from ..atom import ATOM_TYPE, add, atom_date, new_feed, serialize
from .story_cards import story_members
from .templating import clean_snippet, path_segment, safe_external_url

router = APIRouter(prefix="/feeds", tags=["feeds"])

FEED_SIZE = 50


class _Entry:
    """One feed entry. `key` makes its Atom id, which a reader keeps to recognise entries it has
    shown, so it never changes (the latest and story feeds made it from the store number);
    `article_id`, the article's public id, makes its link to this site's page."""

    def __init__(self, key: str, title: str, url: str | None, source: str | None,
                 updated: datetime | str | None, summary_html: str | None, article_id: str | None = None) -> None:
        self.key, self.title, self.url, self.source = key, title, url, source
        self.updated, self.summary_html = updated, summary_html
        self.article_id = article_id or key


def _feed(request: Request, *, feed_id: str, title: str, self_path: str, html_path: str,
          entries: list[_Entry]) -> Response:
    base = str(request.base_url).rstrip("/")
    feed = new_feed()
    add(feed, "id", base + self_path if feed_id == "" else feed_id)
    add(feed, "title", title)
    add(feed, "link", rel="self", href=base + self_path, type="application/atom+xml")
    add(feed, "link", rel="alternate", href=base + html_path, type="text/html")
    add(feed, "updated", max((atom_date(e.updated) for e in entries), default=atom_date(None)))
    add(feed, "generator", "wirewatch")
    for entry in entries:
        item = add(feed, "entry")
        page = f"{base}/articles/{path_segment(entry.article_id)}"
        add(item, "id", f"{base}/articles/{path_segment(entry.key)}")
        add(item, "title", entry.title or "Untitled")
        add(item, "link", rel="alternate", href=safe_external_url(entry.url) or page)
        add(item, "link", rel="related", href=page, type="text/html")
        add(item, "updated", atom_date(entry.updated))
        author = add(item, "author")
        add(author, "name", entry.source or "unknown source")
        if entry.summary_html:
            add(item, "summary", str(clean_snippet(entry.summary_html)), type="html")
    return Response(serialize(feed), media_type=ATOM_TYPE)


@router.get("/search", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def search_feed(request: Request, q: str = Query(..., min_length=1, max_length=2000)) -> Response:
    """The newest matches of a query (400 with an error object when it does not parse)."""
    hits = request.app.state.web.store.search(q, limit=FEED_SIZE)
    entries = [_Entry(h.id, h.title, h.url, h.source, h.published, h.snippet) for h in hits]
    entries.sort(key=lambda e: atom_date(e.updated), reverse=True)  # a feed reads newest first
    encoded = quote_plus(q)
    return _feed(request, feed_id="", title=f"wirewatch: {q}", self_path=f"/feeds/search?q={encoded}",
                 html_path=f"/search?q={encoded}", entries=entries)


@router.get("/latest", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def latest_feed(request: Request) -> Response:
    """Every newly stored article."""
    rows = request.app.state.web.store.documents(limit=FEED_SIZE)
    entries = [
        _Entry(str(r.id), r.title, r.url, r.source, r.published or r.ingested_at,
               r.quote and f"“{r.quote['text']}” — {r.quote.get('speaker') or 'unattributed'}", r.public_id)
        for r in rows
    ]
    return _feed(request, feed_id="", title="wirewatch: latest articles", self_path="/feeds/latest",
                 html_path="/", entries=entries)


ROLE_WORDS = {"original": "First report", "copy": "Copy of an earlier report", "development": "New development"}


@router.get("/stories/{story_id}.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}, 404: {"description": "no such story (an error object)"}})
def story_feed(story_id: str, request: Request) -> Response:
    """A story's articles, newest first, each saying whether it is a development or a copy."""
    story = request.app.state.web.store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    members = story_members(story)
    names = request.app.state.web.store.public_ids([int(a["id"]) for a in members])
    entries = []
    for article in members:
        role = ROLE_WORDS.get(article.get("role"), str(article.get("role") or ""))
        summary = f"{role}{' from ' + article['source'] if article.get('source') else ''}."
        entries.append(_Entry(str(article["id"]), str(article.get("title") or ""), article.get("url"),
                              article.get("source"), article.get("published") or story.last_seen, summary,
                              names.get(int(article["id"]))))
    entries.sort(key=lambda e: atom_date(e.updated), reverse=True)
    segment = path_segment(story.id)
    return _feed(request, feed_id="", title=f"wirewatch story: {story.title}",
                 self_path=f"/feeds/stories/{segment}.atom", html_path=f"/stories/{segment}",
                 entries=entries[:FEED_SIZE])
