"""From a newly stored article to queued alerts: match, apply the policy, record, enqueue.

The lead's pipeline calls `alerts_for_article` right after storing an article and assigning its
story, so matching happens as articles arrive (no polling of the search index). Everything an
alert needs (the message payload included) is written in one transaction, so a crash leaves
either the whole decision or none of it; running the same article again changes nothing.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Connection

from .matching import ArticleFacts, match_article
from .messages import alert_payload
from .outbox import Alert, NewAlert, alert_key
from .policy import ORIGINAL, decide
from .presearch import Key, SubscriptionIndex
from .store import AlertStore


def build_index(alert_store: AlertStore, *, frequencies: dict[Key, float] | None = None,
                sample_size: int = 0) -> SubscriptionIndex:
    """An index of every active subscription in the store."""
    index = SubscriptionIndex(frequencies, sample_size=sample_size)
    for subscription in alert_store.subscriptions(include_paused=False):
        index.add(subscription.id, subscription.parsed_query())
    return index


def alerts_for_article(alert_store: AlertStore, index: SubscriptionIndex, article: ArticleFacts, *,
                       story_id: str | None, role: str | None, now: datetime,
                       conn: Connection | None = None) -> list[Alert]:
    """Match one stored article against the subscriptions and queue the alerts it deserves.

    Returns the outbox rows created (digest subscriptions get none: their matches wait for the
    digest). `story_id` and `role` are the story stage's assignment of this article. Pass `conn`
    to write inside the caller's transaction (the story assignment and its alerts commit
    together; on SQLite a second connection would wait for the first one's lock).
    """
    article = replace(article, story_id=None if story_id is None else str(story_id), role=role)
    matches = match_article(index, article)
    if not matches:
        return []
    created: list[Alert] = []
    with (nullcontext(conn) if conn is not None else alert_store.engine.begin()) as conn:
        subscriptions = alert_store.subscriptions_by_id((m.subscription_id for m in matches), conn)
        for match in matches:
            subscription = subscriptions.get(match.subscription_id)
            if subscription is None or subscription.paused:  # changed since the index was built
                continue
            alerted = alert_store.story_alerted(conn, subscription.id, article.story_id)
            if not decide(subscription.updates, role, story_alerted=alerted).alert:
                continue
            key = alert_key(subscription.id, article.story_id, article.id)
            payload = alert_payload(subscription, article, match.reason, key=key,
                                    story_id=article.story_id, role=role, created_at=now)
            recorded = alert_store.record_match(
                conn, key=key, subscription_id=subscription.id, story_id=article.story_id,
                article_id=article.id, development_id=article.id, role=role or ORIGINAL,
                payload=payload, now=now,
            )
            if not recorded or subscription.digest:
                continue
            created += alert_store.enqueue([
                NewAlert(key=key, kind="alert", subscription_id=subscription.id, channel=channel,
                         payload=payload, story_id=article.story_id, article_id=article.id,
                         development_id=article.id)
                for channel in subscription.notify
            ], now=now, conn=conn)
    return created
