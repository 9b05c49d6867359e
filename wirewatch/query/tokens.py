"""How the search language splits text into words, shared by every compiler and the evaluator.

It mirrors the full-text indexes: SQLite FTS5 `unicode61` and wirewatch's PostgreSQL column both
index maximal runs of letters and digits (everything else separates words), case-folded. Keeping
one splitter means `covid-19` becomes the same two-word phrase on every engine.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")


def search_tokens(text: str) -> list[str]:
    """The lower-cased letter-and-digit runs of `text`, in order."""
    return [match.group(0).lower() for match in _WORD.finditer(text)]
