"""WARC archives (plain or gzipped) -> one SourceItem per archived HTML response."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..document import SourceItem
from ._failure import SourceFailure

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What warcio raises on a damaged archive: besides its own error, a header block cut short
# surfaces as the error of whatever it reads next (a None URI's AttributeError, a bad length).
_BROKEN = (ArchiveLoadFailed, ValueError, OSError, EOFError, AttributeError, TypeError, KeyError, IndexError)


def warc_items(
    stream: BinaryIO, origin: str, *, max_bytes: int
) -> Iterator[SourceItem | SourceFailure]:
    """HTML `response` records; other records (requests, images, redirects) are skipped."""
    if not _looks_like_warc(stream):
        yield SourceFailure(origin, "invalid WARC: the file does not start with a WARC record")
        return
    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except _BROKEN as exc:
            # A broken record ends the archive: warcio cannot find the next record boundary.
            yield SourceFailure(origin, f"invalid WARC: {_describe(exc)}")
            return
        if not _has_required_headers(record):
            # warcio reads almost anything as "a record"; a record without these is garbage
            # (usually a truncated archive), and nothing after it can be trusted.
            offset = records.get_record_offset()
            yield SourceFailure(origin, f"invalid WARC: broken record at byte {offset}")
            return
        item = _record_item(record, origin, max_bytes)
        if item is not None:
            yield item


def _describe(exc: BaseException) -> str:
    """One line for the reader; warcio's internal errors say nothing useful to them."""
    if isinstance(exc, (AttributeError, TypeError, KeyError, IndexError)):
        return "the archive ends inside a record header (truncated file?)"
    return " ".join(str(exc).split()) or type(exc).__name__


def _cut_short(record) -> bool:
    """Whether the record's body stopped before its declared Content-Length (a truncated file).

    warcio reads records through a limit reader that counts down what is still owed; after the
    body is read to its end, anything still owed never arrived.
    """
    owed = getattr(record.raw_stream, "limit", 0)
    return isinstance(owed, int) and owed > 0


def _looks_like_warc(stream: BinaryIO) -> bool:
    start = stream.tell()
    head = stream.read(512)
    stream.seek(start)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _has_required_headers(record) -> bool:
    headers = record.rec_headers
    return all(headers.get_header(name) for name in ("WARC-Record-ID", "WARC-Date", "Content-Length"))


def _record_item(record, origin: str, max_bytes: int) -> SourceItem | SourceFailure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    if not (status or "").startswith("2"):
        return None
    content_type = record.http_headers.get_header("Content-Type")
    if not content_type or not content_type.lower().startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}#{url}" if url else origin
    try:
        # content_stream() undoes chunked transfer and gzip/deflate content encoding.
        body = record.content_stream().read(max_bytes + 1)
    except _BROKEN as exc:
        return SourceFailure(where, f"unreadable WARC record: {_describe(exc)}")
    if len(body) > max_bytes:
        return SourceFailure(where, f"record larger than {max_bytes} bytes")
    if _cut_short(record):
        return SourceFailure(where, "the archive ends inside this record (truncated file?)")
    return SourceItem(
        content=body,
        content_type=content_type,
        url=url,
        source=urlsplit(url).hostname if url else None,
        origin=where,
    )
