"""The assignment log and article headers of recently touched stories, kept in step with the log.

Rebuilding a story record after each arrival needs the story's whole log and every member's
header. Read from the store every time, that is two queries the size of the story per arrival,
and a wire story copied hundreds of times made the stage slow down with every copy. The stage
folds each log entry it sees (its own and other processes') into this cache in `seq` order, so a
cached story is exactly the store's log up to the stage's position; a story not cached (first
touch, evicted, or after a reset) is read from the store once. Headers never change once stored.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..store import ArticleHeader, LogEntry, StorySession
from ..stories import ArticleInput


@dataclass
class _Members:
    log: list[LogEntry] = field(default_factory=list)
    headers: dict[int, ArticleHeader] = field(default_factory=dict)
    texts: dict[int, ArticleInput] = field(default_factory=dict)  # the members the record last read in full


class StoryMembers:
    """Log entries and headers of up to `capacity` stories, least recently used evicted first."""

    def __init__(self, capacity: int = 256) -> None:
        self._capacity = capacity
        self._stories: OrderedDict[str, _Members] = OrderedDict()

    def fold(self, entry: LogEntry) -> None:
        """One more log entry, in `seq` order; only stories already cached need it."""
        members = self._stories.get(entry.story_id)
        if members is not None:
            members.log.append(entry)

    def get(self, session: StorySession, story_id: str, upto_seq: int,
            in_hand: ArticleHeader | None = None) -> tuple[list[LogEntry], dict[int, ArticleHeader]]:
        """The story's log up to `upto_seq` (the last entry folded) and its members' headers
        (`in_hand`: one already read, the article just assigned)."""
        members = self._stories.get(story_id)
        if members is None:
            # Entries after `upto_seq` (another writer's, not folded yet) arrive through fold().
            members = _Members(log=[e for e in session.story_log(story_id) if e.seq <= upto_seq])
            self._stories[story_id] = members
            while len(self._stories) > self._capacity:
                self._stories.popitem(last=False)
        else:
            self._stories.move_to_end(story_id)
        if in_hand is not None:
            members.headers.setdefault(in_hand.id, in_hand)
        missing = [e.document_id for e in members.log if e.document_id not in members.headers]
        if missing:
            members.headers.update(session.headers(missing))
        return members.log, members.headers

    def texts(self, story_id: str, ids: list[int],
              load: Callable[[list[int]], dict[int, ArticleInput]]) -> dict[int, ArticleInput]:
        """Members `ids` of a story (its record's content window) as the engine reads them in
        full; `load` reads those the previous window of the story did not hold (a window moves
        by an article or two per arrival, and parsing 50 stored documents each time was most of
        a big story's rebuild). Only the latest window is kept."""
        members = self._stories.get(story_id)
        kept = members.texts if members is not None else {}
        found = {key: kept[key] for key in ids if key in kept}
        missing = [key for key in ids if key not in found]
        if missing:
            found.update(load(missing))
        if members is not None:
            members.texts = found
        return found

    def clear(self) -> None:
        self._stories.clear()
