"""Storing articles: idempotent ingest, raw input kept, documents returned whole, bookkeeping tables."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from wirewatch.document import Dateline, Document, Entity, Mention, Quote
from wirewatch.errors import QueryError
from wirewatch.store import Store

from stores import raw_connection


def article(**fields) -> Document:
    values = {"title": "Ceasefire talks", "text": "Leaders met in London to discuss a ceasefire."}
    values.update(fields)
    return Document(**values)


def test_new_article_is_stored(store):
    result = store.add_document(article(id="a1"))
    assert result.status == "stored" and result.duplicate_of is None and result.reason is None
    assert store.count_documents() == 1


def test_same_record_id_is_stored_once(store):
    first = store.add_document(article(id="a1"))
    second = store.add_document(article(id="a1", text="A different text entirely."))
    assert (second.status, second.id, second.duplicate_of, second.reason) == ("duplicate", first.id, first.id, "same id")
    assert store.count_documents() == 1


def test_same_canonical_url_is_stored_once(store):
    first = store.add_document(article(url="https://News.Example/world/story/?id=7&utm_source=rss#top"))
    second = store.add_document(article(url="https://news.example/world/story?id=7&fbclid=x", text="Other words."))
    assert (second.status, second.duplicate_of, second.reason) == ("duplicate", first.id, "same url")


def test_same_text_under_another_url_is_stored_once(store):
    first = store.add_document(article(url="https://a.example/1", text="Leaders  met in London."))
    second = store.add_document(article(url="https://b.example/2", text="leaders met\nin london."))
    assert (second.status, second.duplicate_of, second.reason) == ("duplicate", first.id, "same text")


def test_different_articles_are_all_stored(store):
    results = [store.add_document(article(id=f"a{i}", text=f"Story number {i}.")) for i in range(3)]
    assert [r.status for r in results] == ["stored"] * 3
    assert len({r.id for r in results}) == 3


def test_empty_texts_are_not_duplicates_of_each_other(store):
    first = store.add_document(article(url="https://a.example/1", text=""))
    second = store.add_document(article(url="https://a.example/2", text="  "))
    assert (first.status, second.status) == ("stored", "stored")


def test_a_batch_stores_each_article_once(store):
    batch = [(article(id="x", text=f"Version {i}."), None, None, None) for i in range(3)]
    results = store.add_documents(batch)
    assert [r.status for r in results] == ["stored", "duplicate", "duplicate"]
    assert store.count_documents() == 1


def test_raw_input_is_kept_compressed_and_recoverable(store, store_url):
    raw = b"<html><body>" + b"<p>Leaders met in London.</p>" * 200 + b"</body></html>"
    result = store.add_document(article(id="r"), raw=raw, raw_content_type="text/html", origin="feed.xml")
    stored = store.get_document(result.id)
    assert stored.raw == raw and stored.raw_content_type == "text/html"
    with raw_connection(store_url) as conn:
        kept = conn.execute(text("SELECT raw FROM documents WHERE id = :id"), {"id": result.id}).scalar()
    assert len(kept) < len(raw) / 10


def test_stored_document_comes_back_whole(store):
    doc = article(
        id="full", url="https://news.example/full", source="AP", site_name="State", language="en",
        published=datetime(2025, 3, 2, 14, 30, tzinfo=timezone.utc), dateline=Dateline("LONDON", "AP"),
        entities=[Entity("e1", "Keir Starmer", "PERSON", [Mention("Starmer", 0, 7)])],
        quotes=[Quote("We will act", "Keir Starmer", "e1", Mention("Starmer", 0, 7), "said", 10, 21)],
        authors=["Jill Lawless"],
    )
    stored = store.get_document(store.add_document(doc).id)
    assert stored.document.to_dict() == doc.to_dict()
    assert stored.ingested_at.tzinfo is not None and stored.raw is None


def test_published_time_is_returned_in_utc(store):
    from datetime import timedelta

    plus_two = timezone(timedelta(hours=2))
    result = store.add_document(article(published=datetime(2025, 3, 2, 12, 0, tzinfo=plus_two)))
    (hit,) = store.search("ceasefire")
    assert hit.published == "2025-03-02T10:00:00+00:00"
    assert store.get_document(result.id).document.published == datetime(2025, 3, 2, 10, 0, tzinfo=timezone.utc)


def test_get_document_accepts_record_id_internal_id_and_its_text(store):
    result = store.add_document(article(id="wire-1"))
    assert store.get_document("wire-1").id == result.id
    assert store.get_document(result.id).id == result.id
    assert store.get_document(str(result.id)).id == result.id


def test_get_document_of_unknown_key_is_none(store):
    assert store.get_document(12345) is None
    assert store.get_document("no-such-id") is None


def test_sources_counts_articles_per_source(store):
    for i, source in enumerate(["AP", "Reuters", "AP", None]):
        store.add_document(article(id=str(i), text=f"Text {i}", source=source))
    assert store.sources() == [("AP", 2), ("Reuters", 1)]
    assert store.count_documents() == 4


def test_search_hit_uses_record_id_or_store_id(store):
    with_id = store.add_document(article(id="wire-9", text="Alpha ceasefire."))
    without = store.add_document(article(text="Beta ceasefire."))
    ids = {hit.id for hit in store.search("ceasefire")}
    assert ids == {"wire-9", str(without.id)} and with_id.id != without.id


def test_snippet_is_html_safe(store):
    store.add_document(article(text='The <script>alert("x")</script> ceasefire & talks.'))
    (hit,) = store.search("ceasefire")
    markup = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in markup and ">" not in markup and '"' not in markup
    assert "&amp;" in hit.snippet and "<mark>ceasefire</mark>" in hit.snippet


def test_invalid_query_raises_query_error(store):
    with pytest.raises(QueryError):
        store.search("(ceasefire")


def test_invalid_limit_raises_query_error(store):
    with pytest.raises(QueryError):
        store.search("ceasefire", limit=0)


@pytest.mark.parametrize("query", ['NEAR(a b)', 'a:b', '^title', "title:x'; DROP TABLE documents; --",
                                   "{title text}: x", '"a" + "b"', "x*y", "a AND", "ʼ’\u0000"])
def test_engine_syntax_in_queries_is_only_ever_words(store, query):
    store.add_document(article())
    try:
        store.search(query)
    except QueryError:
        pass
    assert store.count_documents() == 1


def test_validators_are_remembered_and_replaced(store):
    assert store.get_validators("https://feed.example/rss") is None
    store.put_validators("https://feed.example/rss", '"abc"', None)
    store.put_validators("https://feed.example/rss", '"def"', "Sun, 02 Mar 2025 10:00:00 GMT")
    assert store.get_validators("https://feed.example/rss") == ('"def"', "Sun, 02 Mar 2025 10:00:00 GMT")


def test_recurring_site_lines_need_enough_articles_and_share(store):
    for i in range(10):
        keys = ["nav"] + (["promo"] if i < 3 else []) + (["rare"] if i < 2 else []) + [f"own-{i}"]
        store.record_site_lines("news.example", keys)
    assert store.recurring_site_lines("news.example") == {"nav", "promo"}
    assert store.recurring_site_lines("news.example", min_share=0.5) == {"nav"}
    assert store.recurring_site_lines("other.example") == set()


def test_site_lines_count_once_per_article(store):
    for _ in range(3):
        store.record_site_lines("s", ["dup", "dup", "dup"])
    store.record_site_lines("s", [])
    assert store.recurring_site_lines("s", min_articles=3, min_share=0.75) == {"dup"}
    assert store.recurring_site_lines("s", min_articles=4) == set()


def test_long_site_line_keys_are_kept_whole(store):
    key = "Sign up for breaking news alerts " * 200
    for _ in range(3):
        store.record_site_lines("s", [key])
    assert store.recurring_site_lines("s") == {key}


def test_store_closes_as_context_manager(store_url):
    with Store.open(store_url) as store:
        store.add_document(article())
    with Store.open(store_url) as again:
        assert again.count_documents() == 1


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_searches_or_raises_query_error(store, query):
    try:
        store.search(query)
    except QueryError:
        pass


def test_a_second_writer_at_the_same_log_position_is_a_conflict_and_keeps_nothing(store):
    from wirewatch.errors import StoreConflict
    from wirewatch.store import LogEntry

    one, two = (store.add_document(article(id=key, text=f"Text {key}.")).id for key in ("one", "two"))
    now = datetime(2025, 3, 2, tzinfo=timezone.utc)
    record = {"id": "s2", "title": "Two", "articles": [{"id": str(two)}], "sources": []}
    with store.story_transaction() as session:
        session.append(LogEntry(1, one, "s1", "original", None, 1.0, True), now)
    with pytest.raises(StoreConflict):
        with store.story_transaction() as session:
            session.save_story(record, first_seen=now, last_seen=now, now=now)
            session.append(LogEntry(1, two, "s2", "original", None, 1.0, True), now)
    with store.story_session() as session:
        assert [(e.seq, e.document_id) for e in session.log_after(0)] == [(1, one)]
    assert store.story_of(two) is None and store.story("s2") is None and store.story_log_position() == 1
