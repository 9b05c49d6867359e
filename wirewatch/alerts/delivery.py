"""Sending what is due from the outbox: digests first, then every claimed alert, then marking.

See outbox.py for the guarantees (at-least-once, same idempotency key on every attempt, retries
with backoff, `failed` with the last error after the last try). The service calls
`deliver_due` every few seconds; each call handles at most `limit` alerts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..config import Settings
from ..errors import DeliveryError
from .channels import send
from .digest import enqueue_due_digests
from .messages import outgoing
from .outbox import FAILED, SENT, RetryPolicy
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
                rng: random.Random | None = None) -> DeliveryReport:
    """Queue finished digests, then send up to `limit` due alerts and record each outcome."""
    now = now or datetime.now(timezone.utc)
    rng = rng or random.Random()
    report = DeliveryReport()
    report.digests_queued = len(enqueue_due_digests(alert_store, now=now))
    for alert in alert_store.claim_due(now=now, limit=limit, policy=policy, rng=rng):
        report.attempted += 1
        try:
            send(alert.channel, outgoing(alert.payload), timeout=settings.timeout,
                 user_agent=settings.user_agent, allow_private=settings.allow_private_urls)
        except Exception as exc:  # noqa: BLE001 - one broken channel must not stop the others
            error = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
            status = alert_store.mark_failed_attempt(alert, error, now=now, policy=policy, rng=rng)
            report.errors.append(f"alert {alert.id}: {error}")
            if status == FAILED:
                report.failed += 1
            else:
                report.retrying += 1
            continue
        alert_store.mark_sent(alert, now=now)
        assert alert.status == SENT
        report.sent += 1
    return report
