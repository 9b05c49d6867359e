"""Story tables: the append-only assignment log, the story records, the saved engine state.

`story_articles.seq` is the arrival order in which the story engine saw articles; replaying that
log rebuilds the engine exactly, and a unique `seq` makes two writers that raced detect it.
"""

from __future__ import annotations

import functools
import json
import math
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import desc, func, select
from sqlalchemy.engine import Connection

from ..document import Document
from ..errors import InputError
from .schema import documents, engine_state, stories, story_articles

STATE_NAME = "stories"
MAX_CHANGES = 200  # the most changed stories one stories_changed_after call returns


@dataclass
class StoredArticle:
    """A stored document as the story stage reads it."""

    id: int
    document: Document
    ingested_at: datetime
    header: ArticleHeader | None = None  # its columns, read with it (a story record lists them)


@dataclass
class ArticleHeader:
    """What a story record lists of an article, read from columns without parsing the document."""

    id: int
    record_id: str | None
    url: str | None
    title: str
    source: str | None
    published: datetime | None
    ingested_at: datetime
    public_id: str = ""  # what the API and links name it by (store/public_ids.py)


@dataclass
class LogEntry:
    seq: int
    document_id: int
    story_id: str
    role: str
    duplicate_of: int | None
    score: float
    new_story: bool


@dataclass
class StorySummary:
    """A story as lists show it. Two clocks, never mixed: `first_seen`/`last_seen` say when its
    articles arrived (were stored), `first_published`/`last_published` what their dates say
    (None when no article is dated)."""

    id: str
    title: str
    first_seen: datetime
    last_seen: datetime
    articles: int
    sources: int  # distinct source names, or else URL hosts
    velocity: int  # articles that arrived in the hour before `now`
    rank: float
    data: dict
    first_published: datetime | None = None
    last_published: datetime | None = None

    def to_dict(self) -> dict:
        return {
            **self.data,
            "id": self.id, "title": self.title, "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "first_published": self.first_published.isoformat() if self.first_published else None,
            "last_published": self.last_published.isoformat() if self.last_published else None,
            "article_count": self.articles, "source_count": self.sources, "velocity": self.velocity,
            "rank": round(self.rank, 4),
        }


def _stored(row) -> StoredArticle:
    return StoredArticle(id=row.id, document=Document.from_dict(row.data), ingested_at=row.ingested_at,
                         header=_header(row))


def _header(row) -> ArticleHeader:
    return ArticleHeader(row.id, row.ext_id, row.url, row.title, row.source, row.published, row.ingested_at,
                         row.public_id)


_HEADER = (documents.c.id, documents.c.ext_id, documents.c.public_id, documents.c.url, documents.c.title, documents.c.source,
           documents.c.published, documents.c.ingested_at)


def pending_articles(conn: Connection, *, limit: int) -> list[StoredArticle]:
    """Stored articles no story has seen yet, in arrival (id) order."""
    rows = conn.execute(
        select(*_HEADER, documents.c.data)
        .outerjoin(story_articles, story_articles.c.document_id == documents.c.id)
        .where(story_articles.c.document_id.is_(None))
        .order_by(documents.c.id).limit(limit)
    )
    return [_stored(row) for row in rows]


def articles_by_id(conn: Connection, ids: list[int]) -> dict[int, StoredArticle]:
    if not ids:
        return {}
    rows = conn.execute(select(*_HEADER, documents.c.data).where(documents.c.id.in_(ids)))
    return {row.id: _stored(row) for row in rows}


def article_headers(conn: Connection, ids: list[int]) -> dict[int, ArticleHeader]:
    if not ids:
        return {}
    rows = conn.execute(select(*_HEADER).where(documents.c.id.in_(ids)))
    return {row.id: _header(row) for row in rows}


def log_after(conn: Connection, seq: int) -> list[LogEntry]:
    rows = conn.execute(select(story_articles).where(story_articles.c.seq > seq).order_by(story_articles.c.seq))
    return [_entry(row) for row in rows]


def _entry(row) -> LogEntry:
    score = row.score or {}
    return LogEntry(
        seq=row.seq, document_id=row.document_id, story_id=row.story_id, role=row.role,
        duplicate_of=row.duplicate_of, score=float(score.get("score", 0.0)),
        new_story=bool(score.get("new_story", False)),
    )


def last_seq(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(story_articles.c.seq), 0))).scalar_one())


