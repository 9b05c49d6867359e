"""Each stored article's public id: given once, in the transaction that stores it, then only read.

The id is the first of `ids.public_id_candidates` that no other article holds (a unique index
keeps it so): the record's own id, else the row number, else `~<row number>`. Working it out on
every read instead let a record whose own id is a number share its id with the article stored
under that number; storing it means an id, once given out (in an answer, a link, an alert), keeps
naming the same one article.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..ids import parse_row_id, public_id_candidates
from .schema import documents


def _held(conn: Connection, candidate: str) -> bool:
    return conn.execute(select(documents.c.id).where(documents.c.public_id == candidate)).first() is not None


def ahead(conn: Connection, record_id: str | None) -> dict[str, Any]:
    """Columns to insert a new article with, naming it in the INSERT itself where its first
    candidate is known before: its record id; on PostgreSQL its row number too, taken from the
    sequence first. The insert does nothing when another article holds that name (the unique
    index), and the caller then stores it unnamed and calls `assign`. Saves the statements of
    `assign` on almost every insert (bulk ingest stored articles about half as fast without)."""
    if record_id:
        return {"public_id": record_id}
    if conn.dialect.name == "postgresql":
        row_id = int(conn.execute(select(func.nextval(text("pg_get_serial_sequence('documents', 'id')")))).scalar_one())
        return {"id": row_id, "public_id": str(row_id)}
    return {}


def assign(conn: Connection, row_id: int, record_id: str | None) -> str:
    """Give the article stored as `row_id` (its public id still None) the first free candidate."""
    for candidate in public_id_candidates(record_id, row_id):
        if _take(conn, row_id, candidate):
            return candidate
    raise AssertionError("public_id_candidates never ends")  # pragma: no cover


def _take(conn: Connection, row_id: int, candidate: str) -> bool:
    statement = update(documents).where(documents.c.id == row_id).values(public_id=candidate)
    if conn.dialect.name != "postgresql":
        # SQLite: writers take turns (engine.write_transaction), and a statement the unique index
        # refuses is undone alone, the transaction going on.
        try:
            conn.execute(statement)
        except IntegrityError:
            return False
        return True
    # PostgreSQL: another writer may take the name meanwhile; the unique index refuses the second,
    # which aborts a transaction, so the update runs in a savepoint.
    if _held(conn, candidate):
        return False
    try:
        with conn.begin_nested():
            conn.execute(statement)
    except IntegrityError:
        return False
    return True


def row_id(conn: Connection, key: int | str) -> int | None:
    """The store id of the article `key` names, or None. A str is a public id; failing that, when
    all digits, a store number (the public id of most articles without a record id, and a way to
    reach any article by its number when no article is named by that number). An int is a store id."""
    if isinstance(key, bool) or not isinstance(key, (int, str)):
        return None
    if isinstance(key, str):
        found = conn.execute(select(documents.c.id).where(documents.c.public_id == key)).scalar()
        if found is not None:
            return int(found)
    number = parse_row_id(key)
    if number is None:
        return None
    found = conn.execute(select(documents.c.id).where(documents.c.id == number)).scalar()
    return int(found) if found is not None else None


def public_ids(conn: Connection, row_ids: Iterable[int]) -> dict[int, str]:
    """store id -> public id, for the stored ones among `row_ids`."""
    wanted = sorted({i for i in row_ids if isinstance(i, int) and not isinstance(i, bool)})
    if not wanted:
        return {}
    stmt = select(documents.c.id, documents.c.public_id).where(documents.c.id.in_(wanted))
    return {row.id: row.public_id for row in conn.execute(stmt)}
