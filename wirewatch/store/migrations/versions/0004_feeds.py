"""Monitored sources polled by `wirewatch run`.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("interval_seconds", sa.Integer, nullable=False),
        sa.Column("paused", sa.Integer, nullable=False, server_default="0"),
        sa.Column("added_at", TIMESTAMP, nullable=False),
        sa.Column("next_fetch_at", TIMESTAMP, nullable=False),
        sa.Column("last_fetch_at", TIMESTAMP),
        sa.Column("last_status", sa.String(32)),
        sa.Column("last_error", sa.Text),
        sa.Column("articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_feeds_next_fetch", "feeds", ["next_fetch_at"])


def downgrade() -> None:
    op.drop_table("feeds")
