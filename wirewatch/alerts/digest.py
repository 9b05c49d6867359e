"""Digests: a subscription with `--digest hourly|daily` gets one message per period.

Its matches are recorded as they happen (alert_matches, so the Atom feed is immediate) but not
queued; once a period (a UTC hour or day) is over, its matches become one digest message per
channel, grouped by story. The digest's key is derived from (subscription, period), and the
matches are marked with it in the same transaction, so a digest is built once however often this
runs.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from .messages import digest_payload
from .outbox import Alert, NewAlert
from .store import AlertStore
from .tables import alert_matches

PERIODS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1)}


def period_start(period: str, moment: datetime) -> datetime:
    """The start of the UTC hour or day containing `moment`."""
    moment = moment.astimezone(timezone.utc)
    if period == "hourly":
        return moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def digest_key(subscription_id: int, period: str, start: datetime) -> str:
    material = f"wirewatch-digest\0{subscription_id}\0{period}\0{start.isoformat()}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def enqueue_due_digests(alert_store: AlertStore, *, now: datetime) -> list[Alert]:
    """Queue a digest for every finished period that has undigested matches; return the new rows."""
    created: list[Alert] = []
    for subscription in alert_store.subscriptions(include_paused=False):
        if subscription.digest not in PERIODS:
            continue
        current = period_start(subscription.digest, now)
        with alert_store.engine.begin() as conn:
            rows = conn.execute(
                select(alert_matches)
                .where(alert_matches.c.subscription_id == subscription.id,
                       alert_matches.c.digest_key.is_(None),
                       alert_matches.c.created_at < current)
                .order_by(alert_matches.c.created_at, alert_matches.c.id)
            ).all()
            groups: dict[datetime, list] = {}
            for row in rows:
                groups.setdefault(period_start(subscription.digest, row.created_at), []).append(row)
            for start, members in groups.items():
                key = digest_key(subscription.id, subscription.digest, start)
                payload = digest_payload(
                    subscription, [row.payload for row in members], key=key,
                    period=subscription.digest, start=start, end=start + PERIODS[subscription.digest],
                )
                conn.execute(update(alert_matches)
                             .where(alert_matches.c.id.in_([row.id for row in members]))
                             .values(digest_key=key))
                created += alert_store.enqueue([
                    NewAlert(key=key, kind="digest", subscription_id=subscription.id,
                             channel=channel, payload=payload)
                    for channel in subscription.notify
                ], now=now, conn=conn)
    return created
