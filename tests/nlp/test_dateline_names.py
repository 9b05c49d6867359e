"""The names a wire dateline states are typed by where they stand: the place before the brackets
a place, the agency inside them an organisation, through `wirewatch.analyze` on plain text."""

from __future__ import annotations

import pytest

import wirewatch

LEDE = "Negotiators met again on Tuesday after a week of delays, officials in the city said."


def _types(text: str) -> dict[str, str]:
    document = wirewatch.analyze(text, content_type="text/plain")
    return {mention.text: entity.type for entity in document.entities for mention in entity.mentions}


@pytest.mark.parametrize("dateline, expected", [
    ("HAMBURG (dpa) —", {"HAMBURG": "GPE", "dpa": "ORG"}),
    ("MADRID (EFE) -", {"MADRID": "GPE", "EFE": "ORG"}),
    ("CHICAGO (UPI) --", {"CHICAGO": "GPE", "UPI": "ORG"}),
    ("KYIV, Ukraine (AP) —", {"KYIV": "GPE", "Ukraine": "GPE", "AP": "ORG"}),
    ("SANTA FE, N.M. (AP) —", {"SANTA FE": "GPE", "N.M.": "GPE", "AP": "ORG"}),
    ("ROTTERDAM, Netherlands (AP) —", {"ROTTERDAM": "GPE", "Netherlands": "GPE", "AP": "ORG"}),
])
def test_dateline_place_is_a_place_and_agency_an_organisation(dateline, expected):
    types = _types(f"Talks resume\n\n{dateline} {LEDE}\n")
    assert {name: types.get(name) for name in expected} == expected


def test_dateline_city_is_the_same_place_as_its_later_mentions():
    document = wirewatch.analyze(
        f"Port strike\n\nHAMBURG (dpa) — {LEDE} The port of Hamburg was closed all day.\n",
        content_type="text/plain",
    )
    (city,) = [e for e in document.entities if e.name.lower() == "hamburg"]
    assert city.type == "GPE" and [m.text for m in city.mentions] == ["HAMBURG", "Hamburg"]


@pytest.mark.parametrize("line", [
    "SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.",  # a desk's label before a headline in capitals
    "PRESS DIGEST - Tunisia - Aug 31.",  # a label before a short title line
])
def test_a_label_before_a_headline_is_no_dateline(line):
    types = _types(f"Sports desk\n\n{line}\n{LEDE}\n")
    assert types.get(line.split(" - ")[0]) != "GPE"
