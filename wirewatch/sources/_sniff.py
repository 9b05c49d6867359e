"""Guess what a blob of bytes is, for stdin, unknown file extensions and mislabelled responses.

The answer picks a reader, nothing more; readers still validate what they read. It never
raises: any bytes give one of the kinds below.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from typing import Literal

Kind = Literal["empty", "binary", "warc", "feed", "jsonfeed", "json", "jsonl", "html", "sitemap", "xml", "text"]

HEAD_BYTES = 64 * 1024  # enough to see past an XML prolog and a few JSON lines

_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"7z\xbc\xaf", b"Rar!",
    b"\x7fELF", b"OggS", b"fLaC",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that do not appear in text (tab, newlines, form feed, ESC are allowed).
_CONTROL = set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_JSON_FEED_PREFIX = "https://jsonfeed.org/"
_PROLOG = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(\[.*?\])?\s*>)", re.S | re.I)
_FIRST_TAG = re.compile(r"<([a-z][\w.:-]*)", re.I)
_HTML_TAGS = frozenset(
    "html head body div p article section main header footer nav span a h1 h2 h3 h4 h5 h6 "
    "table ul ol li meta title link script style br hr img figure form".split()
)
_HTML_HINT = re.compile(r"<(html|head|body|p|div|article|br|h[1-6])\b[^>]*>", re.I)


def sniff(data: bytes) -> Kind:
    """The kind of `data`: which reader should handle it."""
    head = data[:HEAD_BYTES]
    if data.startswith(b"\x1f\x8b"):
        return _sniff_gzip(_gunzip_head(head, 4096))
    text = head_text(head)
    if text is None:
        return "binary"
    stripped = text.lstrip("\ufeff \t\r\n\f")
    if not stripped:
        return "empty"
    if stripped.startswith("WARC/"):
        return "warc"
    if stripped[0] in "{[":
        return _sniff_json(data, stripped)
    if stripped[0] == "<":
        return _sniff_markup(stripped)
    return "html" if _HTML_HINT.search(stripped[:4096]) else "text"


def head_text(head: bytes) -> str | None:
    """The start of `head` as text, or None when it looks binary."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace")
    if any(head.startswith(magic) for magic in _BINARY_MAGIC) or b"\x00" in head:
        return None
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > max(2, len(head) // 100):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        return decoder.decode(head, final=False)  # a character cut at the end is not an error
    except UnicodeDecodeError:
        # Legacy 8-bit text (windows-1252, koi8-r...): the charset is extraction's job.
        return head.decode("latin-1")


def _sniff_gzip(inner: bytes) -> Kind:
    """Gzip files wirewatch reads: WARC archives and sitemaps (`sitemap.xml.gz` is common)."""
    if inner.startswith(b"WARC/"):
        return "warc"
    text = head_text(inner)
    stripped = text.lstrip("\ufeff \t\r\n\f") if text else ""
    if stripped.startswith("<") and _sniff_markup(stripped) == "sitemap":
        return "sitemap"
    return "binary"


def _gunzip_head(head: bytes, size: int = 16) -> bytes:
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, size)
    except zlib.error:
        return b""


def _sniff_json(data: bytes, stripped: str) -> Kind:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        first_line = stripped.split("\n", 1)[0].strip()
        try:
            return "jsonl" if isinstance(json.loads(first_line), dict) else "text"
        except (ValueError, RecursionError):
            return "text"  # "[Updated] Storm hits ..." is a plain-text article, not bad JSON
    if is_json_feed(value):
        return "jsonfeed"
    if isinstance(value, (dict, list)):
        return "json"
    return "text"


def is_json_feed(value: object) -> bool:
    version = value.get("version") if isinstance(value, dict) else None
    return isinstance(version, str) and version.startswith(_JSON_FEED_PREFIX)


def _sniff_markup(stripped: str) -> Kind:
    window = stripped[:HEAD_BYTES]
    position = 0
    while True:  # skip the XML declaration, comments, processing instructions, DOCTYPE
        match = _PROLOG.match(window, position)
        if not match:
            break
        position = match.end()
    if re.search(r"<!doctype\s+html", window[:position], re.I):
        return "html"
    tag = _FIRST_TAG.match(window, _skip_space(window, position))
    name = tag.group(1).lower() if tag else ""
    if name in ("rss", "feed", "rdf:rdf", "rdf"):
        return "feed"
    if name.rsplit(":", 1)[-1] in ("urlset", "sitemapindex"):
        return "sitemap"
    if name in _HTML_TAGS:
        return "html"
    if re.search(r"<html\b", window[:4096], re.I):
        return "html"
    if name:
        return "xml"
    return "html" if _HTML_HINT.search(window[:4096]) else "text"


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
