"""The story stage over the store: stored articles -> StoryEngine -> assignment log + story records.

The engine lives in memory but is never the truth: the store's append-only assignment log is.
On start the engine is restored from the last saved snapshot and the log after it is replayed, so
a restart (or another process having assigned articles meanwhile) changes no assignment. Each
article's assignment, its story record and whatever `on_assigned` writes (alerts) commit together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from ..document import Document
from ..errors import StoreConflict, StoreError
from ..store import (
    ArticleHeader, LogEntry, Store, StoredArticle, StorySession, Transaction, distinct_sources, source_label,
)
from ..stories import ArticleInput, Assignment, StoryConfig, StoryEngine, build_story
from ..stories.prepared import PreparedArticle
from ..stories.summary import content_window
from .rewrites import flag_rewritten_copy
from .story_members import StoryMembers


@dataclass
class StoryUpdate:
    """Where one stored article went."""

    document_id: int
    story_id: str
    role: str  # original | copy | development
    duplicate_of: int | None
    new_story: bool


# Articles assigned in one transaction: the commit (a disk flush on PostgreSQL) and the catch-up
# read were a large part of each article's cost; alerts are delivered after the run anyway.
CHUNK = 50
MAX_PREPARED = 10_000  # preparations kept for stored articles the stage has not reached yet

# Called inside the assignment's transaction, which it receives to hand to store methods.
OnAssigned = Callable[[Transaction, StoredArticle, StoryUpdate], None]


def article_input(article: StoredArticle) -> ArticleInput:
    return document_input(article.document, article.id)


def document_input(doc: Document, document_id: int | None) -> ArticleInput:
    """A document as the story engine reads it (`document_id` None: not stored yet, for `prepare`)."""
    return ArticleInput(
        id=str(document_id) if document_id is not None else "",
        title=doc.title,
        text=doc.text,
        published=doc.published,  # undated: no time decay (an archive's arrival time says nothing)
        source=doc.source,
        entities=[(entity.name, entity.type) for entity in doc.entities],
        spellings={entity.name: sorted({mention.text for mention in entity.mentions} | {entity.name})
                   for entity in doc.entities},
        quotes=[quote.text for quote in doc.quotes],
    )


def header_input(header: ArticleHeader) -> ArticleInput:
    """An article as the story record needs it when its text is not read (see content_window)."""
    return ArticleInput(id=str(header.id), title=header.title, text="", published=header.published,
                        source=header.source)


class StoryStage:
    """Assigns every stored article to a story exactly once, in arrival order."""

    def __init__(self, store: Store, config: StoryConfig | None = None, *, save_every: int = 500) -> None:
        self._store = store
        self._config = config
        self._save_every = save_every
        self._engine: StoryEngine | None = None
        self._seq = 0  # the last log entry folded into the engine
        self._saved_seq = 0
        self._members = StoryMembers()
        # Stored article id -> what its analysis prepared for the engine (taken when the stage
        # reaches the article); filled by the runner's storing threads.
        self._prepared: dict[int, PreparedArticle] = {}
        self._prepared_lock = threading.Lock()

    def prepared(self, document_id: int, prepared: PreparedArticle | None) -> None:
        """Keep what the analysis prepared for a stored article until the stage reaches it."""
        if prepared is None:
            return
        with self._prepared_lock:
            self._prepared[document_id] = prepared
            while len(self._prepared) > MAX_PREPARED:  # stored here, assigned by another process
                del self._prepared[next(iter(self._prepared))]

    def _take_prepared(self, document_id: int) -> PreparedArticle | None:
        with self._prepared_lock:
            return self._prepared.pop(document_id, None)

    # --- keeping the engine in step with the log ----------------------------------------------------

    def _catch_up(self, session: StorySession) -> None:
        if self._engine is None:
            saved = session.load_state()
            if saved is not None:
                self._seq, state = saved
                self._engine = StoryEngine.from_state(state)
            else:
                self._seq, self._engine = 0, StoryEngine(self._config)
            self._saved_seq = self._seq
        entries = session.log_after(self._seq)
        if not entries:
            return
        articles = session.articles([entry.document_id for entry in entries])
        for entry in entries:
            article = articles.get(entry.document_id)
            if article is None:
                raise StoreError(f"story log names article {entry.document_id}, which is not stored")
            self._engine.add(article_input(article), self._take_prepared(article.id))
            self._members.fold(entry)
            self._seq = entry.seq

    def warm_up(self) -> None:
        """Restore the engine from the store now rather than on the first article."""
        with self._store.story_session() as session:
            self._catch_up(session)

    def _reset(self) -> None:
        """Forget the in-memory engine (it saw an article whose assignment did not commit)."""
        self._engine = None
        self._members.clear()

    # --- assigning new articles -------------------------------------------------------------------

    def run(self, *, limit: int = 10_000, now: datetime | None = None,
            on_assigned: OnAssigned | None = None) -> list[StoryUpdate]:
        """Assign stored articles that no story has seen yet; return what happened to each."""
        updates: list[StoryUpdate] = []
        with self._store.story_session() as session:
            self._catch_up(session)
            pending = session.pending_articles(limit=limit)
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start:start + CHUNK]
            try:
                updates.extend(self._assign_together(chunk, now, on_assigned))
            except Exception:
                if len(chunk) == 1:
                    raise
                # One at a time instead: those before the failing article commit, as they would
                # have alone, and the failure is raised at that article.
                for article in chunk:
                    updates.extend(self._assign_together([article], now, on_assigned))
        if self._seq - self._saved_seq >= self._save_every:
            self.save()
        return updates

    def _assign_together(self, articles: list[StoredArticle], now: datetime | None,
                         on_assigned: OnAssigned | None) -> list[StoryUpdate]:
        """Assign `articles` in one transaction (each with its story record and alerts, all
        committed together): a commit, the sequencer and the catch-up read per batch rather than
        per article. A lost race for the log is retried from the log; other failures roll back."""
        for attempt in range(3):
            done: list[StoryUpdate] = []
            try:
                with self._store.story_transaction() as session:
                    self._catch_up(session)
                    for article in articles:
                        if session.story_of(article.id) is not None:
                            continue  # another process assigned it meanwhile
                        update = self._assign(session, article, now or datetime.now(timezone.utc))
                        if on_assigned is not None:
                            on_assigned(session.transaction, article, update)
                        done.append(update)
                return done
            except StoreConflict:
                self._reset()  # lost a race for the next seq: reload and try again
                with self._store.story_session() as session:
                    self._catch_up(session)
            except BaseException:
                self._reset()
                raise
        ids = ", ".join(str(article.id) for article in articles)
        raise StoreError(f"could not assign article(s) {ids} to a story: too many concurrent writers")

    def _assign(self, session: StorySession, article: StoredArticle, now: datetime) -> StoryUpdate:
        assert self._engine is not None
        assignment = self._engine.add(article_input(article), self._take_prepared(article.id))
        entry = LogEntry(
            seq=self._seq + 1, document_id=article.id, story_id=assignment.story_id, role=assignment.role,
            duplicate_of=int(assignment.duplicate_of) if assignment.duplicate_of else None,
            score=float(assignment.score), new_story=assignment.new_story,
        )
        session.append(entry, now)
        if entry.duplicate_of is not None:  # a word-for-word rewrite of it is machine-translation evidence
            flag_rewritten_copy(session, article, entry.duplicate_of)
        self._members.fold(entry)
        self._seq = entry.seq
        self._rebuild_story(session, assignment.story_id, now, article)
        return StoryUpdate(
            document_id=article.id, story_id=assignment.story_id, role=assignment.role,
            duplicate_of=entry.duplicate_of, new_story=assignment.new_story,
        )

    def _rebuild_story(self, session: StorySession, story_id: str, now: datetime, newest: StoredArticle) -> None:
        log, headers = self._members.get(session, story_id, self._seq, newest.header)
        assignments = [
            Assignment(
                article_id=str(entry.document_id), story_id=story_id, role=entry.role,
                duplicate_of=str(entry.duplicate_of) if entry.duplicate_of else None,
                score=entry.score, new_story=entry.new_story,
            )
            for entry in log
        ]
        # Every article is listed, but only a bounded window of them is read in full: parsing
        # every member's document on each arrival made large stories quadratic.
        inputs = [header_input(headers[entry.document_id]) for entry in log]
        window = [int(key) for key in content_window(inputs, assignments)]

        def load(ids: list[int]) -> dict[int, ArticleInput]:  # the article just assigned is in hand
            found = {key: article_input(stored) for key, stored in session.articles(
                [key for key in ids if key != newest.id]).items()}
            if newest.id in ids:
                found[newest.id] = article_input(newest)
            return found

        full = self._members.texts(story_id, window, load)
        inputs = [full.get(int(item.id), item) for item in inputs]
        story = build_story(story_id, inputs, assignments, now=now)
        record = story.to_dict()
        for item in record["articles"]:  # link articles to the store's documents by record id too
            header = headers[int(item["id"])]
            item["url"] = header.url
            item["record_id"] = header.record_id
            item["seen_at"] = header.ingested_at.isoformat()  # arrival, next to `published` (None if undated)
        # Sources by name, or else by host: records and pages often carry no source name.
        record["sources"] = distinct_sources([
            source_label(headers[int(item["id"])].source, headers[int(item["id"])].url) for item in record["articles"]
        ])
        # Two clocks kept apart: seen (arrival) for "updated" and velocity, published where known.
        arrivals = [headers[e.document_id].ingested_at for e in log]
        record["first_published"], record["last_published"] = record["first_seen"], record["last_seen"]
        record["first_seen"], record["last_seen"] = min(arrivals).isoformat(), max(arrivals).isoformat()
        session.save_story(record, first_seen=min(arrivals), last_seen=max(arrivals),
                           first_published=story.first_seen, last_published=story.last_seen, now=now)

    def save(self) -> None:
        """Snapshot the engine so the next start replays only the log after it."""
        if self._engine is None or self._seq == self._saved_seq:
            return
        self._store.save_story_state(self._seq, self._engine.state())
        self._saved_seq = self._seq
