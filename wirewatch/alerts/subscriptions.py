"""What a subscriber follows: the validation of a new subscription (its records, `SubscriptionSpec`
and `Subscription`, are the store's, re-exported here).

Validation happens once, when the subscription is created (CLI, web API or Python), so a bad
query or a refused notification URL is a one-line error for the user instead of a failed
delivery hours later.
"""

from __future__ import annotations

from ..errors import InputError
from ..query import Query, parse_query
from ..store import DEFAULT_UPDATES, Subscription, SubscriptionSpec
from .channels import check_channel_url

__all__ = [
    "DEFAULT_UPDATES", "DIGESTS", "MAX_CHANNELS", "MAX_NAME_LENGTH", "UPDATES", "Subscription",
    "SubscriptionSpec", "parse_alert_query", "validate_subscription",
]

DIGESTS = ("hourly", "daily")
UPDATES = ("developments", "new-stories", "all")
MAX_NAME_LENGTH = 200
MAX_CHANNELS = 20


def parse_alert_query(text: str) -> Query:
    """Parse a subscription query: the search language, as search parses it."""
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
        check_channel_url(url, allow_private=allow_private, unresolved_ok=True)
        if url not in channels:
            channels.append(url)
    if len(channels) > MAX_CHANNELS:
        raise InputError(f"too many notification URLs ({len(channels)}, at most {MAX_CHANNELS})")
    return SubscriptionSpec(query=parsed.text.strip(), notify=tuple(channels), name=name,
                            digest=digest, updates=updates)
