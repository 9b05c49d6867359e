"""How many outbox rows each subscription has in each delivery status (the subscriptions list)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection


def alert_counts(conn: Connection) -> dict[int, dict[str, int]]:
    """subscription id -> {status: rows}; subscriptions without alerts are left out."""
    from .alert_tables import alerts

    count = func.count().label("n")
    stmt = select(alerts.c.subscription_id, alerts.c.status, count).group_by(alerts.c.subscription_id, alerts.c.status)
    found: dict[int, dict[str, int]] = {}
    for row in conn.execute(stmt):
        found.setdefault(int(row.subscription_id), {})[row.status] = int(row.n)
    return found
