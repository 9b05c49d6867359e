"""What a subscriber receives: the JSON payload of an alert or a digest, and its text form.

The payload is built once, when the alert is decided, and stored with it, so a retry hours later
sends exactly what would have been sent at first. Webhooks get the payload as JSON; e-mail, chat
and push channels get the title and text made from it; the Atom feed shows the same text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .channels import OutgoingMessage
from .matching import ArticleFacts, MatchReason
from .subscriptions import Subscription

ALERT_SCHEMA = "wirewatch.alert/1"
DIGEST_SCHEMA = "wirewatch.digest/1"
MAX_QUOTE_LENGTH = 500


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _subscription(subscription: Subscription) -> dict[str, Any]:
    return {"id": subscription.id, "name": subscription.name, "query": subscription.query}


def alert_payload(subscription: Subscription, article: ArticleFacts, reason: MatchReason, *,
                  key: str, story_id: str | None, role: str | None, created_at: datetime) -> dict[str, Any]:
    """The JSON of one alert (the webhook body, without the idempotency key it gets at sending)."""
    quote = reason.quote
    return {
        "schema": ALERT_SCHEMA,
        "type": "alert",
        "key": key,
        "created_at": _iso(created_at),
        "subscription": _subscription(subscription),
        "story": {"id": story_id, "title": article.story_title or article.title},
        "role": role,
        "article": {
            "id": article.public_id, "title": article.title, "source": article.source,
            "url": article.url, "published": _iso(article.published),
        },
        "reason": {"terms": reason.terms, "entities": reason.entities, "speakers": reason.speakers},
        "quote": {"speaker": quote[0], "text": quote[1][:MAX_QUOTE_LENGTH]} if quote else None,
    }


def _reason_line(reason: dict[str, Any]) -> str:
    parts = []
    if reason.get("terms"):
        parts.append("words " + ", ".join(reason["terms"]))
    if reason.get("entities"):
        parts.append("entities " + ", ".join(reason["entities"]))
    if reason.get("speakers"):
        parts.append("quotes by " + ", ".join(reason["speakers"]))
    return "Matched " + "; ".join(parts) if parts else "Matched your filters"


def _article_lines(article: dict[str, Any], reason: dict[str, Any], quote: dict[str, Any] | None,
                   indent: str = "") -> list[str]:
    lines = [f"{indent}{article.get('title') or '(untitled)'}"]
    where = " — ".join(part for part in (article.get("source"), article.get("url")) if part)
    if where:
        lines.append(f"{indent}{where}")
    lines.append(f"{indent}{_reason_line(reason)}")
    if quote:
        lines.append(f"{indent}“{quote['text']}” — {quote['speaker']}")
    return lines


def alert_text(payload: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of one alert for humans."""
    story = payload["story"]
    label = "New development" if payload.get("role") == "development" else "New story"
    title = f"{label}: {story.get('title') or payload['article'].get('title') or '(untitled)'}"
    lines = _article_lines(payload["article"], payload["reason"], payload.get("quote"))
    subscription = payload["subscription"]
    lines += ["", f"Subscription: {subscription.get('name') or subscription.get('query')}"]
    return title, "\n".join(lines)


def digest_payload(subscription: Subscription, alerts: list[dict[str, Any]], *, key: str,
                   period: str, start: datetime, end: datetime) -> dict[str, Any]:
    """One message for a period's alerts of one subscription, grouped by story (first seen first)."""
    stories: dict[str, dict[str, Any]] = {}
    for alert in alerts:
        story = alert["story"]
        story_key = story.get("id") or f"article:{alert['article']['id']}"
        entry = stories.setdefault(story_key, {"id": story.get("id"), "title": story.get("title"),
                                               "articles": []})
        entry["articles"].append({
            **alert["article"], "role": alert.get("role"), "reason": alert["reason"],
            "quote": alert.get("quote"), "key": alert["key"],
        })
    return {
        "schema": DIGEST_SCHEMA,
        "type": "digest",
        "key": key,
        "subscription": _subscription(subscription),
        "period": {"kind": period, "start": _iso(start), "end": _iso(end)},
        "stories": list(stories.values()),
    }


def digest_text(payload: dict[str, Any]) -> tuple[str, str]:
    subscription = payload["subscription"]
    stories = payload["stories"]
    count = sum(len(story["articles"]) for story in stories)
    label = subscription.get("name") or subscription.get("query")
    title = f"{payload['period']['kind'].capitalize()} digest: {len(stories)} stories, {count} articles for {label}"
    lines: list[str] = []
    for story in stories:
        lines.append(f"■ {story.get('title') or '(untitled story)'}")
        for article in story["articles"]:
            lines += _article_lines(article, article["reason"], article.get("quote"), indent="  ")
        lines.append("")
    return title, "\n".join(lines).rstrip()


def outgoing(payload: dict[str, Any]) -> OutgoingMessage:
    """The message a channel sends for a stored alert or digest payload."""
    title, body = digest_text(payload) if payload.get("type") == "digest" else alert_text(payload)
    return OutgoingMessage(title=title, body=body, payload=payload, key=payload["key"])
