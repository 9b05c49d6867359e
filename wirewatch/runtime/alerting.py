"""Alerts in the running pipeline: matching inside the story stage's transaction, then delivery.

The subscription index is rebuilt only when the subscriptions change (their fingerprint), so a
long-running service picks up `wirewatch subscribe` from another process on the next article.
A service rebuilds it in its delivery thread, woken when this process changes a subscription
and every few seconds (runtime/delivery_thread.py), so no push pays for it after a change.
Digests are looked for once per UTC hour (a digest period, hourly or daily, only ever ends on
the hour), not on every delivery: that look lists every subscription, a scan a push need not pay.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import datetime, timezone

from ..alerts import AlertStore, ArticleFacts, DeliveryReport, RetryPolicy, article_alerts, build_index, deliver_due
from ..alerts.delivery import Senders, record_outcomes
from ..alerts.digest import period_start
from ..config import Settings
from ..store import Store, StoredArticle, Transaction
from .story_stage import StoryUpdate


class Alerting:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.alert_store = AlertStore(store)
        self.settings = settings
        self.policy = RetryPolicy(max_attempts=settings.alert_max_attempts, base_delay=settings.alert_retry_seconds,
                                  max_delay=max(3600.0, settings.alert_retry_seconds))
        self._index = None
        self._index_lock = threading.Lock()
        self._fingerprint: object = None
        self.queued = 0
        self._digests_checked: datetime | None = None  # the UTC hour digests were last looked for in

    def _current_index(self, within: Transaction | None = None):
        fingerprint = self.alert_store.subscriptions_fingerprint(within=within)
        if self._index is None or fingerprint != self._fingerprint:
            with self._index_lock:  # one thread builds; the others find it built
                if self._index is None or fingerprint != self._fingerprint:
                    self._index = build_index(self.alert_store)
                    self._fingerprint = fingerprint
        return self._index

    def refresh_index(self) -> None:
        """Rebuild the subscription index now if the subscriptions changed, so the next article's
        story transaction (which holds the store's write lock and the story stage) need not."""
        self._current_index()

    def on_assigned(self, within: Transaction, article: StoredArticle, update: StoryUpdate) -> None:
        """The story stage's hook: queue this article's alerts in its transaction (`within`,
        handed on to the store untouched), so the assignment and its alerts commit together."""
        index = self._current_index(within)
        if not len(index):  # no active subscription: nothing can match (the article's fields cost ms)
            return
        story_title = self.alert_store.story_title(update.story_id, within=within)
        facts = ArticleFacts.from_document(article.id, article.document, story_id=update.story_id,
                                           role=update.role, story_title=story_title)
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
