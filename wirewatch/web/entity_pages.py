"""Entity pages: the index of people, organisations and places, and one entity's page."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from .story_cards import story_cards
from .pages import render
from .time_charts import store_chart

router = APIRouter(include_in_schema=False)

ENTITY_PAGE_SIZE = 50
TYPE_NAMES = {
    "PERSON": "people", "ORG": "organisations", "GPE": "countries, cities", "LOC": "places",
    "NORP": "groups", "EVENT": "events", "FAC": "buildings", "PRODUCT": "products", "LAW": "laws",
}


@router.get("/entities", response_class=HTMLResponse)
def entity_index(
    request: Request,
    type: str = Query("", max_length=16, description="PERSON, ORG, GPE, ..."),
    name: str = Query("", max_length=200),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    """Every identity the registry knows, most reported first, filtered by type or name."""
    store = request.app.state.web.store
    kind = type.strip().upper() or None
    offset = (page - 1) * ENTITY_PAGE_SIZE
    rows = store.entities(type=kind, name=name.strip() or None, limit=ENTITY_PAGE_SIZE + 1, offset=offset)
    return render(request, "entities.html", {
        "page_title": "Entities", "rows": rows[:ENTITY_PAGE_SIZE], "page": page,
        "has_more": len(rows) > ENTITY_PAGE_SIZE, "types": store.entity_types(),
        "type_names": TYPE_NAMES, "form": {"type": kind or "", "name": name.strip()},
        "total": store.count_entities(type=kind, name=name.strip() or None),
    })


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity(key: str, request: Request) -> Response:
    """One entity by id, name or any spelling seen: mentions over time, quotes, company, stories."""
    store = request.app.state.web.store
    detail = store.entity(key)
    if detail is None:
        raise HTTPException(404, f"no entity {key!r} in this store")
    chart = store_chart(store, what="Articles mentioning it", entity_id=detail.entity.id)
    stories = store.stories_of_documents(detail.document_ids)
    newest = store.document_summaries(detail.document_ids[:12])
    name = detail.entity.name
    return render(request, "entity.html", {
        "page_title": name, "detail": detail, "entity": detail.entity, "chart": chart,
        "aliases": [(text, count) for text, count in detail.aliases],
        "spellings_differ": any(text != name for text, _ in detail.aliases),
        "story_cards": story_cards(store, stories),
        "articles": [newest[i] for i in detail.document_ids[:12] if i in newest],
        # quotes name their article by store number; links name it by public id
        "article_names": store.public_ids([q.document_id for q in detail.quotes]),
        "type_name": TYPE_NAMES.get(detail.entity.type, detail.entity.type.lower()),
    })
