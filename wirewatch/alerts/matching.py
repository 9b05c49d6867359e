"""Which subscriptions an article matches, and why: candidates from the index, then exact checks.

The exact check is the query language's own evaluator (`wirewatch.query.compile_query`, the
predicate behind `wirewatch.query.evaluate`), so a subscription matches exactly the articles its
query would find; the presearch index only decides which subscriptions are worth checking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..document import Document
from ..ids import preferred_public_id
from ..query import ArticleFields, compile_query
from ..query.ast import And, Filter, Node, Not, Or, Phrase, Term
from ..query.evaluate import analyse_text
from .presearch import SubscriptionIndex


@dataclass
class ArticleFacts:
    """What alerting needs to know about one stored article (the lead fills it after storing)."""

    id: int
    title: str
    text: str = ""
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: datetime | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)  # (canonical name, type)
    quotes: list[tuple[str | None, str]] = field(default_factory=list)  # (speaker, text)
    story_id: str | None = None
    role: str | None = None  # "original" | "copy" | "development"
    story_title: str | None = None  # the story's title when known, else the article's is used
    record_id: str | None = None  # the record's own id (feed guid, JSONL or pushed `id`), if any
    article_id: str | None = None  # its public id, as the store gave it (store/public_ids.py)

    @property
    def public_id(self) -> str:
        """The id the API names this article by: what a webhook receiver looks up. The store's
        (`article_id`) for a stored article; the one it would ask for otherwise (a warm-up, a test)."""
        return self.article_id or preferred_public_id(self.record_id, self.id)

    @classmethod
    def from_document(cls, document_id: int, document: Document, *, story_id: str | None = None,
                      role: str | None = None, story_title: str | None = None,
                      article_id: str | None = None) -> "ArticleFacts":
        """From an analysed Document as stored (its resolved entities and attributed quotes)."""
        return cls(
            id=document_id, title=document.title, text=document.text, url=document.url,
            source=document.source, language=document.language, published=document.published,
            entities=[(entity.name, entity.type) for entity in document.entities],
            quotes=[(quote.speaker, quote.text) for quote in document.quotes],
            story_id=story_id, role=role, story_title=story_title, record_id=document.id, article_id=article_id,
        )

    def fields(self) -> ArticleFields:
        """The article prepared for evaluating queries (do it once per article)."""
        return ArticleFields.from_mapping({
            "title": self.title, "text": self.text, "source": self.source,
            "language": self.language, "published": self.published, "entities": self.entities,
            "quotes": self.quotes, "story_id": self.story_id,
        })


@dataclass
class MatchReason:
    """Why an article matched: what the message shows the subscriber."""

    terms: list[str] = field(default_factory=list)  # words and phrases of the query found
    entities: list[str] = field(default_factory=list)  # canonical names matched by entity:/type:
    speakers: list[str] = field(default_factory=list)  # speakers matched by speaker:
    quote: tuple[str, str] | None = None  # (speaker, text): the key quote, when there is one

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms": self.terms, "entities": self.entities, "speakers": self.speakers,
            "quote": {"speaker": self.quote[0], "text": self.quote[1]} if self.quote else None,
        }


@dataclass
class Match:
    subscription_id: int
    reason: MatchReason


def match_article(index: SubscriptionIndex, article: ArticleFacts,
                  fields: ArticleFields | None = None) -> list[Match]:
    """Every subscription in `index` whose query matches `article`, with the reason."""
    prepared = fields or article.fields()
    matches = []
    for subscription_id in index.matching_ids(prepared):
        entry = index.get(subscription_id)
        assert entry is not None
        matches.append(Match(subscription_id, explain(entry.query.root, article, prepared)))
    return matches


def _positive_leaves(node: Node) -> list[Node]:
    """Leaves not under a NOT: what a match can be explained by."""
    if isinstance(node, Not):
        return []
    if isinstance(node, (And, Or)):
        return [leaf for item in node.items for leaf in _positive_leaves(item)]
    return [node]


def _names_with(names: list[str], value: str) -> list[str]:
    wanted = analyse_text(value)
    found = []
    for name in names:
        analysed = analyse_text(name)
        size = len(wanted)
        if any(analysed[i:i + size] == wanted for i in range(len(analysed) - size + 1)):
            found.append(name)
    return found


def explain(root: Node, article: ArticleFacts, fields: ArticleFields) -> MatchReason:
    """The parts of a matching query that this article satisfies, and its key quote."""
    reason = MatchReason()
    entity_names = [name for name, _ in article.entities if name]
    speakers = [speaker for speaker, _ in article.quotes if speaker]
    for leaf in _positive_leaves(root):
        if not compile_query(leaf)(fields):
            continue
        if isinstance(leaf, (Term, Phrase)):
            shown = f'"{leaf.text}"' if isinstance(leaf, Phrase) else leaf.text + ("*" if leaf.prefix else "")
            _add(reason.terms, shown)
        elif isinstance(leaf, Filter) and leaf.field == "entity":
            for name in _names_with(entity_names, leaf.value):
                _add(reason.entities, name)
        elif isinstance(leaf, Filter) and leaf.field == "type":
            for name, kind in article.entities:
                if name and (kind or "").upper() == leaf.value.upper():
                    _add(reason.entities, name)
        elif isinstance(leaf, Filter) and leaf.field == "speaker":
            for name in _names_with(speakers, leaf.value):
                _add(reason.speakers, name)
    reason.quote = _key_quote(article, reason)
    return reason


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _key_quote(article: ArticleFacts, reason: MatchReason) -> tuple[str, str] | None:
    """A quote by a matched speaker, else by a matched entity, else one using a matched word."""
    quotes = [(speaker, text) for speaker, text in article.quotes if text]
    for wanted in (reason.speakers, reason.entities):
        for speaker, text in quotes:
            if speaker and speaker in wanted:
                return speaker, text
    words = {word for term in reason.terms for word in analyse_text(term.strip('"*'))}
    for speaker, text in quotes:
        if speaker and words & set(analyse_text(text)):
            return speaker, text
    return None
