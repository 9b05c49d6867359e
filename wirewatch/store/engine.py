"""Database URLs to SQLAlchemy engines, with each engine's connection settings.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and real
transactions around DDL (pysqlite's own transaction handling would commit before each CREATE,
so a failed migration could leave half a schema). PostgreSQL always goes through psycopg 3.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_CONNECT_TIMEOUT_S = 5
_POSTGRES_NAMES = {"postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg"}
_SQLITE_NAMES = {"sqlite", "sqlite+pysqlite"}


def parse_store_url(url: str) -> URL:
    """Check and normalise a store URL; StoreError (one line) when it is not one wirewatch uses."""
    if not isinstance(url, str) or not url.strip():
        raise StoreError("empty database URL (use sqlite:///path.db or postgresql://user@host/db)")
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///path.db or postgresql://user@host/db)") from None
    if parsed.drivername in _POSTGRES_NAMES:
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername in _SQLITE_NAMES:
        return parsed.set(drivername="sqlite+pysqlite")
    raise StoreError(
        f"unsupported database {parsed.drivername!r} in {display_url(parsed)} (use sqlite:/// or postgresql://)"
    )


def display_url(url: URL) -> str:
    """The URL for messages, without the password."""
    return url.render_as_string(hide_password=True)


def is_memory_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def create_store_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
    )


def _sqlite_engine(url: URL) -> Engine:
    memory = is_memory_sqlite(url)
    if not memory:
        path = Path(url.database or "")
        if path.is_dir():
            raise StoreError(f"SQLite database path is a directory: {path}")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create SQLite database {path}: folder {path.parent} does not exist")
    kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}} if memory else {}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see "begin" below)
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN")

    return engine
