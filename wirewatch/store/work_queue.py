"""The durable work queue: articles waiting for analysis, shared by every worker of every process.

`wirewatch enqueue` and the monitor (on PostgreSQL) put `SourceItem`s here; the workers of
`wirewatch run` (runtime/workers.py) claim them, carry them through the runner and complete them.

A claim is a lease: the row stays in the table with `claimed_until` set, and becomes claimable
again when the lease runs out, so an item whose worker was killed (or whose machine died) is
claimed by another worker. On PostgreSQL the claim is one `UPDATE ... WHERE id IN (SELECT ...
FOR UPDATE SKIP LOCKED)`: concurrent workers on any machine skip each other's rows instead of
waiting for them. On SQLite the same statement runs under SQLite's single writer. A claim counts
an attempt; an item claimed `max_attempts` times without being completed (it killed its worker
every time) is set aside as `failed` with a reason, so it cannot stop the queue. A completed item
is deleted: the stored article is the record of it. Lease times are read from each worker's clock,
so the machines sharing a queue need synchronised clocks (NTP), as the alert outbox does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from ..document import SourceItem
from ..errors import InputError
from .dialect import insert_for, store_errors
from .engine import write_transaction
from .schema import work_items
from .store import Store

QUEUED = "queued"
FAILED = "failed"
MAX_ERROR_LENGTH = 1000


@dataclass
class WorkItem:
    """One claimed item: its queue id (to complete or release it) and the article input."""

    id: int
    item: SourceItem
    attempts: int  # claims so far, this one included


@dataclass
class QueueCounts:
    queued: int = 0  # waiting or claimed
    claimed: int = 0  # of those, under a live lease
    failed: int = 0  # set aside: unusable input, or claimed too often without finishing

    def to_dict(self) -> dict[str, int]:
        return {"queued": self.queued, "claimed": self.claimed, "failed": self.failed}


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _dedupe_key(item: SourceItem) -> str | None:
    """The record's own id, else its URL: the same article enqueued twice is queued once."""
    if item.id:
        return f"id:{item.id}"
    if item.url:
        return f"url:{item.url}"
    return None


def _row_values(item: SourceItem, now: datetime) -> dict[str, Any]:
    is_text = isinstance(item.content, str)
    content = item.content.encode("utf-8", "surrogatepass") if is_text else bytes(item.content)
    fields = {"text": is_text, "content_type": item.content_type, "url": item.url, "id": item.id,
              "title": item.title, "published": item.published, "source": item.source, "origin": item.origin}
    return {"dedupe_key": _dedupe_key(item), "content": content, "item": fields, "status": QUEUED,
            "attempts": 0, "claimed_by": None, "claimed_until": None, "last_error": None, "enqueued_at": now}


def _work_item(row: Any) -> WorkItem:
    fields = dict(row.item)
    content: bytes | str = bytes(row.content)
    if fields.pop("text", False):
        content = content.decode("utf-8", "surrogatepass")
    return WorkItem(id=row.id, item=SourceItem(content=content, **fields), attempts=row.attempts)


