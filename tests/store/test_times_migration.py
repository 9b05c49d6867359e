"""Migration 0007 (times) on a store written by the previous schema: stories move to two clocks.

Before it, an undated story's `first_seen`/`last_seen` were its articles' arrival times and a
dated one's their dates, and `source_count` counted source names only ("0 sources" for articles
that carry only a URL). Existing rows are recomputed from their articles.
"""

from __future__ import annotations

from datetime import datetime, timezone

from wirewatch.store import Store
from wirewatch.store.schema import documents, stories, story_articles

from stores import connection_at_revision

ARRIVED = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
OLD = datetime(2013, 3, 1, 9, 0, tzinfo=timezone.utc)


def _document(id: int, *, url: str, published, ingested_at, source=None) -> dict:
    return {"id": id, "url": url, "canonical_url": url, "content_hash": f"{id:064d}", "title": f"t{id}",
            "source": source, "published": published, "text": "x", "data": {"title": f"t{id}"},
            "ingested_at": ingested_at}


def _story(id: str, article_ids: list[int], first_seen, last_seen, source_count: int) -> dict:
    articles = [{"id": str(n), "role": "original", "duplicate_of": None, "published": None,
                 "source": None, "title": f"t{n}"} for n in article_ids]
    return {"id": id, "title": id, "first_seen": first_seen, "last_seen": last_seen,
            "article_count": len(article_ids), "source_count": source_count,
            "data": {"id": id, "articles": articles, "sources": []}, "updated_at": ARRIVED}


def test_old_stories_are_recomputed_on_two_clocks(store_url):
    with connection_at_revision(store_url, "0004") as conn:
        conn.execute(documents.insert(), [
            _document(1, url="https://www.alpha.example/a", published=OLD, ingested_at=ARRIVED),
            _document(2, url="https://beta.example/b", published=None, ingested_at=ARRIVED.replace(minute=5)),
            _document(3, url="https://gamma.example/c", published=None, ingested_at=ARRIVED.replace(minute=9),
                      source="Gamma News"),
            # an arrival time stored as the date: undated, in truth
            _document(4, url="https://delta.example/d", published=ARRIVED.replace(hour=13),
                      ingested_at=ARRIVED.replace(hour=13)),
        ])
        conn.execute(story_articles.insert(), [
            {"document_id": n, "seq": n, "story_id": "s1" if n < 4 else "s2", "role": "original",
             "duplicate_of": None, "score": {}, "assigned_at": ARRIVED} for n in (1, 2, 3, 4)
        ])
        conn.execute(stories.insert(), [
            _story("s1", [1, 2, 3], OLD, OLD, source_count=1),
            _story("s2", [4], ARRIVED.replace(hour=13), ARRIVED.replace(hour=13), source_count=0),
        ])
    with Store.open(store_url) as store:  # migrates to head
        first = store.story("s1", now=ARRIVED)
        second = store.story("s2", now=ARRIVED)
        assert first.first_seen == ARRIVED and first.last_seen == ARRIVED.replace(minute=9)
        assert first.first_published == first.last_published == OLD
        assert first.sources == 3 and first.data["sources"] == ["alpha.example", "beta.example", "Gamma News"]
        assert [a["seen_at"] for a in first.data["articles"]][0].startswith("2026-05-01T12:00")
        assert second.first_published is None and second.last_published is None
        assert second.sources == 1 and second.data["sources"] == ["delta.example"]
        [row] = [d for d in store.documents(limit=10) if d.id == 4]
        assert row.published is None
