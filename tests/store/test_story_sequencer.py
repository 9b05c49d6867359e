"""The story sequencer on PostgreSQL: one story transaction at a time per store, across processes.

Two `Store`s over one database stand for two processes (each has its own engine and connections).
While one holds a story transaction the other's waits; stores in other schemas never wait.
"""

from __future__ import annotations

import threading

import pytest
from stores import fresh_store_url

from wirewatch.store import Store


def _enters_while_held(holder_url: str, other_url: str) -> bool:
    """Whether a story transaction on `other_url` starts while one on `holder_url` is open."""
    entered = threading.Event()
    with Store.open(holder_url) as holder, Store.open(other_url) as other:
        def enter() -> None:
            with other.story_transaction():
                entered.set()

        thread = threading.Thread(target=enter)
        with holder.story_transaction():
            thread.start()
            during = entered.wait(1.5)
        thread.join(10)
        assert entered.is_set()  # and once the holder commits, it goes on
    return during


def test_one_story_transaction_at_a_time_across_processes(tmp_path):
    with fresh_store_url("postgresql", tmp_path) as url:
        assert not _enters_while_held(url, url)


def test_stores_in_other_schemas_do_not_wait(tmp_path):
    with fresh_store_url("postgresql", tmp_path / "a") as one, fresh_store_url("postgresql", tmp_path / "b") as two:
        assert _enters_while_held(one, two)
