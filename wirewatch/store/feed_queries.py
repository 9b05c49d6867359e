"""The monitored-sources registry: what `wirewatch run` polls, when, and how it went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from ..errors import InputError
from .schema import feeds

MIN_INTERVAL = 30  # seconds: politeness floor, whatever the user asks
MAX_INTERVAL = 7 * 24 * 3600
MAX_BACKOFF = 6 * 3600


def check_interval(seconds: int) -> int:
    """The poll interval rule, for every face (CLI, API, pages, Python): InputError outside it.

    Refused, not clamped: a user who asked for 10 s and silently got 30 s is misled."""
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise InputError(f"the poll interval must be between {MIN_INTERVAL} seconds and 7 days, not {seconds!r} seconds")
    return seconds


@dataclass
class Feed:
    id: int
    url: str
    name: str | None
    interval_seconds: int
    paused: bool
    added_at: datetime
    next_fetch_at: datetime
    last_fetch_at: datetime | None
    last_status: str | None
    last_error: str | None
    articles: int
    failures: int

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        for key in ("added_at", "next_fetch_at", "last_fetch_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def _feed(row) -> Feed:
    return Feed(
        id=row.id, url=row.url, name=row.name, interval_seconds=row.interval_seconds, paused=bool(row.paused),
        added_at=row.added_at, next_fetch_at=row.next_fetch_at, last_fetch_at=row.last_fetch_at,
        last_status=row.last_status, last_error=row.last_error, articles=row.articles, failures=row.failures,
    )


def add_feed(conn: Connection, insert, url: str, *, name: str | None, interval_seconds: int, now: datetime) -> Feed:
    interval = check_interval(interval_seconds)
    statement = insert(feeds).values(
        url=url, name=name, interval_seconds=interval, paused=0, added_at=now, next_fetch_at=now,
        articles=0, failures=0,
    ).on_conflict_do_update(index_elements=[feeds.c.url], set_={"name": name, "interval_seconds": interval, "paused": 0})
    conn.execute(statement)
    return _feed(conn.execute(select(feeds).where(feeds.c.url == url)).one())


def list_feeds(conn: Connection) -> list[Feed]:
    return [_feed(row) for row in conn.execute(select(feeds).order_by(feeds.c.id))]


def get_feed(conn: Connection, feed_id: int) -> Feed | None:
    row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
    return _feed(row) if row else None


def due_feeds(conn: Connection, now: datetime) -> list[Feed]:
    rows = conn.execute(
        select(feeds).where(feeds.c.paused == 0, feeds.c.next_fetch_at <= now).order_by(feeds.c.next_fetch_at)
    )
    return [_feed(row) for row in rows]


def next_due(conn: Connection) -> datetime | None:
    return conn.execute(select(feeds.c.next_fetch_at).where(feeds.c.paused == 0)
                        .order_by(feeds.c.next_fetch_at).limit(1)).scalar()


def record_fetch(conn: Connection, feed: Feed, *, now: datetime, status: str, error: str | None,
                 new_articles: int) -> None:
    """Schedule the next poll: the interval after success, doubling back-off after failures."""
    failures = feed.failures + 1 if status == "error" else 0
    delay = feed.interval_seconds if not failures else min(MAX_BACKOFF, feed.interval_seconds * 2 ** failures)
    conn.execute(update(feeds).where(feeds.c.id == feed.id).values(
        last_fetch_at=now, last_status=status, last_error=error, failures=failures,
        articles=feeds.c.articles + new_articles, next_fetch_at=now + timedelta(seconds=delay),
    ))


def set_paused(conn: Connection, feed_id: int, paused: bool) -> bool:
    return bool(conn.execute(update(feeds).where(feeds.c.id == feed_id).values(paused=1 if paused else 0)).rowcount)


def remove_feed(conn: Connection, feed_id: int) -> bool:
    return bool(conn.execute(delete(feeds).where(feeds.c.id == feed_id)).rowcount)
