"""The one way an article goes through wirewatch: analyse -> store -> story -> match -> deliver.

`wirewatch ingest` (a batch of sources), `wirewatch run` (each polled source's items) and
`wirewatch serve` (POST /api/documents, the paste form) all hand their items to a `Runner`.
One record crosses each boundary:

    SourceItem --analyse (pure; maybe in a pool)--> Analysed --store--> AddResult (int id)
      --story stage--> StoryUpdate (queues the article's alerts in the same transaction)
      --deliver--> DeliveryReport

A batch is summarised in an `IngestSummary`, one pushed article in a `Submitted`. Document ids
are ints and story ids strs throughout. The store lives in this (the main) process; executors
(see executors.py) only run the pure analysis. One bad item is reported and skipped, never fatal
for the rest. A long-lived runner (the service's) loads the story engine once; its lock
serialises the story stage, the single writer of the assignment log in this process (other
processes are detected through the log itself).

Before analysis each item is looked up in the store (`Runner.known`): a record already stored by
id, canonical URL or raw input is a duplicate without extraction or NLP. Once a pushed article is
committed, `submit` reports it as stored whatever fails after that.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import BinaryIO

from ..alerts import DeliveryReport
from ..alerts.delivery import Senders
from ..config import Settings
from ..document import SourceItem
from ..errors import WirewatchError
from ..pipeline import Analysed, site_key
from ..sources import Fetcher, SourceFailure, iter_items
from ..store import AddResult, Store, SubscriptionChange
from .alerting import Alerting
from .analysis import analyse_article
from .delivery_thread import DeliveryThread
from .executors import POOL_THRESHOLD, AnalysisExecutor, StreamingExecutor, check_executor, open_executor
from .pushes import PushAnalysis
from .story_stage import StoryStage, StoryUpdate
from .warm import Readiness, WarmUp

log = logging.getLogger("wirewatch.runner")

# At most this many analyses are in flight; results are stored in input order.
WINDOW = 64
# A service checks its subscription index (rebuilding it if a change missed it) once subscriptions
# have not changed for this long.
QUIET_SECONDS = 0.3
# ... and, for changes by other processes, at most this often: reading the store's fingerprint is a
# query, and the delivery thread runs a round for every finished send (a dozen per push).
INDEX_CHECK_SECONDS = 5.0


@dataclass
class IngestFailure:
    origin: str
    reason: str


@dataclass
class IngestEvent:
    """Reported after each item, for progress bars."""

    origin: str
    status: str  # "stored" | "duplicate" | "failed"
    detail: str | None = None


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    skipped_known: int = 0  # of the duplicates, those recognised before analysis (never analysed)
    failed: list[IngestFailure] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # store ids of new articles, in ingest order
    new_stories: int = 0
    copies: int = 0  # near-duplicates of stored articles (kept, but never a new development)
    developments: int = 0
    alerts_queued: int = 0
    alerts_sent: int = 0

    def count(self, updates: Iterable[StoryUpdate]) -> None:
        for update in updates:
            if update.new_story:
                self.new_stories += 1
            elif update.role == "copy":
                self.copies += 1
            else:
                self.developments += 1

    def to_dict(self) -> dict:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "skipped_known": self.skipped_known,
            "new_stories": self.new_stories,
            "copies": self.copies,
            "developments": self.developments,
            "alerts_queued": self.alerts_queued,
            "alerts_sent": self.alerts_sent,
            "failed": len(self.failed),
            "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failed],
        }


@dataclass
class Submitted:
    """What happened to one pushed article."""

    document_id: int
    status: str  # "stored" | "duplicate"
    duplicate_reason: str | None = None
    story_id: str | None = None
    role: str | None = None  # original | copy | development
    duplicate_of: int | None = None  # the earlier copy this article repeats, if any
    warning: str | None = None  # what did not happen after the article was stored (it was stored)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


Entry = SourceItem | SourceFailure | IngestFailure


def analyse_or_fail(item: SourceItem, settings: Settings, recurring: frozenset[str]) -> Analysed | IngestFailure:
    """`analyse_article` for batches, run by an executor: unusable input is this item's failure."""
    try:
        return analyse_article(item, settings, recurring)
    except WirewatchError as exc:
        return IngestFailure(item.origin, str(exc))


