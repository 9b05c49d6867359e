"""Listing stored articles: the river of newest articles, the live stream.

A listing reads the narrow columns and the document record once and keeps what a glance needs
(top entities, one quote, quality flags), so a page of cards costs one query, not one per card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from .schema import document_entities, documents

MAX_PAGE = 200  # the most rows one listing call returns, whatever the caller asks
TOP_ENTITIES = 4


@dataclass
class DocumentSummary:
    """One article as lists and cards show it: no full text, just what a glance needs."""

    id: int
    ext_id: str | None
    title: str
    url: str | None
    source: str | None
    site_name: str | None
    language: str | None
    published: datetime | None
    ingested_at: datetime
    entities: list[dict[str, Any]] = field(default_factory=list)  # top entities, most mentioned first
    quote: dict[str, Any] | None = None  # the first attributed quote, else the first quote
    flags: list[str] = field(default_factory=list)
    public_id: str = ""  # what the API and links name it by (store/public_ids.py)


_SUMMARY_COLUMNS = (
    documents.c.id, documents.c.ext_id, documents.c.public_id, documents.c.title, documents.c.url, documents.c.source,
    documents.c.site_name, documents.c.language, documents.c.published, documents.c.ingested_at,
    documents.c.data,
)


def _page(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def registry_ids(conn: Connection, document_ids: list[int]) -> dict[int, dict[str, int]]:
    """document id -> {local entity id ("e3") -> the entity registry's id}: readers name an
    entity by its registry id everywhere, not by the id inside one document's record."""
    if not document_ids:
        return {}
    found: dict[int, dict[str, int]] = {}
    stmt = select(document_entities.c.document_id, document_entities.c.local_id, document_entities.c.entity_id)
    for row in conn.execute(stmt.where(document_entities.c.document_id.in_(document_ids))):
        found.setdefault(row.document_id, {})[row.local_id] = row.entity_id
    return found


def _summaries(conn: Connection, rows: Any) -> list[DocumentSummary]:
    rows = list(rows)
    ids = registry_ids(conn, [row.id for row in rows])
    return [_summary(row, ids.get(row.id, {})) for row in rows]


def _summary(row: Any, entity_ids: dict[str, int]) -> DocumentSummary:
    data = row.data or {}
    entities = sorted(
        (e for e in data.get("entities") or [] if isinstance(e, dict) and e.get("name")),
        key=lambda e: -len(e.get("mentions") or []),
    )
    quotes = [q for q in data.get("quotes") or [] if isinstance(q, dict) and q.get("text")]
    quote = next((q for q in quotes if q.get("speaker")), quotes[0] if quotes else None)
    quality = data.get("quality") or {}
    flags = ["machine translation suspected"] if quality.get("machine_translation_suspected") else []
    return DocumentSummary(
        id=row.id, ext_id=row.ext_id, title=row.title, url=row.url, source=row.source,
        site_name=row.site_name, language=row.language, published=row.published,
        ingested_at=row.ingested_at,
        entities=[
            {"id": entity_ids.get(str(e.get("id"))), "name": e["name"], "type": e.get("type"), "mentions": len(e.get("mentions") or [])}
            for e in entities[:TOP_ENTITIES]
        ],
        quote={"text": quote["text"], "speaker": quote.get("speaker"), "cue": quote.get("cue")} if quote else None,
        flags=flags,
        public_id=row.public_id,
    )


def list_documents(conn: Connection, *, limit: int, offset: int,
                   where: ColumnElement[bool] | None = None) -> list[DocumentSummary]:
    """Newest arrivals first (by store id: what an editor watching the river wants); `where` a
    condition over `documents` (a query compiled by the full-text module)."""
    stmt = select(*_SUMMARY_COLUMNS)
    if where is not None:
        stmt = stmt.where(where)
    stmt = stmt.order_by(documents.c.id.desc()).limit(_page(limit)).offset(max(0, offset))
    return _summaries(conn, conn.execute(stmt))


def documents_after(conn: Connection, after_id: int, *, limit: int) -> list[DocumentSummary]:
    """Articles stored after `after_id`, oldest first: what a live stream sends next."""
    stmt = select(*_SUMMARY_COLUMNS).where(documents.c.id > after_id).order_by(documents.c.id).limit(_page(limit))
    return _summaries(conn, conn.execute(stmt))


def document_summaries(conn: Connection, ids: list[int]) -> dict[int, DocumentSummary]:
    if not ids:
        return {}
    rows = conn.execute(select(*_SUMMARY_COLUMNS).where(documents.c.id.in_(ids)))
    return {summary.id: summary for summary in _summaries(conn, rows)}


def newest_id(conn: Connection) -> int:
    return int(conn.execute(select(func.max(documents.c.id))).scalar() or 0)
