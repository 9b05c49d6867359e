"""Helpers for alert tests: a fixed clock, subscribing, and building articles."""

from __future__ import annotations

from datetime import datetime, timezone

from wirewatch.alerts import AlertStore, ArticleFacts, validate_subscription

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=timezone.utc)


def subscribe(alert_store: AlertStore, query: str, notify=(), **options):
    spec = validate_subscription(query, list(notify), allow_private=True, **options)
    return alert_store.add_subscription(spec, now=NOW)


def article(article_id: int, title: str, text: str = "", **fields) -> ArticleFacts:
    fields.setdefault("url", f"https://news.example/{article_id}")
    fields.setdefault("source", "Example News")
    return ArticleFacts(id=article_id, title=title, text=text, **fields)
