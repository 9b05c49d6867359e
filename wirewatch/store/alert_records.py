"""The records alerting's store methods take and return: plain dataclasses, no rows or connections.

`wirewatch.alerts` re-exports them; the logic that fills them in (validation, matching, the
policy, messages) lives there, the queries that read and write them in store/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DEFAULT_UPDATES = "developments"

PENDING = "pending"
RETRYING = "retrying"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, RETRYING, SENT, FAILED)


@dataclass(frozen=True)
class SubscriptionSpec:
    """A validated request for a new subscription (what `subscribe` was given)."""

    query: str
    notify: tuple[str, ...] = ()
    name: str | None = None
    digest: str | None = None  # None: one message per alert
    updates: str = DEFAULT_UPDATES


@dataclass
class Subscription:
    """A stored subscription."""

    id: int
    query: str
    notify: list[str] = field(default_factory=list)
    name: str | None = None
    digest: str | None = None
    updates: str = DEFAULT_UPDATES
    created_at: datetime | None = None
    paused: bool = False

    @property
    def label(self) -> str:
        """How messages name the subscription."""
        return self.name or self.query


Fingerprint = tuple[int, int, int]  # AlertStore.subscriptions_fingerprint: (count, highest id, version)


@dataclass(frozen=True)
class SubscriptionChange:
    """One committed subscription write, as `Store.watch_subscriptions` tells this process.

    `subscription` is the row as the write left it (None: removed, or no such id); `after` is
    `subscriptions_fingerprint` read in the write's own transaction, right after it. Writes take
    versions one at a time, so a watcher whose copy is at version `after[2] - 1` is exactly one
    write behind: applying this change brings it to `after`."""

    subscription_id: int
    subscription: Subscription | None
    after: Fingerprint


@dataclass
class AlertMatch:
    """One decided alert (subscription, story, development), whatever its channels."""

    id: int
    key: str
    subscription_id: int
    story_id: str | None
    article_id: int
    development_id: int
    role: str
    payload: dict[str, Any]
    created_at: datetime
    digest_key: str | None


@dataclass
class Alert:
    """One row of the outbox: one message for one channel."""

    id: int
    key: str
    kind: str  # "alert" | "digest"
    subscription_id: int
    story_id: str | None
    article_id: int | None
    development_id: int | None
    channel: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class NewAlert:
    """A message to queue for one channel (unless its (key, channel) is queued already)."""

    key: str
    kind: str
    subscription_id: int
    channel: str
    payload: dict[str, Any]
    story_id: str | None = None
    article_id: int | None = None
    development_id: int | None = None


@dataclass(frozen=True)
class DecidedAlert:
    """What alerting decided for one subscription and one article: the match to record and the
    messages to queue with it (none for a digest subscription: its matches wait for the digest)."""

    key: str
    subscription_id: int
    story_id: str | None
    article_id: int
    development_id: int
    role: str
    payload: dict[str, Any]
    messages: tuple[NewAlert, ...] = ()


# Given a subscription (as stored now) and whether that subscription was already alerted about
# the article's story, the alert to record, or None. Pure: store/ calls it inside its transaction.
Decide = Callable[[Subscription, bool], "DecidedAlert | None"]


@dataclass(frozen=True)
class ArticleAlerts:
    """One article's candidate alerts: the subscriptions whose queries matched it, and the
    decision to apply to each (see `Decide`)."""

    article_id: int
    story_id: str | None
    subscription_ids: tuple[int, ...]
    decide: Decide


@dataclass(frozen=True)
class DigestBatch:
    """One digest to queue: the key it goes out under, the matches it covers, its messages."""

    key: str
    match_ids: tuple[int, ...]
    messages: tuple[NewAlert, ...]


@dataclass(frozen=True)
class ArticleForMatching:
    """A stored article as the subscription preview reads it: its analysed record and its story."""

    id: int
    data: dict[str, Any]  # Document.to_dict()
    story_id: str | None
    role: str | None
    story_title: str | None
    public_id: str = ""  # what the API and links name it by (store/public_ids.py)
