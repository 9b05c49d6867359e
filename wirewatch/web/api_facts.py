"""The JSON API for what analysis and clustering found: stories, entities, quotes.

Same conventions as api.py: lists answer `{"items", "limit", "offset", "total", "next"}`, errors
`{"error": {"status", "code", "message"}}`; every item links to itself and to its HTML page.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ..ids import parse_row_id
from ..store import EntitySummary, QuoteRecord, StorySummary
from .api import ARTICLE_ID, ERRORS, LimitParam, Links, OffsetParam, Page, article_links, next_url
from .templating import path_segment
from .params import UtcDateTime, IsoDateTime
from .story_cards import story_members

router = APIRouter(prefix="/api", tags=["api"])


class StoryLinks(BaseModel):
    self: str
    html: str
    feed: str = Field(description="Atom feed of the story's articles")


class StoryArticleOut(BaseModel):
    id: str = Field(description=ARTICLE_ID)
    role: str = Field(description="original | copy | development")
    duplicate_of: str | None = Field(description="for copies: the id of the article this one repeats")
    published: UtcDateTime | None = Field(description="the article's own date; null when it gives none")
    seen_at: UtcDateTime | None = Field(None, description="when wirewatch stored it (arrival)")
    source: str | None
    title: str
    url: str | None
    links: Links


class StoryOut(BaseModel):
    id: str
    title: str
    first_seen: UtcDateTime = Field(description="when its first article arrived (was stored)")
    last_seen: UtcDateTime = Field(description="when its newest article arrived: 'updated', the clock of velocity")
    first_published: UtcDateTime | None = Field(description="its earliest article date; null when none is dated")
    last_published: UtcDateTime | None = Field(description="its newest article date; null when none is dated")
    article_count: int
    source_count: int = Field(description="distinct sources, by source name or else URL host")
    velocity: int = Field(description="articles that arrived in the last hour")
    rank: float = Field(description="breaking rank: arrivals in the last hour, sources, recency of its newest dated article")
    summary: list[str] = Field(description="key sentences")
    sources: list[str]
    entities: list[str] = Field(description="the most prominent entity names")
    links: StoryLinks


class StoryDetailOut(StoryOut):
    articles: list[StoryArticleOut] = Field(description="in time order")


class EntityLinks(BaseModel):
    self: str
    html: str


class EntityOut(BaseModel):
    id: int
    name: str = Field(description="canonical: the fullest correct form seen")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, EVENT, ...")
    documents: int
    mentions: int
    first_seen: UtcDateTime
    last_seen: UtcDateTime
    links: EntityLinks


class QuoteLinks(BaseModel):
    document: str = Field(description="its article (GET /api/documents/{id})")
    html: str


class QuoteOut(BaseModel):
    id: int
    text: str
    speaker: str | None = Field(description="canonical name of the speaker, when attributed")
    speaker_entity: int | None
    cue: str | None = Field(description="the verb: said, added, urged, ...")
    document: str = Field(description="its article's id (" + ARTICLE_ID + ")")
    title: str = Field(description="the article's title")
    url: str | None
    source: str | None
    published: UtcDateTime | None
    links: QuoteLinks


class AliasOut(BaseModel):
    text: str
    count: int


class DayCount(BaseModel):
    day: str
    documents: int


class RelatedOut(EntityOut):
    shared_documents: int


class StoryRef(BaseModel):
    id: str
    title: str
    last_seen: UtcDateTime
    article_count: int
    links: StoryLinks


class EntityDetailOut(EntityOut):
    aliases: list[AliasOut] = Field(description="every spelling seen, most frequent first")
    timeline: list[DayCount] = Field(description="articles mentioning it per publication day (UTC)")
    undated_documents: int = Field(description="articles mentioning it without a publication date (on no day)")
    related: list[RelatedOut] = Field(description="entities most often mentioned in the same articles")
    quotes: list[QuoteOut] = Field(description="what this person said, newest first")
    document_ids: list[str] = Field(description="ids of the articles mentioning it, newest first (up to 50)")
    stories: list[StoryRef]


class StoryPage(Page[StoryOut]):
    pass


class EntityPage(Page[EntityOut]):
    pass


class QuotePage(Page[QuoteOut]):
    pass


def _story_links(story_id: str) -> StoryLinks:
    segment = path_segment(story_id)
    return StoryLinks(self=f"/api/stories/{segment}", html=f"/stories/{segment}",
                      feed=f"/feeds/stories/{segment}.atom")


def _strings(values: Any) -> list[str]:
    return [v for v in values or [] if isinstance(v, str)]


def story_out(story: StorySummary) -> StoryOut:
    return StoryOut(
        id=story.id, title=story.title, first_seen=story.first_seen, last_seen=story.last_seen,
        first_published=story.first_published, last_published=story.last_published, article_count=story.articles, source_count=story.sources, velocity=story.velocity,
        rank=round(story.rank, 4), summary=_strings(story.data.get("summary")),
        sources=_strings(story.data.get("sources")), entities=_strings(story.data.get("entities")),
        links=_story_links(story.id),
    )


def _int_or_none(value: Any) -> int | None:
    return parse_row_id(value if isinstance(value, int) else str(value or ""))


def _entity_out(summary: EntitySummary, model: type[EntityOut] = EntityOut, **extra: Any) -> Any:
    return model(
        id=summary.id, name=summary.name, type=summary.type, documents=summary.documents,
        mentions=summary.mentions, first_seen=summary.first_seen, last_seen=summary.last_seen,
        links=EntityLinks(self=f"/api/entities/{summary.id}", html=f"/entities/{summary.id}"), **extra,
    )


def quote_out(quote: QuoteRecord, article_ids: dict[int, str]) -> QuoteOut:
    """`article_ids`: Store.public_ids of the quotes' articles, read once for a whole page."""
    article_id = article_ids.get(quote.document_id, str(quote.document_id))
    links = article_links(article_id)
    return QuoteOut(
        id=quote.id, text=quote.text, speaker=quote.speaker, speaker_entity=quote.entity_id, cue=quote.cue,
        document=article_id, title=quote.document_title, url=quote.url, source=quote.source,
        published=quote.published, links=QuoteLinks(document=links.self, html=links.html),
    )


