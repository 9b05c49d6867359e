"""Alerts in the running pipeline: matching inside the story stage's transaction, then delivery.

The subscription index follows this process's subscription writes as they commit: the store
tells it each one (`Store.watch_subscriptions`) and it adds, re-indexes or drops that one
subscription, so a subscription is matched from the moment its request is answered and no
rebuild of the whole index (1,000 subscriptions: 100 ms and more of the GIL) runs after a burst
of them. The index's fingerprint (AlertStore.subscriptions_fingerprint) moves with each change
it applies; when the store's differs, the index is rebuilt: a change by another process
(`wirewatch subscribe`), or one that was not next in line (two writes crossing). A service does
that rebuild in its delivery thread, woken when this process changes a subscription and every
few seconds (runtime/delivery_thread.py), so a push seldom pays for it.
Digests are looked for once per UTC hour (a digest period, hourly or daily, only ever ends on
the hour), not on every delivery: that look lists every subscription, a scan a push need not pay.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import datetime, timezone

from ..alerts import (
    AlertStore, ArticleFacts, DeliveryReport, RetryPolicy, article_alerts, build_index, deliver_due, parse_alert_query,
)
from ..alerts.delivery import Senders, record_outcomes
from ..alerts.digest import period_start
from ..alerts.messages import outgoing
from ..alerts.presearch import SubscriptionIndex
from ..config import Settings
from ..store import Fingerprint, Store, StoredArticle, Subscription, SubscriptionChange, Transaction
from .story_stage import StoryUpdate


class Alerting:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.alert_store = AlertStore(store)
        self.settings = settings
        self.policy = RetryPolicy(max_attempts=settings.alert_max_attempts, base_delay=settings.alert_retry_seconds,
                                  max_delay=max(3600.0, settings.alert_retry_seconds))
        self._index: SubscriptionIndex | None = None
        # Held while the index is built, changed or matched against: a subscription written in a
        # web thread changes it in place, never under an article's matching.
        self._index_lock = threading.Lock()
        self._fingerprint: Fingerprint | None = None
        self.queued = 0
        self._digests_checked: datetime | None = None  # the UTC hour digests were last looked for in
        store.watch_subscriptions(self.subscription_changed)

    def _index_for(self, fingerprint: Fingerprint) -> SubscriptionIndex:
        """The index for the subscriptions as of `fingerprint`, rebuilt if it is not (hold the lock)."""
        if self._index is None or fingerprint != self._fingerprint:
            self._index = build_index(self.alert_store)
            self._fingerprint = fingerprint
        return self._index

    def refresh_index(self) -> None:
        """Rebuild the subscription index now if the subscriptions changed, so the next article's
        story transaction (which holds the store's write lock and the story stage) need not."""
        fingerprint = self.alert_store.subscriptions_fingerprint()
        with self._index_lock:
            self._index_for(fingerprint)

    def warm_up(self, title: str, text: str) -> None:
        """Build the index now, and run matching and the alert messages once over a made-up
        article (`title`, `text`) and a throwaway index with a query of every kind, so that the
        first article's alerts cost what the tenth's do. Nothing is written."""
        self.refresh_index()
        index = SubscriptionIndex()
        queries = ["strike", '"port strike"', "(strike OR walkout) AND NOT football", "strik*", "title:strike",
                   'entity:"Johanna Smit"', 'speaker:"Smit"', "type:PERSON port", "lang:en",
                   "source:example.invalid", "story:warm"]
        for number, query in enumerate(queries, start=1):
            index.add(number, parse_alert_query(query))
        facts = ArticleFacts(id=0, title=title, text=text, url="https://example.invalid/warm-up",
                             source="example.invalid", language="en",
                             entities=[("Johanna Smit", "PERSON"), ("Rotterdam", "GPE")],
                             quotes=[("Johanna Smit", "Nobody got everything they wanted.")])
        now = datetime.now(timezone.utc)
        decided = article_alerts(index, facts, story_id="warm", role="original", now=now)
        for number in decided.subscription_ids:
            alert = decided.decide(Subscription(id=number, query=queries[number - 1],
                                                notify=["json://localhost/"], updates="all"), False)
            for message in alert.messages if alert is not None else ():
                outgoing(message.payload)

    def subscription_changed(self, change: SubscriptionChange) -> None:
        """The store's word that this process committed a subscription write: apply it to the
        index when the index is at the version just before it (else the fingerprint check
        rebuilds the index before the next article is matched)."""
        with self._index_lock:
            if self._index is None or self._fingerprint is None or self._fingerprint[2] != change.after[2] - 1:
                return
            subscription = change.subscription
            if subscription is None or subscription.paused:
                self._index.remove(change.subscription_id)
            else:
                self._index.add(subscription.id, parse_alert_query(subscription.query))
            self._fingerprint = change.after

    def on_assigned(self, within: Transaction, article: StoredArticle, update: StoryUpdate) -> None:
        """The story stage's hook: queue this article's alerts in its transaction (`within`,
        handed on to the store untouched), so the assignment and its alerts commit together."""
        fingerprint = self.alert_store.subscriptions_fingerprint(within=within)
        with self._index_lock:
            index = self._index_for(fingerprint)
            if not len(index):  # no active subscription: nothing can match (the article's fields cost ms)
                return
            story_title = self.alert_store.story_title(update.story_id, within=within)
            facts = ArticleFacts.from_document(article.id, article.document, story_id=update.story_id,
                                               role=update.role, story_title=story_title,
                                               article_id=article.header.public_id if article.header else None)
            now = datetime.now(timezone.utc)
            candidates = article_alerts(index, facts, story_id=update.story_id, role=update.role, now=now)
        self.queued += len(self.alert_store.record_alerts(candidates, now=now, within=within))

    def deliver(self, *, limit: int = 100, senders: Senders | None = None, wait: bool = True, record: bool = True,
                on_done: Callable[[], None] | None = None) -> DeliveryReport:
        """Send what is due now (new alerts, retries whose time has come, digests of periods that
        ended since the last look); with `senders`, several alerts at once (see deliver_due)."""
        now = datetime.now(timezone.utc)
        hour = period_start("hourly", now)
        look = self._digests_checked != hour
        report = deliver_due(self.alert_store, settings=self.settings, now=now, limit=limit, policy=self.policy,
                             senders=senders, digests=look, wait=wait, record=record,
                             on_done=on_done)
        if look:  # after it worked: a failed look is tried again on the next delivery
            self._digests_checked = hour
        return report

    def record_sends(self, senders: Senders) -> None:
        """Record the outcomes of sends no delivery round has recorded yet (at shutdown)."""
        record_outcomes(self.alert_store, senders.take_outcomes(), DeliveryReport(), policy=self.policy,
                        rng=random.Random())
