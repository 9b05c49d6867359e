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

from ..store import AlertMatch, DigestBatch
from ..store import AlertStore
from .messages import digest_payload
from .outbox import Alert, NewAlert
from .subscriptions import Subscription

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


def digest_batches(subscription: Subscription, matches: list[AlertMatch]) -> list[DigestBatch]:
    """One digest per period among `matches` (oldest first), one message per channel (pure)."""
    period = subscription.digest
    assert period in PERIODS
    groups: dict[datetime, list[AlertMatch]] = {}
    for match in matches:
        groups.setdefault(period_start(period, match.created_at), []).append(match)
    batches = []
    for start, members in groups.items():
        key = digest_key(subscription.id, period, start)
        payload = digest_payload(subscription, [match.payload for match in members], key=key,
                                 period=period, start=start, end=start + PERIODS[period])
        batches.append(DigestBatch(
            key=key, match_ids=tuple(match.id for match in members),
            messages=tuple(NewAlert(key=key, kind="digest", subscription_id=subscription.id,
                                    channel=channel, payload=payload)
                           for channel in subscription.notify),
        ))
    return batches


def enqueue_due_digests(alert_store: AlertStore, *, now: datetime) -> list[Alert]:
    """Queue a digest for every finished period that has undigested matches; return the new rows."""
    created: list[Alert] = []
    for subscription in alert_store.subscriptions(include_paused=False):
        if subscription.digest not in PERIODS:
            continue
        created += alert_store.queue_digests(
            subscription, before=period_start(subscription.digest, now), now=now,
            plan=lambda matches, subscription=subscription: digest_batches(subscription, matches),
        )
    return created
