"""RSS, Atom and JSON Feed documents -> one SourceItem per entry.

feedparser parses the bytes we fetched ourselves (it is never given a URL or a path, so it
never fetches anything). When an entry carries only a summary, the linked page is fetched (if
a Fetcher is given and `follow_links`) so extraction sees the whole article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import feedparser

from ..document import SourceItem
from ..errors import FetchError
from ._failure import SourceFailure
from ._sniff import head_text, is_json_feed, sniff

if TYPE_CHECKING:
    from ._fetcher import Fetcher

# Below this much text, an entry's "content" is a teaser, not the article.
FULL_CONTENT_MIN_CHARS = 400

_TAG = re.compile(r"<[^>]*>")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY\s[^>]*>", re.I)
# feedparser itself keeps only entities that stand for one character reference; so do we.
_SAFE_ENTITY = re.compile(rb'<!ENTITY\s+[\w.-]+\s+"&#\w+;"\s*>', re.I)
_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)


@dataclass
class FeedEntry:
    """What one RSS / Atom / JSON Feed entry says, in one shape."""

    id: str | None
    url: str | None
    title: str | None
    published: str | None
    content: str | None  # the full article as the feed carries it (HTML or text)
    content_type: str  # of `content` and `summary`: "text/html" or "text/plain"
    summary: str | None


def feed_items(
    data: bytes,
    origin: str,
    *,
    fetcher: Fetcher | None = None,
    follow_links: bool = True,
    content_type: str | None = None,
    base_url: str | None = None,
) -> Iterator[SourceItem | SourceFailure]:
    """Every entry of the feed in `data`; a SourceFailure if it is not a usable feed.

    `base_url` (where the feed was fetched from) resolves relative entry links.
    """
    text = head_text(data[:4096]) or ""
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        parsed = _parse_json_feed(data, origin)
    else:
        parsed = _parse_xml_feed(data, origin, content_type, base_url)
    if isinstance(parsed, SourceFailure):
        yield parsed
        return
    source, entries = parsed
    follow = fetcher if follow_links else None
    for index, entry in enumerate(entries, 1):
        yield _entry_item(entry, source, entry.url or f"{origin}#{index}", follow)


# -- parsing ------------------------------------------------------------------------------


def _parse_xml_feed(
    data: bytes, origin: str, content_type: str | None, base_url: str | None
) -> tuple[str | None, list[FeedEntry]] | SourceFailure:
    refused = _unsafe_xml_reason(data)
    if refused:
        return SourceFailure(origin, refused)
    headers = {}
    if content_type:
        headers["content-type"] = content_type  # its charset guides feedparser's decoding
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser's loose parser has raised odd errors on odd input
        return SourceFailure(origin, f"unreadable feed: {type(exc).__name__}")
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(problem).split())})" if problem else ""
        return SourceFailure(origin, f"not an RSS or Atom feed{detail}")
    source = parsed.feed.get("title") or None
    return source, [_from_feedparser(entry, base_url) for entry in parsed.entries]


def _unsafe_xml_reason(data: bytes) -> str | None:
    """Refuse DTD entity declarations (billion laughs, external entities) before parsing.

    feedparser strips most of them itself, but a feed has no business declaring entities, and
    refusing them here keeps us safe whatever parser feedparser falls back to.
    """
    root = _ROOT.search(data, 0, 1 << 20)
    prolog = data[: root.start()] if root else data[: 1 << 20]
    mentioned = len(re.findall(rb"<!ENTITY", prolog, re.I))
    if not mentioned:
        return None
    declarations = _ENTITY_DECLARATION.findall(prolog)
    if len(declarations) != mentioned or not all(map(_SAFE_ENTITY.fullmatch, declarations)):
        return "refused XML: the feed declares entities (entity expansion / external entity attack)"
    return None


def _from_feedparser(entry: Any, base_url: str | None) -> FeedEntry:
    content, content_type = _best_content(entry.get("content") or [])
    summary = entry.get("summary") or None
    if content is None:
        detail = entry.get("summary_detail") or {}
        content_type = "text/plain" if detail.get("type") == "text/plain" else "text/html"
    return FeedEntry(
        id=entry.get("id") or None,
        # We resolve links ourselves rather than give feedparser a base URL: it would also
        # "resolve" guids like "story-42" into URLs, and ids must stay as the feed wrote them.
        url=_absolute(entry.get("link"), base_url),
        title=entry.get("title") or None,
        published=entry.get("published") or entry.get("updated") or None,
        content=content,
        content_type=content_type,
        summary=summary,
    )


def _absolute(link: str | None, base_url: str | None) -> str | None:
    if not link:
        return None
    return urljoin(base_url, link) if base_url else link


def _best_content(contents: list[Any]) -> tuple[str | None, str]:
    """The longest content block (a feed may carry several, e.g. text and HTML)."""
    best: tuple[str | None, str] = (None, "text/html")
    for block in contents:
        value = block.get("value") or ""
        if value.strip() and len(value) > len(best[0] or ""):
            kind = "text/plain" if block.get("type") == "text/plain" else "text/html"
            best = (value, kind)
    return best


def _parse_json_feed(data: bytes, origin: str) -> tuple[str | None, list[FeedEntry]] | SourceFailure:
    # feedparser 6.0 does not read JSON Feed; the format is small enough to map directly.
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:
        return SourceFailure(origin, f"invalid JSON: {' '.join(str(exc).split())}")
    if not is_json_feed(value):
        return SourceFailure(origin, "not a JSON Feed (no https://jsonfeed.org/ version)")
    items = value.get("items")
    if not isinstance(items, list):
        return SourceFailure(origin, "JSON Feed has no 'items' list")
    source = _text(value.get("title"))
    return source, [_from_json_feed_item(item) for item in items if isinstance(item, dict)]


def _from_json_feed_item(item: dict[str, Any]) -> FeedEntry:
    html, text = _text(item.get("content_html")), _text(item.get("content_text"))
    return FeedEntry(
        id=_text(item.get("id")),
        url=_text(item.get("url")) or _text(item.get("external_url")),
        title=_text(item.get("title")),
        published=_text(item.get("date_published")) or _text(item.get("date_modified")),
        content=html or text,
        content_type="text/html" if html else "text/plain",
        summary=_text(item.get("summary")),
    )


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


# -- entries -> items ---------------------------------------------------------------------


def _entry_item(
    entry: FeedEntry, source: str | None, origin: str, fetcher: Fetcher | None
) -> SourceItem | SourceFailure:
    inline = entry.content or entry.summary
    base = SourceItem(
        content=inline or "",
        content_type=entry.content_type,
        url=entry.url,
        id=entry.id or entry.url,
        title=entry.title,
        published=entry.published,
        source=source,
        origin=origin,
    )
    if _is_full(entry.content) or fetcher is None or not entry.url:
        return base if inline else SourceFailure(origin, "feed entry has no content")
    page = _fetch_page(entry.url, fetcher)
    if isinstance(page, str):  # why the page could not be used
        return base if inline else SourceFailure(origin, page)
    base.content, base.content_type, base.url = page
    return base


def _is_full(content: str | None) -> bool:
    return bool(content) and len(_TAG.sub(" ", content).strip()) >= FULL_CONTENT_MIN_CHARS


def _fetch_page(url: str, fetcher: Fetcher) -> tuple[bytes, str, str] | str:
    """(html, content_type, final url) of the linked article, or the reason it is unusable."""
    # Not conditional: the feed already told us this entry is new, and a 304 here would leave
    # us with no page at all.
    try:
        result = fetcher.fetch(url, conditional=False)
    except FetchError as exc:
        return str(exc)
    content_type = result.content_type or ""
    if "html" not in content_type.lower():
        if content_type and not content_type.lower().startswith(("text/plain", "application/octet")):
            return f"linked page is not HTML ({content_type.split(';')[0]}): {url}"
        if sniff(result.content) != "html":
            return f"linked page is not HTML: {url}"
    return result.content, result.content_type or "text/html", result.url
