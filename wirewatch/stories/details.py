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
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = [name for name in MONTH_NAMES if name != "may"] + "jan feb mar apr jun jul aug sep sept oct nov dec".split()
# "may" is a verb far more often than a month: only "May 12" / "12 May" count.
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?|\bmay(?=\s+\d)|(?<=\d\s)may\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
# Numbers as written, with decimal points and record dashes ("5.6", "52-3", "2,000"); a space
# after a decimal point (left by some text extraction: "6. 1") is closed up.
_NUMBER = re.compile(r"\b\d+(?:(?:\.\s?|[,\-])\d+)*\b(?:\s+(?P<scale>thousand|million|billion|trillion)s?\b)?")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$")
_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}


def number_readings(raw: str, scale: str | None = None) -> frozenset[str]:
    """Every value a written number can stand for, as plain decimals ("1200", "6.4").

    Copies rewrite numbers: continental formats after machine translation ("1.200" for 1,200,
    "6,4" for 6.4), a space left after a separator by detokenising ("6. 4"), a scale word ("1.2
    million" for 1,200,000). "1,200" and "1.200" are both readings of either form; a comma or
    point before other than three digits is a decimal point. A following `scale` word multiplies.
    Times ("3:12") read as "3.12", so a copy writing 3.12 p.m. states no new number.
    """
    token = re.sub(r"\s", "", raw).replace(":", ".")
    readings = {number_value(token)}
    if _THOUSANDS.match(token) and token.count(",") + token.count(".") == 1:
        # "1,200" / "1.200": thousands in one convention, a decimal in the other.
        readings |= {_plain(re.sub(r"[,.]", "", token)), _plain(token.replace(",", "."))}
    return frozenset(_scaled(value, scale) for value in readings)


def _plain(value: str) -> str:
    """"007" -> "7", "6.40" -> "6.4", "2.0" -> "2": one spelling per value."""
    whole, _, fraction = value.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _scaled(value: str, scale: str | None) -> str:
    if scale not in _SCALES:
        return value
    whole, _, fraction = value.partition(".")
    digits = _SCALES[scale]
    fraction = fraction.ljust(digits, "0")
    return _plain(f"{whole}{fraction[:digits]}.{fraction[digits:]}")


def written_numbers(text: str) -> list[tuple[str, frozenset[str]]]:
    """(value as English writes it, every reading) of each number written in `text` (see
    `number_readings`), with its scale word ("1.2 million") when one follows."""
    found = []
    for match in _NUMBER.finditer(text.lower()):
        raw = _written(match)
        scale = match.group("scale")
        found.append((number_value(raw), number_readings(raw, scale)))
    return found


def _written(match: re.Match) -> str:
    """The number of a `_NUMBER` match without its scale word ("2. 6" of "2. 6 million")."""
    return match.group()[:match.start("scale") - match.start()].rstrip() if match.group("scale") else match.group()


def number_value(raw: str) -> str:
    """The reading of a written number as English news means it ("2,000" -> "2000", "6.40" -> "6.4")."""
    token = re.sub(r"\s", "", raw)
    if "-" in token:
        return token
    separators = re.findall(r"[,.]", token)
    if not separators:
        return _plain(token)
    if "." in separators and "," in separators:  # "1,200.5": the last one is the decimal point
        point = token.rfind(separators[-1])
        return _plain(re.sub(r"[,.]", "", token[:point]) + "." + token[point + 1:])
    if separators.count(".") == 1:
        return _plain(token)
    if _THOUSANDS.match(token):
        return _plain(re.sub(r"[,.]", "", token))
    return _plain(token.replace(",", ".", 1).replace(",", ""))


Details = dict[str, list[str]]


def event_details(text: str, names: list[str], typed: list[tuple[str, str]] | None = None) -> Details:
    """Years, weekdays, numbers and multi-word names mentioned in the text (sorted, unique).

    `names` are the article's entity names (NLP entities or capitalised-sequence proxies),
    lower-cased; single words are too ambiguous to tell events apart, so only full names count.
    """
    low = normalise(text)
    years = set(_YEAR.findall(low))
    numbers = set()
    for match in _NUMBER.finditer(low):
        value = number_value(_written(match))
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
