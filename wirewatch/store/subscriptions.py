"""Subscription queries: add, list, edit, pause, remove, and the version counter that tells a
long-running process its subscription index is stale.

Functions over a connection; `AlertStore` (alert_store.py) owns the transactions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from .alert_records import Subscription, SubscriptionSpec
from .alert_tables import alert_matches, alerts, subscriptions
from .dialect import InsertConstruct
from .schema import engine_state

VERSION_ROW = "subscriptions"  # engine_state row counting subscription changes


def _subscription(row: Any) -> Subscription:
    return Subscription(
        id=row.id, query=row.query, notify=list(row.notify or []), name=row.name,
        digest=row.digest, updates=row.updates, created_at=row.created_at, paused=bool(row.paused),
    )


def _spec_values(spec: SubscriptionSpec) -> dict[str, Any]:
    return {"name": spec.name, "query": spec.query, "notify": list(spec.notify),
            "digest": spec.digest, "updates": spec.updates}


def bump_version(conn: Connection, insert: InsertConstruct, now: datetime) -> None:
    """Every write to subscriptions calls this in its own transaction (see fingerprint)."""
    stmt = insert(engine_state).values(name=VERSION_ROW, seq=1, state=b"", updated_at=now)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[engine_state.c.name],
        set_={"seq": engine_state.c.seq + 1, "updated_at": stmt.excluded.updated_at},
    ))


def add(conn: Connection, spec: SubscriptionSpec, now: datetime) -> Subscription:
    values = {**_spec_values(spec), "created_at": now, "paused": False}
    new_id = conn.execute(subscriptions.insert().returning(subscriptions.c.id), values).scalar_one()
    return Subscription(id=new_id, **values)


def list_all(conn: Connection, *, include_paused: bool) -> list[Subscription]:
    stmt = select(subscriptions).order_by(subscriptions.c.id)
    if not include_paused:
        stmt = stmt.where(subscriptions.c.paused.is_(False))
    return [_subscription(row) for row in conn.execute(stmt)]


def get(conn: Connection, subscription_id: int) -> Subscription | None:
    row = conn.execute(select(subscriptions).where(subscriptions.c.id == subscription_id)).first()
    return _subscription(row) if row is not None else None


def by_id(conn: Connection, ids: Iterable[int]) -> dict[int, Subscription]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    stmt = select(subscriptions).where(subscriptions.c.id.in_(wanted))
    return {row.id: _subscription(row) for row in conn.execute(stmt)}


def set_paused(conn: Connection, subscription_id: int, paused: bool) -> bool:
    result = conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                          .values(paused=bool(paused)))
    return result.rowcount == 1


def replace(conn: Connection, subscription_id: int, spec: SubscriptionSpec) -> bool:
    result = conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                          .values(**_spec_values(spec)))
    return result.rowcount == 1


def remove(conn: Connection, subscription_id: int) -> bool:
    """The subscription with its matches and queued alerts (which are then never sent)."""
    conn.execute(delete(alerts).where(alerts.c.subscription_id == subscription_id))
    conn.execute(delete(alert_matches).where(alert_matches.c.subscription_id == subscription_id))
    result = conn.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))
    return result.rowcount == 1


# Read before every article the story stage assigns: built once.
_FINGERPRINT = select(
    func.count(), func.coalesce(func.max(subscriptions.c.id), 0),
    select(engine_state.c.seq).where(engine_state.c.name == VERSION_ROW).scalar_subquery(),
)


def fingerprint(conn: Connection) -> tuple[int, int, int]:
    count, highest, version = conn.execute(_FINGERPRINT).one()
    return int(count), int(highest), int(version or 0)
