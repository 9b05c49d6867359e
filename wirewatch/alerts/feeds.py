"""The Atom feed of a subscription: its alerts as entries, for feed readers (the built-in channel).

The web app serves it at /feeds/subscriptions/ID.atom. Each entry's id is the alert's
idempotency key, so a reader never shows one development twice. Built with ElementTree, which
escapes everything, so article titles cannot inject markup.
"""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree

from .messages import alert_text
from .store import AlertMatch
from .subscriptions import Subscription

ATOM = "http://www.w3.org/2005/Atom"


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def subscription_feed(subscription: Subscription, matches: list[AlertMatch], *,
                      feed_url: str | None = None, now: datetime | None = None) -> bytes:
    """Atom XML (UTF-8 bytes) for `matches` (newest first, as AlertStore.matches returns them)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    add(feed, "id", f"urn:wirewatch:subscription:{subscription.id}")
    add(feed, "title", f"wirewatch: {subscription.label}")
    add(feed, "subtitle", f"Alerts for {subscription.query}")
    updated = matches[0].created_at if matches else (subscription.created_at or now or datetime.now(timezone.utc))
    add(feed, "updated", _iso(updated))
    add(add(feed, "author"), "name", "wirewatch")
    if feed_url:
        add(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    for match in matches:
        title, body = alert_text(match.payload)
        entry = add(feed, "entry")
        add(entry, "id", f"urn:wirewatch:alert:{match.key}")
        add(entry, "title", title)
        add(entry, "updated", _iso(match.created_at))
        article = match.payload.get("article") or {}
        if article.get("published"):
            add(entry, "published", article["published"])
        if article.get("url"):
            add(entry, "link", rel="alternate", href=article["url"])
        if article.get("source"):
            add(add(entry, "author"), "name", article["source"])
        add(entry, "summary", body, type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8", xml_declaration=False)
