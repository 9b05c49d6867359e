"""Entities and quotes across documents: the registry that makes "Starmer" in one article and
"Keir Starmer" in another the same identity.

Called inside the transaction that stores a document, so an article and its facts are saved
together or not at all. Matching an in-document entity to the registry, most certain first:
1. the same type and folded canonical name;
2. a spelling already recorded as an alias of one entity of that type ("Stemmer" once resolved
   inside an article that also said "Keir Starmer");
3. people only: a lone surname ("Starmer") matches the registry's full name ending in it, and a
   full name ("Keir Starmer") takes over a registry entry known only by its surname — but only
   when exactly one registered person fits, so two people sharing a surname are never merged.
Anything else opens a new entity.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import and_, func, literal, select, update
from sqlalchemy.engine import Connection

from ..document import Document
from .name_terms import name_terms
from .schema import UTCDateTime, document_entities, entities, entity_aliases, quotes

POSSESSIVE = ("'s", "’s", "'", "’")


def fold(name: str) -> str:
    """Case-, accent- and space-insensitive form of a name, for keys and comparisons."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().replace("’", "'").split())


def strip_possessive(text: str) -> str:
    for ending in POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def entity_key(entity_type: str, name: str) -> str:
    return f"{entity_type}:{fold(name)}"


def record_facts(conn: Connection, insert, document_id: int, doc: Document, now: datetime | None = None) -> None:
    """Register the document's entities and quotes. `insert` is the dialect's insert()."""
    if not doc.entities and not doc.quotes:
        return
    seen_at = doc.published or now or datetime.now(timezone.utc)
    registry_ids: dict[str, int] = {}
    for entity in doc.entities:
        entity_id = _resolve(conn, insert, entity.type, entity.name, seen_at)
        registry_ids[entity.id] = entity_id
        spellings = Counter(strip_possessive(m.text.strip()) for m in entity.mentions if m.text.strip())
        spellings[entity.name] += 0  # the canonical form is always a known spelling
        _count_mentions(conn, insert, entity_id, entity.id, document_id, spellings, seen_at)
    rows = [
        {
            "document_id": document_id,
            "entity_id": registry_ids.get(quote.speaker_entity) if quote.speaker_entity else None,
            "speaker": quote.speaker,
            "text": quote.text,
            "cue": quote.cue,
            "start": quote.start,
            "end": quote.end,
            "published": seen_at,
        }
        for quote in doc.quotes
    ]
    if rows:
        conn.execute(quotes.insert(), rows)


def _resolve(conn: Connection, insert, entity_type: str, name: str, seen_at: datetime) -> int:
    key = entity_key(entity_type, name)
    found = conn.execute(select(entities.c.id).where(entities.c.key == key)).scalar()
    if found is not None:
        return found
    by_alias = conn.execute(
        select(entities.c.id)
        .join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
        .where(entities.c.type == entity_type, func.lower(entity_aliases.c.alias) == name.lower())
        .group_by(entities.c.id)
    ).scalars().all()
    if len(by_alias) == 1:
        return by_alias[0]
    if entity_type == "PERSON":
        person = _match_person(conn, name)
        if person is not None:
            return person
    new_id = conn.execute(
        insert(entities).values(
            type=entity_type, name=name, key=key, terms=name_terms(name), first_seen=seen_at, last_seen=seen_at,
            mention_count=0, document_count=0,
        ).returning(entities.c.id)
    ).scalar_one()
    return new_id


def _match_person(conn: Connection, name: str) -> int | None:
    """Surname-only and full-name matching between people (see the module docstring)."""
    words = fold(name).split()
    if not words:
        return None
    surname = words[-1]
    people = conn.execute(
        select(entities.c.id, entities.c.name).where(
            entities.c.type == "PERSON",
            func.lower(entities.c.name).like(f"%{_like_escape(surname)}", escape="\\"),
        )
    ).all()
    fitting = [row for row in people if fold(row.name).split()[-1:] == [surname]]
    if len(words) == 1:
        full_names = [row for row in fitting if len(fold(row.name).split()) > 1]
        return full_names[0].id if len(full_names) == 1 else None
    # A full name: take over an entry known only by this surname, if exactly one exists and no
    # other full name with that surname is registered (which would make the surname ambiguous).
    surname_only = [row for row in fitting if len(fold(row.name).split()) == 1]
    others = [row for row in fitting if len(fold(row.name).split()) > 1]
    if len(surname_only) == 1 and not others:
        entry = surname_only[0]
        conn.execute(
            update(entities).where(entities.c.id == entry.id)
            .values(name=name, key=entity_key("PERSON", name), terms=name_terms(name))
        )
        return entry.id
    return None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _count_mentions(conn: Connection, insert, entity_id: int, local_id: str, document_id: int,
                    spellings: Counter, seen_at: datetime) -> None:
    mentions = sum(spellings.values())
    inserted = conn.execute(
        insert(document_entities).values(
            document_id=document_id, entity_id=entity_id, local_id=local_id,
            mention_count=mentions, published=seen_at,
        ).on_conflict_do_nothing()
    ).rowcount
    new_document = 1 if inserted else 0
    seen = literal(seen_at, UTCDateTime())
    if not inserted:  # two in-document entities resolved to one registry entity: add them up
        conn.execute(
            update(document_entities)
            .where(and_(document_entities.c.document_id == document_id, document_entities.c.entity_id == entity_id))
            .values(mention_count=document_entities.c.mention_count + mentions)
        )
    conn.execute(
        update(entities).where(entities.c.id == entity_id).values(
            mention_count=entities.c.mention_count + mentions,
            document_count=entities.c.document_count + new_document,
            first_seen=func.min(entities.c.first_seen, seen) if conn.dialect.name == "sqlite"
            else func.least(entities.c.first_seen, seen),
            last_seen=func.max(entities.c.last_seen, seen) if conn.dialect.name == "sqlite"
            else func.greatest(entities.c.last_seen, seen),
        )
    )
    statement = insert(entity_aliases)
    statement = statement.on_conflict_do_update(
        index_elements=[entity_aliases.c.entity_id, entity_aliases.c.alias],
        set_={"count": entity_aliases.c.count + statement.excluded.count},
    )
    conn.execute(statement, [
        {"entity_id": entity_id, "alias": alias, "count": count, "terms": name_terms(alias)}
        for alias, count in sorted(spellings.items())
    ])
