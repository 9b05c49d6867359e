"""The search language as plain, engine-neutral data.

A parsed query is a tree of these frozen dataclasses. The store compiles it to SQLite FTS5 or
PostgreSQL tsquery, and alert matching evaluates the very same tree in memory, so nothing here
knows about any engine. `to_query_string` writes a tree back as query text that parses to an
equal tree (nested groups are always parenthesised, so precedence never matters on the way back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Union

KEYWORDS = frozenset({"AND", "OR", "NOT"})
TEXT_FIELDS = frozenset({"title"})  # fields that restrict a word or phrase to one part of the article
FILTER_FIELDS = frozenset({"source", "lang"})  # fields compared with a stored column
DATE_FIELDS = frozenset({"after", "before"})
# Fields compared with what analysis found (resolved entities, quote speakers, the story):
# subscriptions evaluate them in memory, search compiles them to the store's entity, quote and
# story tables. The name is historical: they were once accepted by subscriptions only.
ALERT_FIELDS = frozenset({"entity", "speaker", "type", "story"})
FACT_FIELDS = ALERT_FIELDS
FIELDS = TEXT_FIELDS | FILTER_FIELDS | DATE_FIELDS | FACT_FIELDS  # what every query accepts


@dataclass(frozen=True)
class Term:
    """One word as the user wrote it; `prefix` for `word*`; `field` None (title and text) or "title"."""

    text: str
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    """Words that must appear next to each other, in order."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Filter:
    """`source:NAME` (a source name, or labels of a source host: query/sources.py), `lang:CODE`, or a fact field.

    Fact fields: `entity:"Keir Starmer"` (a resolved entity of the article whose canonical name
    contains these words in this order, so `entity:Starmer` matches too), `speaker:"..."` (the
    same, for the speaker of a quote), `type:PERSON` (an entity of that type), `story:ID`.
    """

    field: str
    value: str


@dataclass(frozen=True)
class DateFilter:
    """`after:DAY` / `before:DAY`, both inclusive of DAY (UTC); articles without a date never match."""

    field: str
    day: date


@dataclass(frozen=True)
class And:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    item: "Node"


Node = Union[Term, Phrase, Filter, DateFilter, And, Or, Not]
TextNode = Union[Term, Phrase]


@dataclass(frozen=True)
class Query:
    """A parsed query: the tree plus the text it came from (for messages and logs)."""

    root: Node
    text: str = ""

    def __str__(self) -> str:
        return to_query_string(self.root)


def is_text_only(node: Node) -> bool:
    """True when the subtree only matches words (no source/lang/date filters): one full-text query."""
    if isinstance(node, (Term, Phrase)):
        return True
    if isinstance(node, (Filter, DateFilter)):
        return False
    if isinstance(node, Not):
        return is_text_only(node.item)
    return all(is_text_only(item) for item in node.items)


def positive_text_leaves(node: Node) -> list[TextNode]:
    """The words and phrases a matching article contains (not under NOT): what ranking and snippets use."""
    if isinstance(node, (Term, Phrase)):
        return [node]
    if isinstance(node, (And, Or)):
        return [leaf for item in node.items for leaf in positive_text_leaves(item)]
    return []


def _quote(value: str) -> str:
    return '"' + value + '"'


def _value_needs_quotes(value: str) -> bool:
    return (
        not value
        or value in KEYWORDS
        or any(ch.isspace() or ch in '()"' for ch in value)
        or value.startswith("-")
        or value.endswith("*")
        or ":" in value
    )


def to_query_string(node: Node) -> str:
    """Write a tree back as query text that `parse_query` turns into an equal tree."""
    if isinstance(node, Term):
        prefix = f"{node.field}:" if node.field else ""
        return f"{prefix}{node.text}{'*' if node.prefix else ''}"
    if isinstance(node, Phrase):
        prefix = f"{node.field}:" if node.field else ""
        return prefix + _quote(node.text)
    if isinstance(node, Filter):
        value = _quote(node.value) if _value_needs_quotes(node.value) else node.value
        return f"{node.field}:{value}"
    if isinstance(node, DateFilter):
        return f"{node.field}:{node.day.isoformat()}"
    if isinstance(node, Not):
        return "NOT " + _grouped(node.item)
    joiner = " AND " if isinstance(node, And) else " OR "
    return joiner.join(_grouped(item) for item in node.items)


def _grouped(node: Node) -> str:
    text = to_query_string(node)
    return f"({text})" if isinstance(node, (And, Or)) else text
