"""Ingest: sources -> analysis (in a process pool when there is enough work) -> store.

The store is the only writer's concern and lives in this (the main) process; workers only run
the pure analysis stages. One bad item is reported and skipped, never fatal for the rest.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO

from .config import Settings
from .document import SourceItem
from .errors import WirewatchError
from .pipeline import Analysed, analyse_item, site_key
from .runtime.alerting import Alerting
from .runtime.story_stage import StoryStage
from .sources import Fetcher, SourceFailure, iter_items
from .store import AddResult, Store

# Below this many items a process pool costs more (start-up, model loading) than it saves.
POOL_THRESHOLD = 24


@dataclass
class IngestFailure:
    origin: str
    reason: str


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: list[IngestFailure] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # store ids of new articles, in ingest order
    new_stories: int = 0
    copies: int = 0  # near-duplicates of stored articles (kept, but never a new development)
    developments: int = 0
    alerts_queued: int = 0
    alerts_sent: int = 0

    def to_dict(self) -> dict:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "new_stories": self.new_stories,
            "copies": self.copies,
            "developments": self.developments,
            "alerts_queued": self.alerts_queued,
            "alerts_sent": self.alerts_sent,
            "failed": len(self.failed),
            "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failed],
        }


@dataclass
class IngestEvent:
    """Reported after each item, for progress bars."""

    origin: str
    status: str  # "stored" | "duplicate" | "failed"
    detail: str | None = None


def store_analysed(store: Store, analysed: Analysed, item: SourceItem) -> AddResult:
    """Store one analysed article with its raw input; a new one also teaches the store which of
    its lines recur on its site (boilerplate learning)."""
    raw = item.content.encode("utf-8") if isinstance(item.content, str) else item.content
    added = store.add_document(analysed.document, raw=raw, raw_content_type=item.content_type,
                               origin=item.origin)
    if added.status == "stored" and analysed.site and analysed.line_keys:
        store.record_site_lines(analysed.site, analysed.line_keys)
    return added


def _analyse_in_worker(
    item: SourceItem, settings: Settings, recurring: frozenset[str]
) -> Analysed | IngestFailure:
    try:
        return analyse_item(item, settings=settings, recurring_lines=recurring)
    except WirewatchError as exc:
        return IngestFailure(item.origin, str(exc))


class _Immediate:
    """Runs work in this process; the small-batch stand-in for a pool with the same interface."""

    def submit(self, fn: Callable, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered through the future, like a pool would
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        pass


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def ingest(
    sources: Sequence[str],
    *,
    store: Store,
    settings: Settings,
    stdin: BinaryIO | None = None,
    on_event: Callable[[IngestEvent], None] | None = None,
    workers: int | None = None,
    stage: StoryStage | None = None,
    alerting: Alerting | None = None,
    deliver: bool = True,
    story_batch: int = 50,
    fetched: Iterable[SourceItem | SourceFailure] = (),
) -> IngestSummary:
    """Read every source, analyse each item, store it and assign it to a story.

    Stories are assigned every `story_batch` stored articles and at the end, by `stage` (one is
    made when not given; pass the service's long-lived one to avoid reloading the engine). Alerts
    are queued as articles are assigned and, with `deliver`, sent before returning.
    `fetched` are items already read from their sources (the monitor fetches feeds concurrently,
    away from the store); they are processed before `sources`."""
    summary = IngestSummary()
    stage = stage or StoryStage(store)
    alerting = alerting or Alerting(store, settings)
    unassigned = 0

    def assign_stories() -> None:
        nonlocal unassigned
        for update in stage.run(on_assigned=alerting.on_assigned):
            if update.new_story:
                summary.new_stories += 1
            elif update.role == "copy":
                summary.copies += 1
            else:
                summary.developments += 1
        unassigned = 0
    report = on_event or (lambda event: None)
    recurring_cache: dict[str | None, frozenset[str]] = {}

    def recurring_for(item: SourceItem) -> frozenset[str]:
        site = site_key(item)
        if site is None:
            return frozenset()
        if site not in recurring_cache:
            recurring_cache[site] = frozenset(store.recurring_site_lines(site))
        return recurring_cache[site]

    def items() -> Iterator[SourceItem | IngestFailure]:
        for entry in fetched:
            yield IngestFailure(entry.origin, entry.reason) if isinstance(entry, SourceFailure) else entry
        if not sources:
            return
        with Fetcher(settings, validators=store) as fetcher:
            for source in sources:
                try:
                    for item in iter_items(source, fetcher=fetcher, stdin=stdin):
                        if isinstance(item, SourceFailure):
                            yield IngestFailure(item.origin, item.reason)
                        else:
                            yield item
                except WirewatchError as exc:
                    yield IngestFailure(source, str(exc))

    def record(result: Analysed | IngestFailure, item: SourceItem | None) -> None:
        if isinstance(result, IngestFailure):
            summary.failed.append(result)
            report(IngestEvent(result.origin, "failed", result.reason))
            return
        assert item is not None  # only failures come without their item
        added = store_analysed(store, result, item)
        origin = item.origin
        if added.status == "duplicate":
            summary.duplicates += 1
            report(IngestEvent(origin, "duplicate", added.reason))
            return
        nonlocal unassigned
        summary.ingested += 1
        summary.ids.append(added.id)
        unassigned += 1
        if unassigned >= story_batch:
            assign_stories()
        recurring_cache.pop(result.site, None)  # it learned from this article: look again next time
        report(IngestEvent(origin, "stored"))

    stream = items()
    first: list[SourceItem | IngestFailure] = []
    for entry in stream:
        first.append(entry)
        if len(first) >= POOL_THRESHOLD:
            break
    executor: Executor | _Immediate
    if len(first) >= POOL_THRESHOLD and (workers or _default_workers()) > 1:
        executor = ProcessPoolExecutor(max_workers=workers or _default_workers())
    else:
        executor = _Immediate()
    try:
        _run(_chain(first, stream), executor, settings, recurring_for, record, window=64)
    finally:
        executor.shutdown()
        assign_stories()  # also picks up articles an interrupted earlier run stored but never assigned
        stage.save()
    summary.alerts_queued = alerting.queued
    if deliver and alerting.queued:
        report_delivery = alerting.deliver()
        summary.alerts_sent = report_delivery.sent
    return summary


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _run(
    entries: Iterable[SourceItem | IngestFailure],
    executor: Executor | _Immediate,
    settings: Settings,
    recurring_for: Callable[[SourceItem], frozenset[str]],
    record: Callable[[Analysed | IngestFailure, SourceItem | None], None],
    *,
    window: int,
) -> None:
    """Keep at most `window` analyses in flight and store results in input order."""
    pending: deque[tuple[SourceItem | None, Future | IngestFailure]] = deque()

    def drain_one() -> None:
        item, job = pending.popleft()
        if isinstance(job, IngestFailure):
            record(job, None)
            return
        try:
            result = job.result()
        except Exception as exc:  # a crash in analysis is this item's failure, not the run's
            result = IngestFailure(item.origin if item else "", f"analysis failed: {exc!r}")
        record(result, item)

    for entry in entries:
        if isinstance(entry, IngestFailure):
            pending.append((None, entry))
        else:
            pending.append(
                (entry, executor.submit(_analyse_in_worker, entry, settings, recurring_for(entry)))
            )
        while len(pending) >= window:
            drain_one()
    while pending:
        drain_one()