class WorkQueue:
    """Open with `WorkQueue(store)` over an open `Store`; every method runs its own transaction."""

    def __init__(self, store: Store) -> None:
        self._engine = store._engine  # store/-internal: nothing outside store/ sees the engine
        self._dialect = self._engine.dialect.name
        self._insert = insert_for(self._dialect)

    def enqueue(self, items: Iterable[SourceItem], *, now: datetime | None = None) -> int:
        """Queue each item unless an item with the same record id or URL is queued already (one
        set aside as failed is queued afresh); return how many were queued."""
        now = now or _utcnow()
        insert = self._insert(work_items)
        retry = {name: insert.excluded[name] for name in ("content", "item", "status", "attempts", "claimed_by",
                                                          "claimed_until", "last_error", "enqueued_at")}
        statement = insert.on_conflict_do_update(
            index_elements=[work_items.c.dedupe_key], set_=retry, where=work_items.c.status == FAILED,
        ).returning(work_items.c.id)
        queued = 0
        with store_errors("cannot queue articles"), write_transaction(self._engine) as conn:
            for item in items:
                if conn.execute(statement, _row_values(item, now)).first() is not None:
                    queued += 1
        return queued

    def claim(self, worker: str, *, lease: float, max_attempts: int, limit: int = 1,
              now: datetime | None = None) -> list[WorkItem]:
        """Claim up to `limit` items that are queued and not under a live lease, oldest first,
        for `lease` seconds. Items claimed `max_attempts` times already are set aside as failed."""
        if lease <= 0 or max_attempts < 1 or limit < 1:
            raise InputError("a claim needs lease > 0, max_attempts >= 1 and limit >= 1")
        now = now or _utcnow()
        claimable = (work_items.c.status == QUEUED,
                     or_(work_items.c.claimed_until.is_(None), work_items.c.claimed_until <= now))
        candidates = select(work_items.c.id).where(*claimable).order_by(work_items.c.id).limit(limit)
        with store_errors("cannot claim queued articles"):
            if self._dialect == "sqlite":
                # Look before writing: an idle worker polling an empty queue takes no write lock.
                with self._engine.connect() as conn:
                    if conn.execute(candidates).first() is None:
                        return []
            else:
                candidates = candidates.with_for_update(skip_locked=True)  # workers split the rows
            claim = (
                update(work_items)
                .where(work_items.c.id.in_(candidates.scalar_subquery()))
                .values(attempts=work_items.c.attempts + 1, claimed_by=worker,
                        claimed_until=now + timedelta(seconds=lease))
                .returning(*work_items.c)
            )
            with write_transaction(self._engine) as conn:
                rows = sorted(conn.execute(claim).all(), key=lambda row: row.id)
                worn = [row.id for row in rows if row.attempts > max_attempts]
                if worn:
                    conn.execute(update(work_items).where(work_items.c.id.in_(worn)).values(
                        status=FAILED, claimed_until=None,
                        last_error=f"claimed {max_attempts} times without finishing (did it stop its worker?)"))
        return [_work_item(row) for row in rows if row.attempts <= max_attempts]

    def complete(self, item_id: int) -> None:
        """The item went through the runner (stored, or recognised as a duplicate): forget it."""
        with store_errors("cannot complete a queued article"), write_transaction(self._engine) as conn:
            conn.execute(delete(work_items).where(work_items.c.id == item_id))

    def fail(self, item_id: int, reason: str) -> None:
        """Set the item aside for good (unusable input); it stays listed with the reason."""
        with store_errors("cannot mark a queued article failed"), write_transaction(self._engine) as conn:
            conn.execute(update(work_items).where(work_items.c.id == item_id).values(
                status=FAILED, claimed_until=None, last_error=(reason or "failed")[:MAX_ERROR_LENGTH]))

    def release(self, item_id: int, *, error: str | None = None, retry_in: float = 0.0,
                now: datetime | None = None) -> None:
        """Give a claimed item back (a passing failure): claimable again after `retry_in` seconds."""
        until = (now or _utcnow()) + timedelta(seconds=retry_in) if retry_in > 0 else None
        values: dict[str, Any] = {"claimed_until": until, "claimed_by": None}
        if error is not None:
            values["last_error"] = error[:MAX_ERROR_LENGTH]
        with store_errors("cannot release a queued article"), write_transaction(self._engine) as conn:
            conn.execute(update(work_items).where(work_items.c.id == item_id).values(**values))

    def counts(self, *, now: datetime | None = None) -> QueueCounts:
        """How many items are queued (and of those, claimed under a live lease) and failed."""
        now = now or _utcnow()
        live = func.count().filter(work_items.c.claimed_until > now)
        stmt = select(work_items.c.status, func.count(), live).group_by(work_items.c.status)
        counts = QueueCounts()
        with store_errors("cannot count queued articles"), self._engine.connect() as conn:
            for status, count, claimed in conn.execute(stmt):
                if status == QUEUED:
                    counts.queued, counts.claimed = int(count), int(claimed or 0)
                elif status == FAILED:
                    counts.failed = int(count)
        return counts

    def failures(self, *, limit: int = 50) -> list[tuple[str, str]]:
        """(origin, reason) of failed items, oldest first."""
        stmt = (select(work_items.c.item, work_items.c.last_error).where(work_items.c.status == FAILED)
                .order_by(work_items.c.id).limit(limit))
        with store_errors("cannot list failed queued articles"), self._engine.connect() as conn:
            return [(row.item.get("origin") or "", row.last_error or "") for row in conn.execute(stmt)]
