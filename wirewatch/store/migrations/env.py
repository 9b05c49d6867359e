"""Alembic environment: wirewatch always hands over an open connection (see store/migrate.py)."""

from __future__ import annotations

from alembic import context

from wirewatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("wirewatch migrations run through wirewatch.store.migrate.upgrade_to_head()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER by copying tables
)
with context.begin_transaction():
    context.run_migrations()
