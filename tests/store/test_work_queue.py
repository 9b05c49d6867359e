"""The durable work queue on both engines: enqueue once, claim under a lease, claim again after
the lease, set aside what never finishes, and never hand one item to two concurrent workers."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from wirewatch.document import SourceItem
from wirewatch.errors import InputError
from wirewatch.store import Store, WorkQueue

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def queue(db_url):
    with Store.open(db_url) as store:
        yield WorkQueue(store)


def item(n: int, **fields) -> SourceItem:
    return SourceItem(content=f"Article {n} text", content_type="text/plain", id=f"a{n}", origin=f"test:{n}", **fields)


def test_items_come_back_as_they_went_in_and_are_queued_once(queue):
    first = SourceItem(content=b"<p>bytes \xc3\xa9</p>", content_type="text/html", url="https://example.com/x",
                       title="T", published="2026-03-01", source="Example", origin="feed")
    assert queue.enqueue([first, item(1)], now=NOW) == 2
    assert queue.enqueue([item(1), SourceItem(content="other", url="https://example.com/x")], now=NOW) == 0
    claimed = queue.claim("w", lease=60, max_attempts=3, limit=10, now=NOW)
    assert [work.item for work in claimed] == [first, item(1)]
    assert [work.attempts for work in claimed] == [1, 1]
    assert queue.counts(now=NOW).to_dict() == {"queued": 2, "claimed": 2, "failed": 0}


def test_a_lease_hides_an_item_until_it_runs_out(queue):
    queue.enqueue([item(1), item(2)], now=NOW)
    [one] = queue.claim("w1", lease=30, max_attempts=3, now=NOW)
    [two] = queue.claim("w2", lease=30, max_attempts=3, now=NOW)
    assert (one.item.id, two.item.id) == ("a1", "a2")
    assert queue.claim("w3", lease=30, max_attempts=3, now=NOW + timedelta(seconds=29)) == []
    queue.complete(one.id)
    [again] = queue.claim("w3", lease=30, max_attempts=3, now=NOW + timedelta(seconds=31))
    assert (again.id, again.attempts) == (two.id, 2)  # w2 died: its item goes to w3
    assert queue.counts(now=NOW).queued == 1


def test_an_item_that_never_finishes_is_set_aside(queue):
    queue.enqueue([item(1)], now=NOW)
    moment = NOW
    for _ in range(2):
        assert len(queue.claim("w", lease=1, max_attempts=2, now=moment)) == 1
        moment += timedelta(seconds=2)
    assert queue.claim("w", lease=1, max_attempts=2, now=moment) == []
    assert queue.counts(now=moment).to_dict() == {"queued": 0, "claimed": 0, "failed": 1}
    [(origin, reason)] = queue.failures()
    assert origin == "test:1" and "2 times" in reason


def test_failed_and_released_items(queue):
    queue.enqueue([item(1), item(2)], now=NOW)
    one, two = queue.claim("w", lease=60, max_attempts=3, limit=2, now=NOW)
    queue.fail(one.id, "no text")
    queue.release(two.id, error="database went away", retry_in=5, now=NOW)
    assert queue.claim("w", lease=60, max_attempts=3, now=NOW + timedelta(seconds=4)) == []
    [back] = queue.claim("w", lease=60, max_attempts=3, now=NOW + timedelta(seconds=6))
    assert back.id == two.id
    assert queue.failures() == [("test:1", "no text")]
    assert queue.enqueue([item(1), item(2)], now=NOW) == 1  # a failed item is queued afresh, a queued one not
    [retried] = queue.claim("w", lease=60, max_attempts=3, now=NOW + timedelta(seconds=6))
    assert (retried.id, retried.attempts, queue.failures()) == (one.id, 1, [])


def test_claims_need_a_lease_and_attempts(queue):
    with pytest.raises(InputError):
        queue.claim("w", lease=0, max_attempts=3)


def test_concurrent_workers_never_share_an_item(queue, db_url):
    if db_url.startswith("sqlite"):
        pytest.skip("one writer on SQLite: concurrency is PostgreSQL's (SKIP LOCKED)")
    queue.enqueue([item(n) for n in range(200)])
    taken: list[list[str]] = [[] for _ in range(4)]

    def work(index: int) -> None:
        while claimed := queue.claim(f"w{index}", lease=60, max_attempts=3, limit=3):
            taken[index].extend(work.item.id for work in claimed)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    every = [key for keys in taken for key in keys]
    assert sorted(every) == sorted(f"a{n}" for n in range(200))  # each once, none lost
    assert sum(1 for keys in taken if keys) >= 2  # the claims really were concurrent
