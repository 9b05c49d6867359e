"""`entity:`, `speaker:`, `type:` and `story:` in SQL, over the facts stored beside each article.

Their meaning is the subscriptions' (query/evaluate.py): `entity:V` matches an article naming an
entity whose name holds V's words, analysed as the index analyses them, as a consecutive run
(`entity:Starmer` finds Keir Starmer); `speaker:V` the same for the speaker of one of its quotes;
`type:T` an entity of that type; `story:ID` the article's story. The store knows more names
than any one article: the entity registry (store/facts.py) keeps every identity's canonical name
and every spelling recorded for it, the article's own resolved name among them. So V is
compared with all of those names, and an article matches when it names (or quotes) one of the
identities found: whatever spelling one article used, or the query uses ("Stemmer" once
resolved to Keir Starmer), every article about that person is found -- a superset of what the
article's own names alone would give, never less.

Stemmed word runs cannot be compared in SQL, so the registry stores each name analysed
(name_terms.py) and a run of words is a substring test on it; the identities found are read
once per query (`resolve`) and enter the statement as literal integer lists, which no parameter
limit caps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, false, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..query.ast import And, Filter, Node, Not, Or
from ..query.evaluate import analyse_text
from .name_terms import joined
from .schema import document_entities, documents, entities, entity_aliases, quotes, story_articles

NAME_FIELDS = ("entity", "speaker")


@dataclass
class ResolvedNames:
    """For each analysed value of an entity:/speaker: filter: the registry identities whose name
    or a recorded spelling holds it, and speaker names without an identity that hold it."""

    entity_ids: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    bare_speakers: dict[tuple[str, ...], set[str]] = field(default_factory=dict)


def _name_filters(node: Node) -> list[Filter]:
    if isinstance(node, Filter):
        return [node] if node.field in NAME_FIELDS else []
    if isinstance(node, Not):
        return _name_filters(node.item)
    if isinstance(node, (And, Or)):
        return [found for item in node.items for found in _name_filters(item)]
    return []


def _holds(name: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    size = len(wanted)
    return any(name[start:start + size] == wanted for start in range(len(name) - size + 1))


def _matches(text: str, wanted: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    name = analyse_text(text)
    return [value for value in wanted if _holds(name, value)]


def resolve(conn: Connection, root: Node) -> ResolvedNames:
    """The identities (and bare speaker names) every entity:/speaker: filter of the query names."""
    resolved = ResolvedNames()
    filters = _name_filters(root)
    if not filters:
        return resolved
    wanted = sorted({analyse_text(node.value) for node in filters} - {()})
    for value in wanted:
        pattern = joined(value)
        resolved.entity_ids[value] = set(conn.execute(
            select(entities.c.id).where(entities.c.terms.contains(pattern, autoescape=True)).union(
                select(entity_aliases.c.entity_id).where(entity_aliases.c.terms.contains(pattern, autoescape=True))
            )
        ).scalars())
        resolved.bare_speakers[value] = set()
    if any(node.field == "speaker" for node in filters):
        # Analysis names a speaker only with an entity, so these are rare: compared in Python.
        bare = select(quotes.c.speaker).where(quotes.c.entity_id.is_(None), quotes.c.speaker.is_not(None)).distinct()
        for (speaker,) in conn.execute(bare):
            for value in _matches(speaker, wanted):
                resolved.bare_speakers[value].add(speaker)
    return resolved


def _literal_ids(ids: set[int]):
    # Rendered into the statement as integers (they come from the database, never from a user):
    # a common first name can resolve to more identities than a driver takes parameters.
    return bindparam(None, sorted(ids), expanding=True, literal_execute=True)


def fact_condition(node: Filter, resolved: ResolvedNames) -> ColumnElement[bool]:
    """The SQL over `documents` for one fact filter; `resolved` from `resolve` on the same query."""
    if node.field == "type":
        typed = (
            select(document_entities.c.document_id)
            .join(entities, entities.c.id == document_entities.c.entity_id)
            .where(entities.c.type == node.value.upper())
        )
        return documents.c.id.in_(typed)
    if node.field == "story":
        return documents.c.id.in_(select(story_articles.c.document_id).where(story_articles.c.story_id == node.value))
    value = analyse_text(node.value)
    ids = resolved.entity_ids.get(value, set())
    if node.field == "entity":
        if not ids:
            return false()
        return documents.c.id.in_(
            select(document_entities.c.document_id).where(document_entities.c.entity_id.in_(_literal_ids(ids)))
        )
    speakers = resolved.bare_speakers.get(value, set())
    conditions = []
    if ids:
        conditions.append(quotes.c.entity_id.in_(_literal_ids(ids)))
    if speakers:
        conditions.append(quotes.c.speaker.in_(sorted(speakers)))
    if not conditions:
        return false()
    return documents.c.id.in_(select(quotes.c.document_id).where(or_(*conditions)))
