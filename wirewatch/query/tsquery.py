"""Compile search-language trees to PostgreSQL tsquery text, passed to to_tsquery() as a parameter.

Every word is a single-quoted lexeme (quotes and backslashes escaped), so user text never becomes
tsquery syntax; to_tsquery then runs each lexeme through the same text search configuration as
the indexed column (accents removed, English stemming). Any text-only subtree compiles: tsquery
has unary NOT (`!`), phrases (`<->`), prefixes (`:*`) and weights (`:A`, the title).
"""

from __future__ import annotations

from .ast import And, Node, Not, Or, Phrase, Term, TextNode
from .tokens import search_tokens


def _lexeme(word: str, *, prefix: bool, title: bool) -> str:
    escaped = word.replace("\\", "\\\\").replace("'", "''")
    flags = ("*" if prefix else "") + ("A" if title else "")
    return f"'{escaped}'" + (f":{flags}" if flags else "")


def leaf_tsquery(node: TextNode) -> str:
    words = search_tokens(node.text)
    prefix = isinstance(node, Term) and node.prefix
    title = node.field == "title"
    lexemes = [
        _lexeme(word, prefix=prefix and i == len(words) - 1, title=title) for i, word in enumerate(words)
    ]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def tsquery_string(node: Node) -> str:
    """tsquery text for a text-only subtree (see ast.is_text_only)."""
    if isinstance(node, (Term, Phrase)):
        return leaf_tsquery(node)
    if isinstance(node, Not):
        return "!" + tsquery_string(node.item)
    if isinstance(node, (And, Or)):
        joiner = " & " if isinstance(node, And) else " | "
        return "(" + joiner.join(tsquery_string(item) for item in node.items) + ")"
    raise TypeError(f"not a text-only node: {node!r}")


def any_of(leaves: list[TextNode]) -> str | None:
    if not leaves:
        return None
    return "(" + " | ".join(leaf_tsquery(leaf) for leaf in leaves) + ")"
