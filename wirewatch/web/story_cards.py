"""Story cards: a StorySummary with what its card adds, linked entities and one telling quote.

A page of cards needs the same facts for thirty stories at once, so they are read in a fixed
number of store calls per page, not per card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ids import parse_row_id
from ..store import QuoteRecord, Store, StorySummary

QUOTES_PER_STORY_LOOKUP = 60  # newest articles of a story searched for its newest quote
MIN_CARD_QUOTE_WORDS = 6  # shorter quotes are usually phrases lifted from a sentence
CARD_ENTITIES = 5


@dataclass
class StoryCard:
    """One story as the home page shows it: enough to judge it at a glance."""

    story: StorySummary
    entities: list[dict[str, Any]]  # {"name", "id"}: id None when the registry does not know it
    quote: dict[str, Any] | None  # the newest quote, attributed ones preferred

    @property
    def source_names(self) -> list[str]:
        return [s for s in self.story.data.get("sources") or [] if isinstance(s, str)]

    @property
    def summary(self) -> str | None:
        """The story's first key sentence."""
        return next((s for s in self.story.data.get("summary") or [] if isinstance(s, str) and s.strip()), None)


def story_members(story: StorySummary) -> list[dict[str, Any]]:
    """The story record's article entries that name a stored article (by its store number, `id`),
    in story order."""
    return [a for a in story.data.get("articles") or []
            if isinstance(a, dict) and parse_row_id(str(a.get("id", ""))) is not None]


def article_ids(story: StorySummary, newest: int) -> list[int]:
    """The store ids of the story's `newest` latest articles, in story order."""
    return [int(a["id"]) for a in story_members(story)][-newest:]


def newest_quotes(store: Store, stories: list[StorySummary]) -> dict[str, dict[str, Any]]:
    """The newest quote of each story (an attributed, whole-sentence one when there is any)."""
    owner: dict[int, str] = {}
    for story in stories:
        for doc_id in article_ids(story, QUOTES_PER_STORY_LOOKUP):
            owner[doc_id] = story.id
    found: dict[str, dict[str, Any]] = {}
    for quote in store.quotes_of_documents(list(owner)):  # newest first: a later one replaces only a worse one
        story_id = owner[quote.document_id]
        current = found.get(story_id)
        if current is None or _quote_worth(quote.speaker, quote.text) > _quote_worth(current["speaker"], current["text"]):
            found[story_id] = _card_quote(quote)
    return found


def _card_quote(quote: QuoteRecord) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "entity_id": quote.entity_id, "cue": quote.cue,
            "document_id": quote.document_id}


def _quote_worth(speaker: str | None, text: str) -> int:
    """A card shows a whole attributed sentence before a fragment ("operational phase.")."""
    return (2 if speaker else 0) + (1 if len(text.split()) >= MIN_CARD_QUOTE_WORDS else 0)


def story_cards(store: Store, stories: list[StorySummary]) -> list[StoryCard]:
    names = {story.id: [n for n in (story.data.get("entities") or [])[:CARD_ENTITIES] if isinstance(n, str)]
             for story in stories}
    ids = store.entity_ids([n for found in names.values() for n in found])
    quotes = newest_quotes(store, stories)
    return [
        StoryCard(story=story, entities=[{"name": n, "id": ids.get(n)} for n in names[story.id]],
                  quote=quotes.get(story.id))
        for story in stories
    ]
