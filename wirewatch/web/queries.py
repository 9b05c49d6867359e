"""Read-only listings the pages need that the Store does not offer (yet).

Written in SQLAlchemy Core over `store.engine` and the shared `documents` table, so they work on
both engines. Kept here, in one place, so they can move into the Store unchanged when it grows
a listing API.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select

from ..ids import parse_row_id
from ..store import Store, StorySummary
from ..store.schema import documents, entities, quotes, stories, story_articles
from ..store.story_queries import breaking_rank, list_stories

MAX_PAGE = 200


@dataclass
class DocumentSummary:
    """One article as lists and cards show it: no full text, just what a glance needs."""

    id: int
    ext_id: str | None
    title: str
    url: str | None
    source: str | None
    site_name: str | None
    language: str | None
    published: datetime | None
    ingested_at: datetime
    entities: list[dict[str, Any]] = field(default_factory=list)  # top entities, most mentioned first
    quote: dict[str, Any] | None = None  # the first attributed quote, else the first quote
    flags: list[str] = field(default_factory=list)


_SUMMARY_COLUMNS = (
    documents.c.id, documents.c.ext_id, documents.c.title, documents.c.url, documents.c.source,
    documents.c.site_name, documents.c.language, documents.c.published, documents.c.ingested_at,
    documents.c.data,
)


def _summary(row: Any, top_entities: int = 4) -> DocumentSummary:
    data = row.data or {}
    entities = sorted(
        (e for e in data.get("entities") or [] if isinstance(e, dict) and e.get("name")),
        key=lambda e: -len(e.get("mentions") or []),
    )
    quotes = [q for q in data.get("quotes") or [] if isinstance(q, dict) and q.get("text")]
    quote = next((q for q in quotes if q.get("speaker")), quotes[0] if quotes else None)
    quality = data.get("quality") or {}
    flags = ["machine translation suspected"] if quality.get("machine_translation_suspected") else []
    return DocumentSummary(
        id=row.id, ext_id=row.ext_id, title=row.title, url=row.url, source=row.source,
        site_name=row.site_name, language=row.language, published=row.published,
        ingested_at=row.ingested_at,
        entities=[
            {"id": e.get("id"), "name": e["name"], "type": e.get("type"), "mentions": len(e.get("mentions") or [])}
            for e in entities[:top_entities]
        ],
        quote={"text": quote["text"], "speaker": quote.get("speaker"), "cue": quote.get("cue")} if quote else None,
        flags=flags,
    )


def list_documents(store: Store, *, limit: int = 20, offset: int = 0) -> list[DocumentSummary]:
    """The newest articles first (by arrival in the store: what an editor watching the river wants)."""
    limit = max(1, min(limit, MAX_PAGE))
    stmt = select(*_SUMMARY_COLUMNS).order_by(documents.c.id.desc()).limit(limit).offset(max(0, offset))
    with store.engine.connect() as conn:
        return [_summary(row) for row in conn.execute(stmt)]


def documents_after(store: Store, after_id: int, *, limit: int = 50) -> list[DocumentSummary]:
    """Articles stored after `after_id`, oldest first: what a live stream sends next."""
    stmt = (
        select(*_SUMMARY_COLUMNS)
        .where(documents.c.id > after_id)
        .order_by(documents.c.id)
        .limit(max(1, min(limit, MAX_PAGE)))
    )
    with store.engine.connect() as conn:
        return [_summary(row) for row in conn.execute(stmt)]


def newest_id(store: Store) -> int:
    """The id of the newest stored article, 0 for an empty store (ids start at 1)."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.max(documents.c.id))).scalar() or 0)


def published_per_day(store: Store, *, days: int = 14) -> list[tuple[date, int]]:
    """Articles per publication day over the `days` days up to the newest publication date.

    Anchored at the newest article rather than today, so an archive or a demo store still shows
    its shape. Counted in Python from one indexed-range read: portable across both engines.
    """
    with store.engine.connect() as conn:
        latest = conn.execute(select(func.max(documents.c.published))).scalar()
        if latest is None:
            return []
        if isinstance(latest, str):  # max() loses the column type on SQLite: parse it back
            latest = datetime.fromisoformat(latest)
        first_day = latest.date() - timedelta(days=days - 1)
        since = datetime.combine(first_day, datetime.min.time(), tzinfo=latest.tzinfo)
        rows = conn.execute(select(documents.c.published).where(documents.c.published >= since))
        counts = Counter(row.published.date() for row in rows if row.published is not None)
    return [(first_day + timedelta(days=i), counts.get(first_day + timedelta(days=i), 0)) for i in range(days)]


# --- stories, entities and quotes as the pages show them ----------------------------------------
#
# The store answers one story or one entity at a time; a page of cards needs the same facts for
# thirty at once, so these read them in a fixed number of queries per page, not per card.

QUOTES_PER_STORY_LOOKUP = 60  # newest articles of a story searched for its newest quote
MIN_CARD_QUOTE_WORDS = 6  # shorter quotes are usually phrases lifted from a sentence


