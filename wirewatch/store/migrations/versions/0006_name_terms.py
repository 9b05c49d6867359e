"""Registry names as the query language analyses them (entity: and speaker: in search).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from wirewatch.store.name_terms import name_terms

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.add_column("entities", sa.Column("terms", sa.Text))
    op.add_column("entity_aliases", sa.Column("terms", sa.Text))
    conn = op.get_bind()
    entities = sa.table("entities", sa.column("id"), sa.column("name"), sa.column("terms"))
    aliases = sa.table("entity_aliases", sa.column("entity_id"), sa.column("alias"), sa.column("terms"))
    rows = conn.execute(sa.select(entities.c.id, entities.c.name)).all()
    for start in range(0, len(rows), BATCH):
        conn.execute(
            entities.update().where(entities.c.id == sa.bindparam("row_id")).values(terms=sa.bindparam("value")),
            [{"row_id": row.id, "value": name_terms(row.name)} for row in rows[start:start + BATCH]],
        )
    rows = conn.execute(sa.select(aliases.c.entity_id, aliases.c.alias)).all()
    for start in range(0, len(rows), BATCH):
        conn.execute(
            aliases.update()
            .where(aliases.c.entity_id == sa.bindparam("row_id"), aliases.c.alias == sa.bindparam("spelling"))
            .values(terms=sa.bindparam("value")),
            [{"row_id": row.entity_id, "spelling": row.alias, "value": name_terms(row.alias)}
             for row in rows[start:start + BATCH]],
        )


def downgrade() -> None:
    op.drop_column("entity_aliases", "terms")
    op.drop_column("entities", "terms")
