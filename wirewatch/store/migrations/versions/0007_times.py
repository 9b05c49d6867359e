"""Story times on two clocks, and sources counted by name or host.

`stories.first_seen`/`last_seen` become the arrival clock (when wirewatch stored the story's first
and newest article); the new `first_published`/`last_published` hold the articles' own dates (null
when none is dated). Before, an undated story took its arrival time as its date and a dated one its
publication date, so the breaking rank compared two clocks. Existing rows are recomputed from their
articles; story records get each article's `seen_at` and their sources by name or else URL host.
A document whose `published` equals its `ingested_at` to the microsecond was given its arrival time
as a date, so it becomes undated.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from wirewatch.store.schema import UTCDateTime
from wirewatch.store.urls import distinct_sources, source_label

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)

_documents = sa.table(
    "documents", sa.column("id", sa.Integer), sa.column("source", sa.Text), sa.column("url", sa.Text),
    sa.column("published", UTCDateTime()), sa.column("ingested_at", UTCDateTime()),
)
_stories = sa.table(
    "stories", sa.column("id", sa.String), sa.column("data", sa.JSON), sa.column("source_count", sa.Integer),
    sa.column("first_seen", UTCDateTime()), sa.column("last_seen", UTCDateTime()),
    sa.column("first_published", UTCDateTime()), sa.column("last_published", UTCDateTime()),
)
_members = sa.table(
    "story_articles", sa.column("document_id", sa.Integer), sa.column("story_id", sa.String),
    sa.column("seq", sa.Integer),
)


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_published", TIMESTAMP))
    op.add_column("stories", sa.Column("last_published", TIMESTAMP))
    op.create_index("ix_stories_last_published", "stories", ["last_published"])
    op.create_index("ix_stories_article_count", "stories", ["article_count"])
    op.create_index("ix_stories_source_count", "stories", ["source_count"])
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])
    conn = op.get_bind()
    conn.execute(
        _documents.update().where(_documents.c.published == _documents.c.ingested_at).values(published=None)
    )
    _recompute_stories(conn)


def _recompute_stories(conn: sa.engine.Connection) -> None:
    members: dict[str, list] = defaultdict(list)
    rows = conn.execute(
        sa.select(_members.c.story_id, _documents.c.id, _documents.c.source, _documents.c.url,
                  _documents.c.published, _documents.c.ingested_at)
        .join(_documents, _documents.c.id == _members.c.document_id)
        .order_by(_members.c.seq)
    )
    for row in rows:
        members[row.story_id].append(row)
    for story in conn.execute(sa.select(_stories.c.id, _stories.c.data)).all():
        found = members.get(story.id)
        if not found:
            continue
        by_id = {str(row.id): row for row in found}
        data = dict(story.data or {})
        articles = [dict(a) for a in data.get("articles") or [] if isinstance(a, dict)]
        for article in articles:
            row = by_id.get(str(article.get("id")))
            if row is not None:
                article["seen_at"] = row.ingested_at.isoformat()
        ordered = [by_id[str(a.get("id"))] for a in articles if str(a.get("id")) in by_id] or found
        sources = distinct_sources([source_label(row.source, row.url) for row in ordered])
        arrivals = [row.ingested_at for row in found]
        dates = [row.published for row in found if row.published is not None]
        first_published, last_published = (min(dates), max(dates)) if dates else (None, None)
        data.update(
            articles=articles, sources=sources,
            first_seen=min(arrivals).isoformat(), last_seen=max(arrivals).isoformat(),
            first_published=first_published.isoformat() if first_published else None,
            last_published=last_published.isoformat() if last_published else None,
        )
        conn.execute(_stories.update().where(_stories.c.id == story.id).values(
            data=data, source_count=len(sources), first_seen=min(arrivals), last_seen=max(arrivals),
            first_published=first_published, last_published=last_published,
        ))


def downgrade() -> None:
    op.drop_index("ix_documents_ingested_at", table_name="documents")
    op.drop_index("ix_stories_source_count", table_name="stories")
    op.drop_index("ix_stories_article_count", table_name="stories")
    op.drop_index("ix_stories_last_published", table_name="stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("last_published")
        batch.drop_column("first_published")
