"""Subscriptions, alert matches and the delivery outbox (see wirewatch/store/alert_tables.py).

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("notify", sa.JSON, nullable=False),
        sa.Column("digest", sa.String(16)),
        sa.Column("updates", sa.String(16), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "alert_matches",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("subscription_id", sa.BigInteger,
                  sa.ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("story_id", sa.Text),
        sa.Column("article_id", sa.BigInteger, nullable=False),
        sa.Column("development_id", sa.BigInteger, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("digest_key", sa.String(64)),
    )
    op.create_index("ix_alert_matches_subscription", "alert_matches", ["subscription_id", "created_at"])
    op.create_table(
        "alerts",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subscription_id", sa.BigInteger,
                  sa.ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("story_id", sa.Text),
        sa.Column("article_id", sa.BigInteger),
        sa.Column("development_id", sa.BigInteger),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.UniqueConstraint("key", "channel", name="uq_alerts_key_channel"),
    )
    op.create_index("ix_alerts_due", "alerts", ["status", "next_attempt_at"])
    op.create_index("ix_alerts_subscription", "alerts", ["subscription_id"])


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("alert_matches")
    op.drop_table("subscriptions")
