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

Functions over a connection; `AlertStore` (alert_store.py) owns the transactions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from ..errors import InputError
from .alert_records import FAILED, PENDING, RETRYING, SENT, Alert, NewAlert
from .alert_tables import alerts
from .dialect import InsertConstruct

MAX_ERROR_LENGTH = 1000


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


def _alert(row: Any) -> Alert:
    return Alert(**{name: row._mapping[name] for name in Alert.__dataclass_fields__})


def enqueue_statement(insert: InsertConstruct) -> Any:
    """Built once per store: INSERT of messages that skips a (key, channel) already queued, returning
    the rows it queued (several rows in one statement)."""
    return (insert(alerts).on_conflict_do_nothing(index_elements=["key", "channel"])
            .returning(*alerts.c))


def enqueue(conn: Connection, statement: Any, items: list[NewAlert], now: datetime) -> list[Alert]:
    """Queue each message unless its (key, channel) is already queued, in one statement; return
    the new rows in the order of `items`."""
    if not items:
        return []
    rows = [{
        "key": item.key, "kind": item.kind, "subscription_id": item.subscription_id,
        "story_id": item.story_id, "article_id": item.article_id,
        "development_id": item.development_id, "channel": item.channel,
        "status": PENDING, "attempts": 0, "next_attempt_at": now, "last_error": None,
        "created_at": now, "sent_at": None, "payload": item.payload,
    } for item in items]
    return sorted((_alert(row) for row in conn.execute(statement, rows)), key=lambda alert: alert.id)


def claim_due(conn: Connection, dialect: str, *, now: datetime, limit: int, policy: RetryPolicy,
              rng: random.Random) -> list[Alert]:
    """Claim up to `limit` due rows for sending under a lease (see module doc); `conn` is in a
    transaction that commits the claims before anything is sent.

    Rows that already used every try (rows from before tries were counted by outcome) are
    marked failed instead.
    """
    due = (
        select(alerts)
        .where(alerts.c.status.in_((PENDING, RETRYING)), alerts.c.next_attempt_at <= now)
        .order_by(alerts.c.next_attempt_at, alerts.c.id)
        .limit(limit)
    )
    if dialect == "sqlite":
        # Take the write lock first: a read-then-write transaction in WAL mode could not
        # upgrade once another deliverer has written, and would fail instead of waiting.
        conn.exec_driver_sql("UPDATE alerts SET id = id WHERE 0")
    else:
        due = due.with_for_update(skip_locked=True)  # parallel deliverers split the rows
    claimed: list[Alert] = []
    for row in conn.execute(due).all():
        alert = _alert(row)
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


def mark_sent(conn: Connection, alert: Alert, now: datetime) -> None:
    conn.execute(update(alerts).where(alerts.c.id == alert.id).values(
        status=SENT, sent_at=now, last_error=None, attempts=alert.attempts + 1))
    alert.status, alert.sent_at, alert.last_error = SENT, now, None
    alert.attempts += 1


def mark_failed_attempt(conn: Connection, alert: Alert, error: str, *, now: datetime,
                        policy: RetryPolicy, rng: random.Random) -> str:
    """Record a failed send: `retrying` with the next time, or `failed` when out of tries."""
    error = (error or "unknown error")[:MAX_ERROR_LENGTH]
    attempts = alert.attempts + 1  # this failed send counts: its outcome is known
    if attempts >= policy.max_attempts:
        values: dict[str, Any] = {"status": FAILED, "last_error": error, "attempts": attempts}
    else:
        retry_at = now + timedelta(seconds=policy.delay(attempts, rng))
        values = {"status": RETRYING, "last_error": error, "next_attempt_at": retry_at,
                  "attempts": attempts}
    conn.execute(update(alerts).where(alerts.c.id == alert.id).values(**values))
    for name, value in values.items():
        setattr(alert, name, value)
    return alert.status


def list_alerts(conn: Connection, *, subscription_id: int | None, status: str | None, limit: int,
                offset: int) -> list[Alert]:
    stmt = select(alerts).order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
    if subscription_id is not None:
        stmt = stmt.where(alerts.c.subscription_id == subscription_id)
    if status is not None:
        stmt = stmt.where(alerts.c.status == status)
    return [_alert(row) for row in conn.execute(stmt.limit(limit).offset(offset))]


def count_alerts(conn: Connection, *, subscription_id: int | None, status: str | None) -> int:
    """How many rows `list_alerts` pages through with the same filters."""
    stmt = select(func.count()).select_from(alerts)
    if subscription_id is not None:
        stmt = stmt.where(alerts.c.subscription_id == subscription_id)
    if status is not None:
        stmt = stmt.where(alerts.c.status == status)
    return int(conn.execute(stmt).scalar_one())


def get_alert(conn: Connection, alert_id: int) -> Alert | None:
    row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    return _alert(row) if row is not None else None
