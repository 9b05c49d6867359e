"""The monitoring service: poll due sources, process what is new, deliver alerts, repeat.

`wirewatch run` drives it in the foreground (`--once`: one full cycle, then exit); `wirewatch
serve` runs it in a background thread next to the web app. Every step reads and writes the store,
so stopping it at any point loses nothing: the next cycle picks up where it stopped.

Due sources are fetched concurrently (`poll_concurrency` at once), each fetch bounded by its
total deadline, and processed one at a time as their fetches finish: a slow or stalled source
delays no other, and only the processing touches the store's write path.

Given a work queue (`wirewatch run` on PostgreSQL), the monitor only queues what it fetched: the
queue workers of every `run` process, on any machine, analyse it (see workers.py).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..alerts import DeliveryReport
from ..config import Settings
from ..errors import WirewatchError
from ..sources import Fetcher, MemoryValidatorCache, SourceFailure, iter_items
from ..store import Feed, Store, WorkQueue
from .runner import IngestFailure, IngestSummary, Runner

log = logging.getLogger("wirewatch.monitor")


@dataclass
class CycleReport:
    polled: int = 0
    new_articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def to_dict(self) -> dict:
        return {
            "polled": self.polled, "new_articles": self.new_articles,
            "failures": [{"source": url, "reason": reason} for url, reason in self.failures],
            "alerts_sent": self.delivery.sent, "alerts_retrying": self.delivery.retrying,
            "alerts_failed": self.delivery.failed,
        }


class Monitor:
    def __init__(self, store: Store, settings: Settings, *, runner: Runner | None = None,
                 queue: WorkQueue | None = None) -> None:
        self.store = store
        self.settings = settings
        # Shared with the web app in `serve`: one story engine and one lock per process.
        self.runner = runner or Runner(store, settings)
        self.queue = queue  # set: fetched items are queued for the workers, not processed here

    def cycle(self, now: datetime | None = None) -> CycleReport:
        """Poll every due source once, assign stories to anything left unassigned, deliver."""
        report = CycleReport()
        feeds = self.store.due_feeds(now)
        if feeds:
            workers = max(1, min(len(feeds), self.settings.poll_concurrency))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wirewatch-poll") as pool:
                fetches = {pool.submit(self._fetch, feed): feed for feed in feeds}
                for done in as_completed(fetches):
                    self._process(fetches[done], *done.result(), report)
        self.runner.assign_stories()
        report.delivery = self.runner.deliver()
        return report

    def _fetch(self, feed: Feed) -> tuple[list, "_ReadThroughValidators"]:
        """Read one source's items (network only); conditional-GET validators are kept aside
        and written by the processing thread, so fetch threads never write to the store."""
        validators = _ReadThroughValidators(self.store)
        items: list = []
        try:
            with Fetcher(self.settings, validators=validators) as fetcher:
                for item in iter_items(feed.url, fetcher=fetcher):
                    items.append(item)
        except WirewatchError as exc:  # what was read before the failure is still processed
            items.append(SourceFailure(feed.url, str(exc)))
        except Exception as exc:  # one source's surprise must not end the cycle for the rest
            log.exception("fetching %s failed", feed.url)
            items.append(SourceFailure(feed.url, f"fetch failed: {exc!r}"))
        return items, validators

    def _process(self, feed: Feed, items: list, validators: "_ReadThroughValidators",
                 report: CycleReport) -> None:
        if self.queue is not None:
            summary = self._enqueue(items, validators)
        else:
            with self.runner.lock:
                validators.write_to(self.store)
                summary = self.runner.run(items, deliver=False, workers=1)
        report.polled += 1
        report.new_articles += summary.ingested
        stored_anything = summary.ingested or summary.duplicates
        error = summary.failed[0].reason if summary.failed and not stored_anything else None
        if error:
            report.failures.append((feed.url, error))
            log.warning("source %s failed: %s", feed.url, error)
        self.store.record_fetch(feed, status="error" if error else "ok", error=error,
                                new_articles=summary.ingested)
        log.info("polled %s: %d new, %d duplicates", feed.url, summary.ingested, summary.duplicates)

    def _enqueue(self, items: list, validators: "_ReadThroughValidators") -> IngestSummary:
        """Queue a source's items for the workers: `ingested` counts the items newly queued."""
        summary = IngestSummary()
        articles = [item for item in items if not isinstance(item, SourceFailure)]
        summary.failed = [IngestFailure(item.origin, item.reason) for item in items if isinstance(item, SourceFailure)]
        summary.ingested = self.queue.enqueue(articles) if articles else 0
        summary.duplicates = len(articles) - summary.ingested  # already waiting in the queue
        validators.write_to(self.store)  # after queueing: a crash in between refetches, never loses
        return summary

    def run_forever(self, stop: threading.Event, *, tick: float = 5.0) -> None:
        """Cycle until `stop` is set; wake at least every `tick` seconds for due retries."""
        self.runner.warm_up()  # logs "ready": the first polled article waits for no model loading
        while not stop.is_set():
            try:
                self.cycle()
            except Exception:  # a broken cycle must not end the service; the next one retries
                log.exception("monitor cycle failed")
            due = self.store.next_feed_due()
            wait = tick
            if due is not None:
                wait = min(tick, max(0.0, (due - datetime.now(timezone.utc)).total_seconds()))
            stop.wait(max(0.2, wait))

    def close(self) -> None:
        self.runner.close()


class _ReadThroughValidators(MemoryValidatorCache):
    """Reads stored ETag / Last-Modified values; keeps new ones in memory until `write_to`."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def get_validators(self, url: str) -> tuple[str | None, str | None] | None:
        return super().get_validators(url) or self._store.get_validators(url)

    def write_to(self, store: Store) -> None:
        for url, (etag, last_modified) in self._validators.items():
            store.put_validators(url, etag, last_modified)
