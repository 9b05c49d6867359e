"""From a newly stored article to queued alerts: match, apply the policy, record, enqueue.

The runtime calls this right after storing an article and assigning its story, so matching
happens as articles arrive (no polling of the search index). `article_alerts` is pure: it
matches the article and returns the decision to apply to each matched subscription;
`AlertStore.record_alerts` applies it to the subscriptions as stored at that moment and writes
everything an alert needs (the message payload included) in one transaction, so a crash leaves
either the whole decision or none of it; running the same article again changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..store import ArticleAlerts, DecidedAlert
from ..store import AlertStore
from .matching import ArticleFacts, MatchReason, match_article
from .messages import alert_payload
from .outbox import Alert, NewAlert, alert_key
from .policy import ORIGINAL, decide
from .presearch import Key, SubscriptionIndex
from .subscriptions import Subscription, parse_alert_query


def build_index(alert_store: AlertStore, *, frequencies: dict[Key, float] | None = None,
                sample_size: int = 0) -> SubscriptionIndex:
    """An index of every active subscription in the store."""
    index = SubscriptionIndex(frequencies, sample_size=sample_size)
    for subscription in alert_store.subscriptions(include_paused=False):
        index.add(subscription.id, parse_alert_query(subscription.query))
    return index


def article_alerts(index: SubscriptionIndex, article: ArticleFacts, *, story_id: str | None,
                   role: str | None, now: datetime) -> ArticleAlerts:
    """The subscriptions `article` matches and, for each, what to record and send (pure).

    `story_id` and `role` are the story stage's assignment of this article."""
    article = replace(article, story_id=None if story_id is None else str(story_id), role=role)
    reasons: dict[int, MatchReason] = {}
    for match in match_article(index, article):
        reasons.setdefault(match.subscription_id, match.reason)

    def decide_one(subscription: Subscription, story_alerted: bool) -> DecidedAlert | None:
        if not decide(subscription.updates, role, story_alerted=story_alerted).alert:
            return None
        key = alert_key(subscription.id, article.story_id, article.id)
        payload = alert_payload(subscription, article, reasons[subscription.id], key=key,
                                story_id=article.story_id, role=role, created_at=now)
        messages = () if subscription.digest else tuple(
            NewAlert(key=key, kind="alert", subscription_id=subscription.id, channel=channel,
                     payload=payload, story_id=article.story_id, article_id=article.id,
                     development_id=article.id)
            for channel in subscription.notify
        )
        return DecidedAlert(key=key, subscription_id=subscription.id, story_id=article.story_id,
                            article_id=article.id, development_id=article.id, role=role or ORIGINAL,
                            payload=payload, messages=messages)

    return ArticleAlerts(article_id=article.id, story_id=article.story_id,
                         subscription_ids=tuple(reasons), decide=decide_one)


def alerts_for_article(alert_store: AlertStore, index: SubscriptionIndex, article: ArticleFacts, *,
                       story_id: str | None, role: str | None, now: datetime) -> list[Alert]:
    """Match one stored article against the subscriptions and queue the alerts it deserves.

    Returns the outbox rows created (digest subscriptions get none: their matches wait for the
    digest)."""
    return alert_store.record_alerts(article_alerts(index, article, story_id=story_id, role=role, now=now),
                                     now=now)
