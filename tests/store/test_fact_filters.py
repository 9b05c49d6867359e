"""entity: and speaker: in the store's search mean what they mean in subscriptions (the in-memory
evaluator), over names with accents, stems and word order, on SQLite and PostgreSQL; the
registry adds the spellings it recorded."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wirewatch.document import Document, Entity, Mention, Quote
from wirewatch.query import evaluate, parse_query
from wirewatch.store import Store

WHEN = datetime(2025, 3, 2, 9, 0, tzinfo=timezone.utc)


def _article(ext_id: str, title: str, people: list[str], speaker: str | None = None) -> Document:
    text = title + ". " + " and ".join(people) + " met."
    found = [Entity(f"e{i}", name, "PERSON", [Mention(name, 0, len(name))]) for i, name in enumerate(people, 1)]
    said = []
    if speaker is not None:
        said = [Quote("We will talk", speaker, f"e{people.index(speaker) + 1}", None, "said", 0, 5)]
    return Document(id=ext_id, title=title, text=text, entities=found, quotes=said, source="Wire",
                    language="en", published=WHEN)


ARTICLES = [
    _article("kyiv", "Talks in Kyiv", ["Volodymyr Zelenskýy", "Keir Starmer"], speaker="Volodymyr Zelenskýy"),
    _article("paris", "Summit in Paris", ["Emmanuel Macron", "Keir Starmers"], speaker="Emmanuel Macron"),
    _article("rome", "Visit to Rome", ["Giorgia Meloni"]),
]


@pytest.fixture
def filled(store_url):
    with Store.open(store_url) as store:
        for doc in ARTICLES:
            store.add_document(doc)
        yield store


@pytest.mark.parametrize("query", [
    "entity:zelenskyy", 'entity:"Zelenskýy"', 'entity:"volodymyr ZELENSKYY"', 'entity:"Zelenskyy Volodymyr"',
    "entity:Starmer", 'entity:"Keir Starmer"', "entity:Starmers", "entity:Keir -entity:Macron",
    'speaker:"Zelenskyy"', "speaker:Macron OR entity:Meloni", "speaker:Starmer", "NOT speaker:Macron",
    "entity:Zel", "type:PERSON", "type:ORG",
])
def test_search_matches_what_the_evaluator_matches(filled, query):
    parsed = parse_query(query)
    expected = {
        doc.id for doc in ARTICLES
        if evaluate(parsed, {"title": doc.title, "text": doc.text, "source": doc.source, "published": doc.published,
                             "entities": [(e.name, e.type) for e in doc.entities],
                             "quotes": [(q.speaker, q.text) for q in doc.quotes]})
    }
    assert {hit.id for hit in filled.search(query)} == expected
    assert filled.count_search(query) == len(expected)


def test_a_spelling_the_registry_recorded_finds_every_article_of_that_person(store_url):
    garbled = _article("garbled", "Stemmer in Berlin", ["Keir Starmer"])
    garbled.entities[0].mentions.append(Mention("Stemmer", 0, 7))  # resolved in the article
    with Store.open(store_url) as store:
        for doc in (garbled, _article("plain", "Starmer at home", ["Keir Starmer"])):
            store.add_document(doc)
        assert {hit.id for hit in store.search("entity:Stemmer")} == {"garbled", "plain"}
