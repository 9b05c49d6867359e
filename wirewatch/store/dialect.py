"""What differs between the two engines, and how driver errors become StoreError: once, for all
of store/.

Every INSERT ... ON CONFLICT in the store is built with `insert_for(dialect)` (SQLite and
PostgreSQL spell the same statement with different constructs), and every driver failure a
caller can meet is turned into a one-line StoreError by `first_line` / `store_errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import DBAPIError

from ..errors import StoreError

InsertConstruct = Callable[..., Any]


def like_escape(text: str) -> str:
    """`text` matched literally inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def insert_for(dialect: str) -> InsertConstruct:
    """The dialect's INSERT construct, which supports ON CONFLICT DO NOTHING / DO UPDATE.

    Imported here, not at the top: each dialect package costs a read command's start time, and a
    store uses one of them."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    return insert


def first_line(exc: BaseException) -> str:
    """The driver's own message (first line), or the exception's name when it has none."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def store_errors(message: str) -> Iterator[None]:
    """Turn a driver error inside the block into `StoreError("<message>: <driver's first line>")`."""
    try:
        yield
    except DBAPIError as exc:
        raise StoreError(f"{message}: {first_line(exc)}") from None
