"""Articles counted per hour or per day on one of two clocks: what the pages' charts plot.

`published` is the article's own date, None when it gave none; `arrived` is when wirewatch stored
it, which every article has. Undated articles are counted apart rather than put at their arrival
time, so one undated article cannot stretch a publication chart over the months between an
archive's dates and the day it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import InputError
from .schema import document_entities, documents

CLOCKS = ("published", "arrived")
UNITS = ("hour", "day")


@dataclass(frozen=True)
class TimeCounts:
    """Articles per bucket on one clock; empty buckets are left out (the chart fills them)."""

    clock: str  # "published" or "arrived"
    unit: str  # "hour" or "day"
    counts: list[tuple[datetime, int]] = field(default_factory=list)  # bucket start (UTC), articles; in time order
    undated: int = 0  # articles without a time on this clock (only `published` has them)


def article_counts(conn: Connection, *, clock: str, unit: str, entity_id: int | None = None,
                   since: datetime | None = None, until: datetime | None = None) -> TimeCounts:
    """One grouped read: counted by the database, so a store of millions sends back a few
    thousand rows at most (one per day it has articles)."""
    if clock not in CLOCKS:
        raise InputError(f"unknown clock {clock!r} (use {' or '.join(CLOCKS)})")
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r} (use {' or '.join(UNITS)})")
    column = documents.c.published if clock == "published" else documents.c.ingested_at
    bucket = _bucket(conn, column, unit).label("bucket")
    stmt = select(bucket, func.count().label("n")).select_from(documents)
    if entity_id is not None:
        stmt = stmt.join(document_entities, document_entities.c.document_id == documents.c.id) \
            .where(document_entities.c.entity_id == entity_id)
    if since is not None:
        stmt = stmt.where(column >= since)
    if until is not None:
        stmt = stmt.where(column < until)
    counts, undated = [], 0
    for row in conn.execute(stmt.group_by(bucket).order_by(bucket)):
        if row.bucket is None:
            undated += int(row.n)
        else:
            counts.append((_moment(row.bucket), int(row.n)))
    counts.sort(key=lambda item: item[0])  # NULL sorts first on one engine and last on the other
    return TimeCounts(clock=clock, unit=unit, counts=counts, undated=undated)


def _bucket(conn: Connection, column: Any, unit: str) -> Any:
    if conn.dialect.name == "sqlite":  # UTCDateTime stores naive UTC text there
        return func.strftime("%Y-%m-%d %H:00:00", column) if unit == "hour" else func.date(column)
    return func.date_trunc(unit, func.timezone("UTC", column))


def _moment(value: Any) -> datetime:
    """A bucket as the engine returns it (text on SQLite, a timestamp on PostgreSQL), as aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