# The story stage writes these once per article: built once, as building one costs more than running it.
_APPEND = story_articles.insert()


def append_assignment(conn: Connection, entry: LogEntry, now: datetime) -> None:
    conn.execute(_APPEND, {
        "document_id": entry.document_id, "seq": entry.seq, "story_id": entry.story_id, "role": entry.role,
        "duplicate_of": entry.duplicate_of, "score": {"score": entry.score, "new_story": entry.new_story},
        "assigned_at": now,
    })


def story_log(conn: Connection, story_id: str) -> list[LogEntry]:
    rows = conn.execute(
        select(story_articles).where(story_articles.c.story_id == story_id).order_by(story_articles.c.seq)
    )
    return [_entry(row) for row in rows]


def document_story(conn: Connection, document_id: int) -> LogEntry | None:
    row = conn.execute(select(story_articles).where(story_articles.c.document_id == document_id)).first()
    return _entry(row) if row else None


def save_story(conn: Connection, insert, record: dict, *, first_seen: datetime, last_seen: datetime,
               first_published: datetime | None, last_published: datetime | None, now: datetime) -> None:
    values = {
        "id": record["id"], "title": record["title"], "first_seen": first_seen, "last_seen": last_seen,
        "first_published": first_published, "last_published": last_published,
        "article_count": len(record["articles"]), "source_count": len(record["sources"]),
        "data": record, "updated_at": now,
    }
    conn.execute(_save_story_statement(insert), values)


@functools.lru_cache(maxsize=4)
def _save_story_statement(insert):
    """Insert the story record or replace every column of the stored one (dialect's `insert`)."""
    statement = insert(stories)
    return statement.on_conflict_do_update(
        index_elements=[stories.c.id],
        set_={name: statement.excluded[name] for name in (
            "title", "first_seen", "last_seen", "first_published", "last_published", "article_count",
            "source_count", "data", "updated_at")},
    )


def load_state(conn: Connection) -> tuple[int, dict] | None:
    row = conn.execute(select(engine_state).where(engine_state.c.name == STATE_NAME)).first()
    if row is None:
        return None
    return row.seq, json.loads(zlib.decompress(row.state))


def save_state(conn: Connection, insert, seq: int, state: dict, now: datetime) -> None:
    blob = zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)
    statement = insert(engine_state).values(name=STATE_NAME, seq=seq, state=blob, updated_at=now)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[engine_state.c.name], set_={"seq": seq, "state": blob, "updated_at": now},
    ))


SORTS = ("breaking", "latest", "biggest", "sources")
AGE_CAP_HOURS = 72.0  # older than this, or of unknown age: no recency left to lose


def check_sort(sort: str) -> str:
    if sort not in SORTS:
        raise InputError(f"unknown story order {sort!r}: use one of {', '.join(SORTS)}")
    return sort


def breaking_rank(velocity: int, sources: int, last_published: datetime | None, now: datetime) -> float:
    """Higher first: bursts of arrivals, many independent sources, and recency (12 h per point).

    Velocity is counted on the arrival clock; recency on the publication clock, where known. A
    story with no dated article has an unknown age and is ranked as old: an archive page or an
    undated record read today is not fresh news (it still gets its burst while it arrives)."""
    if last_published is None:
        age_hours = AGE_CAP_HOURS
    else:
        age_hours = min(AGE_CAP_HOURS, max(0.0, (now - last_published).total_seconds() / 3600.0))
    return math.log1p(velocity) * 2.0 + math.log1p(sources) - age_hours / 12.0


def _velocity(conn: Connection, now: datetime, ids: list[str] | None) -> dict[str, int]:
    """Articles per story that arrived (were stored) in the hour before `now`: the same clock as
    `last_seen`, so "+N in the last hour" never comes with an older "updated"."""
    recent = (
        select(story_articles.c.story_id, func.count())
        .join(documents, documents.c.id == story_articles.c.document_id)
        .where(documents.c.ingested_at > now - timedelta(hours=1), documents.c.ingested_at <= now)
    )
    if ids is not None:
        recent = recent.where(story_articles.c.story_id.in_(ids))
    return {story_id: int(n) for story_id, n in conn.execute(recent.group_by(story_articles.c.story_id))}


