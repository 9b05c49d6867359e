"""Atom feeds under /feeds/: a saved search (or the newest articles) for any feed reader.

Built with ElementTree, so every title and snippet is escaped by the serializer; characters XML
cannot carry at all (control characters from broken pages) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from urllib.parse import quote_plus

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from ..ids import parse_row_id
from .templating import clean_snippet, path_segment, safe_external_url

router = APIRouter(prefix="/feeds", tags=["feeds"])

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ET.register_namespace("", ATOM_NS)


def _clean(value: str | None) -> str:
    return _XML_INVALID.sub("", value or "")


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _iso(value: datetime | str | None) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if value is None:
        return datetime(1970, 1, 1, tzinfo=timezone.utc).isoformat()
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


class _Entry:
    def __init__(self, key: str, title: str, url: str | None, source: str | None,
                 updated: datetime | str | None, summary_html: str | None) -> None:
        self.key, self.title, self.url, self.source = key, title, url, source
        self.updated, self.summary_html = updated, summary_html


def _feed(request: Request, *, feed_id: str, title: str, self_path: str, html_path: str,
          entries: list[_Entry]) -> Response:
    base = str(request.base_url).rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _el(feed, "id", base + self_path if feed_id == "" else feed_id)
    _el(feed, "title", title)
    _el(feed, "link", rel="self", href=base + self_path, type="application/atom+xml")
    _el(feed, "link", rel="alternate", href=base + html_path, type="text/html")
    _el(feed, "updated", max((_iso(e.updated) for e in entries), default=_iso(None)))
    _el(feed, "generator", "wirewatch")
    for entry in entries:
        item = _el(feed, "entry")
        page = f"{base}/articles/{path_segment(entry.key)}"
        _el(item, "id", page)
        _el(item, "title", entry.title or "Untitled")
        _el(item, "link", rel="alternate", href=safe_external_url(entry.url) or page)
        _el(item, "link", rel="related", href=page, type="text/html")
        _el(item, "updated", _iso(entry.updated))
        author = _el(item, "author")
        _el(author, "name", entry.source or "unknown source")
        if entry.summary_html:
            _el(item, "summary", str(clean_snippet(entry.summary_html)), type="html")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=ATOM_TYPE)


@router.get("/search", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def search_feed(request: Request, q: str = Query(..., min_length=1, max_length=2000)) -> Response:
    """The newest matches of a query (400 with an error object when it does not parse)."""
    hits = request.app.state.web.store.search(q, limit=FEED_SIZE)
    entries = [_Entry(h.id, h.title, h.url, h.source, h.published, h.snippet) for h in hits]
    entries.sort(key=lambda e: _iso(e.updated), reverse=True)  # a feed reads newest first
    encoded = quote_plus(q)
    return _feed(request, feed_id="", title=f"wirewatch: {q}", self_path=f"/feeds/search?q={encoded}",
                 html_path=f"/search?q={encoded}", entries=entries)


@router.get("/latest", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def latest_feed(request: Request) -> Response:
    """Every newly stored article."""
    rows = request.app.state.web.store.documents(limit=FEED_SIZE)
    entries = [
        _Entry(str(r.id), r.title, r.url, r.source, r.published or r.ingested_at,
               r.quote and f"“{r.quote['text']}” — {r.quote.get('speaker') or 'unattributed'}")
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
    entries = []
    for article in story.data.get("articles") or []:
        if not isinstance(article, dict) or parse_row_id(str(article.get("id", ""))) is None:
            continue
        role = ROLE_WORDS.get(article.get("role"), str(article.get("role") or ""))
        summary = f"{role}{' from ' + article['source'] if article.get('source') else ''}."
        entries.append(_Entry(str(article["id"]), str(article.get("title") or ""), article.get("url"),
                              article.get("source"), article.get("published") or story.last_seen, summary))
    entries.sort(key=lambda e: _iso(e.updated), reverse=True)
    segment = path_segment(story.id)
    return _feed(request, feed_id="", title=f"wirewatch story: {story.title}",
                 self_path=f"/feeds/stories/{segment}.atom", html_path=f"/stories/{segment}",
                 entries=entries[:FEED_SIZE])
