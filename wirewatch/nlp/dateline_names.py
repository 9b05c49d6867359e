"""The names a wire dateline states, typed by where they stand.

"HAMBURG (dpa) —", "KYIV, Ukraine (AP) —", "MADRID (EFE) -": the words before the brackets are
the place the story was filed from, the words inside them the agency that filed it. The models
read these lines badly: an upper-case city alone at a line's start ("HAMBURG", "CHICAGO") is
often an organisation to them, an agency after a country a place, a short agency name
("dpa", "EFE") nothing at all. The dateline's structure says what each is, so the analysis
takes it from there: every part of the place a place (GPE; LOC where the model said so), the
agency an organisation. Only a dateline opening the text counts (extract/dateline.py reads it).
"""

from __future__ import annotations

from ..extract.dateline import find_dateline
from .entities import NameSpan

_PLACE_TYPES = ("GPE", "LOC")
_PROSE_WORDS = 12  # a lede: headlines after a desk label ("FEATURE - ...") are shorter


def _reads_as_prose(rest: str) -> bool:
    """The words after a dateline are a sentence in ordinary case, not a headline in capitals
    after a desk's label ("SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.")."""
    words = rest.split()
    return len(words) >= _PROSE_WORDS and sum(any(c.islower() for c in w) for w in words) * 2 >= len(words)


def dateline_names(text: str) -> list[NameSpan]:
    """The place parts and the agency of the dateline opening `text`, as name spans, or []."""
    paragraph_end = text.find("\n")
    paragraph = text if paragraph_end < 0 else text[:paragraph_end]
    found = find_dateline(paragraph)
    if found is None or not _reads_as_prose(paragraph[found.end:]):
        return []
    head = paragraph[:found.end]
    spans = []
    cursor = 0
    for part in found.dateline.place.split(", "):
        start = head.find(part, cursor)
        if start < 0:
            return []
        spans.append(NameSpan(start, start + len(part), part, "GPE"))
        cursor = start + len(part)
    agency = found.dateline.agency
    if agency:
        start = head.find(agency, head.find("(", cursor) + 1)
        if start > 0:
            spans.append(NameSpan(start, start + len(agency), agency, "ORG"))
    return spans


def with_dateline_names(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """`spans` with the dateline's names in place of what the models read over the same words."""
    stated = dateline_names(text)
    if not stated:
        return spans
    kept = []
    for span in spans:
        over = [s for s in stated if s.start < span.end and span.start < s.end]
        if not over:
            kept.append(span)
    typed = []
    for name in stated:
        # The model's own place type stands ("Gaza Strip" a LOC); anything else becomes a place.
        read = next((s for s in spans if (s.start, s.end) == (name.start, name.end)), None)
        label = read.label if name.label == "GPE" and read is not None and read.label in _PLACE_TYPES else name.label
        typed.append(NameSpan(name.start, name.end, name.text, label))
    return sorted(kept + typed, key=lambda s: (s.start, -s.end))
