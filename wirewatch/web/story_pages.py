"""The story page: how one story developed, who said what in it, and who it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..store import Store, StorySummary
from ..ids import parse_row_id
from .pages import render
from .story_cards import article_ids
from .templating import path_segment
from .time_charts import articles_chart

router = APIRouter(include_in_schema=False)

ROLE_LABELS = {
    "original": "first report",
    "copy": "copy",
    "development": "development",
}


STORY_QUOTE_ARTICLES = 100  # a story's articles read for its quotes (copies repeat the same ones)


@dataclass
class SaidBy:
    """Who said what in a story: one speaker's distinct quotes, each with every article carrying it."""

    speaker: str | None  # None: quotes no one was found to have said
    entity_id: int | None
    quotes: list[dict[str, Any]] = field(default_factory=list)  # {"text", "cue", "articles": [{id, source}]}


def story_quotes(store: Store, story: StorySummary) -> list[SaidBy]:
    """The story's quotes grouped by speaker, each distinct quote once with the articles carrying it.

    Copies of a wire story repeat its quotes word for word; showing them once, with their sources,
    is what tells an editor who said what. Speakers with most quotes first, unattributed last.
    """
    groups: dict[object, SaidBy] = {}
    seen: dict[tuple[object, str], dict[str, Any]] = {}
    for doc_id in article_ids(story, STORY_QUOTE_ARTICLES):
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


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, request: Request) -> Response:
    store = request.app.state.web.store
    found = store.story(story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r} in this store")
    articles = [a for a in found.data.get("articles") or [] if isinstance(a, dict)]
    chart = articles_chart([(_when(a.get("published")), _when(a.get("seen_at"))) for a in articles],
                           what="Articles in this story")
    said = story_quotes(store, found)
    names = [n for n in found.data.get("entities") or [] if isinstance(n, str)]
    ids = store.entity_ids(names + [g.speaker for g in said if g.speaker])
    timeline = [
        {**a, "when": _when(a.get("published")), "seen": _when(a.get("seen_at")), "role_label": ROLE_LABELS.get(a.get("role"), a.get("role"))}
        for a in articles
    ]
    counts = {role: sum(1 for a in articles if a.get("role") == role) for role in ROLE_LABELS}
    # The story record and quotes name articles by store number; links name them by public id.
    numbers = [a.get(k) for a in articles for k in ("id", "duplicate_of")]
    numbers += [c["id"] for g in said for q in g.quotes for c in q["articles"]]
    article_names = store.public_ids([n for n in (parse_row_id(x) for x in numbers if x is not None) if n is not None])
    return render(request, "story.html", {
        "article_names": {str(n): name for n, name in article_names.items()},
        "page_title": found.title, "story": found, "timeline": timeline, "chart": chart, "said": said,
        "entities": [{"name": n, "id": ids.get(n)} for n in names], "entity_ids": ids,
        "summary": [s for s in found.data.get("summary") or [] if isinstance(s, str)],
        "sources": [s for s in found.data.get("sources") or [] if isinstance(s, str)],
        "role_counts": counts, "segment": path_segment(found.id),
    })
