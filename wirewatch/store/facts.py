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
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from ..document import Document
from .dialect import like_escape
from .name_terms import name_terms
from .schema import UTCDateTime, document_entities, entities, entity_aliases, quotes

POSSESSIVE = ("'s", "’s", "'", "’")
# The same names and spellings come back in article after article; their terms never change.
_terms = lru_cache(maxsize=65536)(name_terms)


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
    """Register the document's entities and quotes. `insert` is the dialect's insert().

    Entities are resolved one after another, each seeing what the ones before it changed (a new
    entity, a person renamed, spellings recorded). Only what no later resolution reads waits for
    the end of the article: its document rows and registry counts, one statement per table. The
    spellings are recorded just before the next alias lookup, so that lookup still sees them."""
    if not doc.entities and not doc.quotes:
        return
    seen_at = doc.published or now or datetime.now(timezone.utc)
    sql = _statements(insert, conn.dialect.name)
    registry = _Registry(conn, sql, [(entity.type, entity.name) for entity in doc.entities])
    registry_ids: dict[str, int] = {}
    counts: dict[int, list] = {}  # registry id -> [first local id, mentions]: one row per entity
    for entity in doc.entities:
        entity_id = registry.resolve(entity.type, entity.name, seen_at)
        registry_ids[entity.id] = entity_id
        spellings = Counter(strip_possessive(m.text.strip()) for m in entity.mentions if m.text.strip())
        spellings[entity.name] += 0  # the canonical form is always a known spelling
        # Two in-document entities resolved to one registry entity: one row, their mentions added up.
        counts.setdefault(entity_id, [entity.id, 0])[1] += sum(spellings.values())
        registry.add_spellings(entity.type, entity_id, spellings)
    registry.flush_spellings()
    if counts:
        seen = {"seen": seen_at}
        conn.execute(sql.document_entity, [
            {"document_id": document_id, "entity_id": entity_id, "local_id": local_id, "mention_count": mentions,
             "published": seen_at}
            for entity_id, (local_id, mentions) in counts.items()
        ])
        conn.execute(sql.count_entity, [
            {"entity": entity_id, "mentions": mentions, **seen} for entity_id, (_, mentions) in counts.items()
        ])
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


@dataclass(frozen=True)
class _Statements:
    """The registry's statements, built once per dialect: building one costs more than running it."""

    ids_by_key: Any
    ids_by_alias: Any
    aliases_lowered: Any
    people_by_surname: Any
    new_entity: Any
    rename_person: Any
    document_entity: Any
    count_entity: Any
    spellings: Any


@lru_cache(maxsize=4)
def _statements(insert, dialect: str) -> _Statements:
    seen = bindparam("seen", type_=UTCDateTime())
    earliest, latest = (func.min, func.max) if dialect == "sqlite" else (func.least, func.greatest)
    spellings = insert(entity_aliases)
    return _Statements(
        ids_by_key=select(entities.c.id, entities.c.key).where(entities.c.key.in_(bindparam("keys", expanding=True))),
        aliases_lowered=(
            select(entities.c.id, entities.c.type, func.lower(entity_aliases.c.alias).label("lowered"))
            .join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
            .where(func.lower(entity_aliases.c.alias).in_(bindparam("lowered", expanding=True)))
        ),
        ids_by_alias=(
            select(entities.c.id)
            .join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
            .where(entities.c.type == bindparam("type"), func.lower(entity_aliases.c.alias) == bindparam("lowered"))
            .group_by(entities.c.id)
        ),
        people_by_surname=select(entities.c.id, entities.c.name, entities.c.key).where(
            entities.c.type == "PERSON", func.lower(entities.c.name).like(bindparam("pattern"), escape="\\"),
        ),
        new_entity=insert(entities).returning(entities.c.id),
        rename_person=(
            update(entities).where(entities.c.id == bindparam("entity"))
            .values(name=bindparam("name"), key=bindparam("key"), terms=bindparam("terms"))
        ),
        document_entity=insert(document_entities).on_conflict_do_nothing(),
        count_entity=update(entities).where(entities.c.id == bindparam("entity")).values(
            mention_count=entities.c.mention_count + bindparam("mentions"),
            document_count=entities.c.document_count + 1,
            first_seen=earliest(entities.c.first_seen, seen),
            last_seen=latest(entities.c.last_seen, seen),
        ),
        spellings=spellings.on_conflict_do_update(
            index_elements=[entity_aliases.c.entity_id, entity_aliases.c.alias],
            set_={"count": entity_aliases.c.count + spellings.excluded.count},
        ),
    )


