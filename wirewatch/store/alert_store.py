"""AlertStore: alerting's durable state (subscriptions, alert matches, the outbox) in the same
database as the articles.

The CLI, the web API and the service all go through these methods, so they never drift apart.
Records in and out are plain dataclasses (alert_records.py); the queries live in subscriptions.py,
alert_queries.py and outbox.py; every method runs its own transaction, except those taking
`within=`, which join the story stage's transaction (an article's story assignment and its
alerts commit together).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone

from sqlalchemy.engine import Connection

from ..errors import InputError
from . import alert_queries, outbox, subscriptions as subscription_queries
from .alert_records import (
    STATUSES, Alert, AlertMatch, ArticleAlerts, ArticleForMatching, DigestBatch, NewAlert,
    Fingerprint, Subscription, SubscriptionChange, SubscriptionSpec,
)
from .dialect import insert_for, store_errors
from .engine import write_transaction
from .outbox import RetryPolicy
from .store import Store

MAX_LIST_LIMIT = 1000
from .story_session import Transaction  # what the story stage hands its `on_assigned` hook; opaque outside store/


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _check_limit(limit: int) -> None:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIST_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIST_LIMIT}, not {limit!r}")


class AlertStore:
    """Open with `AlertStore(store)` over an open `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._engine = store._engine  # store/-internal: nothing outside store/ sees the engine
        self._dialect = self._engine.dialect.name
        self._insert = insert_for(self._dialect)
        # Built once: the alerting hook runs them for every stored article.
        self._record_match = alert_queries.record_statement(self._insert)
        self._enqueue = outbox.enqueue_statement(self._insert)

    @contextmanager
    def _begin(self, action: str, within: Transaction | None = None) -> Iterator[Connection]:
        joined = nullcontext(within) if within is not None else write_transaction(self._engine)
        with store_errors(f"cannot {action}"), joined as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with store_errors(f"cannot {action}"), self._engine.connect() as conn:
            yield conn

    # --- subscriptions -------------------------------------------------------------------------

    def add_subscription(self, spec: SubscriptionSpec, *, now: datetime | None = None) -> Subscription:
        """Store a validated subscription (see alerts.validate_subscription)."""
        now = now or _utcnow()
        with self._begin("store the subscription") as conn:
            subscription_queries.bump_version(conn, self._insert, now)
            created = subscription_queries.add(conn, spec, now)
            change = SubscriptionChange(created.id, created, subscription_queries.fingerprint(conn))
        self.store._subscription_changed(change)
        return created

    def subscriptions(self, *, include_paused: bool = True) -> list[Subscription]:
        with self._read("read subscriptions") as conn:
            return subscription_queries.list_all(conn, include_paused=include_paused)

    def get_subscription(self, subscription_id: int) -> Subscription | None:
        if isinstance(subscription_id, bool) or not isinstance(subscription_id, int):
            return None
        with self._read("read the subscription") as conn:
            return subscription_queries.get(conn, subscription_id)

    def subscriptions_by_id(self, ids: Iterable[int]) -> dict[int, Subscription]:
        with self._read("read subscriptions") as conn:
            return subscription_queries.by_id(conn, ids)

    def set_paused(self, subscription_id: int, paused: bool) -> Subscription:
        with self._begin("pause the subscription") as conn:
            subscription_queries.bump_version(conn, self._insert, _utcnow())
            changed = subscription_queries.set_paused(conn, subscription_id, paused)
            change = self._change(conn, subscription_id)
        self.store._subscription_changed(change)
        return self._changed(subscription_id, changed)

    def update_subscription(self, subscription_id: int, spec: SubscriptionSpec) -> Subscription:
        """Replace a subscription's query, channels, name and modes (a validated spec); keeps
        its id, creation time, paused state, feed and alert history. InputError if unknown."""
        with self._begin("update the subscription") as conn:
            subscription_queries.bump_version(conn, self._insert, _utcnow())
            changed = subscription_queries.replace(conn, subscription_id, spec)
            change = self._change(conn, subscription_id)
        self.store._subscription_changed(change)
        return self._changed(subscription_id, changed)

    @staticmethod
    def _change(conn: Connection, subscription_id: int) -> SubscriptionChange:
        """The write just made to `subscription_id`, read in its transaction (see SubscriptionChange)."""
        return SubscriptionChange(subscription_id, subscription_queries.get(conn, subscription_id),
                                  subscription_queries.fingerprint(conn))

    def _changed(self, subscription_id: int, changed: bool) -> Subscription:
        found = self.get_subscription(subscription_id) if changed else None
        if found is None:
            raise InputError(f"no subscription with id {subscription_id}")
        return found

    def delete_subscription(self, subscription_id: int) -> bool:
        """Remove a subscription with its alerts (queued ones are never sent); False if unknown."""
        with self._begin("remove the subscription") as conn:
            subscription_queries.bump_version(conn, self._insert, _utcnow())
            removed = subscription_queries.remove(conn, subscription_id)
            change = SubscriptionChange(subscription_id, None, subscription_queries.fingerprint(conn))
        self.store._subscription_changed(change)
        return removed

    def subscriptions_fingerprint(self, *, within: Transaction | None = None) -> Fingerprint:
        """Changes whenever a subscription is added, edited, removed, paused or resumed, by any
        process (to reload an index): every such write bumps a version row in the same transaction.
        `within`: read in that open transaction (the story stage's, once per article)."""
        if within is not None:
            return subscription_queries.fingerprint(within)
        with self._read("read subscriptions") as conn:
            return subscription_queries.fingerprint(conn)

    # --- matches -------------------------------------------------------------------------------

    def record_alerts(self, candidates: ArticleAlerts, *, now: datetime,
                      within: Transaction | None = None) -> list[Alert]:
        """Decide, record and queue one article's alerts in one transaction (or `within` the
        story stage's); return the outbox rows created. Running it again changes nothing."""
        if not candidates.subscription_ids:
            return []
        with self._begin("record alerts", within) as conn:
            return alert_queries.record_article_alerts(
                conn, self._record_match, self._enqueue_in(now), candidates, now)

    def matches(self, subscription_id: int, *, limit: int = 50) -> list[AlertMatch]:
        """A subscription's decided alerts, newest first (what its Atom feed shows)."""
        _check_limit(limit)
        with self._read("read alert matches") as conn:
            return alert_queries.list_matches(conn, subscription_id, limit)

    def queue_digests(self, subscription: Subscription, *, before: datetime, now: datetime,
                      plan: Callable[[list[AlertMatch]], list[DigestBatch]]) -> list[Alert]:
        """Turn the subscription's undigested matches from before `before` into digests, in one
        transaction: `plan` groups them (pure); each batch's matches are marked with its key
        and its messages queued, so a digest is built once however often this runs."""
        created: list[Alert] = []
        with self._begin("queue digests") as conn:
            pending = alert_queries.undigested_matches(conn, subscription.id, before)
            if not pending:
                return []
            for batch in plan(pending):
                created += alert_queries.record_digest(conn, self._enqueue_in(now), batch)
        return created

    def story_title(self, story_id: str, *, within: Transaction | None = None) -> str | None:
        if within is not None:
            return alert_queries.story_title(within, story_id)
        with self._read("read the story") as conn:
            return alert_queries.story_title(conn, story_id)

    def newest_articles(self, *, before_id: int | None = None, limit: int = 500) -> list[ArticleForMatching]:
        """Stored articles with their story, newest first, `limit` at a time (page with `before_id`)."""
        with self._read("read articles") as conn:
            return alert_queries.newest_articles(conn, before_id=before_id, limit=limit)

    # --- outbox --------------------------------------------------------------------------------

    def _enqueue_in(self, now: datetime):
        return lambda conn, items: outbox.enqueue(conn, self._enqueue, items, now)

    def enqueue(self, items: list[NewAlert], *, now: datetime | None = None) -> list[Alert]:
        """Queue each message unless its (key, channel) is already queued; return the new rows."""
        with self._begin("queue alerts") as conn:
            return outbox.enqueue(conn, self._enqueue, items, now or _utcnow())

    def claim_due(self, *, now: datetime, limit: int = 100, policy: RetryPolicy = RetryPolicy(),
                  rng: random.Random | None = None) -> list[Alert]:
        """Claim due alerts for sending under a lease (see outbox.py), committed before sending."""
        with self._begin("claim due alerts") as conn:
            return outbox.claim_due(conn, self._dialect, now=now, limit=limit, policy=policy,
                                    rng=rng or random.Random())

    def mark_sent(self, alert: Alert, *, now: datetime) -> None:
        with self._begin("record a sent alert") as conn:
            outbox.mark_sent(conn, alert, now)

    def record_outcomes(self, outcomes: list[tuple[Alert, str | None, datetime]], *,
                        policy: RetryPolicy = RetryPolicy(), rng: random.Random | None = None) -> list[str]:
        """Record many sends in one transaction: (alert, None or the error, when it ended). What
        `mark_sent` and `mark_failed_attempt` do one by one, with one write instead of one per
        alert (a service sending a dozen alerts per article). The statuses, in order."""
        rng = rng or random.Random()
        with self._begin("record sent alerts") as conn:
            statuses = []
            for alert, error, at in outcomes:
                if error is None:
                    outbox.mark_sent(conn, alert, at)
                    statuses.append(alert.status)
                else:
                    statuses.append(outbox.mark_failed_attempt(conn, alert, error, now=at, policy=policy, rng=rng))
            return statuses

    def mark_failed_attempt(self, alert: Alert, error: str, *, now: datetime,
                            policy: RetryPolicy = RetryPolicy(), rng: random.Random | None = None) -> str:
        """Record a failed send: `retrying` with the next time, or `failed` when out of tries."""
        with self._begin("record a failed alert") as conn:
            return outbox.mark_failed_attempt(conn, alert, error, now=now, policy=policy,
                                              rng=rng or random.Random())

    def alerts(self, *, subscription_id: int | None = None, status: str | None = None,
               limit: int = 100, offset: int = 0) -> list[Alert]:
        """Outbox rows, newest first, optionally for one subscription and/or one status."""
        _check_limit(limit)
        if status is not None and status not in STATUSES:
            raise InputError(f"unknown alert status {status!r} (use {', '.join(STATUSES)})")
        if not isinstance(offset, int) or offset < 0:
            raise InputError(f"offset must be a non-negative integer, not {offset!r}")
        with self._read("read alerts") as conn:
            return outbox.list_alerts(conn, subscription_id=subscription_id, status=status,
                                      limit=limit, offset=offset)

    def count_alerts(self, *, subscription_id: int | None = None, status: str | None = None) -> int:
        """How many alerts `alerts()` pages through with the same filters."""
        if status is not None and status not in STATUSES:
            raise InputError(f"unknown alert status {status!r} (use {', '.join(STATUSES)})")
        with self._read("count alerts") as conn:
            return outbox.count_alerts(conn, subscription_id=subscription_id, status=status)

    def get_alert(self, alert_id: int) -> Alert | None:
        with self._read("read the alert") as conn:
            return outbox.get_alert(conn, alert_id)