class Runner:
    """Carries articles through every stage, for one store; hold one for a service's lifetime."""

    def __init__(self, store: Store, settings: Settings, *, stage: StoryStage | None = None,
                 alerting: Alerting | None = None, service: bool = False) -> None:
        """`service` (serve's runner): pushed articles are analysed in worker processes
        (runtime/pushes.py) and their alerts sent by a delivery thread right after the commit
        (runtime/delivery_thread.py), several at once; otherwise both happen in the caller's thread."""
        check_executor(settings)  # a misconfigured executor fails here, before any work
        self.store = store
        self.settings = settings
        self.stage = stage or StoryStage(store)
        self.alerting = alerting or Alerting(store, settings)
        # Re-entrant: the monitor holds it around a whole source while the run assigns stories.
        self.lock = threading.RLock()
        self._deliver_lock = threading.Lock()
        self.pushes = PushAnalysis(settings) if service else None
        self._senders = Senders(settings.delivery_threads) if service else None
        self._delivery = DeliveryThread(self._deliver_in_background) if service else None
        self._subscriptions_changed_at = 0.0
        self._index_checked_at = 0.0
        if self._delivery is not None:  # after alerting's own watcher: the index has taken the change
            store.watch_subscriptions(self.subscriptions_changed)
        self.warming = WarmUp(settings, self.stage, self.lock, pushes=self.pushes, alerting=self.alerting,
                              senders=self._senders)

    def warm_up(self) -> Readiness:
        """Load the analysis models and the story engine now, before the first article needs them."""
        return self.warming.run()

    # --- one pushed article ---------------------------------------------------------------------

    def submit(self, item: SourceItem) -> Submitted:
        """Analyse, store and assign one article, then deliver its alerts. InputError for unusable input.

        Once the article is committed the answer carries its id whatever fails afterwards: a
        failed story assignment or delivery is named in `Submitted.warning` (the next run of the
        story stage assigns the article, the outbox retries its alerts), never raised."""
        known = self.known(item)
        if known is not None:
            return self._duplicate(known)
        recurring = self.recurring_lines(site_key(item))
        if self.pushes is not None:  # WorkerError when its worker died twice on it
            analysed = self.pushes.analyse_article(item, self.settings, recurring)
        else:
            analysed = analyse_article(item, self.settings, recurring)
        added = self.store_analysed(analysed, item)  # with the site lines it teaches, in one transaction
        if added.status == "duplicate":
            return self._duplicate(added)
        # From here on the article is stored: whatever fails is reported with its id, never raised.
        try:
            updates = self.assign_stories()
        except Exception as exc:
            log.exception("article %s stored, story assignment failed", added.id)
            return Submitted(document_id=added.id, status="stored",
                             warning=f"stored, but not yet assigned to a story: {_reason(exc)}")
        warning = None
        if self._delivery is not None:
            # Its alerts are committed: claim them here and hand them to the sender threads (one
            # short write), so they go out while this answers, whatever the delivery thread waits for.
            try:
                self.alerting.deliver(senders=self._senders, wait=False, record=False, on_done=self._delivery.wake)
            except Exception:  # noqa: BLE001 - the delivery thread sends them
                log.exception("article %s stored and assigned, handing its alerts over failed", added.id)
                self.wake_delivery()
        else:
            try:
                self.deliver()  # a pushed article's alerts go out now, not at the next poll
            except Exception as exc:
                log.exception("article %s stored and assigned, delivery failed", added.id)
                warning = f"stored and assigned, but its alerts were not delivered yet: {_reason(exc)}"
        mine = next((u for u in updates if u.document_id == added.id), None)
        if mine is None:  # assigned by another thread or process in the meantime
            entry = self.store.story_of(added.id)
            mine = entry and StoryUpdate(entry.document_id, entry.story_id, entry.role, entry.duplicate_of,
                                         entry.new_story)
        return Submitted(
            document_id=added.id, status="stored", story_id=mine.story_id if mine else None,
            role=mine.role if mine else None, duplicate_of=mine.duplicate_of if mine else None, warning=warning,
        )

    def _duplicate(self, added: AddResult) -> Submitted:
        entry = self.store.story_of(added.id)
        if entry is None:  # stored a moment ago by a concurrent push still on its way to the story stage
            try:
                self.assign_stories()
            except Exception:  # noqa: BLE001 - the answer then names no story; the next run assigns it
                log.exception("story assignment for a duplicate of article %s failed", added.id)
            entry = self.store.story_of(added.id)
        return Submitted(document_id=added.id, status="duplicate", duplicate_reason=added.reason,
                         story_id=entry.story_id if entry else None, role=entry.role if entry else None)

    def known(self, item: SourceItem) -> AddResult | None:
        """The stored article `item` repeats (same id, canonical URL or raw input), found before any
        analysis: re-reading a source costs a lookup per record, not an extraction and NLP."""
        return self.store.find_known(ext_id=item.id, url=item.url, raw=_raw_bytes(item))

    # --- a batch ----------------------------------------------------------------------------------

    def run(
        self,
        entries: Iterable[Entry],
        *,
        on_event: Callable[[IngestEvent], None] | None = None,
        workers: int | None = None,
        deliver: bool = True,
        story_batch: int = 50,
    ) -> IngestSummary:
        """Analyse and store every item, assigning stories every `story_batch` stored articles and
        at the end; failures (`SourceFailure`s among `entries` too) are counted, not raised.
        Alerts are queued as articles are assigned and, with `deliver`, sent before returning."""
        batch = _Batch(self, on_event or (lambda event: None), story_batch)
        queued_before = self.alerting.queued
        stream = iter(entries)
        first: list[Entry] = []
        for entry in stream:
            first.append(entry)
            if len(first) >= POOL_THRESHOLD:
                break
        large = len(first) >= POOL_THRESHOLD
        if large and check_executor(self.settings) != "local":
            # a cluster executor takes the whole stream (it cannot be opened on first use)
            executor = open_executor(self.settings, large=large, workers=workers)
        else:
            executor = _OnFirstUse(lambda: open_executor(self.settings, large=large, workers=workers))
        try:
            batch.analyse_and_store(_chain(first, stream), executor)
        finally:
            executor.shutdown()
            batch.assign()  # also picks up articles an interrupted earlier run stored but never assigned
            with self.lock:
                self.stage.save()
        summary = batch.summary
        summary.alerts_queued = self.alerting.queued - queued_before
        if deliver and summary.alerts_queued:
            summary.alerts_sent = self.deliver().sent
        return summary

    # --- the stages after analysis, shared by both ------------------------------------------------

    def recurring_lines(self, site: str | None) -> frozenset[str]:
        """The lines the store has learned recur on `site` (its boilerplate), for analysis."""
        return frozenset(self.store.recurring_site_lines(site)) if site else frozenset()

    def store_analysed(self, analysed: Analysed, item: SourceItem) -> AddResult:
        """Store one analysed article with its raw input; a new one also teaches the store which of
        its lines recur on its site (boilerplate learning), in the same transaction."""
        lines = (analysed.site, analysed.line_keys) if analysed.site and analysed.line_keys else None
        added = self.store.add_document(analysed.document, raw=_raw_bytes(item), raw_content_type=item.content_type,
                                        origin=item.origin, site_lines=lines)
        if added.status == "stored":
            self.stage.prepared(added.id, analysed.story)
        return added

    def assign_stories(self) -> list[StoryUpdate]:
        """Assign every stored article no story has seen yet, queueing alerts as each commits."""
        with self.lock:
            return self.stage.run(on_assigned=self.alerting.on_assigned)

    def deliver(self) -> DeliveryReport:
        """Send what is due now: new alerts, retries whose time has come, finished digests."""
        if self._senders is not None:  # several deliverers claim side by side: each alert is claimed once
            return self.alerting.deliver(senders=self._senders)
        with self._deliver_lock:
            return self.alerting.deliver()

    def wake_delivery(self) -> None:
        """A service's delivery thread sends what is due now (else nothing happens until `deliver`)."""
        if self._delivery is not None:
            self._delivery.wake()

    def _deliver_in_background(self) -> DeliveryReport:
        """One round of the delivery thread: hand what is due to free sender threads, each of
        which wakes the thread again when its send is done (more may be due by then)."""
        assert self._delivery is not None
        now = time.monotonic()
        changed_here = self._subscriptions_changed_at > self._index_checked_at
        if (now - self._subscriptions_changed_at >= QUIET_SECONDS
                and (changed_here or now - self._index_checked_at >= INDEX_CHECK_SECONDS)):
            self._index_checked_at = now
            try:
                self.alerting.refresh_index()
            except WirewatchError:  # the store is unavailable: the story transaction will say so
                log.exception("refreshing the subscription index failed")
        return self.alerting.deliver(senders=self._senders, wait=False, on_done=self._delivery.wake)

    def subscriptions_changed(self, change: SubscriptionChange) -> None:
        """The store's word that this process committed a subscription write (a service watches
        its store: Store.watch_subscriptions). The index has normally taken the change already
        (Alerting.subscription_changed); where it could not (two writes crossed), a service
        rebuilds it in the background once the changes stop for QUIET_SECONDS (otherwise the next
        article's story transaction would), so 1,000 changes in a row cost one rebuild at most."""
        self._subscriptions_changed_at = time.monotonic()
        if self._delivery is not None:
            self._delivery.wake_in(QUIET_SECONDS)

    def close(self) -> None:
        """Snapshot the story engine, so the next start replays less; a service's delivery
        thread, senders and analysis processes stop (what is queued stays in the outbox)."""
        if self._delivery is not None:
            self._delivery.stop()
        if self._senders is not None:
            self._senders.shutdown()  # waits for the sends in flight, then records them
            try:
                self.alerting.record_sends(self._senders)
            except WirewatchError:  # their leases run out and they are sent again, with the same keys
                log.exception("recording the last sends failed")
        if self.pushes is not None:
            self.pushes.close()
        with self.lock:
            self.stage.save()


