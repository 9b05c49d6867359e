"""The JSON API under /api/: one pagination shape, one error shape, OpenAPI schemas for both.

Every list answers `{"items", "limit", "offset", "total", "next"}` (`total` null only where a
list cannot be counted cheaply); every error answers
`{"error": {"status", "code", "message"}}` (see app.error_response).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..document import SourceItem
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
    total: int | None = Field(description="all matching items, when known")
    next: str | None = Field(description="the next page's URL, null on the last page")


class Links(BaseModel):
    self: str
    html: str


class DocumentSummaryOut(BaseModel):
    id: int
    record_id: str | None = Field(description="the record's own id (feed guid, JSONL id), when it had one")
    title: str
    url: str | None
    source: str | None
    language: str | None
    published: UtcDateTime | None = Field(description="the article's own date; null when it gives none")
    seen_at: UtcDateTime = Field(description="when wirewatch stored it (arrival), whatever its date says")
    ingested_at: UtcDateTime = Field(description="the same as seen_at (kept for older clients)")
    entities: list[dict[str, Any]]
    quote: dict[str, Any] | None
    links: Links


class DocumentOut(BaseModel):
    id: int
    seen_at: UtcDateTime = Field(description="when wirewatch stored it (arrival); its own date is document.published")
    ingested_at: UtcDateTime = Field(description="the same as seen_at (kept for older clients)")
    links: Links
    document: dict[str, Any] = Field(description="the wirewatch.document/1 record")


class SearchHitOut(BaseModel):
    id: str
    url: str | None
    title: str
    source: str | None
    published: str | None
    snippet: str = Field(description="HTML-safe text, matches in <mark>")
    score: float
    links: Links


class SourceOut(BaseModel):
    name: str
    documents: int


# Named pages, so the OpenAPI schema (and /docs) shows DocumentPage rather than Page_..._.
class DocumentPage(Page[DocumentSummaryOut]):
    pass


class SearchPage(Page[SearchHitOut]):
    pass


class SourcePage(Page[SourceOut]):
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
    id: int
    status: str = Field(description="stored | duplicate")
    duplicate_of: int | None = Field(None, description="the earlier article this one repeats: same record for "
                                     "duplicates, the copied article for copies")
    reason: str | None = Field(None, description="for duplicates: same id | same url | same text")
    story_id: str | None = Field(None, description="the story the article was assigned to")
    role: str | None = Field(None, description="its role in the story: original | copy | development")
    warning: str | None = Field(None, description="what did not happen after the article was stored (its story "
                                "assignment or alert delivery, done later): the article itself is stored")
    links: Links


def _links(key: object) -> Links:
    segment = path_segment(key)
    return Links(self=f"/api/documents/{segment}", html=f"/articles/{segment}")


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
    items = [
        DocumentSummaryOut(
            id=row.id, record_id=row.ext_id, title=row.title, url=row.url, source=row.source,
            language=row.language, published=row.published, seen_at=row.ingested_at, ingested_at=row.ingested_at,
            entities=row.entities, quote=row.quote, links=_links(row.id),
        )
        for row in rows[:limit]
    ]
    return DocumentPage(items=items, limit=limit, offset=offset, total=total,
                next=next_url(request, limit, offset, len(rows) > limit))


@router.get("/documents/{key:path}", response_model=DocumentOut, responses=ERRORS)
def get_document(key: str, request: Request) -> Any:
    """One article by the store's id or the record's own id."""
    stored = request.app.state.web.store.get_document(key)
    if stored is None:
        raise HTTPException(404, f"no document {key!r}")
    return DocumentOut(
        id=stored.id, seen_at=stored.ingested_at, ingested_at=stored.ingested_at, links=_links(stored.id),
        document=stored.document.to_dict(),
    )


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
    if submitted.status == "duplicate":
        response.status_code = 200
    else:
        response.headers["Location"] = f"/api/documents/{submitted.document_id}"
    duplicate_of = submitted.document_id if submitted.status == "duplicate" else submitted.duplicate_of
    return AddedOut(id=submitted.document_id, status=submitted.status, duplicate_of=duplicate_of,
                    reason=submitted.duplicate_reason, story_id=submitted.story_id, role=submitted.role,
                    warning=submitted.warning, links=_links(submitted.document_id))


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
    items = [
        SearchHitOut(id=h.id, url=h.url, title=h.title, source=h.source, published=h.published,
                     snippet=h.snippet, score=h.score, links=_links(h.id))
        for h in hits[:limit]
    ]
    total = offset + len(hits) if len(hits) <= limit and (hits or offset == 0) else store.count_search(q)
    return SearchPage(items=items, limit=limit, offset=offset, total=total,
                next=next_url(request, limit, offset, len(hits) > limit))


@router.get("/sources", response_model=SourcePage, responses=ERRORS)
def sources(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """Sources by number of articles, most first."""
    everything = request.app.state.web.store.sources()
    window = everything[offset:offset + limit]
    return SourcePage(items=[SourceOut(name=n, documents=c) for n, c in window], limit=limit, offset=offset,
                total=len(everything), next=next_url(request, limit, offset, offset + limit < len(everything)))
