"""Sending what is due from the outbox: digests first, then every claimed alert, then marking.

See outbox.py for the guarantees (at-least-once, same idempotency key on every attempt, retries
with backoff, `failed` with the last error after the last try). The service calls
`deliver_due` every few seconds; each call handles at most `limit` alerts.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger("wirewatch.delivery")


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
    receiver holds one thread, never the alerts behind it."""

    def __init__(self, threads: int) -> None:
        self.threads = max(1, threads)
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="wirewatch-send")
        self._lock = threading.Lock()
        self._busy = 0

    def free(self) -> int:
        with self._lock:
            return self.threads - self._busy

    def submit(self, fn: Callable[[], None], on_done: Callable[[], None] | None = None) -> Future:
        with self._lock:
            self._busy += 1

        def run() -> None:
            try:
                fn()
            finally:
                with self._lock:
                    self._busy -= 1
                if on_done is not None:
                    on_done()

        return self._pool.submit(run)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def deliver_due(alert_store: AlertStore, *, settings: Settings, now: datetime | None = None,
                limit: int = 100, policy: RetryPolicy = RetryPolicy(),
                rng: random.Random | None = None, senders: Senders | None = None,
                digests: bool = True, wait: bool = True,
                on_done: Callable[[], None] | None = None) -> DeliveryReport:
    """Queue finished digests (unless `digests` is False: the caller knows none is due), then send
    up to `limit` due alerts and record each outcome.

    With `senders` the claimed alerts (no more than it has free threads) are sent at once, one
    thread each; without `wait` this returns once they are handed over (the report then counts
    them as attempted; `on_done` is called after each send). Each alert is claimed once, under its
    lease, committed before sending, so no key is sent twice however many threads send."""
    now = now or datetime.now(timezone.utc)
    rng = rng or random.Random()
    report = DeliveryReport()
    if digests:
        report.digests_queued = len(enqueue_due_digests(alert_store, now=now))
    if senders is not None:
        limit = min(limit, senders.free())
        if limit <= 0:
            return report
    claimed = alert_store.claim_due(now=now, limit=limit, policy=policy, rng=rng)
    report_lock = threading.Lock()

    def send_one(alert: Alert) -> None:
        try:
            send(alert.channel, outgoing(alert.payload), timeout=settings.timeout,
                 user_agent=settings.user_agent, allow_private=settings.allow_private_urls)
        except Exception as exc:  # noqa: BLE001 - one broken channel must not stop the others
            error = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
            status = alert_store.mark_failed_attempt(alert, error, now=now, policy=policy, rng=rng)
            with report_lock:
                report.errors.append(f"alert {alert.id}: {error}")
                if status == FAILED:
                    report.failed += 1
                else:
                    report.retrying += 1
            return
        alert_store.mark_sent(alert, now=now)
        assert alert.status == SENT
        with report_lock:
            report.sent += 1

    report.attempted = len(claimed)
    if senders is None:
        for alert in claimed:
            send_one(alert)
        return report
    futures = [senders.submit(lambda alert=alert: _logged(send_one, alert), on_done) for alert in claimed]
    if wait:
        wait_all(futures)
    return report


def _logged(send_one: Callable[[Alert], None], alert: Alert) -> None:
    """A send in a sender thread: what escapes it (the store failed while recording the outcome)
    is logged; the alert's lease runs out and it is sent again with the same key."""
    try:
        send_one(alert)
    except Exception:  # noqa: BLE001 - no caller to raise to
        log.exception("recording the outcome of alert %s failed", alert.id)