class _Batch:
    """One `Runner.run`: its summary, the articles stored but not yet assigned, the site lines seen."""

    def __init__(self, runner: Runner, report: Callable[[IngestEvent], None], story_batch: int) -> None:
        self.runner = runner
        self.report = report
        self.story_batch = story_batch
        self.summary = IngestSummary()
        self.unassigned = 0
        self._recurring: dict[str, frozenset[str]] = {}

    def recurring_for(self, item: SourceItem) -> frozenset[str]:
        site = site_key(item)
        if site is None:
            return frozenset()
        if site not in self._recurring:
            self._recurring[site] = self.runner.recurring_lines(site)
        return self._recurring[site]

    def assign(self) -> None:
        self.summary.count(self.runner.assign_stories())
        self.unassigned = 0

    def record(self, result: Analysed | IngestFailure, item: SourceItem | None) -> None:
        if isinstance(result, IngestFailure):
            self.summary.failed.append(result)
            self.report(IngestEvent(result.origin, "failed", result.reason))
            return
        assert item is not None  # only failures come without their item
        added = self.runner.store_analysed(result, item)
        if added.status == "duplicate":
            self.summary.duplicates += 1
            self.report(IngestEvent(item.origin, "duplicate", added.reason))
            return
        self.summary.ingested += 1
        self.summary.ids.append(added.id)
        self.unassigned += 1
        if self.unassigned >= self.story_batch:
            self.assign()
        self._recurring.pop(result.site or "", None)  # it learned from this article: look again next time
        self.report(IngestEvent(item.origin, "stored"))

    def known(self, item: SourceItem | None, stored: AddResult) -> None:
        """An item already stored, recognised before analysis."""
        self.summary.duplicates += 1
        self.summary.skipped_known += 1
        self.report(IngestEvent(item.origin if item else "", "duplicate", stored.reason))

    def analyse_and_store(self, entries: Iterable[Entry], executor: AnalysisExecutor | StreamingExecutor) -> None:
        """Keep at most WINDOW analyses in flight and store results in input order."""
        settings = self.runner.settings
        if isinstance(executor, StreamingExecutor):  # e.g. Ray Data: it takes the whole stream
            known: dict[int, AddResult] = {}

            def jobs() -> Iterator[tuple[Entry, tuple | None]]:
                for entry in entries:
                    if isinstance(entry, (SourceFailure, IngestFailure)):
                        yield entry, None
                    elif (found := self.runner.known(entry)) is not None:
                        known[id(entry)] = found  # already stored: recognised without analysis
                        yield entry, None
                    else:
                        yield entry, (entry, settings, self.recurring_for(entry))

            for entry, result in executor.map_in_order(analyse_or_fail, jobs()):
                if isinstance(entry, (SourceFailure, IngestFailure)):
                    self.record(IngestFailure(entry.origin, entry.reason), None)
                elif id(entry) in known:
                    self.known(entry, known.pop(id(entry)))
                elif isinstance(result, BaseException):
                    self.record(IngestFailure(entry.origin, f"analysis failed: {result!r}"), entry)
                else:
                    self.record(result, entry)
            return
        pending: deque[tuple[SourceItem | None, Future | IngestFailure | AddResult]] = deque()

        def drain_one() -> None:
            item, job = pending.popleft()
            if isinstance(job, IngestFailure):
                self.record(job, None)
                return
            if isinstance(job, AddResult):  # already stored: recognised without analysis
                self.known(item, job)
                return
            try:
                result = job.result()
            except Exception as exc:  # a crash in analysis is this item's failure, not the run's
                result = IngestFailure(item.origin if item else "", f"analysis failed: {exc!r}")
            self.record(result, item)

        for entry in entries:
            if isinstance(entry, (SourceFailure, IngestFailure)):
                pending.append((None, IngestFailure(entry.origin, entry.reason)))
            elif (known := self.runner.known(entry)) is not None:
                pending.append((entry, known))
            else:
                pending.append((entry, executor.submit(analyse_or_fail, entry, settings, self.recurring_for(entry))))
            while len(pending) >= WINDOW:
                drain_one()
        while pending:
            drain_one()


