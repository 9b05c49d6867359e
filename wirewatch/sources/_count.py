"""How many items `iter_items` will yield for a source, when that is cheap to know beforehand.

A progress display shows a total, a percentage and an estimated time only when the size of the
work is known. Counting must cost little next to the analysis it announces: files and folders are
walked and JSON Lines files have their lines counted (each non-blank line is one item or one
failure), but nothing is parsed or fetched. A source whose item count would need reading it
(URLs, stdin, feeds, WARC archives, JSON documents) makes the total unknown: None.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._failure import SourceFailure
from ._items import FEED_EXTENSIONS, HTML_EXTENSIONS, URL_SCHEMES, WARC_EXTENSIONS, _walk
from ._sniff import HEAD_BYTES, sniff

_JSON_LINES = (".jsonl", ".ndjson")
_CHUNK = 1 << 20


def count_items(sources: Sequence[str]) -> int | None:
    """The number of items (articles or failures) `sources` will give, or None when unknown."""
    total = 0
    for source in sources:
        count = _count_source(source)
        if count is None:
            return None
        total += count
    return total


def _count_source(source: str) -> int | None:
    if source == "-" or source.lower().startswith(URL_SCHEMES):
        return None
    path = Path(source)
    if path.is_dir():
        total = 0
        for entry in _walk(path):
            count = 1 if isinstance(entry, SourceFailure) else _count_file(entry)
            if count is None:
                return None
            total += count
        return total
    if path.is_file():
        return _count_file(path)
    return 1  # a missing or odd path is one failure


def _count_file(path: Path) -> int | None:
    name = path.name.lower()
    try:
        if name.endswith(_JSON_LINES):
            return _non_blank_lines(path)
        if name.endswith(WARC_EXTENSIONS + FEED_EXTENSIONS + (".json",)):
            return None
        if name.endswith(HTML_EXTENSIONS + (".txt",)):
            return 1
        with path.open("rb") as stream:
            kind = sniff(stream.read(HEAD_BYTES))
    except OSError:
        return 1  # unreadable: the reader reports it as one failure
    if kind == "jsonl":
        return _non_blank_lines(path)
    return None if kind in ("feed", "jsonfeed", "xml", "json", "warc") else 1


def _non_blank_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for line in stream:
            if line.strip():
                count += 1
    return count
