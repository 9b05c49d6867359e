"""Bringing a feed list in: every feed of an OPML file becomes a monitored source.

One function for every face (`wirewatch sources import`, `wirewatch.Store.import_opml`,
`POST /api/feeds/import`), so they skip and report the same things the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import FetchError, InputError
from ..sources import check_url, read_opml
from ..store import Feed, Store


@dataclass
class OpmlImport:
    """What an import did: the sources added, and (url, reason) for those skipped."""

    added: list[Feed] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_opml(store: Store, data: bytes | str, *, allow_private: bool, every: int = 300) -> OpmlImport:
    """Add every feed `data` lists (folders at any depth) as a source polled every `every`
    seconds. Feeds already sources, listed twice, or refused by the SSRF guard are skipped with
    the reason. InputError when `data` is not OPML (nothing is added then)."""
    listed = read_opml(data)
    known = {feed.url for feed in store.feeds()}
    report = OpmlImport()
    for entry in listed:
        if entry.url in known:
            report.skipped.append((entry.url, "already a source"))
            continue
        try:
            check_url(entry.url, allow_private=allow_private)
            report.added.append(store.add_feed(entry.url, name=entry.title, interval_seconds=every))
        except (FetchError, InputError) as exc:
            report.skipped.append((entry.url, str(exc)))
            continue
        known.add(entry.url)
    return report
