"""Datelines are read into place and agency; the paragraph itself is left as written."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from wirewatch.document import Dateline
from wirewatch.extract.dateline import find_dateline, strip_dateline


@pytest.mark.parametrize("paragraph, place, agency", [
    ("LONDON (AP) – British Prime Minister Keir Starmer on Saturday urged", "LONDON", "AP"),
    ("ROTTERDAM – The port said on Monday it would reopen", "ROTTERDAM", None),
    ("WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday", "WASHINGTON", "Reuters"),
    ("KYIV, Ukraine (AP) — Russia launched a wave of drones overnight", "KYIV, Ukraine", "AP"),
    ("NEW YORK, Nov 18 (Reuters) - Stocks fell on Monday as", "NEW YORK", "Reuters"),
    ("PARIS (AFP) Le président a annoncé lundi", "PARIS", "AFP"),
])
def test_dateline_forms_are_parsed(paragraph, place, agency):
    found = find_dateline(paragraph)
    assert found is not None
    assert found.dateline == Dateline(place=place, agency=agency)
    assert not paragraph[found.end:].startswith((" ", "–", "-", "—"))


@pytest.mark.parametrize("paragraph", [
    "Biden - Putin summit ends with no deal",
    "NATO - the alliance said on Monday it would",
    "The LONDON (AP) – report said",
    "British Prime Minister Keir Starmer on Saturday urged Putin",
    "LONDON –",
])
def test_paragraphs_without_a_dateline_give_none(paragraph):
    assert find_dateline(paragraph) is None


def test_strip_dateline_leaves_the_sentence():
    assert strip_dateline("LONDON (AP) – Starmer urges Putin to sign") == "Starmer urges Putin to sign"


@given(st.text(max_size=300))
def test_dateline_reading_never_crashes_and_stays_inside_the_paragraph(paragraph):
    found = find_dateline(paragraph)
    if found is not None:
        assert 0 < found.end <= len(paragraph)
        assert found.dateline.place.strip()
        assert paragraph.lstrip().startswith(found.dateline.place.split(",")[0])
