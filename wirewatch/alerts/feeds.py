"""The Atom feed of a subscription: its alerts as entries, for feed readers (the built-in channel).

The web app serves it at /feeds/subscriptions/ID.atom. Each entry's id is the alert's
idempotency key, so a reader never shows one development twice. Written with `wirewatch.atom`,
which escapes everything and drops characters XML cannot carry, so article titles can neither
inject markup nor make the feed ill-formed.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..atom import add, atom_date, new_feed, serialize
from ..store import AlertMatch
from .messages import alert_text
from .subscriptions import Subscription


def subscription_feed(subscription: Subscription, matches: list[AlertMatch], *,
                      feed_url: str | None = None, now: datetime | None = None) -> bytes:
    """Atom XML (UTF-8 bytes) for `matches` (newest first, as AlertStore.matches returns them)."""
    feed = new_feed()
    add(feed, "id", f"urn:wirewatch:subscription:{subscription.id}")
    add(feed, "title", f"wirewatch: {subscription.label}")
    add(feed, "subtitle", f"Alerts for {subscription.query}")
    updated = matches[0].created_at if matches else (subscription.created_at or now or datetime.now(timezone.utc))
    add(feed, "updated", atom_date(updated))
    add(add(feed, "author"), "name", "wirewatch")
    if feed_url:
        add(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    for match in matches:
        title, body = alert_text(match.payload)
        entry = add(feed, "entry")
        add(entry, "id", f"urn:wirewatch:alert:{match.key}")
        add(entry, "title", title)
        add(entry, "updated", atom_date(match.created_at))
        article = match.payload.get("article") or {}
        if article.get("published"):
            add(entry, "published", article["published"])
        if article.get("url"):
            add(entry, "link", rel="alternate", href=article["url"])
        if article.get("source"):
            add(add(entry, "author"), "name", article["source"])
        add(entry, "summary", body, type="text")
    return serialize(feed)
