"""Documents with full-text search, per-site recurring lines, HTTP validators.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Both engines index maximal letter/digit runs, case-folded, accents removed, English-stemmed, so
# a query means the same on each (see wirewatch/query/tokens.py). SQLite: FTS5 porter/unicode61.
FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"
# PostgreSQL: punctuation is replaced by spaces before parsing (so `covid-19` is `covid` + `19`,
# not a hyphenated word and a negative number), then unaccent + Snowball English without a
# stop-word list (FTS5 has none, and `the who` must not become an empty query).
PG_WORDS = "regexp_replace(coalesce({column}, ''), '[^[:alnum:]]+', ' ', 'g')"
PG_VECTOR = (
    "setweight(to_tsvector('wirewatch'::regconfig, " + PG_WORDS.format(column="title") + "), 'A') || "
    "setweight(to_tsvector('wirewatch'::regconfig, " + PG_WORDS.format(column="text") + "), 'B')"
)

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # INTEGER PRIMARY KEY = rowid on SQLite
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("ext_id", sa.Text, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text, unique=True),
        sa.Column("content_hash", sa.String(64), unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("site_name", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("published", TIMESTAMP),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("raw", sa.LargeBinary),
        sa.Column("raw_content_type", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("ingested_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ix_documents_source_lower", "documents", [sa.text("lower(source)")])
    op.create_table(
        "site_articles",
        sa.Column("site", sa.Text, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "site_lines",
        sa.Column("site", sa.Text, primary_key=True),
        sa.Column("key_hash", sa.String(40), primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "http_validators",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_fulltext()
    else:
        _postgres_fulltext()


def _sqlite_fulltext() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
        f"content_rowid='id', tokenize='{FTS5_TOKENIZER}')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )


def _postgres_fulltext() -> None:
    bind = op.get_bind()
    unaccent_schema = bind.execute(sa.text(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    )).scalar()
    if unaccent_schema is None:
        try:
            with bind.begin_nested():  # a refusal must not abort the migration's transaction
                bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public"))
            unaccent_schema = "public"
        except sa.exc.DBAPIError:
            unaccent_schema = None  # no contrib package or no right: accents then stay significant
    op.execute("CREATE TEXT SEARCH DICTIONARY wirewatch_english_stem (TEMPLATE = snowball, Language = english)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION wirewatch (COPY = pg_catalog.simple)")
    chain = (f"{unaccent_schema}.unaccent, " if unaccent_schema else "") + "wirewatch_english_stem"
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION wirewatch ALTER MAPPING FOR "
        f"asciiword, word, hword_asciipart, hword_part, asciihword, hword WITH {chain}"
    )
    op.execute(f"ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED")
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    op.drop_table("http_validators")
    op.drop_table("site_lines")
    op.drop_table("site_articles")
    op.drop_table("documents")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS wirewatch")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS wirewatch_english_stem")
