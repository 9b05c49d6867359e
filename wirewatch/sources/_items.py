"""iter_items: any source wirewatch reads (path, folder, URL, stdin) -> SourceItems.

One unreadable item becomes a SourceFailure and the iteration goes on; only a source that is
unusable as a whole (a missing path, a refused or failing URL) raises.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from ..config import Settings
from ..document import SourceItem
from ..errors import InputError
from ._failure import SourceFailure
from ._feeds import feed_items
from ._fetcher import Fetcher
from ._records import items_from_json_lines, items_from_json_value
from ._sitemaps import sitemap_items
from ._sniff import Kind, is_json_feed, sniff
from ._warc import warc_items

Item = SourceItem | SourceFailure

URL_SCHEMES = ("http://", "https://")
FEED_EXTENSIONS = (".rss", ".atom", ".xml", ".rdf")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
WARC_EXTENSIONS = (".warc", ".warc.gz")
_OTHER_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


def iter_items(
    source: str,
    *,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    follow_links: bool = True,
) -> Iterator[Item]:
    """Items from `source`: a file, a folder (recursive), an http(s) URL, or "-" for stdin.

    URLs are fetched conditionally: a source that answers 304 Not Modified yields nothing.
    Without a `fetcher`, a URL source gets a temporary one with default settings; feed files
    then do not follow their links.
    """
    if source == "-":
        reader = _Reader(fetcher, follow_links)
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from reader.blob(stream.read(), "stdin", content_type=None, url=None)
        return
    if source.lower().startswith(URL_SCHEMES):
        if fetcher is None:
            with Fetcher(Settings()) as own:
                yield from _Reader(own, follow_links).url(source)
        else:
            yield from _Reader(fetcher, follow_links).url(source)
        return
    scheme = _OTHER_SCHEME.match(source)
    if scheme and not Path(source).exists():
        raise InputError(f"unsupported URL scheme {scheme.group(1)!r} in {source} (use http or https)")
    path = Path(source)
    reader = _Reader(fetcher, follow_links)
    if path.is_dir():
        yield from reader.folder(path)
    elif path.is_file():
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
        yield from reader.file(path)
    elif path.exists():
        raise InputError(f"not a regular file or folder: {source}")
    else:
        raise InputError(f"no such file or folder: {source}")


class _Reader:
    """The readers for one iter_items call, sharing its fetcher and limits."""

    def __init__(self, fetcher: Fetcher | None, follow_links: bool) -> None:
        self.fetcher = fetcher
        self.follow_links = follow_links
        self.max_bytes = (fetcher.settings if fetcher else Settings()).max_bytes

    # -- URLs ------------------------------------------------------------------------------

    def url(self, url: str) -> Iterator[Item]:
        assert self.fetcher is not None
        result = self.fetcher.fetch(url)  # FetchError here: the source itself is unusable
        if result.not_modified:
            return
        yield from self.blob(result.content, url, content_type=result.content_type, url=result.url)

    # -- files and folders -----------------------------------------------------------------

    def folder(self, root: Path) -> Iterator[Item]:
        for path in _walk(root):
            if isinstance(path, SourceFailure):
                yield path
            else:
                yield from self.file(path)

    def file(self, path: Path) -> Iterator[Item]:
        origin = str(path)
        name = path.name.lower()
        try:
            if name.endswith(WARC_EXTENSIONS):
                with path.open("rb") as stream:
                    yield from warc_items(stream, origin, max_bytes=self.max_bytes)
                return
            if name.endswith((".jsonl", ".ndjson")):
                with path.open("rb") as stream:
                    yield from items_from_json_lines(stream, origin)
                return
            if path.stat().st_size > self.max_bytes:
                yield SourceFailure(origin, f"file larger than {self.max_bytes} bytes")
                return
            data = path.read_bytes()
        except OSError as exc:
            yield SourceFailure(origin, f"cannot read file: {exc.strerror or exc}")
            return
        kind = sniff(data)
        if kind in ("empty", "binary"):
            yield SourceFailure(origin, f"{kind} file")
        elif name.endswith(".json"):
            yield from self._json_file(data, origin)
        elif kind == "sitemap":
            yield from self._sitemap(data, origin, base_url=None)
        elif name.endswith(FEED_EXTENSIONS):
            yield from self._feed(data, origin, content_type=None)
        elif name.endswith(HTML_EXTENSIONS):
            yield self._document(data, "text/html", origin)
        elif name.endswith(".txt"):
            yield self._document(data, "text/plain", origin)
        else:
            yield from self._by_kind(kind, data, origin, content_type=None, url=None, source=None)

    def _json_file(self, data: bytes, origin: str) -> Iterator[Item]:
        try:
            value = json.loads(data)
        except UnicodeDecodeError as exc:
            yield SourceFailure(origin, f"not UTF-8 JSON: {exc.reason}")
            return
        except (ValueError, RecursionError):
            if sniff(data) == "jsonl":  # JSON Lines saved as .json: read it as such
                yield from items_from_json_lines(data.splitlines(), origin)
            else:
                yield SourceFailure(origin, "invalid JSON")
            return
        if is_json_feed(value):
            yield from self._feed(data, origin, content_type="application/feed+json")
        else:
            yield from items_from_json_value(value, origin)

    # -- bytes of unknown kind (stdin, fetched URLs, unknown extensions) -------------------

    def blob(
        self, data: bytes, origin: str, *, content_type: str | None, url: str | None
    ) -> Iterator[Item]:
        source = urlsplit(url).hostname if url else None
        yield from self._by_kind(sniff(data), data, origin, content_type=content_type, url=url,
                                 source=source)

    def _by_kind(
        self,
        kind: Kind,
        data: bytes,
        origin: str,
        *,
        content_type: str | None,
        url: str | None,
        source: str | None,
    ) -> Iterator[Item]:
        if kind in ("empty", "binary"):
            described = f" ({content_type.split(';')[0]})" if content_type else ""
            noun = "response" if url else "input" if origin == "stdin" else "file"
            yield SourceFailure(origin, f"{kind} {noun}{described}")
        elif kind in ("feed", "jsonfeed", "xml"):
            yield from self._feed(data, origin, content_type=content_type, base_url=url)
        elif kind == "sitemap":
            yield from self._sitemap(data, origin, base_url=url)
        elif kind == "json":
            yield from self._json_file(data, origin)
        elif kind == "jsonl":
            yield from items_from_json_lines(data.splitlines(), origin)
        elif kind == "warc":
            yield from warc_items(io.BytesIO(data), origin, max_bytes=self.max_bytes)
        elif kind == "html":
            yield self._document(data, _as_type(content_type, "text/html"), origin, url=url,
                                 source=source)
        else:
            declared = (content_type or "").lower()
            kept = content_type if declared.startswith(("text/html", "application/xhtml")) else None
            yield self._document(data, kept or _as_type(content_type, "text/plain"), origin,
                                 url=url, source=source)

    def _feed(
        self, data: bytes, origin: str, *, content_type: str | None, base_url: str | None = None
    ) -> Iterator[Item]:
        yield from feed_items(
            data, origin, fetcher=self.fetcher, follow_links=self.follow_links,
            content_type=content_type, base_url=base_url,
        )

    def _sitemap(self, data: bytes, origin: str, *, base_url: str | None) -> Iterator[Item]:
        yield from sitemap_items(data, origin, fetcher=self.fetcher if self.follow_links else None,
                                 base_url=base_url)

    @staticmethod
    def _document(
        data: bytes, content_type: str, origin: str, *, url: str | None = None,
        source: str | None = None,
    ) -> SourceItem:
        return SourceItem(content=data, content_type=content_type, url=url, source=source or None,
                          origin=origin)


def _as_type(content_type: str | None, media_type: str) -> str:
    """`media_type`, keeping the charset the server declared (extraction decodes with it)."""
    match = re.search(r";\s*charset=[^;]+", content_type or "", re.I)
    return media_type + (match.group(0) if match else "")


def _walk(root: Path) -> Iterator[Path | SourceFailure]:
    """Files under `root` in name order, depth first; hidden files and folders are skipped.

    Symlinked folders are not entered, so a link back up the tree cannot loop forever.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as exc:
        yield SourceFailure(str(root), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)
