"""What a subscriber follows: the Subscription record and the validation of a new one.

Validation happens once, when the subscription is created (CLI, web API or Python), so a bad
query or a refused notification URL is a one-line error for the user instead of a failed
delivery hours later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..errors import InputError
from ..query import Query, parse_query
from .channels import check_channel_url

DIGESTS = ("hourly", "daily")
UPDATES = ("developments", "new-stories", "all")
DEFAULT_UPDATES = "developments"
MAX_NAME_LENGTH = 200
MAX_CHANNELS = 20


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

    def parsed_query(self) -> Query:
        return parse_alert_query(self.query)


def parse_alert_query(text: str) -> Query:
    """Parse a subscription query (the search language plus the alert-only fields)."""
    return parse_query(text, alert_fields=True)


def validate_subscription(
    query: str,
    notify: list[str] | tuple[str, ...] = (),
    *,
    name: str | None = None,
    digest: str | None = None,
    updates: str | None = None,
    allow_private: bool = False,
) -> SubscriptionSpec:
    """Check everything about a new subscription; QueryError / InputError with one line if bad.

    `notify` may be empty: the subscription's Atom feed is always available.
    """
    parsed = parse_alert_query(query)
    if name is not None:
        name = name.strip() or None
        if name is not None and len(name) > MAX_NAME_LENGTH:
            raise InputError(f"subscription name is too long ({len(name)} characters, at most {MAX_NAME_LENGTH})")
    if digest is not None and digest not in DIGESTS:
        raise InputError(f"unknown digest {digest!r} (use {' or '.join(DIGESTS)})")
    updates = updates or DEFAULT_UPDATES
    if updates not in UPDATES:
        raise InputError(f"unknown updates mode {updates!r} (use {', '.join(UPDATES)})")
    if isinstance(notify, str):
        notify = [notify]
    channels: list[str] = []
    for url in notify:
        url = (url or "").strip()
        check_channel_url(url, allow_private=allow_private)
        if url not in channels:
            channels.append(url)
    if len(channels) > MAX_CHANNELS:
        raise InputError(f"too many notification URLs ({len(channels)}, at most {MAX_CHANNELS})")
    return SubscriptionSpec(query=parsed.text.strip(), notify=tuple(channels), name=name,
                            digest=digest, updates=updates)
