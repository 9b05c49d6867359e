"""The subscription index takes this process's subscription writes as they commit.

Regression: every subscription write made the next article's matching (or the service's delivery
thread) rebuild the whole index; after 1,000 subscriptions added in a row, the first pushes
waited for that rebuild. Now an add, edit, pause, resume or removal changes that one entry, and
only a write the index did not see (another process's) costs a rebuild.
"""

from __future__ import annotations

import threading

import pytest

import wirewatch.runtime.alerting as runtime_alerting
from wirewatch.alerts import AlertStore, validate_subscription
from wirewatch.config import Settings
from wirewatch.document import Document
from wirewatch.runtime.alerting import Alerting
from wirewatch.runtime.story_stage import StoryStage
from wirewatch.store import Store

HOOK = "json://127.0.0.1:9/hook"


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts whole-index builds (one entry per build)."""
    made: list[int] = []
    real = runtime_alerting.build_index

    def counting(alert_store, **kwargs):
        made.append(1)
        return real(alert_store, **kwargs)

    monkeypatch.setattr(runtime_alerting, "build_index", counting)
    return made


def _spec(query: str):
    # every matching article alerts (not only a story's developments): the match itself is tested
    return validate_subscription(query, [HOOK], updates="all", allow_private=True)


def _subscribe(alert_store: AlertStore, query: str) -> int:
    return alert_store.add_subscription(_spec(query)).id


def _alerted(store: Store, stage: StoryStage, alerting: Alerting, title: str, text: str) -> set[int]:
    """The subscriptions a new article (stored and assigned now) queued alerts for."""
    stored = store.add_document(Document(title=title, text=text))
    stage.run(on_assigned=alerting.on_assigned)
    return {match.subscription_id for match in AlertStore(store).alerts() if match.article_id == stored.id}


def test_a_new_subscription_is_matched_without_rebuilding_the_index(db_url, builds):
    with Store.open(db_url) as store:
        alert_store = AlertStore(store)
        alerting, stage = Alerting(store, Settings(allow_private_urls=True)), StoryStage(store)
        alerting.refresh_index()  # what a service's warm-up does
        assert len(builds) == 1
        ceasefire = _subscribe(alert_store, "ceasefire")
        assert _alerted(store, stage, alerting, "Ceasefire agreed", "The sides agreed a ceasefire at dawn.") \
            == {ceasefire}
        assert len(builds) == 1


def test_edits_pauses_and_removals_change_the_index_as_a_rebuild_would(db_url, builds):
    with Store.open(db_url) as store:
        alert_store = AlertStore(store)
        alerting, stage = Alerting(store, Settings(allow_private_urls=True)), StoryStage(store)
        alerting.refresh_index()
        harbour = _subscribe(alert_store, "harbour")
        strike = _subscribe(alert_store, "strike AND NOT football")
        alert_store.update_subscription(harbour, _spec("dockers"))
        assert _alerted(store, stage, alerting, "Dockers strike", "Dockers at the harbour went on strike.") \
            == {harbour, strike}
        alert_store.set_paused(strike, True)
        assert _alerted(store, stage, alerting, "Second strike", "The dockers strike again today.") == {harbour}
        alert_store.set_paused(strike, False)
        alert_store.delete_subscription(harbour)
        assert _alerted(store, stage, alerting, "Third strike", "Dockers strike a third time in May.") == {strike}
        assert len(builds) == 1


def test_a_write_by_another_process_still_rebuilds_the_index(db_url, builds):
    with Store.open(db_url) as store, Store.open(db_url) as elsewhere:
        alerting, stage = Alerting(store, Settings(allow_private_urls=True)), StoryStage(store)
        alerting.refresh_index()
        theirs = _subscribe(AlertStore(elsewhere), "flood")  # this process's store is not told
        ours = _subscribe(AlertStore(store), "river")  # next in line for the store, not for the index
        assert _alerted(store, stage, alerting, "River flood", "The river burst its banks in a flood.") \
            == {theirs, ours}
        assert len(builds) == 2


def test_subscriptions_added_from_many_threads_all_match(db_url):
    with Store.open(db_url) as store:
        alert_store = AlertStore(store)
        alerting, stage = Alerting(store, Settings(allow_private_urls=True)), StoryStage(store)
        alerting.refresh_index()
        added: list[int] = []

        def add(words: list[str]) -> None:
            for word in words:
                added.append(_subscribe(alert_store, f"earthquake OR {word}"))

        threads = [threading.Thread(target=add, args=([f"w{t}x{n}" for n in range(15)],)) for t in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert _alerted(store, stage, alerting, "Earthquake", "An earthquake shook the city.") == set(added)
