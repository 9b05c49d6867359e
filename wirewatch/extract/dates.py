"""Publication dates: the page's metadata first, then the source's own date, then the text.

Dates are returned timezone-aware when the source gave an offset; a bare date stays naive rather
than pretending to know the hour or the zone.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from dateutil import parser as date_parser
from lxml.html import HtmlElement

_EARLIEST_YEAR = 1990
# Zone abbreviations news sites print; dateutil knows none of them without being told.
_ZONES = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AEST": 10, "AEDT": 11, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8,
    }.items()
}
_LABELLED_DATE = re.compile(
    r"\b(?:published|posted|updated|date|publicado|veröffentlicht|publié)\b[^\w]{0,3}(?:on|at|em|am|le)?\s*"
    r"(?P<date>[^|\n]{6,60})",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)\b")
_WORD_DATE = re.compile(
    r"\b((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?"
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4})",
)


def _plausible(value: datetime) -> bool:
    now = datetime.now(timezone.utc)
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.year >= _EARLIEST_YEAR and (aware - now).days <= 2


def parse_date(raw: str | None) -> datetime | None:
    """Parse one date string as sources write them (ISO 8601, RFC 2822, "Nov. 18, 2019"), or None."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            with warnings.catch_warnings():  # an unknown zone name: the date is still right
                warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
                value = date_parser.parse(text, fuzzy=False, tzinfos=_ZONES)
        except (ValueError, OverflowError, TypeError):
            return None
    return value if _plausible(value) else None


def date_from_html(tree: HtmlElement) -> datetime | None:
    """htmldate's quick pass (header metadata and marked-up elements, no extensive search)."""
    from htmldate import find_date  # imported lazily: only HTML without a dated meta tag needs it

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises assorted errors on odd pages; a missing date is fine
        return None
    return parse_date(found)


def date_from_text(paragraphs: Sequence[str]) -> datetime | None:
    """A date the text labels as its publication date ("Published Nov. 18, 2019"), near its start or end."""
    candidates = list(paragraphs[:4]) + list(paragraphs[-3:])
    for paragraph in candidates:
        if len(paragraph) > 200:
            continue
        labelled = _LABELLED_DATE.search(paragraph)
        if not labelled:
            continue
        snippet = labelled.group("date")
        found = _NUMERIC_DATE.search(snippet) or _WORD_DATE.search(snippet)
        if found:
            value = parse_date(found.group(0))
            if value is not None:
                return value
    return None
