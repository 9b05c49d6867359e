"""Whether a match becomes an alert: once per story development, never once per copy.

The story stage gives each article a role: the `original` (first article of a story), a `copy`
(a near-duplicate of an earlier article) or a `development` (a later article of the story that
says something new). A subscriber's `updates` mode chooses what they hear about:

- `developments` (default): the first article of a story that matches (whatever its role: a
  copy is news to a subscriber who never matched the story), then every matching development;
  copies of an alerted story never.
- `new-stories`: only the first matching article of each story.
- `all`: every matching article, copies included.

The development an alert is about is an article id, so the idempotency key (subscription, story,
development) is the same whenever the same article is processed again.
"""

from __future__ import annotations

from dataclasses import dataclass

ORIGINAL = "original"
COPY = "copy"
DEVELOPMENT = "development"


@dataclass(frozen=True)
class Decision:
    alert: bool
    why: str  # for logs and tests: which rule decided


def decide(updates: str, role: str | None, *, story_alerted: bool) -> Decision:
    """Alert or not, for one matching article of a story this subscription did or did not hear of."""
    if updates == "all":
        return Decision(True, "every matching article")
    if not story_alerted:
        return Decision(True, "first match of the story")
    if updates == "new-stories":
        return Decision(False, "story already alerted")
    if role == DEVELOPMENT:
        return Decision(True, "new development")
    return Decision(False, "copy of an alerted story" if role == COPY else "story already alerted")
