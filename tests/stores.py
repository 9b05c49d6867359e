"""Fresh, empty store URLs on SQLite and PostgreSQL for tests.

PostgreSQL: the server at $WIREWATCH_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/test);
each store gets its own uniquely named schema (search_path set through the URL), dropped afterwards,
so parallel runs and reruns never collide. Tests skip with the reason when no server answers.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pytest

POSTGRES_URL = os.environ.get("WIREWATCH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
ENGINES = ["sqlite", "postgresql"]


def _postgres_admin():
    import psycopg

    try:
        return psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} does not answer: {str(exc).strip().splitlines()[0]}")


@contextmanager
def fresh_store_url(engine: str, folder: Path) -> Iterator[str]:
    """A URL naming an empty database on `engine`, removed afterwards."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / 'wirewatch.db'}"
        return
    schema = f"wirewatch_test_{uuid.uuid4().hex[:12]}"
    with _postgres_admin() as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with _postgres_admin() as admin:
            admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def raw_connection(url: str):
    """A SQLAlchemy connection to the database at `url`, for tests that look under the Store.

    Its own engine, with the Store's connection settings: the Store keeps its engine private,
    and what a test reads this way is what any later process would find in the database."""
    from wirewatch.store.engine import create_store_engine, parse_store_url

    engine = create_store_engine(parse_store_url(url))
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@contextmanager
def connection_at_revision(url: str, revision: str) -> Iterator:
    """A transaction on the store at `url` migrated only up to `revision` (an older schema), for
    writing rows as an earlier wirewatch did before `Store.open` migrates them to head."""
    from alembic import command

    from wirewatch.store.engine import create_store_engine, parse_store_url
    from wirewatch.store.migrate import alembic_config

    engine = create_store_engine(parse_store_url(url))
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            yield conn
    finally:
        engine.dispose()
