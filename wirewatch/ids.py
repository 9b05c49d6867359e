"""Row ids as users type them: ASCII digits only, within what a database integer holds.

`str.isdigit()` is true for "¹" and "٣" and `int()` accepts the second, so a check built on them
lets a URL such as /api/documents/%D9%A3 reach document 3, and "¹" raise ValueError; a number
above 2**63 - 1 overflows both engines' BIGINT and surfaced as a 500. Every face (CLI, API,
pages, store) parses an id through here, so they agree.

An article's public id (what every face names it by) is chosen here too, from candidates: the
store gives each article the first one no other article holds, when it stores it, and never
changes it (`Store.get_document` looks it up).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

MAX_ROW_ID = 2**63 - 1  # the largest value of a signed 64-bit integer column


def is_ascii_number(text: str) -> bool:
    """Whether `text` is a non-empty run of 0-9 (nothing else: no sign, space or other script)."""
    return bool(text) and text.isascii() and text.isdigit()


def parse_row_id(value: object) -> int | None:
    """The row id `value` names, or None when it names none (not a number, or out of range)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ROW_ID else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not is_ascii_number(text) or len(text) > 19:
        return None
    number = int(text)
    return number if number <= MAX_ROW_ID else None


def preferred_public_id(record_id: str | None, row_id: int) -> str:
    """The public id an article asks for when it is stored: the record's own id (feed guid, JSONL
    or pushed `id`) when it had one, else the store's row number as text. It gets it unless
    another article already holds it (see `public_id_candidates`)."""
    return record_id if record_id else str(row_id)


def public_id_candidates(record_id: str | None, row_id: int) -> Iterator[str]:
    """The ids an article stored as `row_id` may be named by, best first; it takes the first that
    no other article holds, and keeps it for good (the store records it).

    A record's own id may be any text, a number included, so it can ask for the number another
    article is named by (or that a later article will be stored under): the one that comes second
    is named `~<row number>` instead (`~<row number>.2`, ... in the unlikely case a record id
    holds that too). `~` is neither a digit nor escaped in a URL path, and the row number makes
    the id unique among the ones wirewatch makes up."""
    yield preferred_public_id(record_id, row_id)
    yield f"~{row_id}"
    for n in itertools.count(2):
        yield f"~{row_id}.{n}"
