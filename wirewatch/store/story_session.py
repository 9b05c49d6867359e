"""The story stage's reads and writes on one store connection (see Store.story_session).

The stage decides assignments in memory but the store's append-only log is the truth: it catches
up with the log, appends the next entry and saves the story record in one transaction, and a
unique `seq` makes two writers that raced fail with StoreConflict instead of both winning.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from . import quality_queries
from . import story_queries as q

# An open store transaction, opaque outside store/: the story stage hands it to hooks that must
# commit with the assignment (alerts), and they hand it to store methods, never use it themselves.
Transaction = Connection


class StorySession:
    """Story log, story records and engine snapshot, read and written on one connection."""

    def __init__(self, conn: Connection, insert: Any) -> None:
        self._conn = conn
        self._insert = insert

    @property
    def transaction(self) -> Transaction:
        """The transaction these reads and writes run in, for hooks that must commit with them."""
        return self._conn

    # --- reading ------------------------------------------------------------------------------

    def load_state(self) -> tuple[int, dict] | None:
        """The last engine snapshot: (log position it includes, state), None before the first."""
        return q.load_state(self._conn)

    def log_after(self, seq: int) -> list[q.LogEntry]:
        return q.log_after(self._conn, seq)

    def story_log(self, story_id: str) -> list[q.LogEntry]:
        return q.story_log(self._conn, story_id)

    def story_of(self, document_id: int) -> q.LogEntry | None:
        return q.document_story(self._conn, document_id)

    def pending_articles(self, *, limit: int) -> list[q.StoredArticle]:
        """Stored articles no story has seen yet, in arrival (id) order."""
        return q.pending_articles(self._conn, limit=limit)

    def articles(self, ids: list[int]) -> dict[int, q.StoredArticle]:
        return q.articles_by_id(self._conn, ids)

    def headers(self, ids: list[int]) -> dict[int, q.ArticleHeader]:
        return q.article_headers(self._conn, ids)

    def title_and_text(self, document_id: int) -> tuple[str, str] | None:
        """A stored article's title and text (from their columns; its analysis is not parsed)."""
        return quality_queries.stored_text(self._conn, document_id)

    # --- writing (inside Store.story_transaction) -----------------------------------------------

    def append(self, entry: q.LogEntry, now: datetime) -> None:
        """The next assignment in the log; StoreConflict at commit when another writer took its seq."""
        q.append_assignment(self._conn, entry, now)

    def save_story(self, record: dict, *, first_seen: datetime, last_seen: datetime,
                   first_published: datetime | None = None, last_published: datetime | None = None,
                   now: datetime) -> None:
        """Insert or replace the story record (the Story as JSON, with its list columns): seen is
        the arrival clock, published the articles' dates (None when none is dated)."""
        q.save_story(self._conn, self._insert, record, first_seen=first_seen, last_seen=last_seen,
                     first_published=first_published, last_published=last_published, now=now)

    def flag_machine_translation(self, document_id: int, signal: str) -> bool:
        """Set a stored article's machine-translation flag, with the signal that says why."""
        return quality_queries.flag_machine_translation(self._conn, document_id, signal)