class _OnFirstUse:
    """An executor opened when the first item needs analysis: a batch of known records (a
    re-read source) starts no process pool at all."""

    def __init__(self, open_: Callable[[], AnalysisExecutor]) -> None:
        self._open = open_
        self._executor: AnalysisExecutor | None = None

    def submit(self, fn: Callable, /, *args) -> Future:
        if self._executor is None:
            self._executor = self._open()
        return self._executor.submit(fn, *args)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _raw_bytes(item: SourceItem) -> bytes:
    """The input as the store keeps it (and keys known records by)."""
    return item.content.encode("utf-8") if isinstance(item.content, str) else item.content


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def read_sources(
    sources: Sequence[str], *, settings: Settings, store: Store, stdin: BinaryIO | None = None
) -> Iterator[SourceItem | SourceFailure]:
    """Every item of every source (files, folders, feeds, URLs, JSONL, WARC, "-"), a source that
    cannot be read as one failure; HTTP validators are read from and written to `store`."""
    if not sources:
        return
    with Fetcher(settings, validators=store) as fetcher:
        for source in sources:
            try:
                yield from iter_items(source, fetcher=fetcher, stdin=stdin)
            except WirewatchError as exc:
                yield SourceFailure(source, str(exc))


def ingest_items(
    items: Iterable[Entry],
    *,
    store: Store,
    settings: Settings,
    workers: int | None = None,
    deliver: bool = True,
) -> IngestSummary:
    """Carry `items` (SourceItems; SourceFailures are counted) through a new runner over `store`:
    "ingest these items into this store" in one call, for scripts and benchmarks."""
    return Runner(store, settings).run(items, workers=workers, deliver=deliver)


def ingest_sources(
    sources: Sequence[str],
    *,
    store: Store,
    settings: Settings,
    stdin: BinaryIO | None = None,
    on_event: Callable[[IngestEvent], None] | None = None,
    workers: int | None = None,
    runner: Runner | None = None,
    deliver: bool = True,
    story_batch: int = 50,
) -> IngestSummary:
    """Read `sources` and carry every item through a runner (a new one unless given): the
    function behind `wirewatch ingest`, for scripts and benchmarks."""
    runner = runner or Runner(store, settings)
    items = read_sources(sources, settings=settings, store=store, stdin=stdin)
    return runner.run(items, on_event=on_event, workers=workers, deliver=deliver, story_batch=story_batch)
