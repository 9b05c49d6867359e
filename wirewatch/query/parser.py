"""Parse search-language text into a `Query` tree, or raise QueryError saying what and where.

The language (positions in messages count characters from 1):

    ukraine ceasefire          both words (AND is implied between neighbours)
    "peace talks"              the words next to each other, in order
    truce OR ceasefire         either word; OR binds tighter than AND, as in web search engines:
                               `ukraine ceasefire OR truce` means ukraine AND (ceasefire OR truce)
    NOT russia, -russia        articles without the word (a query may be only negative)
    ( ... )                    grouping
    minist*                    any word starting with "minist" (after stemming, see below)
    title:word, title:"a b"    only in the title (title:word* too)
    source:AP, source:"The Guardian"   a source name (any case) or a host's labels: source:ndtv (query/sources.py)
    lang:en                    language code
    after:2025-03-01           published on or after that day (UTC)
    before:2025-03-31          published on or before that day (UTC); undated articles never match
                               either date filter
    entity:"Keir Starmer"      an article naming that entity (its words, in order, in a resolved name:
                               entity:Starmer too); search also resolves any spelling the entity
                               registry recorded (entity:Stemmer finds Keir Starmer's articles)
    speaker:"Keir Starmer"     the same for the speaker of a quote in the article
    type:PERSON                an article naming an entity of that type
    story:ID                   an article of that story

AND, OR and NOT are operators only in upper case; `and` is an ordinary word. Words are split into
letters-and-digits runs the way the full-text index splits text, so `covid-19` searches for the
phrase "covid 19"; a word with no letters or digits at all (`&`, `-`) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import QueryError
from .ast import (
    DATE_FIELDS, FIELDS, KEYWORDS, And, DateFilter, Filter, Node, Not, Or, Phrase, Query, Term,
)
from .tokens import search_tokens

MAX_QUERY_LENGTH = 4000
MAX_NESTING = 50

_FIELD_PREFIX = re.compile(r"([A-Za-z]+):(.*)\Z", re.DOTALL)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?\Z")
_WORD_END = frozenset('()"')


@dataclass(frozen=True)
class _Token:
    kind: str  # "(" ")" "AND" "OR" "NOT" "-" "atom"
    position: int  # 1-based, for messages
    node: Node | None = None



def _shown(value: str) -> str:
    """User text as it may appear in a one-line error: control characters written as escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value)

