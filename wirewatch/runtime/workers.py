"""Queue workers: articles claimed from the durable work queue, carried through this process's runner.

`wirewatch enqueue` (and, on PostgreSQL, the monitor) put items in the store's `WorkQueue`;
`wirewatch run --workers N` starts N worker threads here. Each claims one item under a lease,
has it analysed (the pure step: in a process pool of N processes when N > 1, so N cores work),
stores it, runs the story stage and completes the item, then delivers due alerts. Any number of
`run` processes on any number of machines can share one PostgreSQL queue:

- claims use `FOR UPDATE SKIP LOCKED` (store/work_queue.py), so no two workers take one item;
- an item whose worker was killed is claimed again once its lease (`queue_lease_seconds`) runs
  out; storing is idempotent (a duplicate is recognised) and the story stage assigns every stored
  article that has no story yet, so a half-done item is finished by whoever claims it next;
- story decisions go through one sequencer, the advisory lock `Store.story_transaction` takes on
  PostgreSQL: one process decides and appends at a time, the others catch up from the log;
- alerts are queued in the story stage's transaction and delivered through the outbox with their
  idempotency keys, so a delivery cut short by a kill is resent with the same key.

On SQLite (one writer per database) a `run` has one worker, and the monitor keeps processing
polled items itself, as it always has; the worker drains what `wirewatch enqueue` queued.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import ConfigError, WirewatchError
from ..pipeline import site_key
from ..store import WorkItem, WorkQueue
from .executors import AnalysisPool
from .runner import IngestFailure, Runner, analyse_or_fail

if TYPE_CHECKING:
    from .monitor import Monitor

log = logging.getLogger("wirewatch.workers")

# After a passing failure (the database went away, the pool broke) an item waits this long.
RETRY_SECONDS = 5.0


def worker_count(settings: Settings, dialect: str, requested: int | None = None) -> int:
    """Workers for one `run`: `requested` or the `workers` setting; 1 on SQLite (one writer).
    ConfigError (one line) for a count below 1 or a bad lease."""
    count = requested if requested is not None else settings.workers
    if count < 1:
        raise ConfigError(f"workers must be 1 or more, not {count}")
    if settings.queue_lease_seconds <= 0 or settings.queue_max_attempts < 1 or settings.queue_poll_seconds <= 0:
        raise ConfigError("queue_lease_seconds and queue_poll_seconds must be above 0, queue_max_attempts at least 1")
    if dialect == "sqlite" and count > 1:
        log.warning("SQLite has one writer: running 1 queue worker, not %d (use PostgreSQL for more)", count)
        return 1
    return count


class QueueWorkers:
    """`count` workers over one runner and the store's work queue."""

    def __init__(self, runner: Runner, queue: WorkQueue, settings: Settings, *, count: int) -> None:
        self.runner = runner
        self.queue = queue
        self.settings = settings
        self.count = count
        # One process per worker when there are several (so N cores work), else this thread.
        self._analysis = AnalysisPool(count if count > 1 else 0)
        self._name = f"{socket.gethostname()}:{os.getpid()}"

    # --- one item -------------------------------------------------------------------------------

    def process(self, work: WorkItem) -> str:
        """Carry one claimed item through the runner; "stored", "duplicate", "failed" or "retry"."""
        item, runner = work.item, self.runner
        try:
            result = self._analysis.call(analyse_or_fail, item, self.settings,
                                         runner.recurring_lines(site_key(item)), attempts=1)
        except BrokenProcessPool:  # the pool is replaced; the item waits and is claimed again
            return self._retry(work, "an analysis process died")
        except WirewatchError as exc:  # the store failed while reading boilerplate lines
            return self._retry(work, str(exc))
        except Exception as exc:  # a crash in analysis is this item's failure, not the worker's
            result = IngestFailure(item.origin, f"analysis failed: {exc!r}")
        if isinstance(result, IngestFailure):
            self.queue.fail(work.id, result.reason)
            log.warning("queued item %s failed: %s", item.origin, result.reason)
            return "failed"
        try:
            added = runner.store_analysed(result, item)
            # Also when it is a duplicate: a worker killed after storing left it without a story.
            runner.assign_stories()
            self.queue.complete(work.id)
        except WirewatchError as exc:
            return self._retry(work, str(exc))
        return added.status

    def _retry(self, work: WorkItem, error: str) -> str:
        log.warning("queued item %s will be retried: %s", work.item.origin, error)
        try:
            self.queue.release(work.id, error=error, retry_in=RETRY_SECONDS)
        except WirewatchError:
            pass  # the lease runs out by itself
        return "retry"

    def _claim(self, worker: str) -> WorkItem | None:
        claimed = self.queue.claim(worker, lease=self.settings.queue_lease_seconds,
                                   max_attempts=self.settings.queue_max_attempts)
        return claimed[0] if claimed else None

    # --- running ------------------------------------------------------------------------------

    def drain(self) -> dict[str, int]:
        """Process claimable items in this thread until none is left (`run --once`); counts by
        outcome. Their alerts are queued, for the caller to deliver."""
        counts: dict[str, int] = {}
        while (work := self._claim(f"{self._name}:once")) is not None:
            outcome = self.process(work)
            counts[outcome] = counts.get(outcome, 0) + 1
        return counts

    def _loop(self, index: int, stop: threading.Event) -> None:
        worker = f"{self._name}:{index}"
        while not stop.is_set():
            try:
                work = self._claim(worker)
                if work is None:
                    stop.wait(self.settings.queue_poll_seconds)
                    continue
                queued = self.runner.alerting.queued
                self.process(work)
                if self.runner.alerting.queued != queued:  # its alerts go out now, not at the next tick
                    self.runner.deliver()  # (retries and digests: the monitor's tick delivers them)
            except Exception:  # a broken pass must not end the worker; the next one retries
                log.exception("queue worker %s failed", worker)
                stop.wait(RETRY_SECONDS)

    def start(self, stop: threading.Event) -> list[threading.Thread]:
        """Start the workers as daemon threads; they finish their item and end once `stop` is set."""
        threads = [threading.Thread(target=self._loop, args=(index, stop), name=f"wirewatch-worker-{index}",
                                    daemon=True) for index in range(self.count)]
        for thread in threads:
            thread.start()
        return threads

    def close(self) -> None:
        self._analysis.shutdown()


def run_service(monitor: "Monitor", workers: QueueWorkers, stop: threading.Event, *,
                join_seconds: float = 30.0) -> None:
    """`wirewatch run`: the queue workers in threads, the monitor in this one, until `stop` is set
    (or Ctrl+C); the workers finish the item in hand before the process ends."""
    threads = workers.start(stop)
    try:
        monitor.run_forever(stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        for thread in threads:
            thread.join(join_seconds)
        workers.close()
