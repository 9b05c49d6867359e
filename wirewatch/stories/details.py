"""Distinguishing details: the facts that tell two events of the same kind apart.

Two earthquakes, two boxing title fights or two piracy raids share almost all their words; what
differs are the details: the year, month and weekday it happened, the numbers (magnitude, death
toll, record, sum stolen) and the full names of the people, ships and places involved (typed as
people, places and organisations when the NLP entities are given). A story keeps
how many of its articles mention each detail; an article that mentions details of a kind the
story is sure about (most of its articles agree) either agrees with one of them or contradicts
them all, and the story score moves up or down accordingly.
"""

from __future__ import annotations

import re

from .text import normalise

YEAR = "year"
MONTH = "month"
WEEKDAY = "weekday"
NUMBER = "number"
NAME = "name"  # a multi-word name of unknown type (capitalised-sequence proxies)
PERSON = "person"
PLACE = "place"
ORGANISATION = "organisation"
KINDS = (YEAR, MONTH, WEEKDAY, NUMBER, NAME, PERSON, PLACE, ORGANISATION)
# NLP entity types grouped into the roles that identify an event: who, where, which body.
_ROLE = {"PERSON": PERSON, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "ORG": ORGANISATION}

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_MONTHS = ("january february march april june july august september october november december"
           " jan feb mar apr jun jul aug sep sept oct nov dec").split()
# "may" is a verb far more often than a month: only "May 12" / "12 May" count.
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?|\bmay(?=\s+\d)|(?<=\d\s)may\b")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
# Numbers as written, with decimal points and record dashes ("5.6", "52-3", "2,000"); a space
# after a decimal point (left by some text extraction: "6. 1") is closed up.
_NUMBER = re.compile(r"\b\d+(?:(?:\.\s?|[,\-])\d+)*\b")

Details = dict[str, list[str]]


def event_details(text: str, names: list[str], typed: list[tuple[str, str]] | None = None) -> Details:
    """Years, weekdays, numbers and multi-word names mentioned in the text (sorted, unique).

    `names` are the article's entity names (NLP entities or capitalised-sequence proxies),
    lower-cased; single words are too ambiguous to tell events apart, so only full names count.
    """
    low = normalise(text)
    years = set(_YEAR.findall(low))
    numbers = set()
    for match in _NUMBER.findall(low):
        value = re.sub(r"\s", "", match).replace(",", "")
        if value not in years and value not in {"0", "1", "2"}:  # "one or two" say nothing
            numbers.add(value)
    months = {(match.group(1) or "may")[:3] for match in _MONTH.finditer(low)}
    found: Details = {
        YEAR: sorted(years),
        MONTH: sorted(months),
        WEEKDAY: sorted(set(_WEEKDAY.findall(low))),
        NUMBER: sorted(numbers),
    }
    if typed:
        for role in (PERSON, PLACE, ORGANISATION):
            found[role] = sorted({name.lower() for name, kind in typed if _ROLE.get(kind) == role})
    else:
        found[NAME] = sorted({name for name in names if len(name.split()) >= 2})
    return found


def agreement(article: Details, counts: dict[str, dict[str, int]], size: int, share: float) -> int:
    """Kinds on which the article agrees with the story minus kinds on which it contradicts it.

    The story is sure about a value when at least `share` of its `size` articles mention it; a
    kind counts only when the article mentions some value of it and the story is sure of some.
    """
    if size <= 0:
        return 0
    total = 0
    for kind in KINDS:
        values = article.get(kind)
        if not values:
            continue
        known = counts.get(kind, {})
        sure = {value for value, count in known.items() if count >= share * size}
        if not sure:
            continue
        total += 1 if sure.intersection(values) else -1
    return total
