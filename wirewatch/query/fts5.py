"""Compile search-language trees to SQLite FTS5 MATCH strings.

Every word is emitted as a double-quoted FTS5 string (quotes doubled), so user text can never
become FTS5 syntax. FTS5 has no unary NOT and cannot say `a OR NOT b`; `match_string` returns None
for such subtrees and the store combines the pieces in SQL instead (same result set).
"""

from __future__ import annotations

from .ast import And, Node, Not, Or, Phrase, Term, TextNode
from .tokens import search_tokens

TITLE_COLUMN = "title"


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def leaf_match(node: TextNode) -> str:
    """One word or phrase: a quoted FTS5 phrase, `*` for a prefix, `title :` for the title field."""
    words = search_tokens(node.text)
    text = _quoted(words)
    if isinstance(node, Term) and node.prefix:
        text += " *"
    if node.field == "title":
        text = f"{TITLE_COLUMN} : {text}"
    return text


def match_string(node: Node) -> str | None:
    """The FTS5 MATCH string for a subtree, or None when FTS5 cannot express it on its own."""
    if isinstance(node, (Term, Phrase)):
        return leaf_match(node)
    if isinstance(node, Or):
        parts = [match_string(item) for item in node.items]
        if any(part is None for part in parts):
            return None
        return "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        positive: list[str] = []
        negative: list[str] = []
        for item in node.items:
            if isinstance(item, Not):
                part = match_string(item.item)
                target = negative
            else:
                part = match_string(item)
                target = positive
            if part is None:
                return None
            target.append(part)
        if not positive:
            return None
        text = "(" + " AND ".join(positive) + ")"
        for part in negative:  # FTS5 NOT is binary: (positives) NOT (n1) NOT (n2)
            text = f"({text} NOT {part})"
        return text
    return None  # Not on its own, Filter, DateFilter


def any_of(leaves: list[TextNode]) -> str | None:
    """A MATCH string for any of the leaves: what ranking and snippets highlight."""
    if not leaves:
        return None
    return "(" + " OR ".join(leaf_match(leaf) for leaf in leaves) + ")"
