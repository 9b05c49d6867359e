"""Sending what is due from the outbox: digests first, then every claimed alert, then marking.

See outbox.py for the guarantees (at-least-once, same idempotency key on every attempt, retries
with backoff, `failed` with the last error after the last try). The service calls
`deliver_due` every few seconds; each call handles at most `limit` alerts.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..config import Settings
from ..errors import DeliveryError
from .channels import send
from .digest import enqueue_due_digests
from .messages import outgoing
from .outbox import FAILED, SENT, Alert, RetryPolicy
from ..store import AlertStore


@dataclass
class DeliveryReport:
    attempted: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    digests_queued: int = 0
    errors: list[str] = field(default_factory=list)  # one line per failed attempt


class Senders:
    """A bounded pool of sender threads for a service: at most `threads` alerts in flight and none
    waiting in a queue, so a claimed alert's lease is spent on its own send only, and a slow
    receiver holds one thread, never the alerts behind it. A sender only sends: its outcome is
    kept here until the deliverer records a batch of them in one transaction, so a sender never
    waits for the store's write lock (behind the articles being stored) before it takes the next."""

    def __init__(self, threads: int) -> None:
        self.threads = max(1, threads)
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="wirewatch-send")
        self._lock = threading.Lock()
        self._busy = 0
        self._outcomes: list[tuple[Alert, str | None, datetime]] = []

    def start(self) -> None:
        """Start every sender thread now (the pool starts one per send otherwise, as the first
        alerts wait): a service's warm start."""
        barrier = threading.Barrier(self.threads + 1)
        for _ in range(self.threads):  # each holds its thread until all are up, so none is reused
            self._pool.submit(barrier.wait, 5.0)
        try:
            barrier.wait(5.0)
        except threading.BrokenBarrierError:  # a machine too busy to start them: the sends start the rest
            pass

    def reserve(self, wanted: int) -> int:
        """Take up to `wanted` free threads (for alerts about to be claimed); `release` what
        the claim did not use. Deliverers in several threads never hand over more than fits."""
        with self._lock:
            granted = max(0, min(wanted, self.threads - self._busy))
            self._busy += granted
            return granted

    def release(self, unused: int) -> None:
        with self._lock:
            self._busy -= unused

    def send(self, alert: Alert, settings: Settings, on_done: Callable[[], None] | None = None) -> Future:
        """Send `alert` in a reserved sender thread; its outcome waits in `take_outcomes`."""

        def run() -> None:
            error = _attempt(alert, settings)
            with self._lock:
                self._outcomes.append((alert, error, datetime.now(timezone.utc)))
                self._busy -= 1
            if on_done is not None:
                on_done()

        return self._pool.submit(run)

    def take_outcomes(self) -> list[tuple[Alert, str | None, datetime]]:
        with self._lock:
            taken, self._outcomes = self._outcomes, []
        return taken

    def shutdown(self) -> None:
        """Wait for the sends in flight (their outcomes stay for `take_outcomes`)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _attempt(alert: Alert, settings: Settings) -> str | None:
    """Send one claimed alert: None when its channel accepted it, else the error (one line)."""
    try:
        send(alert.channel, outgoing(alert.payload), timeout=settings.timeout,
             user_agent=settings.user_agent, allow_private=settings.allow_private_urls)
    except Exception as exc:  # noqa: BLE001 - one broken channel must not stop the others
        return str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
    return None


def record_outcomes(alert_store: AlertStore, outcomes: list[tuple[Alert, str | None, datetime]],
                    report: DeliveryReport, *, policy: RetryPolicy, rng: random.Random) -> None:
    """Record finished sends in one transaction and count them in `report`."""
    if not outcomes:
        return
    statuses = alert_store.record_outcomes(outcomes, policy=policy, rng=rng)
    for (alert, error, _), status in zip(outcomes, statuses):
        _count(report, alert, error, status)


def _count(report: DeliveryReport, alert: Alert, error: str | None, status: str) -> None:
    """One recorded send in the report: sent, or an error that is retrying or failed."""
    if error is None:
        report.sent += 1
        return
    report.errors.append(f"alert {alert.id}: {error}")
    if status == FAILED:
        report.failed += 1
    else:
        report.retrying += 1


def deliver_due(alert_store: AlertStore, *, settings: Settings, now: datetime | None = None,
                limit: int = 100, policy: RetryPolicy = RetryPolicy(),
                rng: random.Random | None = None, senders: Senders | None = None,
                digests: bool = True, wait: bool = True, record: bool = True,
                on_done: Callable[[], None] | None = None) -> DeliveryReport:
    """Queue finished digests (unless `digests` is False: the caller knows none is due), then send
    up to `limit` due alerts and record each outcome.

    With `senders` the claimed alerts (no more than it has free threads) are sent at once, one
    thread each, and their outcomes recorded together (those of earlier calls' sends first);
    without `wait` this returns once they are handed over (`on_done` is called after each send,
    and the next call with `record` records them). Each alert is claimed once, under its lease, committed before
    sending, so no key is sent twice however many threads send."""
    now = now or datetime.now(timezone.utc)
    rng = rng or random.Random()
    report = DeliveryReport()
    if senders is not None and record:
        record_outcomes(alert_store, senders.take_outcomes(), report, policy=policy, rng=rng)
    if digests:
        report.digests_queued = len(enqueue_due_digests(alert_store, now=now))
    if senders is not None:
        limit = senders.reserve(limit)
        if limit <= 0:
            return report
    try:
        claimed = alert_store.claim_due(now=now, limit=limit, policy=policy, rng=rng)
    except BaseException:
        if senders is not None:
            senders.release(limit)
        raise
    if senders is not None:
        senders.release(limit - len(claimed))
    report.attempted = len(claimed)
    if senders is None:
        for alert in claimed:  # each outcome recorded as it comes: a crash loses none already sent
            error = _attempt(alert, settings)
            if error is None:
                alert_store.mark_sent(alert, now=now)
                assert alert.status == SENT
                status = SENT
            else:
                status = alert_store.mark_failed_attempt(alert, error, now=now, policy=policy, rng=rng)
            _count(report, alert, error, status)
        return report
    futures = [senders.send(alert, settings, on_done) for alert in claimed]
    if wait:
        wait_all(futures)
        record_outcomes(alert_store, senders.take_outcomes(), report, policy=policy, rng=rng)
    return report
