"""Evaluate a query against one article in memory (alert matching), with the stores' semantics.

Words are split as the indexes split them (tokens.py), accents removed and Porter-stemmed like
SQLite FTS5's `porter unicode61 remove_diacritics 2` tokenizer; phrases must be consecutive
within one field (title or text), as in FTS5. Prefixes are stemmed before comparing, as
PostgreSQL's to_tsquery does. Filters and dates follow store/conditions.py (NULL-safe).
The fact fields compare with what analysis found: `entity:` and `speaker:` match when the
value's words appear, in order, in a resolved entity's canonical name (or a quote speaker's),
`type:` when an entity has that type, `story:` when the article belongs to that story.

Alert matching evaluates thousands of queries per article, so an `ArticleFields` carries
lookup tables built once (word sets, word positions, sorted words for prefixes) and a query is
compiled once into a predicate (`compile_query`); `evaluate` is the same predicate, cached.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

import snowballstemmer

from ..errors import QueryError
from .ast import And, DateFilter, Filter, Node, Not, Or, Phrase, Query, Term
from .sources import source_keys, source_matches
from .tokens import search_tokens

_STEMMER = snowballstemmer.stemmer("porter")  # stateless apart from an internal buffer

Predicate = Callable[["ArticleFields"], bool]

# A name's words joined into one string (entity/speaker keys): no analysed word contains it (NFKD
# can add spaces to a word).
NAME_SEPARATOR = "\x1f"


def fact_token(kind: str, value: str) -> str:
    """The marker of one non-word fact in `ArticleFields.facts` (kind "e" entity name run, "s"
    speaker name run, "y" entity type, "st" story, "src" source, "lang" language); the leading
    control character keeps it apart from every word."""
    return f"\x1e{kind}:{value}"


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _STEMMER.stemWord(bare)


def analyse_text(text: str) -> tuple[str, ...]:
    """The index terms of `text`, in order."""
    return tuple(_normalise(token) for token in search_tokens(text or ""))


def _positions(terms: tuple[str, ...]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for index, term in enumerate(terms):
        where.setdefault(term, []).append(index)
    return where


@dataclass(frozen=True)
class ArticleFields:
    """One article prepared once for evaluating many queries."""

    title: tuple[str, ...]
    text: tuple[str, ...]
    source: str | None
    language: str | None
    published: datetime | None
    entity_names: tuple[tuple[str, ...], ...] = ()  # analysed canonical names
    entity_types: frozenset[str] = frozenset()  # upper case
    speakers: tuple[tuple[str, ...], ...] = ()  # analysed canonical names of quote speakers
    story_id: str | None = None
    # Lookup tables, derived from the fields above in __post_init__.
    title_positions: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    text_positions: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    sorted_title: list[str] = field(init=False, repr=False, compare=False)
    sorted_terms: list[str] = field(init=False, repr=False, compare=False)  # title and text
    title_terms: frozenset[str] = field(init=False, repr=False, compare=False)
    all_terms: frozenset[str] = field(init=False, repr=False, compare=False)  # title and text
    entity_words: frozenset[str] = field(init=False, repr=False, compare=False)
    speaker_words: frozenset[str] = field(init=False, repr=False, compare=False)
    entity_spans: frozenset[tuple[str, ...]] = field(init=False, repr=False, compare=False)
    speaker_spans: frozenset[tuple[str, ...]] = field(init=False, repr=False, compare=False)
    # Every word plus a fact_token per entity/speaker name run, type, story, source and language:
    # alert matching checks the common subscriptions with set operations on this one set.
    facts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        title_positions = _positions(self.title)
        text_positions = _positions(self.text)
        object.__setattr__(self, "title_positions", title_positions)
        object.__setattr__(self, "text_positions", text_positions)
        all_terms = frozenset(title_positions.keys() | text_positions.keys())
        object.__setattr__(self, "sorted_title", sorted(title_positions))
        object.__setattr__(self, "sorted_terms", sorted(all_terms))
        object.__setattr__(self, "title_terms", frozenset(title_positions))
        object.__setattr__(self, "all_terms", all_terms)
        object.__setattr__(self, "entity_words", frozenset(w for name in self.entity_names for w in name))
        object.__setattr__(self, "speaker_words", frozenset(w for name in self.speakers for w in name))
        object.__setattr__(self, "entity_spans", _spans(self.entity_names))
        object.__setattr__(self, "speaker_spans", _spans(self.speakers))
        markers = [fact_token("e", NAME_SEPARATOR.join(span)) for span in self.entity_spans]
        markers += [fact_token("s", NAME_SEPARATOR.join(span)) for span in self.speaker_spans]
        markers += [fact_token("y", kind) for kind in self.entity_types]
        if self.story_id is not None:
            markers.append(fact_token("st", self.story_id))
        if self.source is not None:  # every value `source:` matches it with (query/sources.py)
            markers += [fact_token("src", key) for key in source_keys(self.source)]
        if self.language is not None:
            markers.append(fact_token("lang", self.language.lower()))
        object.__setattr__(self, "facts", all_terms.union(markers))

    @classmethod
    def from_mapping(cls, fields: Mapping[str, Any]) -> "ArticleFields":
        """From title, text, source, language (or lang), published, and for alerts entities
        ([(name, type)] or [{"name", "type"}]), quotes ([(speaker, text)] or [{"speaker", ...}])
        and story_id."""
        published = fields.get("published")
        if isinstance(published, str):
            try:
                published = datetime.fromisoformat(published)
            except ValueError:
                raise QueryError(f"article date is not ISO 8601: {published!r}") from None
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=timezone.utc)
        entities = [_pair(item, "name", "type") for item in fields.get("entities") or ()]
        speakers = [_pair(item, "speaker", "text")[0] for item in fields.get("quotes") or ()]
        story_id = fields.get("story_id")
        return cls(
            title=analyse_text(fields.get("title") or ""),
            text=analyse_text(fields.get("text") or ""),
            source=fields.get("source"),
            language=fields.get("language", fields.get("lang")),
            published=published,
            entity_names=_names(name for name, _ in entities),
            entity_types=frozenset(str(kind).upper() for _, kind in entities if kind),
            speakers=_names(speakers),
            story_id=None if story_id is None else str(story_id),
        )

    def has_term(self, term: str, *, title_only: bool = False) -> bool:
        return term in self.title_positions or (not title_only and term in self.text_positions)


def _pair(item: Any, first: str, second: str) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get(first), item.get(second)
    values = tuple(item)
    return values[0], values[1] if len(values) > 1 else None


def _names(names: Iterable[Any]) -> tuple[tuple[str, ...], ...]:
    analysed = {analyse_text(str(name)) for name in names if name}
    return tuple(sorted(name for name in analysed if name))


def _spans(names: tuple[tuple[str, ...], ...]) -> frozenset[tuple[str, ...]]:
    """Every run of consecutive words of every name: `entity:` matches one of them exactly."""
    return frozenset(
        name[start:end] for name in names
        for start in range(len(name)) for end in range(start + 1, len(name) + 1)
    )


def _has_prefix(sorted_terms: list[str], prefix: str) -> bool:
    index = bisect.bisect_left(sorted_terms, prefix)
    return index < len(sorted_terms) and sorted_terms[index].startswith(prefix)


def _in_sequence(terms: tuple[str, ...], positions: dict[str, list[int]], wanted: tuple[str, ...],
                 prefix: bool) -> bool:
    """Whether `wanted` occurs consecutively in `terms` (its last word as a prefix if asked)."""
    size = len(wanted)
    last = wanted[-1]
    middle = wanted[1:-1]
    for start in positions.get(wanted[0], ()):
        end = start + size - 1
        if end >= len(terms):
            break
        if terms[start + 1:end] != middle:
            continue
        if terms[end].startswith(last) if prefix else terms[end] == last:
            return True
    return False


def _text_predicate(node: Term | Phrase) -> Predicate:
    wanted = analyse_text(node.text)
    prefix = isinstance(node, Term) and node.prefix
    title_only = node.field == "title"
    if not wanted:
        return lambda article: False
    if len(wanted) == 1 and not prefix:
        word = wanted[0]
        if title_only:
            return lambda article: word in article.title_terms
        return lambda article: word in article.all_terms
    if len(wanted) == 1:
        stem = wanted[0]
        if title_only:
            return lambda article: _has_prefix(article.sorted_title, stem)
        return lambda article: _has_prefix(article.sorted_terms, stem)

    exact_words = frozenset(wanted[:-1] if prefix else wanted)

    def phrase(article: ArticleFields) -> bool:
        if not exact_words <= (article.title_terms if title_only else article.all_terms):
            return False  # a word is missing altogether: no need to look for the sequence
        if _in_sequence(article.title, article.title_positions, wanted, prefix):
            return True
        return not title_only and _in_sequence(article.text, article.text_positions, wanted, prefix)

    return phrase


def _filter_predicate(node: Filter) -> Predicate:
    name = node.field
    if name in ("entity", "speaker"):
        wanted = analyse_text(node.value)
        if name == "entity":
            return lambda article: wanted in article.entity_spans
        return lambda article: wanted in article.speaker_spans
    if name == "type":
        kind = node.value.upper()
        return lambda article: kind in article.entity_types
    if name == "story":
        story = node.value
        return lambda article: article.story_id == story
    if name == "source":
        wanted = node.value
        return lambda article: source_matches(article.source, wanted)
    value = node.value.lower()
    return lambda article: article.language is not None and article.language.lower() == value


def _date_predicate(node: DateFilter) -> Predicate:
    start = datetime.combine(node.day, datetime.min.time(), tzinfo=timezone.utc)
    if node.field == "after":
        return lambda article: article.published is not None and article.published >= start
    end = start + timedelta(days=1)
    return lambda article: article.published is not None and article.published < end


def compile_query(node: Query | Node) -> Predicate:
    """Turn a query tree into a predicate over `ArticleFields` (do it once, call it often)."""
    if isinstance(node, Query):
        node = node.root
    if isinstance(node, (Term, Phrase)):
        return _text_predicate(node)
    if isinstance(node, Filter):
        return _filter_predicate(node)
    if isinstance(node, DateFilter):
        return _date_predicate(node)
    if isinstance(node, Not):
        inner = compile_query(node.item)
        return lambda article: not inner(article)
    # Plain words (no prefix) of an AND / OR are checked together as one set operation.
    words = frozenset(_plain_word(item) for item in node.items if _plain_word(item) is not None)
    parts = tuple(compile_query(item) for item in node.items if _plain_word(item) is None)
    if isinstance(node, And):
        if words:
            parts = (lambda article: words <= article.all_terms,) + parts
        return parts[0] if len(parts) == 1 else _all_of(parts)
    if words:
        parts = (lambda article: not words.isdisjoint(article.all_terms),) + parts
    return parts[0] if len(parts) == 1 else _any_of(parts)


def _plain_word(node: Node) -> str | None:
    """The analysed word of a one-word, non-prefix Term searched in title and text, else None."""
    if isinstance(node, Term) and not node.prefix and node.field is None:
        wanted = analyse_text(node.text)
        if len(wanted) == 1:
            return wanted[0]
    return None


# Two or three parts are by far the most common; plain `and`/`or` chains avoid a generator per call.
def _all_of(parts: tuple[Predicate, ...]) -> Predicate:
    if len(parts) == 2:
        first, second = parts
        return lambda article: first(article) and second(article)
    if len(parts) == 3:
        first, second, third = parts
        return lambda article: first(article) and second(article) and third(article)
    return lambda article: all(part(article) for part in parts)


def _any_of(parts: tuple[Predicate, ...]) -> Predicate:
    if len(parts) == 2:
        first, second = parts
        return lambda article: first(article) or second(article)
    if len(parts) == 3:
        first, second, third = parts
        return lambda article: first(article) or second(article) or third(article)
    return lambda article: any(part(article) for part in parts)


_cached_predicate = lru_cache(maxsize=4096)(compile_query)


def evaluate(query: Query | Node, fields: Mapping[str, Any] | ArticleFields) -> bool:
    """Whether the article described by `fields` (title, text, source, language, published) matches.

    Pass an `ArticleFields` (ArticleFields.from_mapping(...)) to analyse an article once for many
    queries.
    """
    article = fields if isinstance(fields, ArticleFields) else ArticleFields.from_mapping(fields)
    return _cached_predicate(query.root if isinstance(query, Query) else query)(article)
