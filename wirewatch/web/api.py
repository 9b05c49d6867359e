"""The JSON API under /api/: one pagination shape, one error shape, OpenAPI schemas for both.

Every list answers `{"items", "limit", "offset", "total", "next"}` (`total` always counted); every
item is the bare object (no wrapper); an article has one shape (`ArticleOut`, its item adds the
record's fields) and one id (its public id, `store/public_ids.py`) wherever it appears; every error answers
`{"error": {"status", "code", "message"}}` (see app.error_response).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..document import SourceItem
from ..store import DocumentSummary, StoredDocument
from .security import require_json_body, require_write_access
from .templating import path_segment
from .params import UtcDateTime

router = APIRouter(prefix="/api", tags=["api"])

T = TypeVar("T")
MAX_LIMIT = 100


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="machine-readable: not_found, invalid_query, unauthorized, ...")
    message: str = Field(description="one line for people")
    details: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in ((400, "bad request or query"), (404, "not found"), (422, "invalid input"))
}


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    total: int = Field(description="all matching items (counted in every list)")
    next: str | None = Field(description="the next page's URL, null on the last page")


class Links(BaseModel):
    self: str
    html: str


ARTICLE_ID = ("the article's id, the same in every answer that names it: its record's own id (feed guid, "
              "JSON Lines or pushed `id`) when it had one, else the store's number as text. "
              "GET /api/documents/{id} takes it")


class ArticleEntityOut(BaseModel):
    id: int | None = Field(description="the entity registry's id (GET /api/entities/{id})")
    name: str = Field(description="canonical name")
    type: str | None
    mentions: int = Field(description="mentions in this article")


class ArticleQuoteOut(BaseModel):
    text: str
    speaker: str | None
    cue: str | None


class ArticleOut(BaseModel):
    """An article as every list shows it; the item (GET /api/documents/{id}) adds its record."""

    id: str = Field(description=ARTICLE_ID)
    title: str
    url: str | None
    source: str | None = Field(description="its source's name, else its site's host (what `source:` matches)")
    site_name: str | None = Field(description="the site name found in the page, when any")
    language: str | None
    published: UtcDateTime | None = Field(description="the article's own date; null when it gives none")
    seen_at: UtcDateTime = Field(description="when wirewatch stored it (arrival), whatever its date says")
    ingested_at: UtcDateTime = Field(description="the same as seen_at (kept for older clients)")
    entities: list[ArticleEntityOut] = Field(description="lists: the most mentioned few; the item: all")
    quote: ArticleQuoteOut | None = Field(description="its first attributed quote, else its first quote")
    links: Links


class SpanOut(BaseModel):
    text: str
    start: int = Field(description="character offset into `text`")
    end: int


class DocumentEntityOut(ArticleEntityOut):
    spans: list[SpanOut] = Field(description="each mention, as written, with its offsets into `text`")


class DocumentQuoteOut(ArticleQuoteOut):
    speaker_entity: int | None = Field(description="the speaker's registry id, when resolved")
    speaker_mention: SpanOut | None = Field(description="the words naming the speaker here")
    start: int
    end: int


class DocumentOut(ArticleOut):
    """One article: the list's fields plus what analysis read (the wirewatch.document/1 record's fields)."""

    entities: list[DocumentEntityOut] = Field(description="every entity, most mentioned first")
    text: str = Field(description="clean body text, paragraphs separated by blank lines")
    dateline: dict[str, Any] | None = Field(description='{"place", "agency"} or null')
    authors: list[str]
    removed: list[dict[str, Any]] = Field(description="what cleaning removed, with the reason")
    quotes: list[DocumentQuoteOut] = Field(description="in text order")
    quality: dict[str, Any] = Field(description='{"machine_translation_suspected", "signals"}')


class SearchHitOut(ArticleOut):
    snippet: str = Field(description="HTML-safe text, matches in <mark>")
    score: float = Field(description="higher is better; comparable within one search only")


class PublisherOut(BaseModel):
    name: str = Field(description="an article source name or host, as `source:` matches it")
    documents: int


# Named pages, so the OpenAPI schema (and /docs) shows DocumentPage rather than Page_..._.
class DocumentPage(Page[ArticleOut]):
    pass


class SearchPage(Page[SearchHitOut]):
    pass


class PublisherPage(Page[PublisherOut]):
    pass


class DocumentIn(BaseModel):
    """An article to analyse and store: `text` (plain, first line not taken as title) or `html`."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=2000, description="the article's own id, for de-duplication")
    url: str | None = Field(None, max_length=8000)
    title: str | None = Field(None, max_length=2000)
    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, max_length=100, description="any common date format")
    source: str | None = Field(None, max_length=500)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http:// or https:// URL")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> "DocumentIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        body = self.text if self.text is not None else self.html
        if not (body or "").strip():
            raise ValueError("the article body is empty")
        return self


