"""Outbox helpers on alerting's side: the idempotency key of an alert and its listing form.

The outbox itself (queueing, claiming under a lease, retries with backoff) is in
`wirewatch/store/outbox.py`; its records and `RetryPolicy` are re-exported here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..store import FAILED, PENDING, RETRYING, SENT, STATUSES, Alert, NewAlert
from ..store import MAX_ERROR_LENGTH, RetryPolicy
from .channels import redact

__all__ = [
    "FAILED", "MAX_ERROR_LENGTH", "PENDING", "RETRYING", "SENT", "STATUSES", "Alert", "NewAlert",
    "RetryPolicy", "alert_dict", "alert_key",
]


def alert_key(subscription_id: int, story_id: str | None, development_id: int | str) -> str:
    """The idempotency key of one (subscription, story, development): the same on every run."""
    material = f"wirewatch-alert\0{subscription_id}\0{story_id or ''}\0{development_id}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def alert_dict(alert: Alert) -> dict[str, Any]:
    """For listings (`wirewatch alerts --format json`, the API): secrets left out of the channel."""
    return {
        "id": alert.id, "key": alert.key, "kind": alert.kind,
        "subscription": alert.subscription_id, "story": alert.story_id,
        "article": alert.article_id, "channel": redact(alert.channel), "status": alert.status,
        "attempts": alert.attempts, "last_error": alert.last_error,
        "next_attempt_at": alert.next_attempt_at.isoformat() if alert.next_attempt_at else None,
        "created_at": alert.created_at.isoformat() if alert.created_at else None,
        "sent_at": alert.sent_at.isoformat() if alert.sent_at else None,
    }
