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

    TypeError for a value of a kind listed nowhere above: for a list or tuple before anything is
    read; a generator is streamed (never held in memory whole), so it raises when it gets there."""
    if isinstance(values, _SINGLE):
        values = [values]
    if isinstance(values, (list, tuple)):
        for index, value in enumerate(values):
            _check(value, index)
    return _items(values, settings=settings, store=store)


def _check(value: object, index: int) -> None:
    if not isinstance(value, _SINGLE):
        raise TypeError(f"cannot ingest a {type(value).__name__} (item {index}): give a SourceItem, a dict "
                        "record, text or HTML as str/bytes, or a pathlib.Path")


def _items(values: Iterable[Ingestible], *, settings: Settings, store: Store) -> Iterator[SourceItem | SourceFailure]:
    for index, value in enumerate(values):
        _check(value, index)
        origin = f"<input {index}>"
        if isinstance(value, SourceItem):
            yield value
        elif isinstance(value, Mapping):
            yield record_to_item(dict(value), origin)
        elif isinstance(value, (str, bytes)):
            yield SourceItem(content=value, origin=origin)
        else:
            yield from read_sources([os.fspath(value)], settings=settings, store=store)
