"""What to register when someone gives a URL to monitor: the feed itself, the site's feeds, or the page.

A feed URL is registered as it is. A site page is fetched once (through the polite, SSRF-guarded
Fetcher) and its advertised feeds are listed with trafilatura's feed finder: one is registered
straight away, several are offered as choices, none means the page itself is the source (the
monitor re-reads a page source like any other). Every failure is one FetchError/InputError line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from trafilatura.feeds import FeedParameters, determine_feed

from ..config import Settings
from ..errors import FetchError, InputError
from ..sources import Fetcher, check_url, sniff

MAX_CHOICES = 20
FEED_KINDS = ("feed", "jsonfeed")


@dataclass(frozen=True)
class Discovery:
    """`url` to register, or (when `url` is None) several feed `choices` to pick from."""

    url: str | None
    choices: list[str] = field(default_factory=list)
    kind: str = "feed"  # feed | page: what `url` turned out to be


def clean_url(url: str, settings: Settings) -> str:
    """The URL trimmed and checked against the SSRF guard (FetchError/InputError, one line)."""
    url = url.strip()
    if not url:
        raise InputError("type the URL of a feed or a site page")
    if len(url) > 2000:
        raise InputError("the URL is longer than 2000 characters")
    check_url(url, allow_private=settings.allow_private_urls)
    return url


def discover(url: str, settings: Settings) -> Discovery:
    """Fetch `url` once and decide what to register (FetchError when it cannot be fetched)."""
    url = clean_url(url, settings)
    with Fetcher(settings) as fetcher:
        fetched = fetcher.fetch(url, conditional=False)
    if sniff(fetched.content) in FEED_KINDS:
        return Discovery(url)
    feeds = feed_links(fetched.content, fetched.url or url, settings)
    if len(feeds) == 1:
        return Discovery(feeds[0])
    if feeds:
        return Discovery(None, feeds[:MAX_CHOICES])
    return Discovery(url, kind="page")


def feed_links(content: bytes, page_url: str, settings: Settings) -> list[str]:
    """Feeds the page advertises (<link rel=alternate>, else feed-like <a> links), made absolute;
    only those the SSRF guard would let the monitor fetch."""
    if sniff(content) not in ("html", "xml", "text"):
        return []
    text = content.decode("utf-8", errors="replace")  # links are ASCII whatever the page's charset
    if not text.strip():
        return []
    parts = urlsplit(page_url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", page_url)
    found = []
    for link in determine_feed(text, params):
        try:
            check_url(link, allow_private=settings.allow_private_urls)
        except FetchError:  # a link the guard refuses is simply not offered
            continue
        found.append(link)
    return found
