"""The durable work queue: items waiting for analysis, claimed by workers under a lease.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "work_items",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("dedupe_key", sa.Text, unique=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("item", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.Text),
        sa.Column("claimed_until", TIMESTAMP),
        sa.Column("last_error", sa.Text),
        sa.Column("enqueued_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_work_items_status_id", "work_items", ["status", "id"])


def downgrade() -> None:
    op.drop_table("work_items")
