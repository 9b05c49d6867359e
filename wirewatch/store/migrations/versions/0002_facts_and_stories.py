"""Entity registry, quotes, stories and the saved story-engine state.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
        sa.Column("last_seen", TIMESTAMP, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("document_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_entities_type_documents", "entities", ["type", "document_count"])
    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", ID, primary_key=True),
        sa.Column("alias", sa.Text, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_aliases_alias_lower", "entity_aliases", [sa.text("lower(alias)")])
    op.create_table(
        "document_entities",
        sa.Column("document_id", ID, primary_key=True),
        sa.Column("entity_id", ID, primary_key=True),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("published", TIMESTAMP),
    )
    op.create_index("ix_document_entities_entity", "document_entities", ["entity_id", "published"])
    op.create_table(
        "quotes",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("entity_id", ID),
        sa.Column("speaker", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("published", TIMESTAMP),
    )
    op.create_index("ix_quotes_entity", "quotes", ["entity_id", "published"])
    op.create_index("ix_quotes_document", "quotes", ["document_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
        sa.Column("last_seen", TIMESTAMP, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_articles",
        sa.Column("document_id", ID, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("duplicate_of", ID),
        sa.Column("score", sa.JSON),
        sa.Column("assigned_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_story_articles_story", "story_articles", ["story_id", "seq"])
    op.create_table(
        "engine_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )


def downgrade() -> None:
    for table in ("engine_state", "story_articles", "stories", "quotes", "document_entities",
                  "entity_aliases", "entities"):
        op.drop_table(table)
