"""What the subscription pages and API do beyond the AlertStore's own methods: preview rows and
the test message.

A test message goes through the real outbox (so it appears in the alert log with its delivery
status and error) and is sent at once by the app's runner, which delivers whatever is due.
Its payload has the alert shape (so every channel can format it) with `"type": "test"`, and a
fresh idempotency key each time (a second test is a second message, not a duplicate).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timezone
from typing import Any

from ..alerts import Alert, AlertStore, PreviewHit, Subscription
from ..alerts.messages import ALERT_SCHEMA
from ..alerts.outbox import NewAlert
from .templating import path_segment

TEST_KIND = "test"


def preview_item(hit: PreviewHit) -> dict[str, Any]:
    """One preview hit as JSON: what matched, where it lives here, and why it matched."""
    segment = path_segment(hit.public_id)
    return {
        "id": hit.public_id, "title": hit.title, "url": hit.url, "source": hit.source,
        "published": hit.published.isoformat() if hit.published else None,
        "story_id": hit.story_id, "story_title": hit.story_title, "role": hit.role,
        "reason": hit.reason.to_dict(),
        "statements": [{"speaker": speaker, "text": text} for speaker, text in hit.statements],
        "links": {"self": f"/api/documents/{segment}", "html": f"/articles/{segment}",
                  "story": f"/stories/{path_segment(hit.story_id)}" if hit.story_id else None},
    }


def reason_line(hit: PreviewHit) -> str:
    """'entities Keir Starmer; words ceasefire': why a preview row matched, for people."""
    parts = []
    if hit.reason.entities:
        parts.append("entities " + ", ".join(hit.reason.entities))
    if hit.reason.speakers:
        parts.append("quotes by " + ", ".join(hit.reason.speakers))
    if hit.reason.terms:
        parts.append("words " + ", ".join(hit.reason.terms))
    return "; ".join(parts) or "the filters"


def _test_payload(subscription: Subscription, *, key: str, now: datetime) -> dict[str, Any]:
    return {
        "schema": ALERT_SCHEMA,
        "type": TEST_KIND,
        "key": key,
        "created_at": now.isoformat(),
        "subscription": {"id": subscription.id, "name": subscription.name, "query": subscription.query},
        "story": {"id": None, "title": "wirewatch test message"},
        "role": None,
        "article": {"id": None, "title": f"Test: this channel will receive the alerts of “{subscription.label}”",
                    "source": "wirewatch", "url": None, "published": None},
        "reason": {"terms": [], "entities": [], "speakers": []},
        "quote": None,
    }


def send_test(alert_store: AlertStore, runner: Any, subscription: Subscription) -> list[Alert]:
    """Queue one test message per channel, deliver what is due now, and return those rows as they
    stand afterwards (sent, or retrying/failed with the channel's error). [] without channels."""
    if not subscription.notify:
        return []
    now = datetime.now(timezone.utc)
    key = hashlib.sha256(f"wirewatch-test\0{subscription.id}\0{secrets.token_hex(16)}".encode()).hexdigest()
    payload = _test_payload(subscription, key=key, now=now)
    queued = alert_store.enqueue([
        NewAlert(key=key, kind=TEST_KIND, subscription_id=subscription.id, channel=channel, payload=payload)
        for channel in subscription.notify
    ], now=now)
    runner.deliver()
    return [found for found in (alert_store.get_alert(a.id) for a in queued) if found is not None]
