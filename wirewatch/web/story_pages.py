"""The story page: how one story developed, who said what in it, and who it is about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from . import queries
from .charts import column_chart, time_bars
from .pages import render
from .templating import path_segment

router = APIRouter(include_in_schema=False)

ROLE_LABELS = {
    "original": "first report",
    "copy": "copy",
    "development": "development",
}


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
    dated = [(_when(a.get("published")), 1) for a in articles]
    chart = column_chart(
        time_bars([(moment, n) for moment, n in dated if moment is not None]),
        title="Articles over time", width=720, height=170,
    )
    said = queries.story_quotes(store, found)
    names = [n for n in found.data.get("entities") or [] if isinstance(n, str)]
    ids = queries.entity_ids(store, names + [g.speaker for g in said if g.speaker])
    timeline = [
        {**a, "when": _when(a.get("published")), "role_label": ROLE_LABELS.get(a.get("role"), a.get("role"))}
        for a in articles
    ]
    counts = {role: sum(1 for a in articles if a.get("role") == role) for role in ROLE_LABELS}
    return render(request, "story.html", {
        "page_title": found.title, "story": found, "timeline": timeline, "chart": chart, "said": said,
        "entities": [{"name": n, "id": ids.get(n)} for n in names], "entity_ids": ids,
        "summary": [s for s in found.data.get("summary") or [] if isinstance(s, str)],
        "sources": [s for s in found.data.get("sources") or [] if isinstance(s, str)],
        "role_counts": counts, "segment": path_segment(found.id),
    })
