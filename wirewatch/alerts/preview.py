"""`subscribe --preview`: what a subscription query would have matched among stored articles.

It runs the very matcher alerts use (the compiled query over each article's analysed facts:
resolved entities, quote speakers, its story), newest articles first, so the preview shows
exactly what the subscription will do. A speaker: subscription follows what people say, so each
hit carries the statements that matched: the article's quotes by the speakers its speaker:
filters found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..errors import InputError
from ..store import Store
from ..store import AlertStore
from ..query import compile_query
from .matching import ArticleFacts, MatchReason, explain
from .subscriptions import parse_alert_query

MAX_PREVIEW = 200
PAGE = 500  # articles read per query while scanning


@dataclass
class PreviewHit:
    article_id: int
    title: str
    url: str | None
    source: str | None
    published: datetime | None
    story_id: str | None
    story_title: str | None
    role: str | None
    reason: MatchReason
    statements: list[tuple[str, str]] = field(default_factory=list)  # (speaker, quote) by matched speakers
    public_id: str = ""  # the article's public id (store/public_ids.py): what the API and links name it by


def preview(store: Store, query: str, *, limit: int = 20, scan: int = 5000) -> list[PreviewHit]:
    """Up to `limit` of the newest `scan` stored articles that `query` matches, newest first."""
    if not isinstance(limit, int) or not 1 <= limit <= MAX_PREVIEW:
        raise InputError(f"limit must be between 1 and {MAX_PREVIEW}, not {limit!r}")
    parsed = parse_alert_query(query)
    predicate = compile_query(parsed)
    alert_store = AlertStore(store)
    hits: list[PreviewHit] = []
    scanned, before = 0, None
    while scanned < scan and len(hits) < limit:
        page = alert_store.newest_articles(before_id=before, limit=min(PAGE, scan - scanned))
        if not page:
            break
        scanned += len(page)
        before = page[-1].id
        for row in page:
            data = row.data
            facts = ArticleFacts(
                id=row.id, title=data.get("title") or "", text=data.get("text") or "",
                url=data.get("url"), source=data.get("source"), language=data.get("language"),
                published=datetime.fromisoformat(data["published"]) if data.get("published") else None,
                entities=[(e.get("name"), e.get("type")) for e in data.get("entities") or []],
                quotes=[(q.get("speaker"), q.get("text") or "") for q in data.get("quotes") or []],
                story_id=row.story_id, role=row.role, story_title=row.story_title, record_id=data.get("id"),
                article_id=row.public_id,
            )
            fields = facts.fields()
            if not predicate(fields):
                continue
            reason = explain(parsed.root, facts, fields)
            statements = [(speaker, text) for speaker, text in facts.quotes
                          if speaker and text and speaker in reason.speakers]
            hits.append(PreviewHit(
                article_id=row.id, title=facts.title, url=facts.url, source=facts.source,
                published=facts.published, story_id=row.story_id, story_title=row.story_title,
                role=row.role, reason=reason, statements=statements,
                public_id=facts.public_id,
            ))
            if len(hits) >= limit:
                break
    return hits
