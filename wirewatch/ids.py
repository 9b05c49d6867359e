"""Row ids as users type them: ASCII digits only, within what a database integer holds.

`str.isdigit()` is true for "¹" and "٣" and `int()` accepts the second, so a check built on them
lets a URL such as /api/documents/%D9%A3 reach document 3, and "¹" raise ValueError; a number
above 2**63 - 1 overflows both engines' BIGINT and surfaced as a 500. Every face (CLI, API,
pages, store) parses an id through here, so they agree.
"""

from __future__ import annotations

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


def public_id(record_id: str | None, row_id: int) -> str:
    """An article's one public id: the record's own id (feed guid, JSONL or pushed `id`) when it
    had one, else the store's row number as text. Every face names an article by this id, and
    `Store.get_document` resolves it (a record id first, then a row number)."""
    return record_id if record_id else str(row_id)
