"""The HTML pages: server-rendered, readable without JavaScript, every value escaped by Jinja."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..document import SourceItem
from ..errors import InputError, QueryError
from ..query import DateFilter, Filter, to_query_string
from .story_cards import story_cards
from .highlight import render_paragraphs
from .security import CSRF_FIELD, token_matches, verify_csrf
from .time_charts import store_chart
from .templating import path_segment

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 25
STORY_PAGE_SIZE = 30
SEARCH_PAGE_SIZE = 20


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page from its template, with what the base layout needs (CSRF token, active link)."""
    web = request.app.state.web
    base = {
        "page_title": "", "active": request.url.path, "csrf_field": CSRF_FIELD,
        "csrf_token": request.state.csrf_token, "search_query": "",
    }
    return web.templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)


# The home page's orders, as its selector names them (the store implements each).
STORY_ORDERS = [("breaking", "Breaking"), ("latest", "Latest"), ("biggest", "Biggest"), ("sources", "Most sources")]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, page: int = Query(1, ge=1, le=100_000),
         sort: str = Query("breaking", max_length=20)) -> Response:
    """Stories by breaking rank (bursts of arrivals, many sources and recency first; live) or by
    another order of the selector."""
    store = request.app.state.web.store
    offset = (page - 1) * STORY_PAGE_SIZE
    ranked = store.stories(limit=STORY_PAGE_SIZE + 1, offset=offset, sort=sort)
    return render(request, "home.html", {
        "page_title": "Stories", "cards": story_cards(store, ranked[:STORY_PAGE_SIZE]), "page": page,
        "has_more": len(ranked) > STORY_PAGE_SIZE, "stories_total": store.count_stories(),
        "documents_total": store.count_documents(), "sort": sort, "orders": STORY_ORDERS,
        # Live updates move developing stories to the top: that is the breaking order only.
        "live_after": store.story_log_position() if page == 1 and sort == "breaking" else None,
        "chart": store_chart(store),
    })


@router.get("/articles", response_class=HTMLResponse)
def latest(request: Request, page: int = Query(1, ge=1, le=100_000), q: str = Query("", max_length=2000)) -> Response:
    """The river: newest articles first, live, each card in the same layout as ever; `q` (the
    query language) narrows it to the articles it matches, newest first, without live updates."""
    store = request.app.state.web.store
    offset = (page - 1) * PAGE_SIZE
    query = q.strip()
    error, rows, total = None, [], 0
    try:
        rows = store.documents(limit=PAGE_SIZE + 1, offset=offset, query=query or None)
        total = store.count_search(query) if query else store.count_documents()
    except QueryError as exc:
        error = str(exc)
    return render(request, "latest.html", {
        "page_title": f"Latest: {query}" if query else "Latest articles", "cards": rows[:PAGE_SIZE],
        "page": page, "has_more": len(rows) > PAGE_SIZE, "query": query, "error": error,
        "newest_id": store.newest_document_id() if page == 1 and not query else None,
        "total": total, "chart": store_chart(store),
    }, status_code=400 if error else 200)


@router.get("/articles/{key:path}", response_class=HTMLResponse)
def article(key: str, request: Request, added: str | None = None) -> Response:
    """One article: clean text with mentions and quotes marked, what was removed, quality flags."""
    store = request.app.state.web.store
    stored = store.get_document(key)
    if stored is None:
        raise HTTPException(404, f"no article {key!r} in this store")
    doc = stored.document
    by_type: dict[str, list[Any]] = defaultdict(list)
    for entity in sorted(doc.entities, key=lambda e: (-len(e.mentions), e.name)):
        by_type[entity.type].append(entity)
    ids = store.entity_ids([e.name for e in doc.entities] + [q.speaker for q in doc.quotes if q.speaker])
    assignment = store.story_of(stored.id)
    story = store.story(assignment.story_id) if assignment else None
    repeated = assignment.duplicate_of if assignment else None  # a store number: linked by public id
    repeated_id = store.public_ids([repeated]).get(repeated) if repeated is not None else None
    return render(request, "article.html", {
        "page_title": doc.title or "Untitled article",
        "stored": stored, "doc": doc, "paragraphs": render_paragraphs(doc, ids), "entity_ids": ids,
        "entities_by_type": sorted(by_type.items(), key=lambda kv: -sum(len(e.mentions) for e in kv[1])),
        "added": added, "segment": path_segment(stored.public_id), "repeated_id": repeated_id, "assignment": assignment, "story": story,
        "seen_at": stored.ingested_at,
    })


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = Query("", max_length=2000),
    source: str = Query("", max_length=500),
    lang: str = Query("", max_length=16),
    after: str = Query("", max_length=10),
    before: str = Query("", max_length=10),
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    """The query language with filters as form fields; errors are shown on the page, not raised."""
    store = request.app.state.web.store
    form = {"q": q, "source": source, "lang": lang, "after": after, "before": before}
    context: dict[str, Any] = {
        "page_title": f"Search: {q}" if q else "Search", "form": form, "hits": [], "error": None,
        "page": page, "has_more": False, "full_query": "", "sources": store.sources()[:300], "total": None,
        "search_query": q,
    }
    status = 200
    try:
        full_query = combine_query(q, source=source, lang=lang, after=after, before=before)
        context["full_query"] = full_query
        if full_query:
            hits = store.search(full_query, limit=SEARCH_PAGE_SIZE + 1, offset=(page - 1) * SEARCH_PAGE_SIZE)
            context.update(hits=hits[:SEARCH_PAGE_SIZE], has_more=len(hits) > SEARCH_PAGE_SIZE,
                           total=store.count_search(full_query))
    except QueryError as exc:
        context["error"] = str(exc)
        status = 400
    return render(request, "search.html", context, status_code=status)