@dataclass
class StoryCard:
    """One story as the home page shows it: enough to judge it at a glance."""

    id: str
    title: str
    first_seen: datetime
    last_seen: datetime
    articles: int
    sources: int
    velocity: int
    rank: float
    source_names: list[str]
    entities: list[dict[str, Any]]  # {"name", "id"}: id None when the registry does not know it
    quote: dict[str, Any] | None  # the newest quote, attributed ones preferred
    summary: str | None  # the story's first key sentence


def entity_ids(store: Store, names: list[str]) -> dict[str, int]:
    """Registry ids of canonical names (the best-known identity when two types share a name)."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return {}
    stmt = (
        select(entities.c.name, entities.c.id)
        .where(entities.c.name.in_(wanted))
        .order_by(entities.c.document_count, entities.c.id.desc())
    )
    with store.engine.connect() as conn:
        return {row.name: row.id for row in conn.execute(stmt)}  # later rows (more documents) win


def _article_ids(story: StorySummary, newest: int) -> list[int]:
    ids = [int(a["id"]) for a in story.data.get("articles") or [] if parse_row_id(str(a.get("id", ""))) is not None]
    return ids[-newest:]


def newest_quotes(store: Store, stories_: list[StorySummary]) -> dict[str, dict[str, Any]]:
    """The newest quote of each story (an attributed one when there is any), in one query."""
    owner: dict[int, str] = {}
    for story in stories_:
        for doc_id in _article_ids(story, QUOTES_PER_STORY_LOOKUP):
            owner[doc_id] = story.id
    if not owner:
        return {}
    stmt = (
        select(quotes.c.document_id, quotes.c.text, quotes.c.speaker, quotes.c.entity_id, quotes.c.cue)
        .where(quotes.c.document_id.in_(list(owner)))
        .order_by(quotes.c.published.desc(), quotes.c.document_id.desc(), quotes.c.start)
    )
    found: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):  # newest first: a later row replaces only a worse quote
            story_id = owner[row.document_id]
            current = found.get(story_id)
            candidate = {"text": row.text, "speaker": row.speaker, "entity_id": row.entity_id,
                         "cue": row.cue, "document_id": row.document_id}
            if current is None or _quote_worth(candidate) > _quote_worth(current):
                found[story_id] = candidate
    return found


def _quote_worth(quote: dict[str, Any]) -> int:
    """A card shows a whole attributed sentence before a fragment ("operational phase.")."""
    return (2 if quote["speaker"] else 0) + (1 if len(quote["text"].split()) >= MIN_CARD_QUOTE_WORDS else 0)


def story_cards(store: Store, stories_: list[StorySummary], *, top_entities: int = 5) -> list[StoryCard]:
    names = [n for s in stories_ for n in (s.data.get("entities") or [])[:top_entities] if isinstance(n, str)]
    ids = entity_ids(store, names)
    quote_by_story = newest_quotes(store, stories_)
    cards = []
    for story in stories_:
        summary = [s for s in story.data.get("summary") or [] if isinstance(s, str) and s.strip()]
        cards.append(StoryCard(
            id=story.id, title=story.title, first_seen=story.first_seen, last_seen=story.last_seen,
            articles=story.articles, sources=story.sources, velocity=story.velocity, rank=story.rank,
            source_names=[s for s in story.data.get("sources") or [] if isinstance(s, str)],
            entities=[{"name": n, "id": ids.get(n)} for n in (story.data.get("entities") or [])[:top_entities]
                      if isinstance(n, str)],
            quote=quote_by_story.get(story.id),
            summary=summary[0] if summary else None,
        ))
    return cards


def last_story_seq(store: Store) -> int:
    """The newest position in the story assignment log (0 before any story exists)."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(story_articles.c.seq), 0))).scalar_one())


def stories_changed_after(store: Store, seq: int, *, limit: int = 50) -> list[tuple[str, int]]:
    """(story id, its newest log position) for stories that gained articles after `seq`, oldest first."""
    newest = func.max(story_articles.c.seq).label("newest")
    stmt = (
        select(story_articles.c.story_id, newest)
        .where(story_articles.c.seq > seq)
        .group_by(story_articles.c.story_id)
        .order_by(newest)
        .limit(max(1, min(limit, MAX_PAGE)))
    )
    with store.engine.connect() as conn:
        return [(row.story_id, int(row.newest)) for row in conn.execute(stmt)]


def stories_by_id(store: Store, ids: list[str], *, now: datetime | None = None) -> list[StorySummary]:
    """Several stories in one read, by breaking rank."""
    if not ids:
        return []
    with store.engine.connect() as conn:
        return list_stories(conn, ids=sorted(set(ids)), limit=len(set(ids)), now=now)


def stories_of_documents(store: Store, document_ids: list[int], *, limit: int = 30) -> list[StorySummary]:
    """The stories these articles belong to (an entity page's stories), by breaking rank."""
    if not document_ids:
        return []
    stmt = select(story_articles.c.story_id).where(story_articles.c.document_id.in_(document_ids)).distinct()
    with store.engine.connect() as conn:
        ids = [row.story_id for row in conn.execute(stmt)]
    return stories_by_id(store, ids)[:limit]


