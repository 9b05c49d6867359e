"""The Store: every stage's durable state behind one small API, on SQLite or PostgreSQL."""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import ModuleType
from typing import Iterable

from sqlalchemy import bindparam, func, or_, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from ..document import Document
from ..errors import InputError, QueryError, StoreConflict, StoreError
from ..query import Query, parse_query
from . import (
    document_queries, entity_queries, export_queries, feed_queries, fulltext_postgres, fulltext_sqlite, story_queries,
    time_queries,
)
from . import public_ids as article_ids
from .document_queries import DocumentSummary
from .entity_queries import (
    EntityDetail, EntitySummary, QuoteRecord, count_quotes, entity_detail, find_entity, list_entities,
    list_quotes, quote_conditions,
)
from .facts import record_facts
from .feed_queries import Feed
from .story_queries import (
    LogEntry, StorySummary, check_sort, count_stories, document_story, get_story, list_stories,
)
from .dialect import first_line as _first_line, insert_for, store_errors
from .story_session import StorySession
from .time_queries import TimeCounts
from .subscription_counts import alert_counts
from .engine import create_store_engine, display_url, parse_store_url, write_transaction
from .migrate import MigrationError, upgrade_to_head
from .raw import compress_raw, decompress_raw
from .schema import documents, http_validators, site_articles, site_lines, story_articles
from .snippets import head_snippet
from .urls import canonical_url
from .alert_records import SubscriptionChange

MAX_SEARCH_LIMIT = 1000
# PostgreSQL advisory lock (class, schema) held by the story stage's transactions: one sequencer.
_STORY_LOCK_CLASS = 0x77777374  # "wwst"
_STORY_SEQUENCER = text("SELECT pg_advisory_xact_lock(:lock_class, hashtext(current_schema()))")
_FIND_DUPLICATE = select(
    documents.c.id, documents.c.ext_id, documents.c.canonical_url, documents.c.content_hash
).where(or_(
    documents.c.ext_id == bindparam("ext_id"),
    documents.c.canonical_url == bindparam("canonical"),
    documents.c.content_hash == bindparam("hash"),
))

# Records found before analysis: the same id, canonical URL or raw input as a stored article. A raw
# match counts only where the stored text had a hash, as in _add (empty texts never repeat).
_FIND_KNOWN = select(documents.c.id, documents.c.ext_id, documents.c.canonical_url).where(or_(
    documents.c.ext_id == bindparam("ext_id"),
    documents.c.canonical_url == bindparam("canonical"),
    (documents.c.raw_hash == bindparam("raw_hash")) & documents.c.content_hash.is_not(None),
))


def raw_key(raw: bytes) -> str:
    """The key a raw input is recognised by: the store writes it and looks it up, nobody else."""
    return hashlib.sha256(raw).hexdigest()


@dataclass
class AddResult:
    id: int
    status: str  # "stored" | "duplicate"
    duplicate_of: int | None = None
    reason: str | None = None  # "same id" | "same url" | "same text"


@dataclass
class SearchHit:
    id: str  # the article's public id (store/public_ids.py): what every face names it by
    url: str | None
    title: str
    source: str | None
    published: str | None  # ISO 8601
    snippet: str  # HTML-safe: escaped text, matches in <mark>…</mark>
    score: float  # higher is better; only comparable within one search
    row_id: int = 0  # the store's number for it (lists, live streams and filters inside wirewatch)


@dataclass
class StoredDocument:
    id: int
    document: Document
    ingested_at: datetime
    raw: bytes | None
    raw_content_type: str | None
    entity_ids: dict[str, int] = field(default_factory=dict)  # local id ("e3") -> the registry's id
    public_id: str = ""  # what every face names it by (store/public_ids.py), given when it was stored


DocumentInput = tuple[Document, "bytes | None", "str | None", "str | None"]