def quotes_out(store: Any, found: list[QuoteRecord]) -> list[QuoteOut]:
    article_ids = store.public_ids([q.document_id for q in found])
    return [quote_out(q, article_ids) for q in found]


@router.get("/stories", response_model=StoryPage, responses=ERRORS)
def list_stories(
    request: Request,
    limit: int = LimitParam,
    offset: int = OffsetParam,
    since: IsoDateTime | None = Query(None, description="only stories updated at or after this time (ISO 8601)"),
    q: str | None = Query(None, min_length=1, max_length=2000,
                          description="only stories with an article matching this query (the search language)"),
    sort: str = Query("breaking", max_length=20, description=(
        "breaking (arrivals in the last hour, sources, recency), latest (newest article date), "
        "biggest (most articles) or sources (most distinct sources)")),
) -> Any:
    """Stories by breaking rank (arrivals in the last hour, number of sources, recency) or `sort`."""
    store = request.app.state.web.store
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    found = store.stories(since=since, query=q, limit=limit + 1, offset=offset, sort=sort)
    total = store.count_stories(since=since, query=q)
    return StoryPage(items=[story_out(s) for s in found[:limit]], limit=limit, offset=offset, total=total,
                     next=next_url(request, limit, offset, len(found) > limit))


@router.get("/stories/{story_id}", response_model=StoryDetailOut, responses=ERRORS)
def get_story(story_id: str, request: Request) -> Any:
    """One story with its articles in time order, each with its role."""
    store = request.app.state.web.store
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    members = story_members(story)
    # The story record names articles by store number; answers name them by their public id.
    copied = {_int_or_none(a.get("duplicate_of")) for a in members} - {None}
    article_ids = store.public_ids([int(a["id"]) for a in members] + list(copied))
    articles = []
    for a in (m for m in members if int(m["id"]) in article_ids):  # a member is always stored; be safe
        article_id, original = article_ids[int(a["id"])], _int_or_none(a.get("duplicate_of"))
        articles.append(StoryArticleOut(
            id=article_id, role=str(a.get("role") or ""),
            duplicate_of=article_ids.get(original, str(original)) if original is not None else None,
            published=a.get("published"), seen_at=a.get("seen_at"), source=a.get("source"),
            title=str(a.get("title") or ""), url=a.get("url"), links=article_links(article_id),
        ))
    return StoryDetailOut(**story_out(story).model_dump(), articles=articles)