def combine_query(q: str, *, source: str = "", lang: str = "", after: str = "", before: str = "") -> str:
    """The search box plus the filter fields as one query in the query language."""
    parts: list[str] = []
    if source.strip():
        parts.append(to_query_string(Filter("source", source.strip())))
    if lang.strip():
        parts.append(to_query_string(Filter("lang", lang.strip().lower())))
    for name, value in (("after", after), ("before", before)):
        if value.strip():
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                raise QueryError(f"{name} must be a date like 2025-03-02, not {value.strip()!r}") from None
            parts.append(to_query_string(DateFilter(name, day)))
    if not parts:
        return q.strip()
    # Parenthesised so the filters apply to the whole query, whatever operators it uses.
    return " AND ".join(([f"({q.strip()})"] if q.strip() else []) + parts)


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request) -> Response:
    return render(request, "submit.html", _submit_context(request, {}, None))


def _submit_context(request: Request, form: dict[str, str], error: str | None) -> dict[str, Any]:
    return {
        "page_title": "Add an article", "form": form, "error": error,
        "needs_token": bool(request.app.state.web.settings.api_token),
    }


@router.post("/submit", response_class=HTMLResponse)
def submit(
    request: Request,
    csrf_token: str = Form(""),
    text: str = Form("", max_length=5_000_000),
    is_html: str = Form(""),
    title: str = Form("", max_length=2000),
    url: str = Form("", max_length=8000),
    source: str = Form("", max_length=500),
    api_token: str = Form(""),
) -> Response:
    """Paste an article: analysed and stored like an ingested one, then shown."""
    verify_csrf(request, csrf_token)
    web = request.app.state.web
    form = {"text": text, "is_html": is_html, "title": title, "url": url, "source": source}
    if not token_matches(web.settings, api_token or None):
        return render(request, "submit.html", _submit_context(request, form, "the API token is missing or wrong"), 401)
    if not text.strip():
        return render(request, "submit.html", _submit_context(request, form, "paste the article's text or HTML"), 422)
    if url.strip() and not url.strip().lower().startswith(("http://", "https://")):
        return render(request, "submit.html", _submit_context(request, form, "the URL must start with http:// or https://"), 422)
    item = SourceItem(
        content=text, content_type="text/html" if is_html else "text/plain", url=url.strip() or None,
        title=title.strip() or None, source=source.strip() or None, origin="web form",
    )
    try:
        submitted = web.runner.submit(item)  # stored and assigned to its story before we answer
    except InputError as exc:
        return render(request, "submit.html", _submit_context(request, form, str(exc)), 422)
    article_id = web.store.public_ids([submitted.document_id]).get(submitted.document_id, str(submitted.document_id))
    return RedirectResponse(f"/articles/{path_segment(article_id)}?added={submitted.status}", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (also at /openapi.json)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "type": _schema_type(p.get("schema", {})), "description": p.get("description")
                     or p.get("schema", {}).get("description", "")}
                    for p in op.get("parameters", [])
                ],
                "body": _ref_name(op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")),
                "responses": [
                    {"status": code, "description": r.get("description", ""),
                     "model": _ref_name(r.get("content", {}).get("application/json", {}).get("schema"))}
                    for code, r in op.get("responses", {}).items()
                ],
            })
    models = schema.get("components", {}).get("schemas", {})
    return render(request, "apidocs.html", {
        "page_title": "API", "endpoints": endpoints, "info": schema.get("info", {}),
        "models": [
            {"name": name, "description": m.get("description", ""),
             "fields": [{"name": f, "type": _schema_type(s), "required": f in m.get("required", []),
                         "description": s.get("description", "")} for f, s in m.get("properties", {}).items()]}
            for name, m in sorted(models.items()) if name not in ("HTTPValidationError", "ValidationError")
        ],
    })


def _ref_name(schema: dict | None) -> str | None:
    if not schema:
        return None
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else _schema_type(schema)


def _schema_type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_schema_type(schema.get('items', {}))}]"
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else kind