class AddedOut(BaseModel):
    id: str = Field(description=ARTICLE_ID)
    status: str = Field(description="stored | duplicate")
    duplicate_of: str | None = Field(None, description="the earlier article this one repeats: same record for "
                                     "duplicates, the copied article for copies")
    reason: str | None = Field(None, description="for duplicates: same id | same url | same text")
    story_id: str | None = Field(None, description="the story the article was assigned to")
    role: str | None = Field(None, description="its role in the story: original | copy | development")
    warning: str | None = Field(None, description="what did not happen after the article was stored (its story "
                                "assignment or alert delivery, done later): the article itself is stored")
    links: Links


def article_links(article_id: str) -> Links:
    segment = path_segment(article_id)
    return Links(self=f"/api/documents/{segment}", html=f"/articles/{segment}")


def _entity(entity: dict[str, Any]) -> ArticleEntityOut:
    return ArticleEntityOut(id=entity.get("id"), name=entity["name"], type=entity.get("type"),
                            mentions=entity.get("mentions") or 0)


def article_out(row: DocumentSummary, model: type[ArticleOut] = ArticleOut, **extra: Any) -> Any:
    """The one article shape, from a store listing row (`extra`: a subclass's own fields)."""
    return model(
        id=row.public_id, title=row.title, url=row.url, source=row.source, site_name=row.site_name,
        language=row.language, published=row.published, seen_at=row.ingested_at, ingested_at=row.ingested_at,
        entities=[_entity(e) for e in row.entities],
        quote=ArticleQuoteOut(**row.quote) if row.quote else None, links=article_links(row.public_id), **extra,
    )


def _span(mention: Any) -> SpanOut:
    return SpanOut(text=mention.text, start=mention.start, end=mention.end)


def document_out(stored: StoredDocument) -> DocumentOut:
    doc = stored.document
    registry = stored.entity_ids
    entities = sorted(doc.entities, key=lambda e: -len(e.mentions))
    quotes = [q for q in doc.quotes if q.text]
    first = next((q for q in quotes if q.speaker), quotes[0] if quotes else None)
    return DocumentOut(
        id=stored.public_id, title=doc.title, url=doc.url, source=doc.source, site_name=doc.site_name,
        language=doc.language, published=doc.published, seen_at=stored.ingested_at,
        ingested_at=stored.ingested_at, links=article_links(stored.public_id),
        entities=[DocumentEntityOut(id=registry.get(e.id), name=e.name, type=e.type, mentions=len(e.mentions),
                                    spans=[_span(m) for m in e.mentions]) for e in entities],
        quote=ArticleQuoteOut(text=first.text, speaker=first.speaker, cue=first.cue) if first else None,
        text=doc.text, dateline=asdict(doc.dateline) if doc.dateline else None, authors=list(doc.authors),
        removed=[asdict(r) for r in doc.removed],
        quotes=[DocumentQuoteOut(text=q.text, speaker=q.speaker, cue=q.cue,
                                 speaker_entity=registry.get(q.speaker_entity) if q.speaker_entity else None,
                                 speaker_mention=_span(q.speaker_mention) if q.speaker_mention else None,
                                 start=q.start, end=q.end) for q in doc.quotes],
        quality=asdict(doc.quality),
    )


def next_url(request: Request, limit: int, offset: int, has_more: bool) -> str | None:
    if not has_more:
        return None
    params = dict(request.query_params)
    params.update(limit=str(limit), offset=str(offset + limit))
    return f"{request.url.path}?{urlencode(params)}"


