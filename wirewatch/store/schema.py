"""The tables, as SQLAlchemy Core, shared by both engines.

The migrations in wirewatch/store/migrations create and evolve these tables; this module is what the
queries use. Engine-specific full-text parts (the FTS5 table on SQLite, the generated tsvector
column on PostgreSQL) live only in the migrations and the fulltext_* modules. Later features
(entities, stories, subscriptions, alerts) add tables here and a migration each.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, BigInteger, Column, DateTime, Integer, LargeBinary, MetaData, String, Table, Text,
    TypeDecorator,
)

metadata = MetaData()


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on both engines.

    SQLite has no time zones and stores text, so values are converted to UTC and stored naive
    (then text comparison is time order); PostgreSQL stores timestamptz. Either way Python gets
    aware UTC datetimes back, and naive inputs are taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


# BigInteger ids on PostgreSQL, but SQLite needs exactly INTEGER PRIMARY KEY to alias the rowid
# (which the FTS5 external-content table points at).
IdType = BigInteger().with_variant(Integer(), "sqlite")

documents = Table(
    "documents",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("ext_id", Text, unique=True),  # the record's own id (JSONL id, feed guid), when it had one
    # What every face names the article by, given once when it is stored (ids.public_id_candidates,
    # public_ids.py); None only inside the transaction that stores it.
    Column("public_id", Text, unique=True),
    Column("url", Text),
    Column("canonical_url", Text, unique=True),
    Column("content_hash", String(64), unique=True),  # None for empty text: nothing to compare
    Column("title", Text, nullable=False),
    Column("site_name", Text),
    Column("source", Text),
    Column("published", UTCDateTime()),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("data", JSON, nullable=False),  # Document.to_dict(): everything analysis produced
    Column("raw", LargeBinary),  # zlib-compressed original input, for re-analysis
    Column("raw_content_type", Text),
    Column("raw_hash", String(64), index=True),  # raw_key(raw): a known record is found before analysis
    Column("origin", Text),
    Column("ingested_at", UTCDateTime(), nullable=False),
)

site_articles = Table(
    "site_articles",
    metadata,
    Column("site", Text, primary_key=True),
    Column("count", Integer, nullable=False),
)

site_lines = Table(
    "site_lines",
    metadata,
    Column("site", Text, primary_key=True),
    Column("key_hash", String(40), primary_key=True),  # sha1 of key: keys may be long lines
    Column("key", Text, nullable=False),
    Column("count", Integer, nullable=False),
)

http_validators = Table(
    "http_validators",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# ---- entities (the cross-document registry), quotes, stories: migration 0002 ----------------

entities = Table(
    "entities",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),  # canonical: the fullest correct form seen
    Column("key", Text, nullable=False, unique=True),  # type + folded name: one row per identity
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
    Column("mention_count", Integer, nullable=False),
    Column("document_count", Integer, nullable=False),
    # The name as the query language analyses it, " w1 w2 " (name_terms.py): what entity: and
    # speaker: compare with in SQL. Migration 0006 (name terms).
    Column("terms", Text),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", IdType, primary_key=True),
    Column("alias", Text, primary_key=True),  # a spelling seen in some text: "Stemmer", "Starmer"
    Column("count", Integer, nullable=False),
    Column("terms", Text),  # the alias analysed, as entities.terms
)

document_entities = Table(
    "document_entities",
    metadata,
    Column("document_id", IdType, primary_key=True),
    Column("entity_id", IdType, primary_key=True),
    Column("local_id", String(16), nullable=False),  # the id inside the document record ("e3")
    Column("mention_count", Integer, nullable=False),
    Column("published", UTCDateTime()),  # the article's time (or ingest time): for timelines
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("document_id", IdType, nullable=False),
    Column("entity_id", IdType),  # the speaker in the registry, when resolved
    Column("speaker", Text),
    Column("text", Text, nullable=False),
    Column("cue", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("published", UTCDateTime()),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    # Arrival clock: when wirewatch stored its first and its newest article (documents.ingested_at).
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
    # Publication clock: its earliest and newest article date; None when no article is dated.
    Column("first_published", UTCDateTime()),  # migration 0007
    Column("last_published", UTCDateTime()),
    Column("article_count", Integer, nullable=False),
    Column("source_count", Integer, nullable=False),  # distinct source names, or else URL hosts
    Column("data", JSON, nullable=False),  # the Story record as JSON (summary, entities, ...)
    Column("updated_at", UTCDateTime(), nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("document_id", IdType, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # arrival order: replayable history
    Column("story_id", String(32), nullable=False),
    Column("role", String(16), nullable=False),  # original | copy | development
    Column("duplicate_of", IdType),
    Column("score", JSON),
    Column("assigned_at", UTCDateTime(), nullable=False),
)

engine_state = Table(
    "engine_state",
    metadata,
    Column("name", String(64), primary_key=True),  # "stories"
    Column("seq", Integer, nullable=False),  # the last story_articles.seq folded into `state`
    Column("state", LargeBinary, nullable=False),  # zlib-compressed JSON
    Column("updated_at", UTCDateTime(), nullable=False),
)

# ---- monitored sources (feeds and pages polled by `wirewatch run`): migration 0004 -----------

feeds = Table(
    "feeds",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("interval_seconds", Integer, nullable=False),
    Column("paused", Integer, nullable=False, default=0),
    Column("added_at", UTCDateTime(), nullable=False),
    Column("next_fetch_at", UTCDateTime(), nullable=False),
    Column("last_fetch_at", UTCDateTime()),
    Column("last_status", String(32)),  # "ok" | "not modified" | "error"
    Column("last_error", Text),
    Column("articles", Integer, nullable=False, default=0),  # new articles found, all time
    Column("failures", Integer, nullable=False, default=0),  # consecutive failed fetches
)

# ---- the work queue (`wirewatch enqueue`, `wirewatch run --workers N`): migration 0005 ---------

work_items = Table(
    "work_items",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("dedupe_key", Text, unique=True),  # record id or URL: one queued row per article
    Column("content", LargeBinary, nullable=False),  # the SourceItem's content (text as UTF-8)
    Column("item", JSON, nullable=False),  # the SourceItem's other fields
    Column("status", String(16), nullable=False),  # "queued" | "failed" (done rows are deleted)
    Column("attempts", Integer, nullable=False, default=0),  # claims so far
    Column("claimed_by", Text),
    Column("claimed_until", UTCDateTime()),  # the lease: claimable again after this
    Column("last_error", Text),
    Column("enqueued_at", UTCDateTime(), nullable=False),
)
