"""A hash of each article's raw input, so a record already stored is recognised before analysis.

Rows stored before this revision have none: they are still recognised by id and canonical URL
before analysis, and by their text hash after it.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines (no table copy: SQLite's FTS5 table points at the rowids).
    op.add_column("documents", sa.Column("raw_hash", sa.String(64)))
    op.create_index("ix_documents_raw_hash", "documents", ["raw_hash"])


def downgrade() -> None:
    op.drop_index("ix_documents_raw_hash", table_name="documents")
    op.drop_column("documents", "raw_hash")
