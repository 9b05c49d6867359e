"""One article at a time, all the way: analyse -> store -> story -> (alerts), for pushes and polls.

`wirewatch serve` (POST /api/documents) and `wirewatch run` hold one Processor for their lifetime
so the story engine is loaded once. A lock serialises the story stage: it is the single writer of
the assignment log in this process (other processes are detected through the log itself).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..config import Settings
from ..document import SourceItem
from ..ingest import store_analysed
from ..pipeline import analyse_item, site_key
from ..store import Store
from ..alerts import DeliveryReport
from .alerting import Alerting
from .story_stage import StoryStage, StoryUpdate


@dataclass
class Submitted:
    """What happened to one pushed article."""

    document_id: int
    status: str  # "stored" | "duplicate"
    duplicate_reason: str | None = None
    story_id: str | None = None
    role: str | None = None  # original | copy | development
    duplicate_of: int | None = None  # the earlier copy this article repeats, if any

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class Processor:
    def __init__(self, store: Store, settings: Settings, *, stage: StoryStage | None = None,
                 alerting: Alerting | None = None) -> None:
        self.store = store
        self.settings = settings
        self.stage = stage or StoryStage(store)
        self.alerting = alerting or Alerting(store, settings)
        self.lock = threading.Lock()  # shared with a Monitor in the same process
        self._deliver_lock = threading.Lock()

    def submit(self, item: SourceItem) -> Submitted:
        """Analyse and store one article, then assign stories. InputError for unusable input."""
        site = site_key(item)
        recurring = frozenset(self.store.recurring_site_lines(site)) if site else frozenset()
        analysed = analyse_item(item, settings=self.settings, recurring_lines=recurring)
        added = store_analysed(self.store, analysed, item)
        if added.status == "duplicate":
            entry = self.store.story_of(added.id)
            return Submitted(document_id=added.id, status="duplicate", duplicate_reason=added.reason,
                             story_id=entry.story_id if entry else None, role=entry.role if entry else None)
        updates = self.assign_stories()
        self.deliver()  # a pushed article's alerts go out now, not at the next poll
        mine = next((u for u in updates if u.document_id == added.id), None)
        if mine is None:  # assigned by another process in the meantime
            entry = self.store.story_of(added.id)
            mine = entry and StoryUpdate(entry.document_id, entry.story_id, entry.role, entry.duplicate_of,
                                         entry.new_story)
        return Submitted(
            document_id=added.id, status="stored", story_id=mine.story_id if mine else None,
            role=mine.role if mine else None, duplicate_of=mine.duplicate_of if mine else None,
        )

    def assign_stories(self) -> list[StoryUpdate]:
        with self.lock:
            return self.stage.run(on_assigned=self.alerting.on_assigned)

    def deliver(self) -> DeliveryReport:
        with self._deliver_lock:
            return self.alerting.deliver()

    def close(self) -> None:
        with self.lock:
            self.stage.save()
