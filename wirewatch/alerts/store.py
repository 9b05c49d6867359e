"""AlertStore: subscriptions, alert matches and the outbox, over the wirewatch Store's engine.

The CLI, the web API and the service all go through these methods (a thin face over the tables),
so they never drift apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import and_, case, delete, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ..errors import InputError, StoreError
from ..store import Store
from .outbox import STATUSES, Alert, NewAlert, Outbox, RetryPolicy
from .subscriptions import Subscription, SubscriptionSpec
from ..store.schema import engine_state
from .tables import alert_matches, alerts, subscriptions

SUBSCRIPTIONS_VERSION = "subscriptions"  # engine_state row counting subscription changes

MAX_LIST_LIMIT = 1000


@dataclass
class AlertMatch:
    """One decided alert (subscription, story, development), whatever its channels."""

    id: int
    key: str
    subscription_id: int
    story_id: str | None
    article_id: int
    development_id: int
    role: str
    payload: dict[str, Any]
    created_at: datetime
    digest_key: str | None

    @classmethod
    def from_row(cls, row: Any) -> "AlertMatch":
        return cls(**{name: row._mapping[name] for name in cls.__dataclass_fields__})


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _subscription(row: Any) -> Subscription:
    return Subscription(
        id=row.id, query=row.query, notify=list(row.notify or []), name=row.name,
        digest=row.digest, updates=row.updates, created_at=row.created_at, paused=bool(row.paused),
    )


def _check_limit(limit: int) -> None:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIST_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIST_LIMIT}, not {limit!r}")


class AlertStore:
    """Alerting's durable state, in the same database as the articles."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store._engine
        self.outbox = Outbox(self.engine)
        insert = sqlite.insert if self.engine.dialect.name == "sqlite" else postgresql.insert
        self._insert_match = (
            insert(alert_matches).on_conflict_do_nothing(index_elements=["key"])
            .returning(alert_matches.c.id)
        )

    def _wrap(self, action: str, exc: DBAPIError) -> StoreError:
        text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return StoreError(f"cannot {action}: {text[0] if text else type(exc).__name__}")

    # --- subscriptions -------------------------------------------------------------------------

    def add_subscription(self, spec: SubscriptionSpec, *, now: datetime | None = None) -> Subscription:
        """Store a validated subscription (see subscriptions.validate_subscription)."""
        values = {
            "name": spec.name, "query": spec.query, "notify": list(spec.notify),
            "digest": spec.digest, "updates": spec.updates, "created_at": now or _utcnow(),
            "paused": False,
        }
        try:
            with self.engine.begin() as conn:
                self._bump_version(conn)
                new_id = conn.execute(subscriptions.insert().returning(subscriptions.c.id), values).scalar_one()
        except DBAPIError as exc:
            raise self._wrap("store the subscription", exc) from None
        return Subscription(id=new_id, **values)

    def subscriptions(self, *, include_paused: bool = True) -> list[Subscription]:
        stmt = select(subscriptions).order_by(subscriptions.c.id)
        if not include_paused:
            stmt = stmt.where(subscriptions.c.paused.is_(False))
        with self.engine.connect() as conn:
            return [_subscription(row) for row in conn.execute(stmt)]

    def get_subscription(self, subscription_id: int) -> Subscription | None:
        if isinstance(subscription_id, bool) or not isinstance(subscription_id, int):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(subscriptions).where(subscriptions.c.id == subscription_id)).first()
        return _subscription(row) if row is not None else None

    def subscriptions_by_id(self, ids: Iterable[int], conn: Connection | None = None) -> dict[int, Subscription]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        stmt = select(subscriptions).where(subscriptions.c.id.in_(wanted))
        if conn is not None:
            return {row.id: _subscription(row) for row in conn.execute(stmt)}
        with self.engine.connect() as own:
            return {row.id: _subscription(row) for row in own.execute(stmt)}

    def set_paused(self, subscription_id: int, paused: bool) -> Subscription:
        with self.engine.begin() as conn:
            self._bump_version(conn)
            result = conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                                  .values(paused=bool(paused)))
        if result.rowcount != 1:
            raise InputError(f"no subscription with id {subscription_id}")
        found = self.get_subscription(subscription_id)
        assert found is not None
        return found

    def update_subscription(self, subscription_id: int, spec: SubscriptionSpec) -> Subscription:
        """Replace a subscription's query, channels, name and modes (a validated spec); keeps
        its id, creation time, paused state, feed and alert history. InputError if unknown."""
        values = {"name": spec.name, "query": spec.query, "notify": list(spec.notify),
                  "digest": spec.digest, "updates": spec.updates}
        try:
            with self.engine.begin() as conn:
                self._bump_version(conn)
                result = conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                                      .values(**values))
        except DBAPIError as exc:
            raise self._wrap("update the subscription", exc) from None
        if result.rowcount != 1:
            raise InputError(f"no subscription with id {subscription_id}")
        found = self.get_subscription(subscription_id)
        assert found is not None
        return found

    def delete_subscription(self, subscription_id: int) -> bool:
        """Remove a subscription with its alerts (queued ones are never sent); False if unknown."""
        with self.engine.begin() as conn:
            self._bump_version(conn)
            conn.execute(delete(alerts).where(alerts.c.subscription_id == subscription_id))
            conn.execute(delete(alert_matches).where(alert_matches.c.subscription_id == subscription_id))
            result = conn.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))
        return result.rowcount == 1

    def subscriptions_fingerprint(self) -> tuple[int, int, int]:
        """Changes whenever a subscription is added, edited, removed, paused or resumed, by any
        process (to reload an index): every such write bumps a version row in the same transaction."""
        stmt = select(
            func.count(), func.coalesce(func.max(subscriptions.c.id), 0),
            select(engine_state.c.seq).where(engine_state.c.name == SUBSCRIPTIONS_VERSION).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            count, highest, version = conn.execute(stmt).one()
        return int(count), int(highest), int(version or 0)

    def _bump_version(self, conn: Connection) -> None:
        insert = self.store._insert(engine_state).values(
            name=SUBSCRIPTIONS_VERSION, seq=1, state=b"", updated_at=_utcnow())
        conn.execute(insert.on_conflict_do_update(
            index_elements=[engine_state.c.name],
            set_={"seq": engine_state.c.seq + 1, "updated_at": insert.excluded.updated_at},
        ))

    # --- matches -------------------------------------------------------------------------------

    def story_alerted(self, conn: Connection, subscription_id: int, story_id: str | None) -> bool:
        if story_id is None:
            return False
        stmt = select(exists().where(and_(
            alert_matches.c.subscription_id == subscription_id, alert_matches.c.story_id == story_id,
        )))
        return bool(conn.execute(stmt).scalar())

    def record_match(self, conn: Connection, *, key: str, subscription_id: int, story_id: str | None,
                     article_id: int, development_id: int, role: str, payload: dict[str, Any],
                     now: datetime) -> bool:
        """Record a decided alert; False when its key was recorded before (nothing to do)."""
        values = {
            "key": key, "subscription_id": subscription_id, "story_id": story_id,
            "article_id": article_id, "development_id": development_id, "role": role,
            "payload": payload, "created_at": now, "digest_key": None,
        }
        return conn.execute(self._insert_match, values).first() is not None

    def matches(self, subscription_id: int, *, limit: int = 50) -> list[AlertMatch]:
        """A subscription's decided alerts, newest first (what its Atom feed shows)."""
        _check_limit(limit)
        stmt = (select(alert_matches).where(alert_matches.c.subscription_id == subscription_id)
                .order_by(alert_matches.c.created_at.desc(), alert_matches.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [AlertMatch.from_row(row) for row in conn.execute(stmt)]

    # --- outbox --------------------------------------------------------------------------------

    def enqueue(self, items: list[NewAlert], *, now: datetime | None = None,
                conn: Connection | None = None) -> list[Alert]:
        if conn is not None:
            return self.outbox.enqueue(conn, items, now=now or _utcnow())
        with self.engine.begin() as own:
            return self.outbox.enqueue(own, items, now=now or _utcnow())

    def claim_due(self, *, now: datetime, limit: int = 100, policy: RetryPolicy = RetryPolicy(),
                  rng: random.Random | None = None) -> list[Alert]:
        return self.outbox.claim_due(now=now, limit=limit, policy=policy, rng=rng or random.Random())

    def mark_sent(self, alert: Alert, *, now: datetime) -> None:
        self.outbox.mark_sent(alert, now=now)

    def mark_failed_attempt(self, alert: Alert, error: str, *, now: datetime,
                            policy: RetryPolicy = RetryPolicy(), rng: random.Random | None = None) -> str:
        return self.outbox.mark_failed_attempt(alert, error, now=now, policy=policy,
                                               rng=rng or random.Random())

    def alerts(self, *, subscription_id: int | None = None, status: str | None = None,
               limit: int = 100, offset: int = 0) -> list[Alert]:
        """Outbox rows, newest first, optionally for one subscription and/or one status."""
        _check_limit(limit)
        if status is not None and status not in STATUSES:
            raise InputError(f"unknown alert status {status!r} (use {', '.join(STATUSES)})")
        if not isinstance(offset, int) or offset < 0:
            raise InputError(f"offset must be a non-negative integer, not {offset!r}")
        stmt = select(alerts).order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
        if subscription_id is not None:
            stmt = stmt.where(alerts.c.subscription_id == subscription_id)
        if status is not None:
            stmt = stmt.where(alerts.c.status == status)
        with self.engine.connect() as conn:
            return [Alert.from_row(row) for row in conn.execute(stmt.limit(limit).offset(offset))]

    def get_alert(self, alert_id: int) -> Alert | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
        return Alert.from_row(row) if row is not None else None
