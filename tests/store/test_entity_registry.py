"""The cross-document entity registry and quotes, on both engines."""

from __future__ import annotations

from datetime import datetime, timezone

from wirewatch.document import Document, Entity, Mention, Quote


def person(local_id: str, name: str, *spellings: str) -> Entity:
    texts = spellings or (name,)
    return Entity(id=local_id, name=name, type="PERSON", mentions=[Mention(t, 0, len(t)) for t in texts])


def article(n: int, *entities: Entity, quotes: list[Quote] | None = None, day: int = 1) -> Document:
    return Document(
        title=f"Article {n}", text=f"Body of article number {n} " * 3, id=f"a{n}",
        published=datetime(2025, 3, day, tzinfo=timezone.utc), entities=list(entities), quotes=quotes or [],
    )


def quote(text: str, speaker: str, entity_id: str) -> Quote:
    return Quote(text=text, speaker=speaker, speaker_entity=entity_id,
                 speaker_mention=Mention(speaker, 0, len(speaker)), cue="said", start=0, end=len(text))


def names(store) -> list[str]:
    return sorted(e.name for e in store.entities(limit=100))


def test_same_name_in_two_articles_is_one_entity(store):
    store.add_document(article(1, person("e1", "Keir Starmer")))
    store.add_document(article(2, person("e1", "Keir Starmer")))
    [entity] = store.entities()
    assert (entity.name, entity.documents) == ("Keir Starmer", 2)


def test_a_lone_surname_joins_the_full_name_seen_before(store):
    store.add_document(article(1, person("e1", "Keir Starmer")))
    store.add_document(article(2, person("e1", "Starmer")))
    assert names(store) == ["Keir Starmer"]
    assert store.entity("Starmer").entity.documents == 2


def test_a_full_name_takes_over_an_entity_known_by_its_surname(store):
    store.add_document(article(1, person("e1", "Starmer")))
    store.add_document(article(2, person("e1", "Keir Starmer")))
    assert names(store) == ["Keir Starmer"]


def test_people_sharing_a_surname_are_never_merged(store):
    store.add_document(article(1, person("e1", "Joe Biden")))
    store.add_document(article(2, person("e1", "Hunter Biden")))
    store.add_document(article(3, person("e1", "Biden")))
    assert names(store) == ["Biden", "Hunter Biden", "Joe Biden"]


def test_a_garbled_spelling_resolved_in_one_article_is_known_in_the_next(store):
    store.add_document(article(1, person("e1", "Keir Starmer", "Keir Starmer", "Stemmer")))
    store.add_document(article(2, person("e1", "Stemmer")))
    detail = store.entity("Keir Starmer")
    assert detail.entity.documents == 2
    assert {"Keir Starmer", "Stemmer"} <= {alias for alias, _ in detail.aliases}


def test_within_one_article_a_spelling_recorded_for_one_entity_resolves_a_later_one(store):
    # The article's facts are written in a few statements; a later entity's lookup still sees the
    # spellings the earlier ones recorded (in any case), and the counts add up as one entity's:
    # one document (PostgreSQL used to count the article once per in-document entity).
    store.add_document(article(1, person("e1", "Keir Starmer", "Keir Starmer", "Stemmer"),
                               person("e2", "STEMMER"), person("e3", "Olaf Scholz")))
    assert names(store) == ["Keir Starmer", "Olaf Scholz"]
    detail = store.entity("Keir Starmer")
    assert (detail.entity.documents, detail.entity.mentions) == (1, 3)
    assert dict(detail.aliases) == {"Keir Starmer": 1, "Stemmer": 1, "STEMMER": 1}


def test_a_surname_whose_entry_the_same_article_renamed_is_found_by_its_spelling(store):
    # "Starmer" is renamed "Keir Starmer" by the article's first entity; a later lone "Starmer"
    # (a spelling the entry holds) resolves to that entity by its spelling, though by then a second
    # full name ("Joe Starmer") makes the surname ambiguous.
    store.add_document(article(1, person("e1", "Starmer", "Starmer")))
    store.add_document(article(2, person("e1", "Keir Starmer"), person("e2", "Joe Starmer"), person("e3", "Starmer")))
    assert names(store) == ["Joe Starmer", "Keir Starmer"]
    assert store.entity("Keir Starmer").entity.documents == 2


def test_entity_lookup_by_any_spelling(store):
    store.add_document(article(1, person("e1", "Vladimir Putin", "Vladimir Putin", "Prin", "Putin's")))
    assert store.entity("prin").entity.name == "Vladimir Putin"
    assert store.entity("Putin").entity.name == "Vladimir Putin"  # possessive stripped, surname kept
    assert store.entity("Nobody Atall") is None


def test_quotes_by_speaker_whatever_the_spelling(store):
    doc = article(1, person("e1", "Keir Starmer", "Keir Starmer", "Stemmer"),
                  quotes=[quote("Sooner or later, Putin will have to come to the table", "Keir Starmer", "e1")])
    store.add_document(doc)
    for spelling in ("Keir Starmer", "Stemmer", "starmer"):
        [found] = store.quotes(speaker=spelling)
        assert found.text.startswith("Sooner or later") and found.document_title == "Article 1"


def test_entity_detail_has_timeline_and_co_mentions(store):
    nato = Entity(id="e2", name="NATO", type="ORG", mentions=[Mention("NATO", 0, 4)])
    store.add_document(article(1, person("e1", "Keir Starmer"), nato, day=1))
    store.add_document(article(2, person("e1", "Keir Starmer"), nato, day=2))
    store.add_document(article(3, person("e1", "Keir Starmer"), day=2))
    detail = store.entity("NATO")
    assert detail.timeline == [("2025-03-01", 1), ("2025-03-02", 1)]
    [(related, shared)] = detail.related
    assert (related.name, shared) == ("Keir Starmer", 2)
    assert store.entity("Keir Starmer").to_dict()["documents"]  # JSON-ready


def test_duplicate_article_does_not_count_its_entities_twice(store):
    store.add_document(article(1, person("e1", "Keir Starmer")))
    store.add_document(article(1, person("e1", "Keir Starmer")))
    assert store.entities()[0].documents == 1


def test_entities_filter_by_type(store):
    nato = Entity(id="e2", name="NATO", type="ORG", mentions=[Mention("NATO", 0, 4)])
    store.add_document(article(1, person("e1", "Keir Starmer"), nato))
    assert [e.name for e in store.entities(type="ORG")] == ["NATO"]
