"""The names a wire dateline states, typed by where they stand.

"HAMBURG (dpa) —", "KYIV, Ukraine (AP) —", "MADRID (EFE) -": the words before the brackets are
the place the story was filed from, the words inside them the agency that filed it. The models
read these lines badly: an upper-case city alone at a line's start ("HAMBURG", "CHICAGO") is
often an organisation to them, an agency after a country a place, a short agency name
("dpa", "EFE") nothing at all. The dateline's structure says what each is, so the analysis
takes it from there: every part of the place a place (GPE; LOC where the model said so), the
agency an organisation. The dateline is the one extraction read (`Document.dateline`), used
only where it opens the text.
"""

from __future__ import annotations

import re

from ..document import Dateline
from .entities import NameSpan

_PLACE_TYPES = ("GPE", "LOC")
_PROSE_WORDS = 12  # a lede: headlines after a desk label ("FEATURE - ...") are shorter
_DASH = re.compile(r"\s*(?:--|[–—―-])\s+")


def _reads_as_prose(rest: str) -> bool:
    """The words after a dateline are a sentence in ordinary case, not a headline in capitals
    after a desk's label ("SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.")."""
    words = rest.split()
    return len(words) >= _PROSE_WORDS and sum(any(c.islower() for c in w) for w in words) * 2 >= len(words)


def dateline_names(text: str, dateline: Dateline | None) -> list[NameSpan]:
    """The place parts and the agency of `dateline` where it opens `text`, as name spans, or []."""
    if dateline is None:
        return []
    paragraph_end = text.find("\n")
    paragraph = text if paragraph_end < 0 else text[:paragraph_end]
    spans = []
    cursor = len(paragraph) - len(paragraph.lstrip())
    for part in dateline.place.split(", "):
        start = paragraph.find(part, cursor)
        if start < 0 or paragraph[cursor:start].strip(" ,"):
            return []  # not this paragraph's opening words
        spans.append(NameSpan(start, start + len(part), part, "GPE"))
        cursor = start + len(part)
    if dateline.agency:
        start = paragraph.find("(" + dateline.agency + ")", cursor)
        if start < 0 or paragraph[cursor:start].strip(" ,"):
            return []
        spans.append(NameSpan(start + 1, start + 1 + len(dateline.agency), dateline.agency, "ORG"))
        cursor = start + len(dateline.agency) + 2
    dash = _DASH.match(paragraph, cursor)
    if dash is None or not _reads_as_prose(paragraph[dash.end():]):
        return []
    return spans


def with_dateline_names(text: str, dateline: Dateline | None, spans: list[NameSpan]) -> list[NameSpan]:
    """`spans` with the dateline's names in place of what the models read over the same words."""
    stated = dateline_names(text, dateline)
    if not stated:
        return spans
    kept = [span for span in spans if not any(s.start < span.end and span.start < s.end for s in stated)]
    typed = []
    for name in stated:
        # The model's own place type stands ("Gaza Strip" a LOC); anything else becomes a place.
        read = next((s for s in spans if (s.start, s.end) == (name.start, name.end)), None)
        label = read.label if name.label == "GPE" and read is not None and read.label in _PLACE_TYPES else name.label
        typed.append(NameSpan(name.start, name.end, name.text, label))
    return sorted(kept + typed, key=lambda s: (s.start, -s.end))
