"""Quality flags found after an article was stored: the story stage sees what analysis cannot.

Analysis judges one text alone; the story stage may find that an article is a word-for-word
rewrite of one stored earlier (wirewatch/stories/substitution.py). That evidence joins the
article's stored quality (`Document.quality`, kept in `documents.data`), which the API, the
pages and `wirewatch show` already read, so no column of its own is needed.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from .schema import documents


def stored_text(conn: Connection, document_id: int) -> tuple[str, str] | None:
    """(title, text) of a stored article, read from their columns (no parse of the analysis)."""
    row = conn.execute(select(documents.c.title, documents.c.text).where(documents.c.id == document_id)).first()
    return (row.title, row.text) if row is not None else None


def flag_machine_translation(conn: Connection, document_id: int, signal: str) -> bool:
    """Mark a stored article as a suspected machine translation, with the signal that says why
    (kept once). False when no such article is stored."""
    data = conn.execute(select(documents.c.data).where(documents.c.id == document_id)).scalar()
    if data is None:
        return False
    quality = dict(data.get("quality") or {})
    signals = list(quality.get("signals") or [])
    if signal not in signals:
        signals.append(signal)
    quality.update(machine_translation_suspected=True, signals=signals)
    conn.execute(update(documents).where(documents.c.id == document_id).values(data={**data, "quality": quality}))
    return True
