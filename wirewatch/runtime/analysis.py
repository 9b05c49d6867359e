"""The pure steps a pool process runs for one article (module-level functions, so a pool can
pickle them): the whole analysis, and the NER readings a service may take side by side first
(runtime/pushes.py). Nothing here touches the store."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from ..config import Settings
from ..document import SourceItem
from ..nlp.layout import Reading
from ..pipeline import Analysed, analyse_item, entity_readings
from ..stories import StoryConfig
from ..stories.prepared import prepare
from .story_stage import document_input

log = logging.getLogger("wirewatch.runner")


def analyse_article(item: SourceItem, settings: Settings, recurring: frozenset[str],
                    readings: Mapping[str, Reading] | None = None) -> Analysed:
    """The analysis, and what the story stage can work out from the article alone (the single
    writer then only checks it). InputError for unusable input. `readings`: see read_entities."""
    analysed = analyse_item(item, settings=settings, recurring_lines=recurring, readings=readings)
    try:
        analysed.story = prepare(document_input(analysed.document, None), StoryConfig())
    except Exception:  # noqa: BLE001 - the story stage works it out itself (and reports what fails there)
        log.exception("story preparation failed for %s", item.origin)
    return analysed


def read_entities(item: SourceItem, settings: Settings, recurring: frozenset[str], share: int,
                  shares: int) -> dict[str, Reading]:
    """The `share`-th of `shares` parts of the article's NER readings (pipeline.entity_readings),
    for `analyse_article(readings=...)`."""
    return entity_readings(item, settings=settings, recurring_lines=recurring, share=share, shares=shares)