def _ordered(sort: str):
    """The SQL order of the orders that need no per-request score."""
    c = stories.c
    if sort == "latest":  # newest article date first; stories with no dated article after them
        return [c.last_published.is_(None), desc(c.last_published), desc(c.last_seen), c.id]
    if sort == "biggest":
        return [desc(c.article_count), desc(c.source_count), desc(c.last_seen), c.id]
    return [desc(c.source_count), desc(c.article_count), desc(c.last_seen), c.id]  # sources


def list_stories(conn: Connection, *, sort: str = "breaking", now: datetime | None = None,
                 since: datetime | None = None, ids: list[str] | None = None, limit: int = 30,
                 offset: int = 0, window: int = 2000) -> list[StorySummary]:
    """Stories in one of `SORTS`: `breaking` ranks the `window` most recently updated stories
    (the rank depends on `now`); `latest`, `biggest` and `sources` are plain SQL orders.

    The order needs only narrow columns; the story record (a large JSON value) is read and parsed
    for the returned page only: at 10,000 articles that halves the home page's time."""
    check_sort(sort)
    now = now or datetime.now(timezone.utc)
    c = stories.c
    stmt = select(c.id, c.last_seen, c.last_published, c.source_count, c.article_count)
    if since is not None:
        stmt = stmt.where(c.last_seen >= since)
    if ids is not None:
        stmt = stmt.where(c.id.in_(ids))
    if sort == "breaking":
        rows = conn.execute(stmt.order_by(desc(c.last_seen), desc(c.updated_at)).limit(window)).all()
        if not rows:
            return []
        velocity = _velocity(conn, now, ids)
        ranked = sorted(
            ((breaking_rank(velocity.get(row.id, 0), row.source_count, row.last_published, now), row)
             for row in rows),
            key=lambda item: (-item[0], -item[1].article_count, item[1].id),
        )[offset: offset + limit]
    else:
        rows = conn.execute(stmt.order_by(*_ordered(sort)).limit(limit).offset(offset)).all()
        velocity = _velocity(conn, now, [row.id for row in rows]) if rows else {}
        ranked = [(breaking_rank(velocity.get(row.id, 0), row.source_count, row.last_published, now), row)
                  for row in rows]
    if not ranked:
        return []
    full = {
        row.id: row for row in conn.execute(
            select(c.id, c.title, c.first_seen, c.first_published, c.data)
            .where(c.id.in_([row.id for _, row in ranked]))
        )
    }
    return [
        StorySummary(
            id=row.id, title=full[row.id].title, first_seen=full[row.id].first_seen, last_seen=row.last_seen,
            first_published=full[row.id].first_published, last_published=row.last_published,
            articles=row.article_count, sources=row.source_count, velocity=velocity.get(row.id, 0),
            rank=rank, data=full[row.id].data,
        )
        for rank, row in ranked if row.id in full
    ]


def get_story(conn: Connection, story_id: str, *, now: datetime | None = None) -> StorySummary | None:
    found = list_stories(conn, now=now, ids=[story_id], limit=1)
    return found[0] if found else None


def count_stories(conn: Connection, *, since: datetime | None = None, ids: list[str] | None = None) -> int:
    """How many stories `list_stories` pages through with the same `since` and `ids`."""
    stmt = select(func.count()).select_from(stories)
    if since is not None:
        stmt = stmt.where(stories.c.last_seen >= since)
    if ids is not None:
        stmt = stmt.where(stories.c.id.in_(ids))
    return int(conn.execute(stmt).scalar_one())


def stories_changed_after(conn: Connection, seq: int, *, limit: int) -> list[tuple[str, int]]:
    """(story id, its newest log position) for stories that gained articles after `seq`, oldest first."""
    newest = func.max(story_articles.c.seq).label("newest")
    stmt = (
        select(story_articles.c.story_id, newest)
        .where(story_articles.c.seq > seq)
        .group_by(story_articles.c.story_id)
        .order_by(newest)
        .limit(max(1, min(limit, MAX_CHANGES)))
    )
    return [(row.story_id, int(row.newest)) for row in conn.execute(stmt)]


def story_ids_of_documents(conn: Connection, document_ids: list[int]) -> list[str]:
    """The stories these articles were assigned to, each once."""
    if not document_ids:
        return []
    stmt = select(story_articles.c.story_id).where(story_articles.c.document_id.in_(document_ids)).distinct()
    return [row.story_id for row in conn.execute(stmt)]
