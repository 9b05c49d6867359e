"""Sending what is due from the outbox: digests first, then every claimed alert, then marking.

See outbox.py for the guarantees (at-least-once, same idempotency key on every attempt, retries
with backoff, `failed` with the last error after the last try). The service calls
`deliver_due` every few seconds; each call handles at most `limit` alerts.
"""

from __future__ import annotations

import random
import threading
from concurrent.futures import Executor, wait
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


def deliver_due(alert_store: AlertStore, *, settings: Settings, now: datetime | None = None,
                limit: int = 100, policy: RetryPolicy = RetryPolicy(),
                rng: random.Random | None = None, senders: Executor | None = None,
                digests: bool = True) -> DeliveryReport:
    """Queue finished digests (unless `digests` is False: the caller knows none is due), then send
    up to `limit` due alerts and record each outcome.

    With `senders` (a thread pool) the claimed alerts are sent at once, each by one thread: a slow
    receiver holds only its own alerts. Each alert is claimed once (under its lease, committed
    before sending), so no key is sent twice however many threads send."""
    now = now or datetime.now(timezone.utc)
    rng = rng or random.Random()
    report = DeliveryReport()
    if digests:
        report.digests_queued = len(enqueue_due_digests(alert_store, now=now))
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
                report.attempted += 1
                report.errors.append(f"alert {alert.id}: {error}")
                if status == FAILED:
                    report.failed += 1
                else:
                    report.retrying += 1
            return
        alert_store.mark_sent(alert, now=now)
        assert alert.status == SENT
        with report_lock:
            report.attempted += 1
            report.sent += 1

    if senders is None or len(claimed) < 2:
        for alert in claimed:
            send_one(alert)
    else:
        futures = [senders.submit(send_one, alert) for alert in claimed]
        wait(futures)
        for future in futures:
            future.result()  # marking failed (the store went away): raised as without senders
    return report