LimitParam = Query(20, ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")
OffsetParam = Query(0, ge=0, le=1_000_000, description="items to skip")


@router.get("/documents", response_model=DocumentPage, responses=ERRORS)
def list_documents(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """The newest articles first."""
    store = request.app.state.web.store
    rows = store.documents(limit=limit + 1, offset=offset)
    total = store.count_documents()
    return DocumentPage(items=[article_out(row) for row in rows[:limit]], limit=limit, offset=offset,
                        total=total, next=next_url(request, limit, offset, len(rows) > limit))


@router.get("/documents/{id:path}", response_model=DocumentOut, responses=ERRORS)
def get_document(id: str, request: Request) -> Any:  # noqa: A002 - the API's own name for it
    """One article by its id (the `id` every answer gives it), with everything analysis read:
    the fields of the list items plus text, all entities with their spans, quotes, removed
    text and quality. A store number also finds an article named otherwise (by its record id, or
    `~<number>`), unless another article is named by that number."""
    stored = request.app.state.web.store.get_document(id)
    if stored is None:
        raise HTTPException(404, f"no document {id!r}")
    return document_out(stored)


@router.post(
    "/documents",
    status_code=201,
    response_model=AddedOut,
    dependencies=[Depends(require_write_access), Depends(require_json_body)],
    responses={**ERRORS, 200: {"model": AddedOut, "description": "already stored: the existing id"},
               401: {"model": ErrorOut, "description": "a bearer token is needed"},
               415: {"model": ErrorOut, "description": "the body is not JSON"}},
)
def create_document(payload: DocumentIn, request: Request, response: Response) -> Any:
    """Analyse an article, store it and assign it to its story before answering.

    201 with its id, story and role; 200 with the existing id when it was already stored."""
    web = request.app.state.web
    is_html = payload.html is not None
    content = payload.html if is_html else payload.text
    item = SourceItem(
        content=content or "",
        content_type="text/html" if is_html else "text/plain",
        url=payload.url, id=payload.id, title=payload.title, published=payload.published,
        source=payload.source, origin="api",
    )
    submitted = web.runner.submit(item)
    duplicate_of = submitted.document_id if submitted.status == "duplicate" else submitted.duplicate_of
    public = web.store.public_ids([submitted.document_id] + ([duplicate_of] if duplicate_of else []))
    article_id = public.get(submitted.document_id, str(submitted.document_id))
    links = article_links(article_id)
    if submitted.status == "duplicate":
        response.status_code = 200
    else:
        response.headers["Location"] = links.self
    return AddedOut(id=article_id, status=submitted.status,
                    duplicate_of=public.get(duplicate_of, str(duplicate_of)) if duplicate_of else None,
                    reason=submitted.duplicate_reason, story_id=submitted.story_id, role=submitted.role,
                    warning=submitted.warning, links=links)


@router.get("/search", response_model=SearchPage, responses=ERRORS)
def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=2000, description="the wirewatch query language"),
    limit: int = LimitParam,
    offset: int = OffsetParam,
) -> Any:
    """Articles matching a query, best first; snippets mark the matching words. The whole query
    language, entity:, speaker:, type: and story: included; 400 when it does not parse."""
    store = request.app.state.web.store
    hits = store.search(q, limit=limit + 1, offset=offset)
    rows = store.document_summaries([h.row_id for h in hits[:limit]])
    items = [article_out(rows[h.row_id], SearchHitOut, snippet=h.snippet, score=h.score)
             for h in hits[:limit] if h.row_id in rows]
    total = offset + len(hits) if len(hits) <= limit and (hits or offset == 0) else store.count_search(q)
    return SearchPage(items=items, limit=limit, offset=offset, total=total,
                next=next_url(request, limit, offset, len(hits) > limit))


@router.get("/sources/counts", response_model=PublisherPage, responses=ERRORS)
def source_counts(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """Articles per source name (an article's `source`: its feed's title, its record's source, its
    site name, else its host), most first: the values `source:` matches. The monitored sources
    themselves are /api/sources."""
    everything = request.app.state.web.store.sources()
    window = everything[offset:offset + limit]
    return PublisherPage(items=[PublisherOut(name=n, documents=c) for n, c in window], limit=limit,
                         offset=offset, total=len(everything),
                         next=next_url(request, limit, offset, offset + limit < len(everything)))