@router.get("/entities", response_model=EntityPage, responses=ERRORS)
def list_entities(
    request: Request,
    limit: int = LimitParam,
    offset: int = OffsetParam,
    type: str | None = Query(None, min_length=1, max_length=16, pattern=r"^[A-Za-z_]+$",
                             description="PERSON, ORG, GPE, LOC, NORP, EVENT, ..."),
    name: str | None = Query(None, min_length=1, max_length=200, description="part of the canonical name"),
) -> Any:
    """People, organisations and places across all articles, most reported first."""
    store = request.app.state.web.store
    found = store.entities(type=type, name=name, limit=limit + 1, offset=offset)
    return EntityPage(items=[_entity_out(e) for e in found[:limit]], limit=limit, offset=offset,
                      total=store.count_entities(type=type, name=name),
                      next=next_url(request, limit, offset, len(found) > limit))


@router.get("/entities/{key:path}", response_model=EntityDetailOut, responses=ERRORS)
def get_entity(key: str, request: Request) -> Any:
    """One entity by id, canonical name or any spelling seen ("Stemmer" finds Keir Starmer)."""
    store = request.app.state.web.store
    detail = store.entity(key)
    if detail is None:
        raise HTTPException(404, f"no entity {key!r}")
    stories = store.stories_of_documents(detail.document_ids)
    documents = store.public_ids(detail.document_ids)
    return _entity_out(
        detail.entity, EntityDetailOut,
        aliases=[AliasOut(text=t, count=c) for t, c in detail.aliases],
        timeline=[DayCount(day=d, documents=c) for d, c in detail.timeline],
        undated_documents=detail.undated,
        related=[_entity_out(s, RelatedOut, shared_documents=shared) for s, shared in detail.related],
        quotes=quotes_out(store, detail.quotes),
        document_ids=[documents[i] for i in detail.document_ids if i in documents],
        stories=[StoryRef(id=s.id, title=s.title, last_seen=s.last_seen, article_count=s.articles,
                          links=_story_links(s.id)) for s in stories],
    )


@router.get("/quotes", response_model=QuotePage, responses=ERRORS)
def list_quotes(
    request: Request,
    limit: int = LimitParam,
    offset: int = OffsetParam,
    speaker: str | None = Query(None, min_length=1, max_length=200,
                                description="the person, by any name or spelling the registry knows"),
    document: str | None = Query(None, min_length=1, max_length=2000,
                                 description="only quotes from this article (its id), in text order"),
    q: str | None = Query(None, min_length=1, max_length=2000,
                          description="only quotes from articles matching this query (the search language)"),
    since: IsoDateTime | None = Query(None, description="only quotes at or after this time (ISO 8601)"),
    until: IsoDateTime | None = Query(None, description="only quotes before this time (ISO 8601)"),
) -> Any:
    """Who said what, newest first (in text order for one document). A quote's time is its
    article's publication, else its arrival. 400 for a query that does not parse, 422 for
    `since` not before `until`."""
    if speaker is not None and document is not None:
        raise HTTPException(400, "give either speaker or document, not both")
    store = request.app.state.web.store
    document_id = store.document_row_id(document) if document is not None else None
    if document is not None and document_id is None:
        raise HTTPException(404, f"no document {document!r}")
    filters = {"speaker": speaker, "query": q, "since": since, "until": until, "document_id": document_id}
    found = store.quotes(**filters, limit=limit + 1, offset=offset)
    return QuotePage(items=quotes_out(store, found[:limit]), limit=limit, offset=offset,
                     total=store.count_quotes(**filters),
                     next=next_url(request, limit, offset, len(found) > limit))
