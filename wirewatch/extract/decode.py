"""Bytes -> text, and is it HTML?

Pages lie about their encoding: a windows-1252 page served as "utf-8", a meta charset that the
HTTP header contradicts, a BOM nobody declared. The order here is the one browsers converge on:
a BOM wins, then a declaration that actually decodes the bytes (HTTP header, then <meta>), then
charset-normalizer's guess. Text is then repaired with ftfy where it shows mojibake.

"Actually decodes" tolerates transfer damage: a page cut inside its last multi-byte character,
or a stray byte or two, is still in its declared encoding. Dropping the declaration for that
would hand the page to a guesser, which can pick a wrong single-byte code page and garble every
non-ASCII character; keeping it costs one replacement character per damaged spot. A declaration
is dropped only when the damage is more than a few bytes and not rare next to the text's own
non-ASCII characters (a windows-1252 page labelled UTF-8 has no valid multi-byte sequences).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import ftfy

from ..errors import InputError

MAX_INPUT_BYTES = 10 * 1024 * 1024  # the default of Settings.max_bytes, which callers pass down

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE
)
_MARKUP = re.compile(
    r"<(!doctype\s+html|html|head|body|article|div|p|meta|title|h[1-6]|span|table|section|br)\b",
    re.IGNORECASE,
)
# UTF-8 read as Latin-1/cp1252: a lead byte (Ã, Â, â, ...) followed by a continuation-range character.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]")
_NON_SPACE = re.compile(r"\S")
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_STRIP_BYTES = _CONTROL_BYTES + b"\x0b\x0c\x7f"  # vertical tab and form feed are not XML either
# Damage a declared encoding survives: this many undecodable spots at any length, or one per this
# many correctly decoded non-ASCII characters beyond that.
_TOLERATED_ERRORS = 2
_NON_ASCII_PER_ERROR = 10
_REPLACEMENT = "\ufffd"
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in 8-bit text; many control bytes mean an image, PDF or archive."""
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))
    return controls > max(8, len(sample) // 50)


def decode_bytes(data: bytes, content_type: str | None = None, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Decode raw bytes to text, trusting a declaration only when it actually decodes the bytes.
    InputError for input over `max_bytes` (the `max_bytes` setting)."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"input starts with a {encoding} byte-order mark but does not decode as {encoding}") from None
    if _looks_binary(data):
        raise InputError("input is binary, not text or HTML")
    # Control bytes are never text (and lxml refuses them later): drop them while the input is
    # bytes, where one C-level pass does it. Safe for every ASCII-compatible encoding, the only
    # kind left once BOM-marked UTF-16/32 is handled above.
    data = data.translate(None, _STRIP_BYTES)
    declared: list[str] = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        declared.append(header.group(1))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "replace"))
    declared.append("utf-8")  # the web's default, and cheap to verify
    for position, name in enumerate(declared):
        codec = _codec(name)
        if codec is None:
            continue
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what browsers actually use for these labels (WHATWG)
        # The web's default (last) was not declared: it forgives damage only when rare next to
        # the text's own multi-byte characters, never a few bytes of a short page on their own.
        text = _decode_declared(data, codec, declared=position < len(declared) - 1)
        if text is not None:
            return text
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("input is not text in any encoding wirewatch recognises")
    return data.decode(best.encoding, errors="replace")


def _decode_declared(data: bytes, codec: str, *, declared: bool) -> str | None:
    """`data` in `codec`, forgiving transfer damage (see the module docstring); None if it is not."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if error.end >= len(data) and error.reason.startswith("unexpected end"):
            # The page was cut inside its last character: drop the fragment.
            try:
                return data[: error.start].decode(codec)
            except UnicodeDecodeError:
                pass
    # Incremental, not final: a character cut off at the end is left out rather than replaced.
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(data, final=False)
    already_there = _REPLACEMENT.encode(codec, errors="ignore")  # U+FFFD the page itself contains
    errors = text.count(_REPLACEMENT) - (data.count(already_there) if already_there else 0)
    if (declared and errors <= _TOLERATED_ERRORS) or errors * _NON_ASCII_PER_ERROR <= len(_NON_ASCII.findall(text)):
        return text
    return None


def check_text(text: str, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Refuse empty, binary-looking or oversized text; return it unchanged otherwise."""
    if len(text) > max_bytes:
        raise InputError(f"input is {len(text):,} characters, over the {max_bytes:,} limit")
    if "\x00" in text[:4096]:
        raise InputError("input is binary, not text or HTML")
    if _NON_SPACE.search(text) is None:
        raise InputError("input is empty")
    return text


def to_text(content: bytes | str, content_type: str | None = None, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The item's content as a str, whatever it arrived as; InputError over `max_bytes`."""
    if isinstance(content, bytes):
        if not content[:65536].strip() and not content.strip():
            raise InputError("input is empty")
        return check_text(decode_bytes(content, content_type, max_bytes=max_bytes), max_bytes=max_bytes)
    return _CONTROL.sub("", check_text(content, max_bytes=max_bytes))


def looks_like_html(text: str, content_type: str | None = None) -> bool:
    """HTML when the content type says so; when it says nothing, when the start looks like markup."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    if kind and kind != "application/octet-stream":
        return False
    head = text[:2048].lstrip()
    starts_with_markup = head.startswith("<") and _MARKUP.search(head) is not None
    return starts_with_markup or len(_MARKUP.findall(text[:8192])) >= 3


def normalise_text(text: str) -> str:
    """Repair mojibake (ftfy, only where it shows: ftfy is the slow part), drop control characters, NFC."""
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, unescape_html=False)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
