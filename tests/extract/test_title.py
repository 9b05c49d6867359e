"""Title cleaning: a glued site name is split off; a title that merely contains a dash is not."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from wirewatch.extract.title import split_site_name


@pytest.mark.parametrize("raw, title, site", [
    ("Starmer urges Putin to prove he is serious about peace by signing a ceasefire in Ukraine – State",
     "Starmer urges Putin to prove he is serious about peace by signing a ceasefire in Ukraine", "State"),
    ("Flood warning issued for the whole valley | The Courier", "Flood warning issued for the whole valley", "The Courier"),
    ("Port reopens after three-day strike - Harbour Times", "Port reopens after three-day strike", "Harbour Times"),
    ("Markets rally as inflation cools — example.com", "Markets rally as inflation cools", "example.com"),
])
def test_site_name_glued_to_the_title_is_split_off(raw, title, site):
    split = split_site_name(raw)
    assert (split.title, split.site_name) == (title, site)


@pytest.mark.parametrize("raw", [
    "Covid-19 cases rise again in care homes",
    "Biden - Putin summit ends",
    "Minister resigns - and then changes her mind",
    "Storm batters coast – thousands without power",
    "Why the ceasefire failed",
])
def test_titles_that_merely_contain_a_dash_stay_whole(raw):
    split = split_site_name(raw)
    assert (split.title, split.site_name) == (raw, None)


def test_known_site_name_is_split_even_when_it_does_not_look_like_one():
    split = split_site_name("Council approves budget | the local paper", site_name="The Local Paper")
    assert (split.title, split.site_name) == ("Council approves budget", "The Local Paper")


def test_known_site_name_in_front_is_split_off():
    split = split_site_name("The Courier | Flood warning issued", site_name="The Courier")
    assert split.title == "Flood warning issued"


def test_known_site_name_keeps_a_title_without_it_whole():
    split = split_site_name("Biden - Putin summit ends", site_name="Harbour Times")
    assert (split.title, split.site_name) == ("Biden - Putin summit ends", "Harbour Times")


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=40)))
def test_splitting_never_crashes_and_keeps_a_title(raw, site_name):
    split = split_site_name(raw, site_name)
    if raw.strip():
        assert split.title.strip()
    if split.site_name is not None and site_name is None:
        assert len(split.site_name) <= len(split.title)


@given(st.lists(st.sampled_from(["Harbour", "Times", "port", "-", "–", "|", "Covid-19", "the", "Strike", "ends"]),
                min_size=1, max_size=12))
def test_split_parts_come_from_the_title(words):
    raw = " ".join(words)
    split = split_site_name(raw)
    assert split.title in raw
    if split.site_name:
        assert raw.endswith(split.site_name)
