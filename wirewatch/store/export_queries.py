"""Everything of one kind (articles, stories, entities, quotes) as flat rows, for `export`.

Rows are read in keyset pages (`id > last id`, a fixed page size, a fresh connection per page),
so an export of any size holds one page in memory and never keeps a transaction open while a
slow client downloads. There is no row cap: export is the way to take everything out.

Each kind has a fixed column list with a type per column (`COLUMNS`); the writers in
`wirewatch.exports` turn it into a CSV header, JSON Lines keys and a Parquet schema, so every
format carries the same fields in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from ..ids import parse_row_id
from .public_ids import public_ids
from .schema import document_entities, documents, entities, entity_aliases, quotes, stories, story_articles

PAGE_SIZE = 500
KINDS = ("articles", "stories", "entities", "quotes")

# Column types: "int", "float", "str", "time" (aware UTC datetime), "list" (of str), "ints" (list of int).
# An article is named by its public id (store/public_ids.py) in every kind, as in the API.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "str"), ("title", "str"), ("url", "str"), ("source", "str"),
        ("site_name", "str"), ("language", "str"), ("published", "time"), ("ingested_at", "time"),
        ("story", "str"), ("entities", "list"), ("text", "str"),
    ),
    "stories": (
        ("id", "str"), ("title", "str"), ("first_seen", "time"), ("last_seen", "time"),
        ("article_count", "int"), ("source_count", "int"), ("entities", "list"), ("summary", "list"),
        ("articles", "list"),
    ),
    "entities": (
        ("id", "int"), ("name", "str"), ("type", "str"), ("documents", "int"), ("mentions", "int"),
        ("first_seen", "time"), ("last_seen", "time"), ("aliases", "list"),
    ),
    "quotes": (
        ("id", "int"), ("text", "str"), ("speaker", "str"), ("speaker_entity", "int"), ("cue", "str"),
        ("document", "str"), ("title", "str"), ("url", "str"), ("source", "str"), ("published", "time"),
    ),
}

Row = dict[str, Any]


def export_rows(engine: Engine, kind: str, *, matching: ColumnElement[bool] | None,
                since: datetime | None, until: datetime | None,
                page_size: int | None = None) -> Iterator[Row]:
    """Every row of `kind`, oldest id first. `matching` is a condition on documents (a search
    query compiled by the full-text module): articles that match, stories with a matching
    article, entities mentioned in one, quotes from one. `since`/`until` bound the kind's own
    time: an article's or quote's publication time, a story's or entity's last sighting."""
    read = _READERS[kind]
    page_size = page_size or PAGE_SIZE
    last: Any = None
    while True:
        with engine.connect() as conn:
            page = read(conn, last, matching, since, until, page_size)
        yield from (row for _, row in page)
        if len(page) < page_size:
            return
        last = page[-1][0]


def _bounded(column: Any, since: datetime | None, until: datetime | None) -> list[ColumnElement[bool]]:
    bounds = []
    if since is not None:
        bounds.append(column >= since)
    if until is not None:
        bounds.append(column < until)
    return bounds


def _articles(conn: Connection, last: int | None, matching: ColumnElement[bool] | None,
              since: datetime | None, until: datetime | None, size: int) -> list[tuple[int, Row]]:
    stmt = (
        select(documents.c.id, documents.c.public_id, documents.c.title, documents.c.url, documents.c.source,
               documents.c.site_name, documents.c.language, documents.c.published, documents.c.ingested_at,
               documents.c.text, documents.c.data, story_articles.c.story_id)
        .outerjoin(story_articles, story_articles.c.document_id == documents.c.id)
        .where(*_bounded(documents.c.published, since, until))
        .order_by(documents.c.id).limit(size)
    )
    if last is not None:
        stmt = stmt.where(documents.c.id > last)
    if matching is not None:
        stmt = stmt.where(matching)
    page = []
    for row in conn.execute(stmt):
        found = (row.data or {}).get("entities") or []
        names = [e["name"] for e in sorted(
            (e for e in found if isinstance(e, dict) and e.get("name")), key=lambda e: -len(e.get("mentions") or [])
        )]
        page.append((row.id, {
            "id": row.public_id, "title": row.title, "url": row.url, "source": row.source,
            "site_name": row.site_name, "language": row.language, "published": row.published,
            "ingested_at": row.ingested_at, "story": row.story_id, "entities": names, "text": row.text,
        }))
    return page


def _stories(conn: Connection, last: str | None, matching: ColumnElement[bool] | None,
             since: datetime | None, until: datetime | None, size: int) -> list[tuple[str, Row]]:
    stmt = select(stories).where(*_bounded(stories.c.last_seen, since, until)).order_by(stories.c.id).limit(size)
    if last is not None:
        stmt = stmt.where(stories.c.id > last)
    if matching is not None:
        stmt = stmt.where(exists(
            select(story_articles.c.document_id)
            .join(documents, documents.c.id == story_articles.c.document_id)
            .where(story_articles.c.story_id == stories.c.id, matching)
        ))
    rows = conn.execute(stmt).all()
    # A story record lists its articles by store number: named by their public ids, read at once.
    members: dict[str, list[int]] = {}
    for row in rows:
        listed = [a.get("id") for a in (row.data or {}).get("articles") or [] if isinstance(a, dict)]
        members[row.id] = [n for n in (parse_row_id(str(i)) for i in listed) if n is not None]
    named = public_ids(conn, [number for numbers in members.values() for number in numbers])
    page = []
    for row in rows:
        data = row.data or {}
        page.append((row.id, {
            "id": row.id, "title": row.title, "first_seen": row.first_seen, "last_seen": row.last_seen,
            "article_count": row.article_count, "source_count": row.source_count,
            "entities": [str(name) for name in data.get("entities") or []],
            "summary": [str(sentence) for sentence in data.get("summary") or []],
            "articles": [named[number] for number in members[row.id] if number in named],
        }))
    return page


def _entities(conn: Connection, last: int | None, matching: ColumnElement[bool] | None,
              since: datetime | None, until: datetime | None, size: int) -> list[tuple[int, Row]]:
    stmt = select(entities).where(*_bounded(entities.c.last_seen, since, until)).order_by(entities.c.id).limit(size)
    if last is not None:
        stmt = stmt.where(entities.c.id > last)
    if matching is not None:
        stmt = stmt.where(exists(
            select(document_entities.c.document_id)
            .join(documents, documents.c.id == document_entities.c.document_id)
            .where(document_entities.c.entity_id == entities.c.id, matching)
        ))
    rows = conn.execute(stmt).all()
    aliases: dict[int, list[str]] = {}
    if rows:
        spellings = conn.execute(
            select(entity_aliases.c.entity_id, entity_aliases.c.alias)
            .where(entity_aliases.c.entity_id.in_([row.id for row in rows]))
            .order_by(entity_aliases.c.entity_id, entity_aliases.c.count.desc(), entity_aliases.c.alias)
        )
        for spelling in spellings:
            aliases.setdefault(spelling.entity_id, []).append(spelling.alias)
    return [(row.id, {
        "id": row.id, "name": row.name, "type": row.type, "documents": row.document_count,
        "mentions": row.mention_count, "first_seen": row.first_seen, "last_seen": row.last_seen,
        "aliases": aliases.get(row.id, []),
    }) for row in rows]


def _quotes(conn: Connection, last: int | None, matching: ColumnElement[bool] | None,
            since: datetime | None, until: datetime | None, size: int) -> list[tuple[int, Row]]:
    stmt = (
        select(quotes, documents.c.title.label("document_title"), documents.c.url, documents.c.source,
               documents.c.public_id, documents.c.published.label("article_published"))
        .join(documents, documents.c.id == quotes.c.document_id)
        .where(*_bounded(quotes.c.published, since, until))
        .order_by(quotes.c.id).limit(size)
    )
    if last is not None:
        stmt = stmt.where(quotes.c.id > last)
    if matching is not None:
        stmt = stmt.where(matching)
    return [(row.id, {
        "id": row.id, "text": row.text, "speaker": row.speaker, "speaker_entity": row.entity_id, "cue": row.cue,
        "document": row.public_id, "title": row.document_title, "url": row.url, "source": row.source,
        "published": row.article_published,  # None when unknown (quotes.published is arrival-backed)
    }) for row in conn.execute(stmt)]


_READERS: dict[str, Callable[..., list[tuple[Any, Row]]]] = {
    "articles": _articles, "stories": _stories, "entities": _entities, "quotes": _quotes,
}
