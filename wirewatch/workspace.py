"""`wirewatch.Store`: the public Python surface, everything the CLI does as methods.

    import wirewatch
    with wirewatch.Store.open("sqlite:///news.db") as store:
        store.ingest([{"id": "a1", "title": "...", "text": "..."}])
        store.search("ceasefire AND Putin"); store.stories(); store.entities(type="PERSON")

It is a facade over three layers, and adds no rule of its own beyond checking the arguments a
face would check: the data layer (`wirewatch.store.Store`, the only code that speaks SQL and
imports nothing above it), the runner (`runtime.runner.Runner`: analyse -> store -> story ->
alerts, made on first use so read-only work never loads the story engine), and the alert store
(subscriptions and the alert log). The CLI is a thin face over this class; the web app shares
the data layer and the runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .store import Store as DataStore
from .store import AlertStore, Feed, QueueCounts, SearchHit, StoredDocument, Subscription, WorkQueue

if TYPE_CHECKING:
    from .alerts import DeliveryReport, PreviewHit
    from .runtime.feed_lists import OpmlImport
    from .runtime.inputs import Ingestible
    from .runtime.monitor import CycleReport, Monitor
    from .runtime.runner import IngestEvent, IngestFailure, IngestSummary, Runner
    from .runtime.workers import QueueWorkers

# The runner, the monitor, the queue workers and alert validation (with the story engine, spaCy,
# trafilatura and Apprise under them) are imported by the methods that use them: reading a
# store -- `wirewatch stories`, `search`, the CLI's start -- loads only the data layer.

ALERT_STATUSES = ("pending", "sent", "retrying", "failed")


class Store:
    """One wirewatch store (SQLite file or PostgreSQL database): ingest articles, read what was
    found, follow queries. Open with `Store.open(url)`; close it, or use it as a context manager."""

    def __init__(self, data: DataStore, settings: Settings) -> None:
        self.data = data  # the data layer, for code that needs more than this surface
        self.settings = settings
        self._runner: Runner | None = None

    @classmethod
    def open(cls, url: str | None = None, *, settings: Settings | None = None) -> "Store":
        """Open (creating or migrating) the store at `url`: "sqlite:///path.db", "sqlite://" (in
        memory) or "postgresql://...". `settings` default to `wirewatch.Settings()`; pass
        `wirewatch.load_settings()` to read WIREWATCH_* variables and a TOML file as the CLI does.
        Without `url`, `settings.db`. StoreError when it cannot be opened."""
        settings = settings or Settings()
        if url is not None:
            settings = settings.with_overrides(db=url)
        return cls(DataStore.open(settings.db), settings)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()  # snapshots the story engine: the next open replays less
        self.data.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<wirewatch.Store {self.data!r}>"

    @property
    def runner(self) -> Runner:
        """The per-article runner over this store, made on first use."""
        if self._runner is None:
            from .runtime.runner import Runner

            self._runner = Runner(self.data, self.settings)
        return self._runner

    # --- putting articles in ------------------------------------------------------------------

    def ingest(self, items: Ingestible | Iterable[Ingestible], *, workers: int | None = None,
               deliver: bool = True, on_event: Callable[[IngestEvent], None] | None = None) -> IngestSummary:
        """Analyse, store and assign to stories each item: `SourceItem`s, dict records like JSONL
        lines, str/bytes of text or HTML, or `pathlib.Path`s (files, folders, feed files, JSONL,
        WARC); one item or an iterable of them. Unusable items are counted in `failed`, never
        raised; duplicates are recognised and skipped. Alerts matched are delivered before
        returning unless `deliver=False`. Returns the summary, with the new articles' `ids`."""
        from .runtime.inputs import as_items

        entries = as_items(items, settings=self.settings, store=self.data)
        return self.runner.run(entries, workers=workers, deliver=deliver, on_event=on_event)

    def ingest_sources(self, sources: Sequence[str], *, workers: int | None = None, deliver: bool = True,
                       on_event: Callable[[IngestEvent], None] | None = None) -> IngestSummary:
        """`wirewatch ingest SOURCE...`: paths, folders, feed or article URLs, JSONL, WARC, as text."""
        from .runtime.runner import read_sources

        entries = read_sources(sources, settings=self.settings, store=self.data)
        return self.runner.run(entries, workers=workers, deliver=deliver, on_event=on_event)

    # --- the work queue (`wirewatch enqueue`, `wirewatch run --workers N`) -------------------------

    def enqueue(self, items: Ingestible | Iterable[Ingestible]) -> tuple[int, list[IngestFailure]]:
        """Queue items (as `ingest` takes them) for the workers of `wirewatch run` on any machine
        sharing this store, instead of analysing them here. Returns (items newly queued, items
        that could not be read); an item with a record id or URL already queued is not queued again."""
        from .runtime.inputs import as_items

        return self._enqueue(as_items(items, settings=self.settings, store=self.data))

    def enqueue_sources(self, sources: Sequence[str]) -> tuple[int, list[IngestFailure]]:
        """`wirewatch enqueue SOURCE...`: read sources as `ingest` does and queue their items."""
        from .runtime.runner import read_sources

        return self._enqueue(read_sources(sources, settings=self.settings, store=self.data))

    def _enqueue(self, entries: Iterable) -> tuple[int, list[IngestFailure]]:
        from .runtime.runner import IngestFailure
        from .sources import SourceFailure

        items, failures = [], []
        for entry in entries:
            if isinstance(entry, (SourceFailure, IngestFailure)):
                failures.append(IngestFailure(entry.origin, entry.reason))
            else:
                items.append(entry)
        return WorkQueue(self.data).enqueue(items), failures

    def queue_counts(self) -> QueueCounts:
        """Items waiting in the work queue (and of those, claimed now) and items set aside as failed."""
        return WorkQueue(self.data).counts()

    def queue_failures(self, *, limit: int = 50) -> list[tuple[str, str]]:
        """(origin, reason) of queued items set aside as failed."""
        return WorkQueue(self.data).failures(limit=limit)

    def workers(self, count: int | None = None) -> QueueWorkers:
        """Queue workers over this store's runner: `count` (default: the `workers` setting; 1 on
        SQLite). ConfigError for a count below 1."""
        from .runtime.workers import QueueWorkers, worker_count

        count = worker_count(self.settings, self.data.dialect, count)
        return QueueWorkers(self.runner, WorkQueue(self.data), self.settings, count=count)

    # --- reading --------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching the query language (words, "phrases", AND/OR/NOT, prefix*, source:,
        lang:, after:, before:, title:, entity:, speaker:, type:, story:), best first. QueryError
        for a malformed query."""
        return self.data.search(query, limit=limit, offset=offset)

    def count_search(self, query: str) -> int:
        """How many articles `search(query)` pages through."""
        return self.data.count_search(query)

    def document(self, key: int | str) -> StoredDocument | None:
        """One stored article by its public id (str: what every face names it by; its record's own id
        unless another article held that, see README) or the store's id (int)."""
        return self.data.get_document(key)

    def stories(self, *, since: datetime | None = None, query: str | None = None, limit: int = 30,
                sort: str = "breaking"):
        """Stories by `sort`: breaking (bursts, sources, recency), latest (newest article date),
        biggest (most articles) or sources (most distinct sources); `query` keeps those with a match."""
        return self.data.stories(since=since, query=query, limit=limit, sort=sort)

    def story(self, story_id: str):
        """One story with its timeline of originals, copies and developments, or None."""
        return self.data.story(story_id)

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int = 50):
        """People, organisations and places, most mentioned first."""
        return self.data.entities(type=type, name=name, limit=limit)

    def entity(self, name_or_id: str | int):
        """One entity by any spelling seen, a surname, or its id; None when unknown."""
        return self.data.entity(name_or_id)

    def quotes(self, *, speaker: str | None = None, query: str | None = None, since: datetime | None = None,
               until: datetime | None = None, limit: int = 50, offset: int = 0):
        """Quotes with their speakers, newest first; `speaker` in any spelling, `query` (the search
        language) keeps quotes from the articles it matches, `since` (inclusive) / `until`
        (exclusive) bound their time. QueryError / InputError for bad filters."""
        return self.data.quotes(speaker=speaker, query=query, since=since, until=until, limit=limit, offset=offset)

    def count_quotes(self, *, speaker: str | None = None, query: str | None = None,
                     since: datetime | None = None, until: datetime | None = None) -> int:
        """How many quotes `quotes()` pages through with the same filters."""
        return self.data.count_quotes(speaker=speaker, query=query, since=since, until=until)

    def sources(self) -> list[tuple[str, int]]:
        """Article sources (site or feed names) with their article counts."""
        return self.data.sources()

    def count_documents(self) -> int:
        return self.data.count_documents()

    def count_stories(self) -> int:
        return self.data.count_stories()

    # --- taking data out -----------------------------------------------------------------------

    def export(self, kind: str, format: str = "jsonl", *, query: str | None = None,
               since: datetime | None = None, until: datetime | None = None) -> Iterator[bytes]:
        """Every article, story, entity or quote (no cap) as CSV, JSON Lines or Parquet byte
        chunks, read and written a page at a time; `query` (the search language) keeps those of
        matching articles, `since`/`until` bound their time. InputError for an unknown kind or
        format (or Parquet without pyarrow), QueryError for a bad query, both before any output."""
        from .exports import check_format, encode
        from .store import EXPORT_COLUMNS

        check_format(format)
        rows = self.data.export_rows(kind, query=query, since=since, until=until)
        return encode(rows, EXPORT_COLUMNS[kind], format)

    # --- following queries ----------------------------------------------------------------------

    def subscribe(self, query: str, notify: Sequence[str] = (), *, name: str | None = None,
                  digest: str | None = None, updates: str = "developments") -> Subscription:
        """Follow a query (the search language, entity:, speaker:, type:, story: included): alerts for
        new stories and developments to each Apprise URL in `notify`, once each, never for copies.
        QueryError / InputError for a bad query or channel."""
        from .alerts import validate_subscription

        spec = validate_subscription(query, list(notify), name=name, digest=digest, updates=updates,
                                     allow_private=self.settings.allow_private_urls)
        return AlertStore(self.data).add_subscription(spec)

    def preview(self, query: str, *, limit: int = 20) -> list[PreviewHit]:
        """The stored articles a subscription to `query` would have matched, newest first, each
        with the statements (quotes) of the speakers its speaker: filters matched."""
        from .alerts import preview, validate_subscription

        spec = validate_subscription(query, allow_private=self.settings.allow_private_urls)
        return preview(self.data, spec.query, limit=limit)

    def subscriptions(self) -> list[Subscription]:
        return AlertStore(self.data).subscriptions()

    def unsubscribe(self, subscription_id: int) -> bool:
        """Delete a subscription and its alert history; False when there was none."""
        return AlertStore(self.data).delete_subscription(subscription_id)

    def alerts(self, *, subscription: int | None = None, status: str | None = None, limit: int = 50) -> list:
        """The alert log, newest first; `status` one of pending, sent, retrying, failed."""
        if status is not None and status not in ALERT_STATUSES:
            raise InputError(f"unknown status {status!r} (pending, sent, retrying or failed)")
        return AlertStore(self.data).alerts(subscription_id=subscription, status=status, limit=limit)

    def deliver(self) -> DeliveryReport:
        """Send the alerts that are due now (new ones, retries whose time has come, digests)."""
        return self.runner.deliver()

    # --- monitored sources ----------------------------------------------------------------------

    def add_feed(self, url: str, *, every: int = 300, name: str | None = None) -> Feed:
        """Poll a feed (RSS, Atom, JSON Feed) or page every `every` seconds (30 s to 7 days;
        InputError otherwise). FetchError when the URL is refused by the SSRF guard."""
        from .sources import check_url

        check_url(url, allow_private=self.settings.allow_private_urls)
        return self.data.add_feed(url, name=name, interval_seconds=every)

    def feeds(self) -> list[Feed]:
        return self.data.feeds()

    def remove_feed(self, feed_id: int) -> bool:
        """Stop polling a source (its articles stay); False when there was none."""
        return self.data.remove_feed(feed_id)

    def import_opml(self, data: bytes, *, every: int = 300) -> OpmlImport:
        """Add every feed an OPML file lists (folders at any depth) as a source polled every
        `every` seconds. Feeds already sources, listed twice, or refused by the SSRF guard are
        skipped with the reason. InputError when `data` is not OPML."""
        from .runtime.feed_lists import import_opml

        return import_opml(self.data, data, allow_private=self.settings.allow_private_urls, every=every)

    def export_opml(self) -> bytes:
        """Every source as an OPML 2.0 document, for a feed reader (or another wirewatch) to import."""
        from .sources import write_opml

        return write_opml((feed.url, feed.name) for feed in self.feeds())

    def monitor(self) -> Monitor:
        """The monitoring service over this store (`wirewatch run`): `.run_forever(stop_event)`.
        On PostgreSQL it queues what it fetches for the queue workers (see `workers`)."""
        from .runtime.monitor import Monitor

        queue = WorkQueue(self.data) if self.data.dialect == "postgresql" else None
        return Monitor(self.data, self.settings, runner=self.runner, queue=queue)

    def poll(self) -> CycleReport:
        """One monitoring cycle, as `wirewatch run --once`: poll due sources, process (and what
        waits in the work queue, in this process), deliver."""
        report = self.monitor().cycle()
        if WorkQueue(self.data).counts().queued:
            self.workers(1).drain()
            more = self.runner.deliver()
            report.delivery.sent += more.sent
            report.delivery.retrying += more.retrying
            report.delivery.failed += more.failed
        return report
