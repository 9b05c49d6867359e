"""Alerting: subscriptions, matching stored articles against them, and durable delivery.

    spec = validate_subscription('entity:"Keir Starmer" ceasefire', ["json://hooks.example/x"])
    alert_store = AlertStore(store); alert_store.add_subscription(spec)
    index = build_index(alert_store)
    alerts_for_article(alert_store, index, facts, story_id=..., role=..., now=...)  # on store
    deliver_due(alert_store, settings=settings)                                    # every few s

Modules: subscriptions (validation), presearch (the subscription index), matching (exact
matching with reasons), preview (`subscribe --preview`), policy (alert or not), outbox (alert
keys, listing form), channels (Apprise + webhooks), messages, digest, feeds (Atom), delivery.
No SQL here: `AlertStore` and the records it takes and returns live in `wirewatch/store/`
(alert_store.py, alert_records.py; queries in subscriptions.py, alert_queries.py, outbox.py).
"""

from ..store import AlertMatch
from ..store import AlertStore
from .alerting import article_alerts, alerts_for_article, build_index
from .channels import check_channel_url, redact
from .delivery import DeliveryReport, deliver_due
from .digest import enqueue_due_digests
from .feeds import subscription_feed
from .matching import ArticleFacts, Match, MatchReason, match_article
from .outbox import Alert, RetryPolicy, alert_dict, alert_key
from .presearch import SubscriptionIndex, key_frequencies
from .preview import PreviewHit, preview
from .subscriptions import Subscription, SubscriptionSpec, parse_alert_query, validate_subscription

__all__ = [
    "Alert", "AlertMatch", "AlertStore", "ArticleFacts", "DeliveryReport", "Match", "MatchReason",
    "PreviewHit", "RetryPolicy", "Subscription", "SubscriptionIndex", "SubscriptionSpec", "alert_dict",
    "alert_key", "alerts_for_article", "article_alerts", "build_index", "check_channel_url",
    "deliver_due", "enqueue_due_digests", "key_frequencies", "match_article", "parse_alert_query",
    "preview", "redact", "subscription_feed", "validate_subscription",
]
