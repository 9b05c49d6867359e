"""One article through the analysis stages: extract -> language analysis -> Document.

These are plain functions over plain records so the same code runs in-process, in a process pool
or on a Ray worker. Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .config import Settings
from .document import Document, SourceItem
from .extract import extract

if TYPE_CHECKING:
    from .stories.prepared import PreparedArticle


@dataclass
class Analysed:
    """A Document plus what the store needs to learn about its site."""

    document: Document
    site: str | None
    line_keys: list[str] = field(default_factory=list)
    # What the story stage works out from the article alone, done where the analysis runs (the
    # runtime's analyse_or_fail adds it): the single writer then only checks it.
    story: PreparedArticle | None = None


def site_key(item: SourceItem) -> str | None:
    """The unit boilerplate is learned per: the URL's host, else the source's name."""
    if item.url:
        host = urlsplit(item.url).hostname
        if host:
            return host.removeprefix("www.")
    return item.source or None


def analyse_item(
    item: SourceItem,
    *,
    settings: Settings,
    recurring_lines: Container[str] = frozenset(),
    language_analysis: bool = True,
) -> Analysed:
    """Extract and analyse one source item. Raises InputError for unusable input."""
    extracted = extract(item, recurring_lines=recurring_lines, max_bytes=settings.max_bytes)
    document = Document(
        title=extracted.title,
        text=extracted.text,
        site_name=extracted.site_name,
        dateline=extracted.dateline,
        published=extracted.published,
        language=extracted.language,
        removed=extracted.removed,
        id=item.id,
        url=item.url or extracted.canonical_url,
        source=item.source or extracted.site_name or site_key(item),
        authors=extracted.authors,
    )
    if language_analysis and document.text:
        _add_language_facts(document, settings)
    return Analysed(document=document, site=site_key(item), line_keys=extracted.line_keys)


def _add_language_facts(document: Document, settings: Settings) -> None:
    """Fill entities, quotes and quality with the configured spaCy pipeline (English only)."""
    if document.language not in (None, "en"):
        return
    from .nlp.analyze import analyze_text
    from .nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings.spacy_model)
    document.entities, document.quotes, document.quality = analyze_text(document.text, nlp=nlp)


def analyze(
    content: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyse one article (HTML or plain text) without touching any store.

    `content_type` None means: sniff (markup is HTML, anything else plain text whose first line
    is the title unless `title` is given). Raises `wirewatch.errors.InputError` for unusable input.
    """
    item = SourceItem(
        content=content, content_type=content_type, url=url, title=title, origin=url or "<input>"
    )
    return analyse_item(item, settings=settings or Settings()).document