class _Registry:
    """The entity registry as one article's resolutions see it.

    Every key the article can look up is read in one query at the start and kept in step with
    what the article itself changes (new entities, renamed people), so a lookup by key is a dict
    lookup with the answer the database would give. So are the spellings matching the article's
    names: an alias lookup asks the database again only when a spelling this article recorded may
    match it. Spellings wait in `_pending` until such a lookup needs the database to hold them, or
    the article ends."""

    def __init__(self, conn: Connection, sql: _Statements, names: list[tuple[str, str]]) -> None:
        self._conn = conn
        self._sql = sql
        self._by_key: dict[str, int] = {}
        for chunk in _chunks(sorted({entity_key(entity_type, name) for entity_type, name in names})):
            self._by_key.update((row.key, row.id) for row in conn.execute(sql.ids_by_key, {"keys": chunk}))
        # (type, name lower-cased by the database) -> entities holding such a spelling, for every
        # name of the article: a key found now may name nobody once a person is renamed.
        self._by_alias: dict[tuple[str, str], set[int]] = {}
        for chunk in _chunks(sorted({name.lower() for _, name in names})):
            for row in conn.execute(sql.aliases_lowered, {"lowered": chunk}):
                self._by_alias.setdefault((row.type, row.lowered), set()).add(row.id)
        self._recorded: dict[str, set[str]] = {}  # spellings this article recorded, by entity type
        self._pending: dict[tuple[int, str], int] = {}
        # Waiting spellings by their entity's type (an entity's type is the type it was resolved for).
        self._waiting: dict[str, set[str]] = {}

    def resolve(self, entity_type: str, name: str, seen_at: datetime) -> int:
        key = entity_key(entity_type, name)
        found = self._by_key.get(key)
        if found is not None:
            return found
        # The alias lookup reads spellings of this type only, and only one the database lowers to
        # this name's lower case: unless this article recorded such a spelling, the answer read
        # at the start stands; else the database is asked (with the waiting spellings recorded).
        if any(_may_lower_to(alias, name) for alias in self._recorded.get(entity_type, ())):
            if any(_may_lower_to(alias, name) for alias in self._waiting.get(entity_type, ())):
                self.flush_spellings()
            by_alias = self._conn.execute(self._sql.ids_by_alias, {"type": entity_type, "lowered": name.lower()}) \
                .scalars().all()
        else:
            by_alias = list(self._by_alias.get((entity_type, name.lower()), ()))
        if len(by_alias) == 1:
            return by_alias[0]
        if entity_type == "PERSON":
            person = self._match_person(name)
            if person is not None:
                return person
        new_id = self._conn.execute(self._sql.new_entity, {
            "type": entity_type, "name": name, "key": key, "terms": _terms(name), "first_seen": seen_at,
            "last_seen": seen_at, "mention_count": 0, "document_count": 0,
        }).scalar_one()
        self._by_key[key] = new_id
        return new_id

    def _match_person(self, name: str) -> int | None:
        """Surname-only and full-name matching between people (see the module docstring)."""
        words = fold(name).split()
        if not words:
            return None
        surname = words[-1]
        people = self._conn.execute(self._sql.people_by_surname, {"pattern": f"%{like_escape(surname)}"}).all()
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
            key = entity_key("PERSON", name)
            self._conn.execute(self._sql.rename_person, {"entity": entry.id, "name": name, "key": key,
                                                         "terms": _terms(name)})
            if self._by_key.get(entry.key) == entry.id:
                del self._by_key[entry.key]  # the old key names nobody now
            self._by_key[key] = entry.id
            return entry.id
        return None

    def add_spellings(self, entity_type: str, entity_id: int, spellings: Counter) -> None:
        self._waiting.setdefault(entity_type, set()).update(spellings)
        self._recorded.setdefault(entity_type, set()).update(spellings)
        for alias, count in sorted(spellings.items()):
            self._pending[(entity_id, alias)] = self._pending.get((entity_id, alias), 0) + count

    def flush_spellings(self) -> None:
        """Record the waiting spellings (one row per entity and spelling: an upsert batch must not
        name a row twice)."""
        if not self._pending:
            return
        self._conn.execute(self._sql.spellings, [
            {"entity_id": entity_id, "alias": alias, "count": count, "terms": _terms(alias)}
            for (entity_id, alias), count in self._pending.items()
        ])
        self._pending.clear()
        self._waiting.clear()


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    """Bounded IN lists (SQLite's parameter limit)."""
    return [values[start:start + size] for start in range(0, len(values), size)]


def _may_lower_to(spelling: str, name: str) -> bool:
    """Whether the database's lower(spelling) may equal Python's name.lower(): certainly not when
    both are ASCII and differ in Python's lower case (SQLite lowers ASCII only; PostgreSQL's
    locales lower ASCII as Python does, but for a Turkish dotless i that no ASCII name holds).
    Anything else beyond ASCII counts as a possible match."""
    return not (spelling.isascii() and name.isascii()) or spelling.lower() == name.lower()
