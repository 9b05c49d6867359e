"""What a Python caller may hand to `wirewatch.Store.ingest`, turned into source items.

- a `SourceItem`: as it is;
- a dict: a record like a JSONL line (`text` or `html`, optionally `id`, `url`, `title`,
  `published`, `source`), read by the same code as `wirewatch ingest records.jsonl`;
- a str or bytes: one article's text or HTML (sniffed like stdin; plain text's first line is its
  title);
- a `pathlib.Path` (any os.PathLike): a local source as the CLI reads it: a file, a folder, a feed
  file, JSONL, WARC.

A str is always content, never a path or URL, so a one-line article can never be mistaken for a
file name; URLs and paths given as text go through `Store.ingest_sources`, as on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Union

from ..config import Settings
from ..document import SourceItem
from ..sources import SourceFailure, record_to_item
from ..store import Store
from .runner import read_sources

Ingestible = Union[SourceItem, Mapping[str, Any], str, bytes, "os.PathLike[str]"]
_SINGLE = (SourceItem, Mapping, str, bytes, os.PathLike)


def as_items(values: Ingestible | Iterable[Ingestible], *, settings: Settings,
             store: Store) -> Iterator[SourceItem | SourceFailure]:
    """Source items (and failures, for unreadable records or paths) in the order given.
    TypeError, before anything is read, for a value of a kind listed nowhere above."""
    listed = [values] if isinstance(values, _SINGLE) else list(values)
    for index, value in enumerate(listed):
        if not isinstance(value, _SINGLE):
            raise TypeError(f"cannot ingest a {type(value).__name__} (item {index}): give a SourceItem, a dict "
                            "record, text or HTML as str/bytes, or a pathlib.Path")
    return _items(listed, settings=settings, store=store)


def _items(values: list[Ingestible], *, settings: Settings, store: Store) -> Iterator[SourceItem | SourceFailure]:
    for index, value in enumerate(values):
        origin = f"<input {index}>"
        if isinstance(value, SourceItem):
            yield value
        elif isinstance(value, Mapping):
            yield record_to_item(dict(value), origin)
        elif isinstance(value, (str, bytes)):
            yield SourceItem(content=value, origin=origin)
        else:
            yield from read_sources([os.fspath(value)], settings=settings, store=store)
