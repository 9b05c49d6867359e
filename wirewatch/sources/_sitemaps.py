"""News sitemaps -> one SourceItem per listed article.

A sitemap is a `<urlset>` of `<url><loc>` entries; a news sitemap adds a `news:news` block per
entry (`news:title`, `news:publication_date`, `news:keywords`, `news:publication/news:name`).
A `<sitemapindex>` lists sitemaps: they are fetched and read in turn, newest (`lastmod`) first,
at most MAX_SITEMAPS of them and MAX_DEPTH levels deep. At most MAX_URLS articles are read per
sitemap given (the newest, when it lists more).

Each listed article is fetched with the polite Fetcher (robots.txt, per-host delay, SSRF guard)
conditionally: a page that answers 304 Not Modified was read before and yields nothing, so a
monitored sitemap costs little to poll again. The news entry's title, date and publication name
become the item's metadata (extraction still reads the page's own).

Parsing is safe on any bytes: defusedxml refuses DTD entity declarations and external
references (no entity expansion), and every failure is a SitemapError with one line.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

from ..document import SourceItem
from ..errors import FetchError, InputError
from ._failure import SourceFailure
from ._xml import parse_untrusted

if TYPE_CHECKING:
    from ._fetcher import Fetcher

MAX_URLS = 1000
MAX_SITEMAPS = 50
MAX_DEPTH = 3  # an index of indexes of sitemaps, no deeper
MAX_GUNZIPPED = 50 * 1024 * 1024  # sitemaps may be served as .xml.gz files (50 MB is the protocol's cap)


class SitemapError(InputError):
    """The bytes are not a readable sitemap (one line saying why)."""


@dataclass
class SitemapEntry:
    url: str
    lastmod: str | None = None
    title: str | None = None  # news:title
    published: str | None = None  # news:publication_date
    keywords: list[str] = field(default_factory=list)  # news:keywords
    publication: str | None = None  # news:publication/news:name


@dataclass
class Sitemap:
    kind: str  # "urlset" (articles) or "sitemapindex" (more sitemaps)
    entries: list[SitemapEntry]


def is_sitemap_root(name: str) -> bool:
    return name.rsplit(":", 1)[-1].lower() in ("urlset", "sitemapindex")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = " ".join("".join(element.itertext()).split())
    return value or None


def parse_sitemap(data: bytes, *, base_url: str | None = None) -> Sitemap:
    """A `<urlset>` or `<sitemapindex>` from bytes (gzip-compressed or not); SitemapError otherwise."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    root = parse_untrusted(data, refused="refused XML: the sitemap declares entities or external references",
                           invalid="not a sitemap", error=SitemapError)
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap: the document is <{kind or '?'}>, not <urlset> or <sitemapindex>")
    item = "url" if kind == "urlset" else "sitemap"
    entries = []
    for element in root:
        if _local(element.tag) != item:
            continue
        loc = _text(_child(element, "loc"))
        if not loc:
            continue
        entry = SitemapEntry(url=urljoin(base_url, loc) if base_url else loc,
                             lastmod=_text(_child(element, "lastmod")))
        news = _child(element, "news")
        if news is not None:
            entry.title = _text(_child(news, "title"))
            entry.published = _text(_child(news, "publication_date"))
            keywords = _text(_child(news, "keywords")) or ""
            entry.keywords = [k.strip() for k in keywords.split(",") if k.strip()]
            publication = _child(news, "publication")
            entry.publication = _text(_child(publication, "name")) if publication is not None else None
        entries.append(entry)
    return Sitemap(kind=kind, entries=entries)


def _gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_GUNZIPPED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"not a sitemap: broken gzip data ({exc})") from None
    if len(out) > MAX_GUNZIPPED:
        raise SitemapError(f"sitemap larger than {MAX_GUNZIPPED} bytes once decompressed")
    return out


def _newest_first(entries: list[SitemapEntry], limit: int) -> list[SitemapEntry]:
    if len(entries) <= limit:
        return entries
    return sorted(entries, key=lambda e: e.published or e.lastmod or "", reverse=True)[:limit]


def sitemap_items(data: bytes, origin: str, *, fetcher: Fetcher | None,
                  base_url: str | None = None) -> Iterator[SourceItem | SourceFailure]:
    """The articles a sitemap (or sitemap index) lists, fetched; a SourceFailure for each that
    cannot be had, and one for the sitemap itself when it is unreadable."""
    budget = [MAX_URLS, MAX_SITEMAPS]
    yield from _read(data, origin, fetcher, base_url, depth=1, budget=budget)


def _read(data: bytes, origin: str, fetcher: Fetcher | None, base_url: str | None, *, depth: int,
          budget: list[int]) -> Iterator[SourceItem | SourceFailure]:
    try:
        sitemap = parse_sitemap(data, base_url=base_url)
    except SitemapError as exc:
        yield SourceFailure(origin, str(exc))
        return
    if fetcher is None:
        yield SourceFailure(origin, "a sitemap lists article URLs: reading it needs network access")
        return
    if sitemap.kind == "sitemapindex":
        if depth >= MAX_DEPTH:
            yield SourceFailure(origin, f"sitemap index nested deeper than {MAX_DEPTH} levels: not followed")
            return
        for entry in _newest_first(sitemap.entries, budget[1]):
            if budget[1] <= 0:
                return
            budget[1] -= 1
            try:
                result = fetcher.fetch(entry.url)
            except FetchError as exc:
                yield SourceFailure(entry.url, str(exc))
                continue
            if not result.not_modified:
                yield from _read(result.content, entry.url, fetcher, result.url, depth=depth + 1, budget=budget)
        return
    for entry in _newest_first(sitemap.entries, budget[0]):
        if budget[0] <= 0:
            return
        budget[0] -= 1
        item = _article(entry, fetcher)
        if item is not None:
            yield item


def _article(entry: SitemapEntry, fetcher: Fetcher) -> SourceItem | SourceFailure | None:
    if urlsplit(entry.url).scheme.lower() not in ("http", "https"):
        return SourceFailure(entry.url, "sitemap entry is not an http(s) URL")
    try:
        result = fetcher.fetch(entry.url)
    except FetchError as exc:
        return SourceFailure(entry.url, str(exc))
    if result.not_modified:  # read before and unchanged
        return None
    return SourceItem(
        content=result.content, content_type=result.content_type or "text/html", url=result.url,
        title=entry.title, published=entry.published or entry.lastmod, source=entry.publication,
        origin=entry.url,
    )
