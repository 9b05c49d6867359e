"""The record extraction hands to the analysis stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..document import Dateline, Removed


@dataclass
class Extracted:
    """One article as extraction understood it: clean title and body plus what the page said about itself.

    `text` is the clean body: paragraphs separated by a blank line, section headings kept as their own
    paragraphs. `line_keys` fingerprints every body paragraph *before* site-recurring removal, so the
    store can count which lines recur across one site's articles and feed them back as
    `recurring_lines`.
    """

    title: str
    text: str
    site_name: str | None = None
    dateline: Dateline | None = None
    published: datetime | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    line_keys: list[str] = field(default_factory=list)
