"""The alerting tables, on the store's own `MetaData` so one schema describes everything.

The migration `0003_alerts.py` creates them; the alert modules of store/ query them.

- `subscriptions`: what each subscriber follows and where to send it.
- `alert_matches`: one row per decision "this subscription hears about this story development"
  (unique idempotency key). The Atom feed and the digests read it; it is also how the policy
  knows a story was already alerted.
- `alerts`: the durable outbox, one row per (key, channel). The key is the same for every channel
  of one development, so a receiver can dedupe on it; (key, channel) is unique so a development
  is queued once per channel however often the article is processed.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, ForeignKey, Index, Integer, String, Table, Text,
    UniqueConstraint,
)

from .schema import IdType, UTCDateTime, metadata

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("name", Text),
    Column("query", Text, nullable=False),
    Column("notify", JSON, nullable=False),  # list of Apprise URLs (may be empty: feed only)
    Column("digest", String(16)),  # None (immediate) | "hourly" | "daily"
    Column("updates", String(16), nullable=False),  # "developments" | "new-stories" | "all"
    Column("created_at", UTCDateTime(), nullable=False),
    Column("paused", Boolean, nullable=False, default=False),
)

alert_matches = Table(
    "alert_matches",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("subscription_id", BigInteger, ForeignKey("subscriptions.id", ondelete="CASCADE"),
           nullable=False),
    Column("story_id", Text),
    Column("article_id", BigInteger, nullable=False),
    Column("development_id", BigInteger, nullable=False),
    Column("role", String(16), nullable=False),
    Column("payload", JSON, nullable=False),  # messages.alert_payload(): what every channel shows
    Column("created_at", UTCDateTime(), nullable=False),
    Column("digest_key", String(64)),  # set once the match went into a digest
    Index("ix_alert_matches_subscription", "subscription_id", "created_at"),
    # alerted_about(): the matched subscriptions already alerted about an article's story (migration 0009)
    Index("ix_alert_matches_subscription_story", "subscription_id", "story_id"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),  # idempotency key, sent to the receiver
    Column("kind", String(16), nullable=False),  # "alert" | "digest"
    Column("subscription_id", BigInteger, ForeignKey("subscriptions.id", ondelete="CASCADE"),
           nullable=False),
    Column("story_id", Text),
    Column("article_id", BigInteger),
    Column("development_id", BigInteger),
    Column("channel", Text, nullable=False),  # the Apprise URL
    Column("status", String(16), nullable=False),  # pending | retrying | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("last_error", Text),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    Column("payload", JSON, nullable=False),
    UniqueConstraint("key", "channel", name="uq_alerts_key_channel"),
    Index("ix_alerts_due", "status", "next_attempt_at"),
    Index("ix_alerts_subscription", "subscription_id"),
)
