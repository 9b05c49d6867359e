"""Datelines: "LONDON (AP) –", "KYIV, Ukraine (AP) —", "WASHINGTON (Reuters) -", "ROTTERDAM –".

The body keeps the dateline as written (it is part of the wire copy); this module only reads it
into a `Dateline(place, agency)` and tells the caller where it ends, so that a dateline never ends
up taken for a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Dateline

_WORD = r"[^\W\d_][\w.'’&-]*"
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})"  # LONDON, NEW YORK, SAN JUAN, Puerto Rico
    rf"(?P<more>(?:,\s*(?:{_WORD}(?:\s+{_WORD}){{0,2}}|{_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+{_WORD})){{0,2}})"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?P<dash>--|[–—―-])\s+"
)
_AGENCY_ONLY = re.compile(rf"^\s*(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})(?P<more>(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}}){{0,1}})\s*\((?P<agency>[^()\n]{{1,40}})\)\s*[:,]?\s+")
_DATE_PART = re.compile(r"\d")


@dataclass(frozen=True)
class DatelineMatch:
    dateline: Dateline
    end: int  # offset just after the dateline in the paragraph


def _is_place(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def find_dateline(paragraph: str) -> DatelineMatch | None:
    """Read the dateline opening a paragraph, or None when it does not open with one."""
    match = _DATELINE.match(paragraph) or _AGENCY_ONLY.match(paragraph)
    if match is None:
        return None
    place = match.group("place")
    if not _is_place(place):
        return None
    agency = (match.group("agency") or "").strip() or None
    if agency is not None and (len(agency.split()) > 4 or _DATE_PART.search(agency)):
        return None
    more = [part.strip() for part in (match.group("more") or "").split(",") if part.strip()]
    regions = [part for part in more if not _DATE_PART.search(part)]
    full_place = ", ".join([place.strip(), *regions])
    # The text after the dateline must read as a sentence opening, not a lowercase continuation
    # ("NATO - the alliance ...") or the end of the line.
    rest = paragraph[match.end():].lstrip("\"“‘'")
    if len(rest.split()) < 2 or not (rest[:1].isupper() or rest[:1].isdigit()):
        return None
    return DatelineMatch(dateline=Dateline(place=full_place, agency=agency), end=match.end())


def strip_dateline(text: str) -> str:
    """`text` without a leading dateline (for titles taken from a first line)."""
    found = find_dateline(text)
    return text[found.end:].strip() if found else text
