"""Bring a database to the newest schema with the Alembic scripts shipped in the package.

Every store open checks the schema, and importing Alembic (with Mako and Pygments under it) costs
more than the rest of a read command: a store already at the newest revision is recognised from
the revision ids written in the scripts and the `alembic_version` row, and Alembic is loaded only
when there is something to upgrade or the quick check cannot tell.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config

from .engine import write_transaction

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 0x77697265  # PostgreSQL advisory lock: two processes opening a fresh database at once
_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


class MigrationError(Exception):
    """Alembic could not run the scripts (its `CommandError`, caught here so that callers need not
    import Alembic to handle it)."""


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def scripted_head() -> str | None:
    """The head revision read from the scripts' `revision`/`down_revision` lines without Alembic;
    None unless there is exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None  # not a script this reader understands: let Alembic decide
        revisions.add(revision.group(1))
        parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(engine: Engine) -> str | None:
    """The revision in `alembic_version`, or None when it cannot be read (a new database)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    except SQLAlchemyError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> bool:
    """Run the pending migrations in one transaction; return whether anything ran."""
    head = scripted_head()
    if head is not None and _stored_revision(engine) == head:
        return False
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        config = alembic_config()
        head = ScriptDirectory.from_config(config).get_current_head()
        with write_transaction(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
            if current_revision(connection) == head:
                return False
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise MigrationError(str(exc)) from None
    return True
