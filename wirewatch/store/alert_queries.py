"""Alert match queries: recording decided alerts with their messages, the per-subscription match
list (the Atom feed), digests, and the articles the subscription preview scans.

Functions over a connection; `AlertStore` (alert_store.py) owns the transactions. The decisions
themselves come from `wirewatch.alerts` as pure callables over plain records (`ArticleAlerts`,
digest planners), so a decision and everything it writes commit together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, select, update
from sqlalchemy.engine import Connection

from .alert_records import AlertMatch, ArticleAlerts, ArticleForMatching, DecidedAlert, DigestBatch, NewAlert
from .alert_tables import alert_matches
from .dialect import InsertConstruct
from .schema import documents, stories, story_articles
from . import subscriptions as subscription_queries

Enqueue = Callable[[Connection, list[NewAlert]], list]


def record_statement(insert: InsertConstruct) -> Any:
    """Built once per store: INSERT of matches that skips a key recorded before, returning the
    keys it recorded (several rows in one statement)."""
    return (insert(alert_matches).on_conflict_do_nothing(index_elements=["key"])
            .returning(alert_matches.c.key))


def _match(row: Any) -> AlertMatch:
    return AlertMatch(**{name: row._mapping[name] for name in AlertMatch.__dataclass_fields__})


def alerted_about(conn: Connection, subscription_ids: list[int], story_id: str | None) -> set[int]:
    """The subscriptions among `subscription_ids` with a match in `story_id` already (one query)."""
    if story_id is None or not subscription_ids:
        return set()
    stmt = (select(alert_matches.c.subscription_id).distinct()
            .where(alert_matches.c.story_id == story_id, alert_matches.c.subscription_id.in_(subscription_ids)))
    return {row[0] for row in conn.execute(stmt)}


def record_matches(conn: Connection, statement: Any, decided: list[DecidedAlert], now: datetime) -> set[str]:
    """Record decided alerts in one statement; the keys recorded now (a key recorded before is
    skipped: nothing to do for it)."""
    if not decided:
        return set()
    rows = [{
        "key": d.key, "subscription_id": d.subscription_id, "story_id": d.story_id,
        "article_id": d.article_id, "development_id": d.development_id,
        "role": d.role, "payload": d.payload, "created_at": now, "digest_key": None,
    } for d in decided]
    return {row[0] for row in conn.execute(statement, rows)}


def record_article_alerts(conn: Connection, statement: Any, enqueue: Enqueue, candidates: ArticleAlerts,
                          now: datetime) -> list:
    """Apply `candidates.decide` to each matched subscription as stored now, record each decided
    match once and queue its messages; return the outbox rows created. A few statements whatever
    the number of matched subscriptions (they run inside the story stage's transaction)."""
    found = subscription_queries.by_id(conn, candidates.subscription_ids)
    # A subscription gone or paused since the caller's index was built is skipped.
    active = [found[i] for i in candidates.subscription_ids if i in found and not found[i].paused]
    alerted = alerted_about(conn, [subscription.id for subscription in active], candidates.story_id)
    decided = [d for subscription in active
               if (d := candidates.decide(subscription, subscription.id in alerted)) is not None]
    recorded = record_matches(conn, statement, decided, now)
    return enqueue(conn, [message for d in decided if d.key in recorded for message in d.messages])


def list_matches(conn: Connection, subscription_id: int, limit: int) -> list[AlertMatch]:
    stmt = (select(alert_matches).where(alert_matches.c.subscription_id == subscription_id)
            .order_by(alert_matches.c.created_at.desc(), alert_matches.c.id.desc()).limit(limit))
    return [_match(row) for row in conn.execute(stmt)]


def undigested_matches(conn: Connection, subscription_id: int, before: datetime) -> list[AlertMatch]:
    """A subscription's matches recorded before `before` that no digest covers yet, oldest first."""
    stmt = (select(alert_matches)
            .where(alert_matches.c.subscription_id == subscription_id,
                   alert_matches.c.digest_key.is_(None),
                   alert_matches.c.created_at < before)
            .order_by(alert_matches.c.created_at, alert_matches.c.id))
    return [_match(row) for row in conn.execute(stmt)]


def record_digest(conn: Connection, enqueue: Enqueue, batch: DigestBatch) -> list:
    """Mark the batch's matches with its key and queue its messages."""
    conn.execute(update(alert_matches).where(alert_matches.c.id.in_(list(batch.match_ids)))
                 .values(digest_key=batch.key))
    return enqueue(conn, list(batch.messages))


def story_title(conn: Connection, story_id: str) -> str | None:
    return conn.execute(select(stories.c.title).where(stories.c.id == story_id)).scalar()


def newest_articles(conn: Connection, *, before_id: int | None, limit: int) -> list[ArticleForMatching]:
    """Stored articles with their story assignment, newest (highest id) first."""
    stmt = (
        select(documents.c.id, documents.c.public_id, documents.c.data, story_articles.c.story_id, story_articles.c.role,
               stories.c.title.label("story_title"))
        .select_from(documents.outerjoin(story_articles, story_articles.c.document_id == documents.c.id)
                     .outerjoin(stories, stories.c.id == story_articles.c.story_id))
        .order_by(documents.c.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        stmt = stmt.where(documents.c.id < before_id)
    return [
        ArticleForMatching(id=row.id, data=row.data or {}, story_id=row.story_id, role=row.role,
                           story_title=row.story_title, public_id=row.public_id)
        for row in conn.execute(stmt)
    ]