def parse_query(text: str, *, alert_fields: bool = False) -> Query:
    """Parse `text`; raise QueryError (one line, with the position) when it is not a valid query.

    Search and subscriptions accept the same language; `alert_fields` is kept for callers written
    when entity:, speaker:, type: and story: were subscription-only, and changes nothing.
    """
    if not isinstance(text, str):
        raise QueryError("query must be text")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query is too long ({len(text)} characters, at most {MAX_QUERY_LENGTH})")
    tokens = _lex(text)
    if not tokens:
        raise QueryError("empty query: nothing to search for")
    root = _Parser(tokens).parse()
    return Query(root=root, text=text)


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, i + 1))
            i += 1
        elif ch == '"':
            phrase, i = _read_quoted(text, i)
            if search_tokens(phrase):
                tokens.append(_Token("atom", i, Phrase(phrase)))
        elif ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
            tokens.append(_Token("-", i + 1))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _WORD_END:
                i += 1
            word = text[start:i]
            if word in KEYWORDS:
                tokens.append(_Token(word, start + 1))
                continue
            field = _FIELD_PREFIX.match(word)
            if field and (field.group(2) or field.group(1).lower() in FIELDS):
                node, i = _read_field(text, start, field.group(1).lower(), field.group(2), i)
                tokens.append(_Token("atom", start + 1, node))
                continue
            node = _word_node(word, None)
            if node is not None:
                tokens.append(_Token("atom", start + 1, node))
    return tokens


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Return the text between the quote at `start` and its closing quote, and the index after it."""
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(f"unclosed quote: the '\"' at position {start + 1} has no closing '\"'")
    return text[start + 1:end], end + 1


def _word_node(word: str, field: str | None) -> Term | None:
    """A bare word as a Term, or None when it has no letters or digits (punctuation is ignored)."""
    stem = word.rstrip("*")
    if not search_tokens(stem):
        return None
    return Term(text=stem, prefix=stem != word, field=field)


def _read_field(text: str, start: int, name: str, value: str, i: int) -> tuple[Node, int]:
    """Read `name:value` or `name:"quoted value"` starting at `start`; `i` is where the word ended."""
    where = f"at position {start + 1}"
    if name not in FIELDS:
        known = ", ".join(sorted(f + ":" for f in FIELDS))
        raise QueryError(f"unknown field '{_shown(name)}:' {where} (known fields: {known})")
    quoted = False
    if not value:
        if i < len(text) and text[i] == '"':
            value, i = _read_quoted(text, i)
            quoted = True
        else:
            raise QueryError(f"missing value after '{name}:' {where}")
    if name == "title":
        if quoted:
            if not search_tokens(value):
                raise QueryError(f"'title:' {where} needs a word or a quoted phrase")
            return Phrase(text=value, field="title"), i
        node = _word_node(value, "title")
        if node is None:
            raise QueryError(f"'title:' {where} needs a word or a quoted phrase")
        return node, i
    if name in DATE_FIELDS:
        return DateFilter(field=name, day=_parse_day(name, value, where)), i
    if name == "lang":
        code = value.strip().lower()
        if not _LANGUAGE.match(code):
            raise QueryError(f"bad language code '{_shown(value)}' for 'lang:' {where} (use e.g. lang:en)")
        return Filter(field="lang", value=code), i
    if not value.strip():
        raise QueryError(f"empty value for '{name}:' {where}")
    if name in ("entity", "speaker") and not search_tokens(value):
        raise QueryError(f"'{name}:' {where} needs a name with letters or digits")
    if name == "type":
        return Filter(field="type", value=value.strip().upper()), i
    return Filter(field=name, value=value.strip()), i


def _parse_day(name: str, value: str, where: str) -> date:
    try:
        if not _ISO_DAY.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"bad date '{_shown(value)}' for '{name}:' {where} (use YYYY-MM-DD)") from None


class _Parser:
    """Recursive descent: and_expr := or_expr ([AND] or_expr)*; or_expr := unary (OR unary)*;
    unary := (NOT | -) unary | primary; primary := ( and_expr ) | word | phrase | field."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        root = self.and_expr()
        leftover = self.peek()
        if leftover is not None:  # only a ')' can stop and_expr early
            raise QueryError(
                f"unbalanced parenthesis: the ')' at position {leftover.position} has no matching '('"
            )
        return root

    def expect_operand(self, operator: _Token) -> None:
        following = self.peek()
        if following is None or following.kind in (")", "AND", "OR"):
            name = "-" if operator.kind == "-" else operator.kind
            raise QueryError(f"'{name}' at position {operator.position} has nothing after it")

    def and_expr(self) -> Node:
        items = [self.or_expr()]
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "AND":
                self.take()
                self.expect_operand(token)
            items.append(self.or_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def or_expr(self) -> Node:
        items = [self.unary()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_operand(token)
            items.append(self.unary())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("NOT", "-"):
            self.take()
            self.expect_operand(token)
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "atom":
            assert token.node is not None
            return token.node
        if token.kind == "(":
            following = self.peek()
            if following is None:
                raise QueryError(
                    f"unbalanced parenthesis: the '(' at position {token.position} is never closed"
                )
            if following.kind == ")":
                raise QueryError(f"empty parentheses at position {token.position}")
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise QueryError(f"parentheses nested too deeply at position {token.position}")
            node = self.and_expr()
            self.depth -= 1
            closing = self.peek()
            if closing is None:
                raise QueryError(
                    f"unbalanced parenthesis: the '(' at position {token.position} is never closed"
                )
            self.take()
            return node
        if token.kind == ")":
            raise QueryError(
                f"unbalanced parenthesis: the ')' at position {token.position} has no matching '('"
            )
        raise QueryError(f"'{token.kind}' at position {token.position} has nothing before it")
