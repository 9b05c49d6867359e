"""Database URLs to SQLAlchemy engines, with each engine's connection settings.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and real
transactions around DDL (pysqlite's own transaction handling would commit before each CREATE,
so a failed migration could leave half a schema). PostgreSQL always goes through psycopg 3.

Every write goes through `write_transaction`: one write path per process. On SQLite a write
transaction starts with `BEGIN IMMEDIATE`, which takes the database's write lock up front (and
waits for it up to the busy timeout) instead of upgrading a read snapshot later: that upgrade is
refused at once with "database is locked" when another writer committed in between, whatever the
busy timeout says. Writers in one process queue on one lock per database file before they even
open a connection, so they take turns in order instead of polling SQLite; another process (an
`ingest` while `serve` runs) waits its turn through the busy timeout. Reads keep a plain
(deferred) `BEGIN`: with WAL they never wait for a writer.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

# How long a writer waits for its turn (in this process, then for other processes) before it
# gives up with a StoreError: bounded, so a stuck writer elsewhere is reported, not waited on forever.
SQLITE_BUSY_TIMEOUT_MS = 30_000
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
        write = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    _WRITE_GATES[engine] = threading.RLock() if memory else _file_gate(Path(url.database or ""))
    return engine


_WRITE_OPTION = "wirewatch_write"
# engine -> the lock its writers queue on; engines on the same file share one (per process).
_WRITE_GATES: "weakref.WeakKeyDictionary[Engine, threading.RLock]" = weakref.WeakKeyDictionary()
_FILE_GATES: dict[Path, threading.RLock] = {}
_FILE_GATES_LOCK = threading.Lock()


def _file_gate(path: Path) -> threading.RLock:
    key = path.resolve()
    with _FILE_GATES_LOCK:
        return _FILE_GATES.setdefault(key, threading.RLock())


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed when the block ends (rolled back on error).

    On SQLite: this process's writers take turns (waiting at most the busy timeout), then
    `BEGIN IMMEDIATE` waits for writers in other processes. StoreError when the turn never comes.
    Re-entrant in one thread only through the connection it yields: a second write transaction
    opened inside the first would wait for itself."""
    gate = _WRITE_GATES.get(engine)
    if gate is None:  # PostgreSQL: row locks and the server's own queueing do this job
        held = nullcontext()
    elif gate.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
        held = _Release(gate)
    else:
        raise StoreError(f"the database is busy: no turn to write within {SQLITE_BUSY_TIMEOUT_MS // 1000} s")
    with held, engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


class _Release:
    """Releases an already acquired lock when the block ends."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()
