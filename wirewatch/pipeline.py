"""One article through the analysis stages: extract -> language analysis -> Document.

These are plain functions over plain records so the same code runs in-process, in a process pool
or on a Ray worker. Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .config import Settings
from .document import Document, SourceItem
from .extract import Extracted, extract

if TYPE_CHECKING:
    from .nlp.layout import Reading
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
    readings: Mapping[str, Reading] | None = None,
) -> Analysed:
    """Extract and analyse one source item. Raises InputError for unusable input.

    `readings`: NER readings of this item's text made elsewhere (`entity_readings`), used instead
    of running those models; the result is the same."""
    extracted = extract(item, recurring_lines=recurring_lines, max_bytes=settings.max_bytes)
    document = _document(item, extracted)
    if language_analysis and document.text:
        _add_language_facts(document, settings, readings)
    return Analysed(document=document, site=site_key(item), line_keys=extracted.line_keys)


def entity_readings(
    item: SourceItem,
    *,
    settings: Settings,
    recurring_lines: Container[str] = frozenset(),
    share: int = 0,
    shares: int = 1,
) -> dict[str, Reading]:
    """What the statistical NERs of the analysis read in this item's text, for `analyse_item`'s
    `readings`: every `shares`-th model from the `share`-th, so that `shares` processes can read
    an article side by side. Empty where the text gets no language analysis."""
    extracted = extract(item, recurring_lines=recurring_lines, max_bytes=settings.max_bytes)
    document = _document(item, extracted)
    if not document.text or not _gets_language_analysis(document):
        return {}
    from .nlp.analyze import entity_models, entity_reading
    from .nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings.spacy_model)
    return {name: entity_reading(document.text, nlp=nlp, name=name)
            for name in entity_models(nlp)[share::shares]}


def _document(item: SourceItem, extracted: Extracted) -> Document:
    return Document(
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


def _gets_language_analysis(document: Document) -> bool:
    return document.language in (None, "en")


def _add_language_facts(document: Document, settings: Settings,
                        readings: Mapping[str, Reading] | None = None) -> None:
    """Fill entities, quotes and quality with the configured spaCy pipeline (English only)."""
    if not _gets_language_analysis(document):
        return
    from .nlp.analyze import analyze_text
    from .nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings.spacy_model)
    document.entities, document.quotes, document.quality = analyze_text(
        document.text, nlp=nlp, readings=readings, dateline=document.dateline
    )


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