def count_entities(store: Store, *, type: str | None = None, name: str | None = None) -> int:
    stmt = select(func.count()).select_from(entities)
    if type:
        stmt = stmt.where(entities.c.type == type.upper())
    if name:
        stmt = stmt.where(func.lower(entities.c.name).contains(name.lower(), autoescape=True))
    with store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def entity_types(store: Store) -> list[tuple[str, int]]:
    """Entity types with how many identities each has, most first: the index page's filter."""
    count = func.count().label("n")
    stmt = select(entities.c.type, count).group_by(entities.c.type).order_by(count.desc(), entities.c.type)
    with store.engine.connect() as conn:
        return [(row.type, int(row.n)) for row in conn.execute(stmt)]


def document_titles(store: Store, ids: list[int]) -> dict[int, DocumentSummary]:
    """Card summaries of a few articles by id (an entity page's newest articles)."""
    if not ids:
        return {}
    stmt = select(*_SUMMARY_COLUMNS).where(documents.c.id.in_(ids))
    with store.engine.connect() as conn:
        return {row.id: _summary(row) for row in conn.execute(stmt)}


@dataclass
class SaidBy:
    """Who said what in a story: one speaker's distinct quotes, each with every article carrying it."""

    speaker: str | None  # None: quotes no one was found to have said
    entity_id: int | None
    quotes: list[dict[str, Any]] = field(default_factory=list)  # {"text", "cue", "articles": [{id, source}]}


STORY_QUOTE_ARTICLES = 100  # a story's articles read for its quotes (copies repeat the same ones)


def story_quotes(store: Store, story: StorySummary) -> list[SaidBy]:
    """The story's quotes grouped by speaker, each distinct quote once with the articles carrying it.

    Copies of a wire story repeat its quotes word for word; showing them once, with their sources,
    is what tells an editor who said what. Speakers with most quotes first, unattributed last.
    """
    groups: dict[object, SaidBy] = {}
    seen: dict[tuple[object, str], dict[str, Any]] = {}
    for doc_id in _article_ids(story, STORY_QUOTE_ARTICLES):
        for quote in store.quotes(document_id=doc_id, limit=200):
            key = quote.entity_id if quote.entity_id is not None else (quote.speaker or None)
            group = groups.setdefault(key, SaidBy(quote.speaker, quote.entity_id))
            text_key = (key, " ".join(quote.text.lower().split()).strip(" ,.;:\"'“”"))
            carried = {"id": quote.document_id, "source": quote.source}
            if text_key in seen:
                if carried not in seen[text_key]["articles"]:
                    seen[text_key]["articles"].append(carried)
                continue
            entry = {"text": quote.text, "cue": quote.cue, "articles": [carried]}
            seen[text_key] = entry
            group.quotes.append(entry)
    return sorted(groups.values(), key=lambda g: (g.speaker is None, -len(g.quotes), g.speaker or ""))


def ranked_stories(store: Store, *, limit: int = 30, offset: int = 0, window: int = 2000,
                   now: datetime | None = None) -> list[StorySummary]:
    """`store.stories()` for the home page, reading the story records of the page only.

    Same ranking (story_queries.breaking_rank over the `window` most recently updated stories),
    but the rank is computed from the narrow columns and only the page's `data` (the large JSON
    record) is read and parsed: at 10,000 articles that halves the home page's time."""
    now = now or datetime.now(timezone.utc)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.last_seen, stories.c.source_count, stories.c.article_count)
            .order_by(stories.c.last_seen.desc(), stories.c.updated_at.desc()).limit(window)
        ).all()
        if not rows:
            return []
        velocity = dict(conn.execute(
            select(story_articles.c.story_id, func.count())
            .where(story_articles.c.assigned_at >= now - timedelta(hours=1))
            .group_by(story_articles.c.story_id)
        ).all())
        ranked = sorted(
            rows,
            key=lambda r: (-breaking_rank(int(velocity.get(r.id, 0)), r.source_count, r.last_seen, now),
                           -r.article_count, r.id),
        )[offset: offset + limit]
        full = {row.id: row for row in conn.execute(select(stories).where(stories.c.id.in_([r.id for r in ranked])))}
    return [
        StorySummary(
            id=r.id, title=full[r.id].title, first_seen=full[r.id].first_seen, last_seen=r.last_seen,
            articles=r.article_count, sources=r.source_count, velocity=int(velocity.get(r.id, 0)),
            rank=breaking_rank(int(velocity.get(r.id, 0)), r.source_count, r.last_seen, now), data=full[r.id].data,
        )
        for r in ranked if r.id in full
    ]


def alert_counts(store: Store) -> dict[int, dict[str, int]]:
    """How many outbox rows each subscription has in each delivery status (the subscriptions list)."""
    from ..store.alert_tables import alerts

    count = func.count().label("n")
    stmt = select(alerts.c.subscription_id, alerts.c.status, count).group_by(alerts.c.subscription_id, alerts.c.status)
    found: dict[int, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            found.setdefault(int(row.subscription_id), {})[row.status] = int(row.n)
    return found
