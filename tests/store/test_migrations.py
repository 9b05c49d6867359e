"""Opening a store creates the schema with the migrations shipped in the package."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from wirewatch.errors import StoreError
from wirewatch.store import Store
from wirewatch.store.engine import create_store_engine, parse_store_url
from wirewatch.store.migrate import head_revision, upgrade_to_head

from stores import raw_connection


def test_fresh_database_is_migrated_to_head(store_url):
    with Store.open(store_url):
        pass
    with raw_connection(store_url) as conn:
        tables = set(inspect(conn).get_table_names())
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert {"documents", "site_lines", "site_articles", "http_validators"} <= tables
    assert revision == head_revision()


def test_migrating_twice_does_nothing_the_second_time(store_url):
    engine = create_store_engine(parse_store_url(store_url))
    try:
        assert upgrade_to_head(engine) is True
        assert upgrade_to_head(engine) is False
    finally:
        engine.dispose()


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Store.open(url), raw_connection(url) as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_sqlite_store_works(tmp_path):
    from wirewatch.document import Document

    with Store.open("sqlite:///:memory:") as store:
        store.add_document(Document(title="t", text="ceasefire"))
        assert [hit.title for hit in store.search("ceasefire")] == ["t"]


@pytest.mark.parametrize("url", ["", "not a url", "mysql://u@h/db", "sqlite:///no/such/folder/x.db", "http://x"])
def test_bad_url_is_a_one_line_store_error(url):
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "\n" not in str(caught.value)


def test_sqlite_path_that_is_a_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        Store.open(f"sqlite:///{tmp_path}")


def test_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store.open(f"sqlite:///{path}")


def test_unreachable_postgres_is_a_one_line_store_error():
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/none")
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message and "cannot connect" in message


def test_the_quick_schema_check_reads_the_same_head_as_alembic():
    # Opening a store at the newest revision skips Alembic on the strength of this reading.
    from wirewatch.store.migrate import scripted_head

    assert scripted_head() == head_revision()


def test_whether_a_subscription_had_a_story_is_read_by_index(store_url):
    # Asked once per matched subscription for every article; by (subscription, time) alone it read
    # every match a broad subscription ever had.
    with Store.open(store_url):
        pass
    with raw_connection(store_url) as conn:
        indexes = inspect(conn).get_indexes("alert_matches")
    assert ["subscription_id", "story_id"] in [index["column_names"] for index in indexes]
