"""A small store for the export tests: articles with awkward text (commas, quotes, newlines,
non-Latin scripts), entities, quotes and stories, written through the data layer (no NLP)."""

from __future__ import annotations

from datetime import datetime, timezone

from wirewatch.document import Document, Entity, Mention, Quote
from wirewatch.store import Store

ARTICLES = 5


def _article(n: int) -> Document:
    speaker = "Keir Starmer" if n % 2 else "Marie-Hélène Dupont, Jr."
    text = (f'{speaker} spoke in Kyiv, "again", about the ceasefire (report {n}).\n\n'
            f'"We will not stop," {speaker.split()[0]} said; 東京 and Zürich were mentioned too.')
    first = Entity("e1", speaker, "PERSON", [Mention(speaker, 0, len(speaker))])
    kyiv_at = text.index("Kyiv")
    kyiv = Entity("e2", "Kyiv", "GPE", [Mention("Kyiv", kyiv_at, kyiv_at + 4)])
    q_start = text.index('"We') + 1
    q_end = text.index(',"', q_start) + 1
    cue_at = text.index(" said;") + 1
    quote = Quote(text[q_start:q_end], speaker, "e1", Mention(speaker.split()[0], cue_at - len(speaker.split()[0]) - 1,
                                                            cue_at - 1), "said", q_start, q_end)
    return Document(
        title=f'Ceasefire talks, day {n}: "progress", says {speaker}', text=text, url=f"https://wire.example/{n}",
        id=f"rec-{n}", source="Wire, Inc." if n % 2 else "Курьер", language="en",
        published=datetime(2025, 3, n, 9, 30, tzinfo=timezone.utc), entities=[first, kyiv], quotes=[quote],
    )


def fill_store(url: str) -> None:
    """ARTICLES articles (published 2025-03-01 .. 05), their entities and quotes, and stories."""
    from wirewatch.runtime.story_stage import StoryStage

    with Store.open(url) as store:
        for n in range(1, ARTICLES + 1):
            assert store.add_document(_article(n)).status == "stored"
        StoryStage(store).run()
