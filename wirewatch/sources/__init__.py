"""Sources: everything wirewatch reads, turned into SourceItems.

Files, folders, JSON / JSON Lines records, RSS / Atom / JSON Feed, news sitemaps, WARC archives, article URLs
and stdin go through `iter_items`; URLs are fetched by a `Fetcher` that is polite (per-host
delay, robots.txt, conditional GET, a clear User-Agent) and safe (SSRF guard on every hop,
size limits that hold for decompression bombs too).
"""

from ._count import count_items
from ._failure import SourceFailure
from ._fetcher import Fetcher, FetchResult, MemoryValidatorCache, ValidatorCache
from ._items import iter_items
from ._opml import OpmlFeed, read_opml, write_opml
from ._records import record_to_item
from ._sitemaps import SitemapError, parse_sitemap
from ._sniff import sniff
from ._urlguard import check_url

__all__ = [
    "Fetcher", "FetchResult", "ValidatorCache", "MemoryValidatorCache", "SourceFailure",
    "iter_items", "count_items", "check_url", "sniff", "record_to_item", "OpmlFeed", "read_opml", "write_opml",
    "SitemapError", "parse_sitemap",
]
