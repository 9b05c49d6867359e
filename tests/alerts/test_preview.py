"""`subscribe --preview`: the stored articles a query would have matched, with reasons."""

from __future__ import annotations

import pytest

from wirewatch.alerts import preview
from wirewatch.document import Document, Entity, Quote
from wirewatch.errors import QueryError


def _store_articles(store):
    starmer = Document(
        title="Stemmer backs ceasefire", text="The prime minister spoke.", url="https://news.example/1",
        source="AP", entities=[Entity(id="e1", name="Keir Starmer", type="PERSON")],
        quotes=[Quote(text="We back a ceasefire", speaker="Keir Starmer", speaker_entity="e1",
                      speaker_mention=None, cue="said", start=0, end=5)],
    )
    other = Document(title="Football results", text="A quiet weekend.", url="https://news.example/2")
    return [store.add_document(doc).id for doc in (starmer, other)]


def test_preview_lists_stored_articles_the_query_matches(alert_store):
    first, _ = _store_articles(alert_store.store)
    [hit] = preview(alert_store.store, 'entity:"Keir Starmer"')
    assert (hit.article_id, hit.title, hit.source) == (first, "Stemmer backs ceasefire", "AP")
    assert hit.reason.entities == ["Keir Starmer"]
    assert hit.reason.quote == ("Keir Starmer", "We back a ceasefire")


def test_preview_of_a_query_nothing_matches_is_empty(alert_store):
    _store_articles(alert_store.store)
    assert preview(alert_store.store, "volcano") == []


def test_preview_of_a_bad_query_is_a_query_error(alert_store):
    with pytest.raises(QueryError):
        preview(alert_store.store, "ceasefire AND")
