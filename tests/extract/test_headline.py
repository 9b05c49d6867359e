"""Untitled articles: a one-sentence record is stored, and its headline is its first sentence cut
at a clause (at most ~14 words, whole words, "…" only when cut inside a clause)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from wirewatch.document import SourceItem
from wirewatch.extract import extract


def untitled(text: str, content_type: str = "text/plain"):
    return extract(SourceItem(content=text, content_type=content_type, origin="record"))


@pytest.mark.parametrize("text, headline", [
    ("The council voted 7-2 to approve the new bus lanes.", "The council voted 7-2 to approve the new bus lanes"),
    ("Flood warning lifted for the Tamar valley", "Flood warning lifted for the Tamar valley"),
    ("Two people were hurt when a delivery van left the road near Alder Bridge early on Sunday morning.",
     "Two people were hurt"),
])
def test_a_one_sentence_record_without_a_title_is_an_article(text, headline):
    result = untitled(text)
    assert (result.title, result.text) == (headline, text)


def test_a_one_sentence_html_record_without_a_title_is_an_article():
    result = untitled("<html><body><p>The council voted 7-2 to approve the new bus lanes.</p></body></html>",
                      "text/html")
    assert result.title == "The council voted 7-2 to approve the new bus lanes"
    assert "bus lanes" in result.text


@pytest.mark.parametrize("text, headline", [
    # A subordinate clause after the main one: cut where it opens.
    ("Shares in Northwind Energy rose 12 percent in early trading in London after the company "
     "reported record quarterly profits and raised its dividend.",
     "Shares in Northwind Energy rose 12 percent in early trading in London"),
    # A "that" clause interrupted by a "which" aside: the cut goes back to where "that" opened,
    # not to the comma that would leave "that the northern pier" without its verb.
    ("The harbour authority in Port Ellis said on Tuesday that the northern pier, which was damaged "
     "by a storm last week, would stay closed until the end of the month.",
     "The harbour authority in Port Ellis said on Tuesday"),
    # An aside between dashes is never left open.
    ("Residents of the coastal town of Port Ellis — many of them fishermen whose boats were damaged — "
     "gathered outside the town hall on Tuesday evening to demand compensation.",
     "Residents of the coastal town of Port Ellis"),
    # A semicolon ends a clause; a slightly long clause beats a cut inside one.
    ("The regional water company has warned customers across three counties to boil their tap water; "
     "the advice is expected to stay in place for several days.",
     "The regional water company has warned customers across three counties to boil their tap water"),
    # Abbreviations and initials do not end the first sentence; an apposition stays whole.
    ("Mr. Hale, the harbour master, said the pier would reopen next week once inspectors had signed "
     "off on the repairs to its pilings.",
     "Mr. Hale, the harbour master, said the pier would reopen next week"),
    # A cut never keeps a two-word stub after a comma: the clause ends at the comma.
    ("Ferry services between Lindholm and the mainland resumed on Friday, two days after a storm "
     "closed the harbour at Sandvik.",
     "Ferry services between Lindholm and the mainland resumed on Friday"),
    # Only the first sentence is used; a question keeps its mark.
    ("Is the ceasefire holding? Diplomats in Geneva were cautious on Friday.", "Is the ceasefire holding?"),
    ("Two people were hurt. Police closed the road for three hours.", "Two people were hurt"),
    # The dateline is not part of the headline.
    ("KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy on Monday urged Western allies to "
     "tighten sanctions on Russia as the Kremlin weighed a U.S.-backed ceasefire proposal.",
     "Ukrainian President Volodymyr Zelenskyy on Monday urged Western allies to tighten sanctions on Russia"),
])
def test_the_headline_is_the_first_sentence_cut_at_a_clause(text, headline):
    assert untitled(text).title == headline


def test_a_sentence_with_no_clause_boundary_is_cut_between_words_with_an_ellipsis():
    text = ("U.S. Treasury Secretary Janet Ellis told reporters in Washington on Friday the government "
            "expects inflation to fall below three percent by the end of next year.")
    title = untitled(text).title
    assert title.endswith(" …")
    words = title.removesuffix(" …").split()
    assert len(words) <= 14 and text.startswith(" ".join(words))
    # It does not end on a word that leaves the phrase hanging ("... for the").
    assert words[-1].lower() not in {"the", "a", "of", "to", "for"}


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=1, max_size=60))
def test_a_derived_headline_is_short_and_made_of_whole_words_of_the_sentence(words):
    sentence = "Xy " + " ".join(words) + "."
    title = untitled(sentence).title
    kept = title.removesuffix(" …").split()
    assert 1 <= len(kept) <= 16
    assert sentence.split()[: len(kept)] == kept or " ".join(kept) == sentence.removesuffix(".")
