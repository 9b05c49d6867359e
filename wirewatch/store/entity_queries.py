"""Reading the entity registry and quotes: lists, one entity's page, who said what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import desc, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..ids import is_ascii_number, parse_row_id
from .facts import fold
from .schema import document_entities, documents, entities, entity_aliases, quotes
from .time_queries import article_counts


@dataclass
class EntitySummary:
    id: int
    name: str
    type: str
    documents: int
    mentions: int
    first_seen: datetime
    last_seen: datetime

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "type": self.type, "documents": self.documents,
            "mentions": self.mentions, "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
        }


@dataclass
class QuoteRecord:
    id: int
    text: str
    speaker: str | None
    entity_id: int | None
    cue: str | None
    document_id: int
    document_title: str
    url: str | None
    source: str | None
    published: datetime | None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "text": self.text, "speaker": self.speaker, "speaker_entity": self.entity_id,
            "cue": self.cue, "document": self.document_id, "title": self.document_title,
            "url": self.url, "source": self.source,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass
class EntityDetail:
    entity: EntitySummary
    aliases: list[tuple[str, int]] = field(default_factory=list)  # spelling, times seen
    timeline: list[tuple[str, int]] = field(default_factory=list)  # publication day (ISO), documents
    undated: int = 0  # documents without a publication date: on no day of the timeline
    related: list[tuple[EntitySummary, int]] = field(default_factory=list)  # co-mentioned, shared documents
    quotes: list[QuoteRecord] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)  # newest first

    def to_dict(self) -> dict:
        return {
            **self.entity.to_dict(),
            "aliases": [{"text": text, "count": count} for text, count in self.aliases],
            "timeline": [{"day": day, "documents": count} for day, count in self.timeline],
            "undated_documents": self.undated,
            "related": [{**summary.to_dict(), "shared_documents": shared} for summary, shared in self.related],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "documents": self.document_ids,
        }


def _summary(row) -> EntitySummary:
    return EntitySummary(
        id=row.id, name=row.name, type=row.type, documents=row.document_count,
        mentions=row.mention_count, first_seen=row.first_seen, last_seen=row.last_seen,
    )


def list_entities(conn: Connection, *, type: str | None = None, name: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[EntitySummary]:
    stmt = select(entities)
    if type:
        stmt = stmt.where(entities.c.type == type.upper())
    if name:
        stmt = stmt.where(func.lower(entities.c.name).contains(name.lower(), autoescape=True))
    stmt = stmt.order_by(desc(entities.c.document_count), desc(entities.c.mention_count), entities.c.name)
    return [_summary(row) for row in conn.execute(stmt.limit(limit).offset(offset))]


def find_entity(conn: Connection, name_or_id: str | int) -> EntitySummary | None:
    """By id, exact name, a recorded spelling, or a unique surname — most certain first."""
    if isinstance(name_or_id, int) or (isinstance(name_or_id, str) and is_ascii_number(name_or_id.strip())):
        row_id = parse_row_id(name_or_id)
        if row_id is None:  # all digits, but beyond any row id: no entity is called that either
            return None
        row = conn.execute(select(entities).where(entities.c.id == row_id)).first()
        return _summary(row) if row else None
    name = str(name_or_id).strip()
    order = (desc(entities.c.document_count), entities.c.id)
    row = conn.execute(
        select(entities).where(func.lower(entities.c.name) == name.lower()).order_by(*order)
    ).first()
    if row is None:
        row = conn.execute(
            select(entities).join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
            .where(func.lower(entity_aliases.c.alias) == name.lower()).order_by(*order)
        ).first()
    if row is None:
        surname = fold(name).split()[-1:] if name else []
        if surname:
            rows = [
                r for r in conn.execute(
                    select(entities).where(func.lower(entities.c.name).like(f"% {surname[0]}"))
                ) if fold(r.name).split()[-1:] == surname
            ]
            row = rows[0] if len(rows) == 1 else None
    return _summary(row) if row else None


def entity_detail(conn: Connection, summary: EntitySummary, *, quotes_limit: int = 50,
                  related_limit: int = 12, documents_limit: int = 50) -> EntityDetail:
    aliases = conn.execute(
        select(entity_aliases.c.alias, entity_aliases.c.count)
        .where(entity_aliases.c.entity_id == summary.id)
        .order_by(desc(entity_aliases.c.count), entity_aliases.c.alias)
    ).all()
    # By publication date only (`document_entities.published` falls back to the arrival time):
    # an undated article puts no day it was never published on the timeline, and is counted apart.
    by_day = article_counts(conn, clock="published", unit="day", entity_id=summary.id)
    mine = select(document_entities.c.document_id).where(document_entities.c.entity_id == summary.id)
    shared = func.count().label("shared")
    related = conn.execute(
        select(entities, shared)
        .join(document_entities, document_entities.c.entity_id == entities.c.id)
        .where(document_entities.c.document_id.in_(mine), entities.c.id != summary.id)
        .group_by(*entities.c)
        .order_by(desc(shared), desc(entities.c.document_count), entities.c.name)
        .limit(related_limit)
    ).all()
    documents_newest = conn.execute(
        select(document_entities.c.document_id)
        .where(document_entities.c.entity_id == summary.id)
        .order_by(desc(document_entities.c.published), desc(document_entities.c.document_id))
        .limit(documents_limit)
    ).scalars().all()
    return EntityDetail(
        entity=summary,
        aliases=[(row.alias, row.count) for row in aliases],
        timeline=[(day.date().isoformat(), n) for day, n in by_day.counts], undated=by_day.undated,
        related=[(_summary(row), int(row.shared)) for row in related],
        quotes=list_quotes(conn, entity_id=summary.id, limit=quotes_limit),
        document_ids=list(documents_newest),
    )


def quote_conditions(conn: Connection, *, entity_id: int | None = None, speaker: str | None = None,
                     document_id: int | None = None, since: datetime | None = None,
                     until: datetime | None = None, article: ColumnElement[bool] | None = None,
                     ) -> list[ColumnElement[bool]]:
    """What a quote list is filtered by. `speaker`: a person named any way the registry knows them
    (find_entity), by literal name otherwise; `since`/`until` the quote's time (its article's
    publication, else arrival), `until` exclusive; `article` a condition over `documents`."""
    conditions: list[ColumnElement[bool]] = []
    if speaker is not None:
        found = find_entity(conn, speaker)
        if found is not None:
            entity_id = found.id
        else:
            conditions.append(func.lower(quotes.c.speaker) == speaker.lower())
    if entity_id is not None:
        conditions.append(quotes.c.entity_id == entity_id)
    if document_id is not None:
        conditions.append(quotes.c.document_id == document_id)
    if since is not None:
        conditions.append(quotes.c.published >= since)
    if until is not None:
        conditions.append(quotes.c.published < until)
    if article is not None:
        conditions.append(article)
    return conditions


def list_quotes(conn: Connection, *, entity_id: int | None = None, speaker: str | None = None,
                document_id: int | None = None, limit: int = 50, offset: int = 0,
                conditions: list[ColumnElement[bool]] | None = None) -> list[QuoteRecord]:
    """Quotes newest first (in text order for one document); `conditions` from quote_conditions
    replace the other filters."""
    if conditions is None:
        conditions = quote_conditions(conn, entity_id=entity_id, document_id=document_id)
        if speaker is not None:
            conditions.append(func.lower(quotes.c.speaker) == speaker.lower())
    stmt = (
        select(quotes, documents.c.title.label("document_title"), documents.c.url, documents.c.source,
               documents.c.published.label("article_published"))
        .join(documents, documents.c.id == quotes.c.document_id)
        .where(*conditions)
    )
    if document_id is not None:
        stmt = stmt.order_by(quotes.c.start, quotes.c.id)
    else:
        stmt = stmt.order_by(desc(quotes.c.published), desc(quotes.c.id))
    return [_quote(row) for row in conn.execute(stmt.limit(limit).offset(offset))]


def count_quotes(conn: Connection, conditions: list[ColumnElement[bool]]) -> int:
    """How many quotes `list_quotes` pages through with the same conditions."""
    stmt = (
        select(func.count()).select_from(quotes.join(documents, documents.c.id == quotes.c.document_id))
        .where(*conditions)
    )
    return int(conn.execute(stmt).scalar_one())


def _quote(row) -> QuoteRecord:
    return QuoteRecord(
        id=row.id, text=row.text, speaker=row.speaker, entity_id=row.entity_id, cue=row.cue,
        document_id=row.document_id, document_title=row.document_title, url=row.url,
        # The article's publication date, None when unknown: `quotes.published` falls back to the
        # arrival time (it orders the newest first), which is no publication date.
        source=row.source, published=row.article_published,
    )


def speaker_quotes(conn: Connection, speaker: str, *, limit: int = 50, offset: int = 0) -> list[QuoteRecord]:
    """Quotes by a person named any way the registry knows them; by literal name otherwise."""
    return list_quotes(conn, conditions=quote_conditions(conn, speaker=speaker), limit=limit, offset=offset)


def count_entities(conn: Connection, *, type: str | None = None, name: str | None = None) -> int:
    """How many identities `list_entities` would page through with the same filters."""
    stmt = select(func.count()).select_from(entities)
    if type:
        stmt = stmt.where(entities.c.type == type.upper())
    if name:
        stmt = stmt.where(func.lower(entities.c.name).contains(name.lower(), autoescape=True))
    return int(conn.execute(stmt).scalar_one())


def entity_types(conn: Connection) -> list[tuple[str, int]]:
    """Entity types with how many identities each has, most first."""
    count = func.count().label("n")
    stmt = select(entities.c.type, count).group_by(entities.c.type).order_by(count.desc(), entities.c.type)
    return [(row.type, int(row.n)) for row in conn.execute(stmt)]


def entity_ids(conn: Connection, names: list[str]) -> dict[str, int]:
    """Registry ids of canonical names (the best-known identity when two types share a name)."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return {}
    stmt = (
        select(entities.c.name, entities.c.id)
        .where(entities.c.name.in_(wanted))
        .order_by(entities.c.document_count, entities.c.id.desc())
    )
    return {row.name: row.id for row in conn.execute(stmt)}  # later rows (more documents) win


def quotes_of_documents(conn: Connection, document_ids: list[int]) -> list[QuoteRecord]:
    """Every quote of these articles, newest article first, each article's in text order."""
    if not document_ids:
        return []
    stmt = (
        select(quotes, documents.c.title.label("document_title"), documents.c.url, documents.c.source,
               documents.c.published.label("article_published"))
        .join(documents, documents.c.id == quotes.c.document_id)
        .where(quotes.c.document_id.in_(document_ids))
        .order_by(desc(quotes.c.published), desc(quotes.c.document_id), quotes.c.start)
    )
    return [_quote(row) for row in conn.execute(stmt)]
