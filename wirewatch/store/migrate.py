"""Bring a database to the newest schema with the Alembic scripts shipped in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from .engine import write_transaction

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 0x77697265  # PostgreSQL advisory lock: two processes opening a fresh database at once


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> bool:
    """Run the pending migrations in one transaction; return whether anything ran."""
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        if current_revision(connection) == head:
            return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