class Store:
    """Open with `Store.open(url)`; the schema is created or migrated to the newest version."""

    def __init__(self, engine: Engine, url_for_messages: str) -> None:
        self._engine = engine
        self._url = url_for_messages
        self._dialect = engine.dialect.name
        self._fulltext: ModuleType = fulltext_sqlite if self._dialect == "sqlite" else fulltext_postgres
        self._insert = insert_for(self._dialect)
        # Built once: constructing statements costs more than executing them in bulk ingest.
        self._insert_document = (
            self._insert(documents).on_conflict_do_nothing().returning(documents.c.id)
        )
        site_article = self._insert(site_articles)
        self._count_site_article = site_article.values(site=bindparam("site"), count=1).on_conflict_do_update(
            index_elements=[site_articles.c.site], set_={"count": site_articles.c.count + 1},
        )
        self._count_site_lines = self._insert(site_lines).on_conflict_do_update(
            index_elements=[site_lines.c.site, site_lines.c.key_hash], set_={"count": site_lines.c.count + 1},
        )
        # Told of every subscription write committed through this Store (see watch_subscriptions).
        self._subscription_watchers: list[weakref.WeakMethod] = []
        self._watchers_lock = threading.Lock()

    @classmethod
    def open(cls, url: str) -> "Store":
        parsed = parse_store_url(url)
        shown = display_url(parsed)
        try:
            engine = create_store_engine(parsed)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open {shown}: {_first_line(exc)}") from None
        try:
            with engine.connect():
                pass
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(f"cannot connect to {shown}: {_first_line(exc)}") from None
        try:
            upgrade_to_head(engine)
        except (SQLAlchemyError, OSError, MigrationError) as exc:
            engine.dispose()
            raise StoreError(f"cannot bring {shown} to the current schema: {_first_line(exc)}") from None
        return cls(engine, shown)

    @property
    def dialect(self) -> str:
        return self._dialect

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._url!r})"

    # --- subscription changes in this process ----------------------------------------------------

    def watch_subscriptions(self, watcher: Callable[[SubscriptionChange], None]) -> None:
        """Call `watcher` (a bound method, held weakly: it goes when its object does) after every
        subscription write committed through this Store, in the writing thread, so an in-memory
        copy of the subscriptions (alerting's index) follows this process's writes as they happen.
        Writes by other processes are not told: compare `subscriptions_fingerprint` for those."""
        with self._watchers_lock:
            self._subscription_watchers.append(weakref.WeakMethod(watcher))  # type: ignore[arg-type]

    def _subscription_changed(self, change: SubscriptionChange) -> None:
        """AlertStore calls this after a subscription write committed (store-internal)."""
        with self._watchers_lock:
            self._subscription_watchers = [ref for ref in self._subscription_watchers if ref() is not None]
            watchers = [ref() for ref in self._subscription_watchers]
        for watcher in watchers:
            if watcher is None:
                continue
            try:
                watcher(change)
            except Exception:  # the write is committed: a watcher's copy is caught up by its fingerprint check
                logging.getLogger("wirewatch.store").exception("a subscription watcher failed")

    # --- documents -----------------------------------------------------------------------------

    def add_document(
        self,
        doc: Document,
        *,
        raw: bytes | None = None,
        raw_content_type: str | None = None,
        origin: str | None = None,
        site_lines: tuple[str, Iterable[str]] | None = None,
    ) -> AddResult:
        """Store one article unless it is already there (same id, same canonical URL or same text).

        `site_lines` (site, line keys): a new article also counts them, as `record_site_lines`
        does, in the same transaction."""
        with store_errors(f"cannot store articles in {self._url}"), write_transaction(self._engine) as conn:
            added = self._add(conn, doc, raw, raw_content_type, origin)
            if site_lines is not None and added.status == "stored":
                self._record_site_lines(conn, *site_lines)
        return added

    def add_documents(self, items: Iterable[DocumentInput]) -> list[AddResult]:
        """Like add_document for each item, in one transaction (much faster for bulk ingest)."""
        with store_errors(f"cannot store articles in {self._url}"), write_transaction(self._engine) as conn:
            return [self._add(conn, doc, raw, raw_content_type, origin) for doc, raw, raw_content_type, origin in items]

    def _add(self, conn: Connection, doc: Document, raw: bytes | None, raw_content_type: str | None,
             origin: str | None) -> AddResult:
        ext_id = doc.id or None
        canonical = canonical_url(doc.url)
        # Empty text says nothing about identity: two empty pages are not the same article.
        content_hash = doc.content_hash if doc.text.strip() else None
        existing = self._find_duplicate(conn, ext_id, canonical, content_hash)
        if existing is not None:
            return existing
        values = {
            "ext_id": ext_id,
            "url": doc.url,
            "canonical_url": canonical,
            "content_hash": content_hash,
            "title": doc.title or "",
            "site_name": doc.site_name,
            "source": doc.source,
            "published": doc.published,
            "language": doc.language,
            "text": doc.text,
            "data": doc.to_dict(),
            "raw": compress_raw(raw) if raw is not None else None,
            "raw_content_type": raw_content_type,
            "raw_hash": raw_key(raw) if raw is not None else None,
            "origin": origin,
            "ingested_at": datetime.now(timezone.utc),
        }
        named = article_ids.ahead(conn, ext_id)
        new_id = conn.execute(self._insert_document, {**values, **named}).scalar()
        if new_id is None:  # another writer stored the same article since we looked, or holds its name
            existing = self._find_duplicate(conn, ext_id, canonical, content_hash)
            if existing is not None:
                return existing
            if not named:
                raise StoreError(f"could not store article {doc.title!r}: conflicting row vanished")
            named = {}  # the name it asked for is another article's: store it unnamed, name it below
            new_id = conn.execute(self._insert_document, {**values, "public_id": None}).scalar()
            if new_id is None:
                raise StoreError(f"could not store article {doc.title!r}: conflicting row vanished")
        if not named:
            article_ids.assign(conn, new_id, ext_id)
        record_facts(conn, self._insert, new_id, doc, values["ingested_at"])
        return AddResult(id=new_id, status="stored")

    @staticmethod
    def _find_duplicate(conn: Connection, ext_id: str | None, canonical: str | None,
                        content_hash: str | None) -> AddResult | None:
        checks = [
            (documents.c.ext_id, ext_id, "same id"),
            (documents.c.canonical_url, canonical, "same url"),
            (documents.c.content_hash, content_hash, "same text"),
        ]
        if ext_id is None and canonical is None and content_hash is None:
            return None
        # A None parameter compares as NULL, i.e. never equal: one statement serves every case.
        rows = conn.execute(_FIND_DUPLICATE, {"ext_id": ext_id, "canonical": canonical, "hash": content_hash}).all()
        for column, value, reason in checks:  # the strongest reason wins
            for row in rows:
                if value is not None and row._mapping[column.name] == value:
                    return AddResult(id=row.id, status="duplicate", duplicate_of=row.id, reason=reason)
        return None

    def find_known(self, *, ext_id: str | None, url: str | None, raw: bytes | None) -> AddResult | None:
        """The stored article an incoming record repeats, judged before any analysis: the same
        record id, the same canonical URL, or byte-identical raw input (which would extract to the
        same text). A duplicate AddResult with the reason, or None."""
        canonical = canonical_url(url) if url else None
        raw_hash = raw_key(raw) if raw else None
        if not (ext_id or canonical or raw_hash):
            return None
        with store_errors(f"cannot look up articles in {self._url}"), self._engine.connect() as conn:
            rows = conn.execute(_FIND_KNOWN, {"ext_id": ext_id or None, "canonical": canonical,
                                              "raw_hash": raw_hash}).all()
        if not rows:
            return None
        for row in rows:  # the strongest reason wins, as in _find_duplicate
            if ext_id and row.ext_id == ext_id:
                return AddResult(id=row.id, status="duplicate", duplicate_of=row.id, reason="same id")
        for row in rows:
            if canonical is not None and row.canonical_url == canonical:
                return AddResult(id=row.id, status="duplicate", duplicate_of=row.id, reason="same url")
        return AddResult(id=rows[0].id, status="duplicate", duplicate_of=rows[0].id, reason="same text")

    def get_document(self, key: int | str) -> StoredDocument | None:
        """By the article's public id (a str) or the store's id (an int); see `document_row_id`."""
        with self._engine.connect() as conn:
            row_id = article_ids.row_id(conn, key)
            row = conn.execute(select(documents).where(documents.c.id == row_id)).first() if row_id else None
            if row is None:
                return None
            entity_ids = document_queries.registry_ids(conn, [row.id]).get(row.id, {})
        return StoredDocument(
            id=row.id,
            document=Document.from_dict(row.data),
            ingested_at=row.ingested_at,
            raw=decompress_raw(row.raw) if row.raw is not None else None,
            raw_content_type=row.raw_content_type,
            entity_ids=entity_ids,
            public_id=row.public_id,
        )

    def document_row_id(self, key: int | str) -> int | None:
        """The store id of the article `key` names, or None. A str is the article's public id (one
        article at most holds it); failing that, when all digits, a store number. An int is a store id."""
        with self._engine.connect() as conn:
            return article_ids.row_id(conn, key)

    def public_ids(self, row_ids: Iterable[int]) -> dict[int, str]:
        """store id -> the article's public id, for the stored ones: how a face names the
        articles a record refers to by store id (quotes, alerts, stories)."""
        with self._engine.connect() as conn:
            return article_ids.public_ids(conn, row_ids)

    def count_documents(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def documents(self, *, limit: int = 20, offset: int = 0, query: str | None = None) -> list[DocumentSummary]:
        """The newest arrivals first, as lists show them (at most 200 a call); `query` (the search
        language) keeps the articles it matches. QueryError for a bad query."""
        parsed = parse_query(query) if query else None
        with self._engine.connect() as conn:
            where = self._fulltext.condition(conn, parsed) if parsed is not None else None
            return document_queries.list_documents(conn, limit=limit, offset=offset, where=where)

    def documents_after(self, after_id: int, *, limit: int = 50) -> list[DocumentSummary]:
        """Articles stored after the store id `after_id`, oldest first: what a live stream sends next."""
        with self._engine.connect() as conn:
            return document_queries.documents_after(conn, after_id, limit=limit)

    def document_summaries(self, ids: list[int]) -> dict[int, DocumentSummary]:
        """A few articles by store id, as lists show them."""
        with self._engine.connect() as conn:
            return document_queries.document_summaries(conn, ids)

    def newest_document_id(self) -> int:
        """The store id of the newest article, 0 for an empty store (ids start at 1)."""
        with self._engine.connect() as conn:
            return document_queries.newest_id(conn)

    def article_counts(self, *, clock: str = "published", unit: str = "day", entity_id: int | None = None,
                       since: datetime | None = None, until: datetime | None = None) -> TimeCounts:
        """Articles per hour or day on one clock ("published" or "arrived"), all of them or those
        mentioning one entity; undated articles are counted apart, never placed at a made-up time.
        `since`/`until` narrow the read to [since, until) (and leave the undated out)."""
        with self._engine.connect() as conn:
            return time_queries.article_counts(conn, clock=clock, unit=unit, entity_id=entity_id,
                                               since=since, until=until)

    def sources(self) -> list[tuple[str, int]]:
        """Source name -> article count, most articles first (articles without a source left out)."""
        count = func.count().label("count")
        stmt = (
            select(documents.c.source, count)
            .where(documents.c.source.is_not(None))
            .group_by(documents.c.source)
            .order_by(count.desc(), documents.c.source)
        )
        with self._engine.connect() as conn:
            return [(row.source, int(row.count)) for row in conn.execute(stmt)]

    # --- search --------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Best matches first (filter-only queries: newest first). QueryError for a bad query.

        The whole query language, entity:, speaker:, type: and story: included (fact_filters.py)."""
        if not isinstance(limit, int) or not 1 <= limit <= MAX_SEARCH_LIMIT:
            raise QueryError(f"limit must be between 1 and {MAX_SEARCH_LIMIT}, not {limit!r}")
        if not isinstance(offset, int) or offset < 0:
            raise QueryError(f"offset must be 0 or more, not {offset!r}")
        parsed = parse_query(query)
        try:
            with self._engine.connect() as conn:
                ranked = self._fulltext.search_ids(conn, parsed, limit=limit, offset=offset)
                ids = [doc_id for doc_id, _ in ranked]
                if not ids:
                    return []
                rows = {
                    row.id: row
                    for row in conn.execute(
                        select(
                            documents.c.id, documents.c.public_id, documents.c.url, documents.c.title,
                            documents.c.source, documents.c.published, documents.c.text,
                        ).where(documents.c.id.in_(ids))
                    )
                }
                marked = self._fulltext.snippets(conn, parsed, ids)
        except DBAPIError as exc:
            raise StoreError(f"search failed in {self._url}: {_first_line(exc)}") from None
        hits = []
        for doc_id, score in ranked:
            row = rows[doc_id]
            hits.append(SearchHit(
                id=row.public_id,
                url=row.url,
                title=row.title,
                source=row.source,
                published=row.published.isoformat() if row.published else None,
                snippet=marked.get(doc_id) or head_snippet(row.text),
                score=score,
                row_id=row.id,
            ))
        return hits

    def count_search(self, query: str) -> int:
        """How many articles `search(query)` pages through. QueryError for a bad query."""
        parsed = parse_query(query)
        try:
            with self._engine.connect() as conn:
                return self._fulltext.count_matches(conn, parsed)
        except DBAPIError as exc:
            raise StoreError(f"search failed in {self._url}: {_first_line(exc)}") from None

    # --- export (every row of a kind, streamed in pages: store/export_queries.py) -----------------

    def export_rows(self, kind: str, *, query: str | None = None, since: datetime | None = None,
                    until: datetime | None = None) -> Iterator[dict]:
        """Every article, story, entity or quote (no cap), oldest id first, read a page at a time.
        `query` (the search language) keeps those of matching articles. QueryError for a bad query,
        InputError for an unknown kind."""
        if kind not in export_queries.KINDS:
            raise InputError(f"unknown export kind {kind!r} (choose from {', '.join(export_queries.KINDS)})")
        matching = self._fulltext.matching_condition(parse_query(query)) if query and query.strip() else None
        return self._export(kind, matching, since, until)

    def _export(self, kind: str, matching, since: datetime | None, until: datetime | None) -> Iterator[dict]:
        try:
            yield from export_queries.export_rows(self._engine, kind, matching=matching, since=since, until=until)
        except DBAPIError as exc:
            raise StoreError(f"export failed in {self._url}: {_first_line(exc)}") from None

    # --- conditional GET validators (wirewatch.sources.ValidatorCache) -----------------------------

    def get_validators(self, url: str) -> tuple[str | None, str | None] | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(http_validators.c.etag, http_validators.c.last_modified).where(http_validators.c.url == url)
            ).first()
        return (row.etag, row.last_modified) if row is not None else None

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        values = {"url": url, "etag": etag, "last_modified": last_modified, "updated_at": datetime.now(timezone.utc)}
        stmt = self._insert(http_validators).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[http_validators.c.url],
            set_={"etag": etag, "last_modified": last_modified, "updated_at": values["updated_at"]},
        )
        with write_transaction(self._engine) as conn:
            conn.execute(stmt)

    # --- per-site recurring lines (boilerplate learning) -------------------------------------------

    def record_site_lines(self, site: str, keys: Iterable[str]) -> None:
        """Count one more article of `site` and, once each, the line keys it contained."""
        with store_errors(f"cannot record site lines in {self._url}"), write_transaction(self._engine) as conn:
            self._record_site_lines(conn, site, keys)

    def _record_site_lines(self, conn: Connection, site: str, keys: Iterable[str]) -> None:
        unique = {key for key in keys}
        conn.execute(self._count_site_article, {"site": site})
        if unique:
            conn.execute(self._count_site_lines, [
                {"site": site, "key_hash": _key_hash(key), "key": key, "count": 1} for key in sorted(unique)
            ])

    def recurring_site_lines(self, site: str, *, min_articles: int = 3, min_share: float = 0.3) -> set[str]:
        """Keys seen in at least `min_articles` articles of `site` and in `min_share` of them."""
        with self._engine.connect() as conn:
            articles = conn.execute(select(site_articles.c.count).where(site_articles.c.site == site)).scalar()
            if not articles:
                return set()
            threshold = max(min_articles, math.ceil(min_share * articles - 1e-9), 1)
            rows = conn.execute(
                select(site_lines.c.key).where(site_lines.c.site == site, site_lines.c.count >= threshold)
            )
            return {row.key for row in rows}


    # --- entity registry and quotes (store/facts.py writes them with each document) --------------

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[EntitySummary]:
        """Entities across all articles, most documents first."""
        with self._engine.connect() as conn:
            return list_entities(conn, type=type, name=name, limit=limit, offset=offset)

    def entity(self, name_or_id: str | int) -> EntityDetail | None:
        """One entity by id, name, any recorded spelling or unique surname, with its page's facts."""
        with self._engine.connect() as conn:
            summary = find_entity(conn, name_or_id)
            return entity_detail(conn, summary) if summary else None

    def quotes(self, *, speaker: str | None = None, query: str | None = None, since: datetime | None = None,
               until: datetime | None = None, document_id: int | None = None, limit: int = 50,
               offset: int = 0) -> list[QuoteRecord]:
        """Quotes, newest first (in text order for one `document_id`). `speaker` matches the
        resolved person whatever the spelling; `query` (the search language) keeps quotes from
        articles it matches; `since` (inclusive) and `until` (exclusive) bound the quote's time,
        its article's publication or else arrival. QueryError / InputError for bad filters."""
        parsed = parse_query(query) if query else None
        since, until = _time_range(since, until)
        with self._engine.connect() as conn:
            conditions = self._quote_conditions(conn, speaker, parsed, since, until, document_id)
            return list_quotes(conn, document_id=document_id, conditions=conditions, limit=limit, offset=offset)

    def count_quotes(self, *, speaker: str | None = None, query: str | None = None,
                     since: datetime | None = None, until: datetime | None = None,
                     document_id: int | None = None) -> int:
        """How many quotes `quotes()` pages through with the same filters."""
        parsed = parse_query(query) if query else None
        since, until = _time_range(since, until)
        with self._engine.connect() as conn:
            return count_quotes(conn, self._quote_conditions(conn, speaker, parsed, since, until, document_id))

    def _quote_conditions(self, conn: Connection, speaker: str | None, parsed: Query | None,
                          since: datetime | None, until: datetime | None, document_id: int | None) -> list:
        article = self._fulltext.condition(conn, parsed) if parsed is not None else None
        return quote_conditions(conn, speaker=speaker or None, document_id=document_id, since=since,
                                until=until, article=article)

    def quotes_of_documents(self, document_ids: list[int]) -> list[QuoteRecord]:
        """Every quote of these articles in one read: newest article first, each in text order."""
        with self._engine.connect() as conn:
            return entity_queries.quotes_of_documents(conn, document_ids)

    def count_entities(self, *, type: str | None = None, name: str | None = None) -> int:
        """How many entities `entities()` pages through with the same filters."""
        with self._engine.connect() as conn:
            return entity_queries.count_entities(conn, type=type, name=name)

    def entity_types(self) -> list[tuple[str, int]]:
        """Entity types with how many identities each has, most first."""
        with self._engine.connect() as conn:
            return entity_queries.entity_types(conn)

    def entity_ids(self, names: list[str]) -> dict[str, int]:
        """Registry ids of canonical names (the best-known identity when two types share a name)."""
        with self._engine.connect() as conn:
            return entity_queries.entity_ids(conn, names)


    # --- stories (written by runtime/story_stage.py) -------------------------------------------------

    def stories(self, *, since: datetime | None = None, query: str | None = None, limit: int = 30,
                offset: int = 0, now: datetime | None = None, sort: str = "breaking") -> list[StorySummary]:
        """Stories in `sort` order: breaking (arrivals in the last hour, sources, recency), latest
        (newest article date), biggest (most articles) or sources (most distinct sources).

        `query` (the search language) keeps stories with at least one matching article."""
        check_sort(sort)
        with self._engine.connect() as conn:
            ids = self._stories_matching(conn, query) if query else None
            return list_stories(conn, sort=sort, since=since, ids=ids, limit=limit, offset=offset, now=now)

    def _stories_matching(self, conn: Connection, query: str) -> list[str]:
        """Stories with an article among the best `MAX_SEARCH_LIMIT` matches of `query`."""
        hits = self._fulltext.search_ids(conn, parse_query(query), limit=MAX_SEARCH_LIMIT, offset=0)
        return sorted({
            row.story_id for row in conn.execute(
                select(story_articles.c.story_id).where(story_articles.c.document_id.in_([h for h, _ in hits]))
            )
        })

    def story(self, story_id: str, *, now: datetime | None = None) -> StorySummary | None:
        with self._engine.connect() as conn:
            return get_story(conn, str(story_id), now=now)

    def story_of(self, document_id: int) -> LogEntry | None:
        """The story assignment of one stored article (None until the story stage has seen it)."""
        with self._engine.connect() as conn:
            return document_story(conn, document_id)

    def stories_by_id(self, ids: list[str], *, now: datetime | None = None) -> list[StorySummary]:
        """Several stories in one read, by breaking rank."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        with self._engine.connect() as conn:
            return list_stories(conn, ids=wanted, limit=len(wanted), now=now)

    def stories_of_documents(self, document_ids: list[int], *, limit: int = 30) -> list[StorySummary]:
        """The stories these articles belong to, by breaking rank."""
        with self._engine.connect() as conn:
            ids = story_queries.story_ids_of_documents(conn, document_ids)
        return self.stories_by_id(ids)[:limit]

    def count_stories(self, *, since: datetime | None = None, query: str | None = None) -> int:
        """How many stories `stories()` pages through with the same `since` and `query`."""
        with self._engine.connect() as conn:
            ids = self._stories_matching(conn, query) if query else None
            return count_stories(conn, since=since, ids=ids)

    def story_log_position(self) -> int:
        """The newest position in the story assignment log (0 before any story exists)."""
        with self._engine.connect() as conn:
            return story_queries.last_seq(conn)

    def stories_changed_after(self, seq: int, *, limit: int = 50) -> list[tuple[str, int]]:
        """(story id, its newest log position) for stories that gained articles after log position
        `seq`, oldest change first (at most 200 a call)."""
        with self._engine.connect() as conn:
            return story_queries.stories_changed_after(conn, seq, limit=limit)

    # --- the story stage's log, records and snapshot (runtime/story_stage.py) ------------------------

    @contextmanager
    def story_session(self) -> Iterator[StorySession]:
        """Story log reads on one connection, outside any write transaction."""
        with self._engine.connect() as conn:
            yield StorySession(conn, self._insert)

    @contextmanager
    def story_transaction(self) -> Iterator[StorySession]:
        """Story log reads and writes that commit together (or not at all).

        On PostgreSQL the transaction first takes a transaction-level advisory lock, the story
        sequencer: processes on any machine decide and append one at a time, each reading the log
        its predecessors committed, so they never race for a log position. On SQLite the single
        writer does the same. StoreConflict when another writer appended the same log position or
        assigned the same article first: the caller catches up with the log and tries again."""
        try:
            with write_transaction(self._engine) as conn:
                if self._dialect == "postgresql":
                    # Keyed by schema too: stores in different schemas of one database never wait on each other.
                    conn.execute(_STORY_SEQUENCER, {"lock_class": _STORY_LOCK_CLASS})
                yield StorySession(conn, self._insert)
        except IntegrityError as exc:
            raise StoreConflict(f"another writer changed the story log in {self._url}: {_first_line(exc)}") from None
        except DBAPIError as exc:  # e.g. no turn to write within the busy timeout
            raise StoreError(f"cannot assign stories in {self._url}: {_first_line(exc)}") from None

    def save_story_state(self, seq: int, state: dict) -> None:
        """Snapshot the story engine at log position `seq`, so a restart replays only what follows."""
        with store_errors(f"cannot save the story state in {self._url}"), write_transaction(self._engine) as conn:
            story_queries.save_state(conn, self._insert, seq, state, datetime.now(timezone.utc))

    # --- subscriptions ---------------------------------------------------------------------------------

    def alert_counts(self) -> dict[int, dict[str, int]]:
        """subscription id -> {delivery status: alerts in the outbox}."""
        with self._engine.connect() as conn:
            return alert_counts(conn)

    # --- monitored sources (polled by `wirewatch run`) -------------------------------------------------

    def add_feed(self, url: str, *, name: str | None = None, interval_seconds: int = 300) -> Feed:
        """Register (or update) a feed or page URL to poll; it is due at once. InputError when the
        interval is outside `check_interval`'s range (30 s to 7 days)."""
        with write_transaction(self._engine) as conn:
            return feed_queries.add_feed(conn, self._insert, url, name=name, interval_seconds=interval_seconds,
                                         now=datetime.now(timezone.utc))

    def feeds(self) -> list[Feed]:
        with self._engine.connect() as conn:
            return feed_queries.list_feeds(conn)

    def get_feed(self, feed_id: int) -> Feed | None:
        with self._engine.connect() as conn:
            return feed_queries.get_feed(conn, feed_id)

    def due_feeds(self, now: datetime | None = None) -> list[Feed]:
        with self._engine.connect() as conn:
            return feed_queries.due_feeds(conn, now or datetime.now(timezone.utc))

    def next_feed_due(self) -> datetime | None:
        with self._engine.connect() as conn:
            return feed_queries.next_due(conn)

    def record_fetch(self, feed: Feed, *, status: str, error: str | None = None, new_articles: int = 0,
                     now: datetime | None = None) -> None:
        with write_transaction(self._engine) as conn:
            feed_queries.record_fetch(conn, feed, now=now or datetime.now(timezone.utc), status=status,
                                      error=error, new_articles=new_articles)

    def pause_feed(self, feed_id: int, paused: bool = True) -> bool:
        with write_transaction(self._engine) as conn:
            return feed_queries.set_paused(conn, feed_id, paused)

    def remove_feed(self, feed_id: int) -> bool:
        with write_transaction(self._engine) as conn:
            return feed_queries.remove_feed(conn, feed_id)

def _time_range(since: datetime | None, until: datetime | None) -> tuple[datetime | None, datetime | None]:
    """`since`/`until` as aware datetimes (naive ones are UTC); InputError when they cross."""
    bounds = []
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and not isinstance(moment, datetime):
            raise InputError(f"{name} must be a date and time, not {moment!r}")
        bounds.append(moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment)
    if bounds[0] is not None and bounds[1] is not None and bounds[0] >= bounds[1]:
        raise InputError(f"since ({bounds[0].isoformat()}) must be before until ({bounds[1].isoformat()})")
    return bounds[0], bounds[1]


def _key_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()

