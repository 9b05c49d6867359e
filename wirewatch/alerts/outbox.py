"""The durable outbox: alerts wait in the store until a channel has accepted them.

Delivery is at-least-once with idempotency keys. Due rows are claimed with a lease
(`next_attempt_at` moved to when a retry would be due), committed before anything is sent, so
two deliverers never send one row at once. An attempt is counted when its outcome is known: the
channel accepted the alert (`sent`) or answered with an error (a failed try). A process killed
after claiming or in the middle of a send has used up no try, so crashes alone never exhaust a
channel's retries; the row becomes due again when the lease runs out and is sent once more with
the SAME key, which the webhook carries in its body and its `Idempotency-Key` header: a receiver
that remembers keys sees the alert exactly once. Nothing is lost (the row stays until a channel
accepts it or the retries are used up) and the outbox never holds two rows for one (key,
channel). The price: a send that kills its process every time is retried at the lease interval
until an operator removes it, since no outcome is ever recorded for it.

Retries back off exponentially with jitter: the n-th retry waits `min(max_delay, base_delay *
2**(n-1))`, shortened by a random share up to `jitter` (so many failed alerts do not all retry
in the same second); with the defaults the first retry comes 10-20 s after the failure.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from ..errors import InputError
from .channels import redact
from .tables import alerts

PENDING = "pending"
RETRYING = "retrying"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, RETRYING, SENT, FAILED)
MAX_ERROR_LENGTH = 1000


def alert_key(subscription_id: int, story_id: str | None, development_id: int | str) -> str:
    """The idempotency key of one (subscription, story, development): the same on every run."""
    material = f"wirewatch-alert\0{subscription_id}\0{story_id or ''}\0{development_id}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8  # then the alert is `failed` with the last error
    base_delay: float = 20.0  # seconds before the first retry (before jitter)
    max_delay: float = 3600.0
    jitter: float = 0.5  # up to this share of each delay is taken off at random

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.base_delay <= 0 or self.max_delay < self.base_delay:
            raise InputError("retry policy needs max_attempts >= 1 and 0 < base_delay <= max_delay")
        if not 0 <= self.jitter < 1:
            raise InputError("retry jitter must be between 0 and 1")

    def delay(self, attempts: int, rng: random.Random) -> float:
        """Seconds to wait after the `attempts`-th attempt failed."""
        full = min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1))
        return full * (1 - self.jitter * rng.random())


@dataclass
class Alert:
    """One row of the outbox: one message for one channel."""

    id: int
    key: str
    kind: str  # "alert" | "digest"
    subscription_id: int
    story_id: str | None
    article_id: int | None
    development_id: int | None
    channel: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    payload: dict[str, Any]

    @classmethod
    def from_row(cls, row: Any) -> "Alert":
        return cls(**{name: row._mapping[name] for name in cls.__dataclass_fields__})

    def to_dict(self) -> dict[str, Any]:
        """For listings (`wirewatch alerts --format json`, the API): secrets left out of the channel."""
        return {
            "id": self.id, "key": self.key, "kind": self.kind,
            "subscription": self.subscription_id, "story": self.story_id,
            "article": self.article_id, "channel": redact(self.channel), "status": self.status,
            "attempts": self.attempts, "last_error": self.last_error,
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


@dataclass(frozen=True)
class NewAlert:
    key: str
    kind: str
    subscription_id: int
    channel: str
    payload: dict[str, Any]
    story_id: str | None = None
    article_id: int | None = None
    development_id: int | None = None


class Outbox:
    """The outbox operations over the `alerts` table."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        insert = sqlite.insert if self._dialect == "sqlite" else postgresql.insert
        self._insert = (
            insert(alerts)
            .on_conflict_do_nothing(index_elements=["key", "channel"])
            .returning(*alerts.c)
        )

    def enqueue(self, conn: Connection, items: list[NewAlert], *, now: datetime) -> list[Alert]:
        """Queue each message unless its (key, channel) is already queued; return the new rows."""
        created = []
        for item in items:
            values = {
                "key": item.key, "kind": item.kind, "subscription_id": item.subscription_id,
                "story_id": item.story_id, "article_id": item.article_id,
                "development_id": item.development_id, "channel": item.channel,
                "status": PENDING, "attempts": 0, "next_attempt_at": now, "last_error": None,
                "created_at": now, "sent_at": None, "payload": item.payload,
            }
            row = conn.execute(self._insert, values).first()
            if row is not None:
                created.append(Alert.from_row(row))
        return created

    def claim_due(self, *, now: datetime, limit: int, policy: RetryPolicy,
                  rng: random.Random) -> list[Alert]:
        """Claim up to `limit` due rows for sending under a lease (see module doc).

        Rows that already used every try (rows from before tries were counted by outcome) are
        marked failed instead.
        """
        due = (
            select(alerts)
            .where(alerts.c.status.in_((PENDING, RETRYING)), alerts.c.next_attempt_at <= now)
            .order_by(alerts.c.next_attempt_at, alerts.c.id)
            .limit(limit)
        )
        claimed: list[Alert] = []
        with self._engine.begin() as conn:
            if self._dialect == "sqlite":
                # Take the write lock first: a read-then-write transaction in WAL mode could not
                # upgrade once another deliverer has written, and would fail instead of waiting.
                conn.exec_driver_sql("UPDATE alerts SET id = id WHERE 0")
            else:
                due = due.with_for_update(skip_locked=True)  # parallel deliverers split the rows
            for row in conn.execute(due).all():
                alert = Alert.from_row(row)
                if alert.attempts >= policy.max_attempts:
                    error = alert.last_error or "the last attempt was interrupted"
                    conn.execute(update(alerts).where(alerts.c.id == alert.id).values(
                        status=FAILED, last_error=error[:MAX_ERROR_LENGTH]))
                    continue
                lease = timedelta(seconds=policy.delay(alert.attempts + 1, rng))
                result = conn.execute(
                    update(alerts)
                    .where(alerts.c.id == alert.id, alerts.c.attempts == alert.attempts)
                    .values(next_attempt_at=now + lease)
                )
                if result.rowcount == 1:
                    alert.next_attempt_at = now + lease
                    claimed.append(alert)
        return claimed

    def mark_sent(self, alert: Alert, *, now: datetime) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(alerts).where(alerts.c.id == alert.id).values(
                status=SENT, sent_at=now, last_error=None, attempts=alert.attempts + 1))
        alert.status, alert.sent_at, alert.last_error = SENT, now, None
        alert.attempts += 1

    def mark_failed_attempt(self, alert: Alert, error: str, *, now: datetime, policy: RetryPolicy,
                            rng: random.Random) -> str:
        """Record a failed send: `retrying` with the next time, or `failed` when out of tries."""
        error = (error or "unknown error")[:MAX_ERROR_LENGTH]
        attempts = alert.attempts + 1  # this failed send counts: its outcome is known
        if attempts >= policy.max_attempts:
            values: dict[str, Any] = {"status": FAILED, "last_error": error, "attempts": attempts}
        else:
            retry_at = now + timedelta(seconds=policy.delay(attempts, rng))
            values = {"status": RETRYING, "last_error": error, "next_attempt_at": retry_at,
                      "attempts": attempts}
        with self._engine.begin() as conn:
            conn.execute(update(alerts).where(alerts.c.id == alert.id).values(**values))
        for name, value in values.items():
            setattr(alert, name, value)
        return alert.status
