"""An article's public id is given once, when it is stored, and names it alone (migration 0010).

Regression: the public id was worked out on every read (the record's own id, else the store's
number as text), so a record whose own id is a number and the article stored under that number
shared one id, and `get_document` answered the record for both. Stores written before 0010 keep
every id that finds its article today; only an article whose number a record id shadowed gets a
new one.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone

from sqlalchemy import text

from wirewatch.document import Document
from wirewatch.store import Store
from wirewatch.store.schema import documents

from stores import connection_at_revision

ARRIVED = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def _row(id: int, ext_id: str | None) -> dict:
    return {"id": id, "ext_id": ext_id, "url": None, "canonical_url": None, "content_hash": f"{id:064d}",
            "title": f"t{id}", "text": f"text {id}", "data": {"id": ext_id, "title": f"t{id}", "text": f"text {id}"},
            "ingested_at": ARRIVED}


def _store_at_0009(url: str, rows: list[dict]) -> None:
    with connection_at_revision(url, "0009") as conn:
        conn.execute(documents.insert(), rows)
        if conn.dialect.name == "postgresql":  # rows given their ids: move the sequence past them
            conn.execute(text("SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents))"))


def _public(store: Store) -> dict[int, str]:
    return {summary.id: summary.public_id for summary in store.documents(limit=200)}


def test_migration_keeps_every_id_that_finds_its_article_and_renames_only_the_shadowed(store_url):
    _store_at_0009(store_url, [
        _row(1, None),   # named "1" before, but "1" found row 2 (its record id): shadowed
        _row(2, "1"),
        _row(3, "abc"),
        _row(4, None),
        _row(5, "~1"),   # a record id in the form a renamed article would take first
        _row(6, "6"),
        _row(7, None),
    ])
    with Store.open(store_url) as store:
        public = _public(store)
        assert public[2] == "1" and public[3] == "abc" and public[4] == "4" and public[5] == "~1"
        assert public[6] == "6" and public[7] == "7"
        assert public[1] not in {"1", "~1"} and len(set(public.values())) == 7
        for row_id, article_id in public.items():
            assert store.get_document(article_id).id == row_id
            assert store.get_document(row_id).public_id == article_id
        assert store.public_ids(list(public)) == public
        # new arrivals after the migration: a record id another article holds, a store number taken
        clash = store.add_document(Document(title="clash", text="a record named like row 4", id="4")).id
        assert _public(store)[clash] not in set(public.values())
        plain = [store.add_document(Document(title=f"p{n}", text=f"plain {n}")).id for n in range(3)]
        after = _public(store)
        assert len(set(after.values())) == len(after) == 11
        assert all(after[row_id] == str(row_id) for row_id in plain)


def test_search_hits_and_documents_name_a_shadowed_article_by_its_new_id(store_url):
    _store_at_0009(store_url, [_row(1, None), _row(2, "1")])
    with Store.open(store_url) as store:
        public = _public(store)
        hits = {hit.row_id: hit.id for hit in store.search("text")}
        assert hits == public
        assert store.document_row_id(public[1]) == 1 and store.document_row_id("1") == 2


def test_writers_storing_at_once_never_give_two_articles_one_id(store_url):
    """Plain articles (named by their store numbers) and records whose ids are those numbers,
    stored side by side by two stores on one database."""
    with Store.open(store_url):
        pass  # migrated once, before the writers start
    errors: list[BaseException] = []

    def write(make) -> None:
        try:
            with Store.open(store_url) as store:
                for n in range(1, 25):
                    store.add_document(make(n))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    writers = [
        threading.Thread(target=write, args=(lambda n: Document(title=f"plain {n}", text=f"plain text {n}"),)),
        threading.Thread(target=write, args=(lambda n: Document(title=f"record {n}", text=f"record text {n}",
                                                                  id=str(n)),)),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert not errors, errors
    with Store.open(store_url) as store:
        public = _public(store)
        assert len(public) == 48 and len(set(public.values())) == 48
        for row_id, article_id in public.items():
            assert store.get_document(article_id).id == row_id
