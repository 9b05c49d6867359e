"""Each article's public id, stored once, so that one id never names two articles.

Before this revision the public id was worked out on every read: the record's own id when it had
one, else the store's row number as text, and a look-up tried record ids first. A record whose own
id is a number ("7") then shared its id with the article stored as number 7 without a record id,
and "7" found the record. Existing rows keep every id that finds them today: record ids, and the
row numbers of articles without one, except a number a record id shadowed; that article (its id
never found it) gets `~<row number>`, as ids.public_id_candidates names the second comer.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines (no table copy: SQLite's FTS5 table points at the rowids).
    op.add_column("documents", sa.Column("public_id", sa.Text))
    bind = op.get_bind()
    # Record ids are unique and were looked up first: each found its article.
    bind.execute(sa.text("UPDATE documents SET public_id = ext_id WHERE ext_id IS NOT NULL"))
    # A row number found its article unless a record id equal to it was looked up first.
    bind.execute(sa.text(
        "UPDATE documents SET public_id = CAST(id AS TEXT) WHERE ext_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM documents AS other WHERE other.ext_id = CAST(documents.id AS TEXT))"
    ))
    shadowed = bind.execute(sa.text("SELECT id FROM documents WHERE public_id IS NULL ORDER BY id")).scalars().all()
    taken = sa.text("SELECT 1 FROM documents WHERE public_id = :candidate")
    for row_id in shadowed:  # few: one per clash
        candidates = itertools.chain([f"~{row_id}"], (f"~{row_id}.{n}" for n in itertools.count(2)))
        name = next(c for c in candidates if bind.execute(taken, {"candidate": c}).first() is None)
        bind.execute(sa.text("UPDATE documents SET public_id = :name WHERE id = :id"), {"name": name, "id": row_id})
    op.create_index("ux_documents_public_id", "documents", ["public_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_documents_public_id", table_name="documents")
    op.drop_column("documents", "public_id")
