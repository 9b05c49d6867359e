"""A quote given as the content of someone's words ("Brandt's answer was that “…”", "after her
remark that “…”", "in Hale's words, “…”") is said by the owner of those words, not by the
sentence's subject; words that are only described, or a clause with its own cue between the
noun and the quote, leave the attribution to the clause.

Through `wirewatch.analyze` with the shipped pipeline, on articles written for these tests.
"""

from __future__ import annotations

import pytest

from quote_attributions import attributions as speakers


@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour vote\n\nThe harbour board met on Monday to discuss the strike.\n\n"
        "Members of the board said Ivo Brandt had refused to meet the union. Ivo Brandt’s answer "
        "was that “the port cannot survive another month of this strike.”\n",
        "Ivo Brandt",
    ),
    (
        "Harbour vote\n\nThe harbour board met on Monday.\n\n"
        "The union lost the vote after Lena Marsh’s remark that “nobody in this hall believes a "
        "word the board says.”\n",
        "Lena Marsh",
    ),
    (
        "School budget\n\nThe school board voted on Tuesday.\n\n"
        "Critics recalled Petra Novak’s promise that “no school in this district will lose a "
        "single teacher.”\n",
        "Petra Novak",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "The ministry closed the clinic, which was, in Grace Whitfield’s words, “the only place "
        "in the valley where a mother could see a doctor.”\n",
        "Grace Whitfield",
    ),
])
def test_the_owner_of_the_words_says_the_quote(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]


@pytest.mark.parametrize("article, speaker, words", [
    (
        "Rail dispute\n\nTrains were cancelled again.\n\n"
        "Sami Hale has run the rail line for a decade and chairs the regional transport board. "
        "The council heard her warning to the regional board: “Without new trains the line will "
        "close by the end of the year.”\n",
        "Sami Hale",
        "her",
    ),
    (
        "Union talks\n\nThe talks resumed on Friday.\n\n"
        "Tom Baker has led the dockers’ union since the spring. Members cheered his comment "
        "that “the port belongs to the people who work in it.”\n",
        "Tom Baker",
        "his",
    ),
])
def test_a_possessive_pronoun_owns_the_words(article, speaker, words):
    assert [(s, w) for _, s, w in speakers(article)] == [(speaker, words)]


@pytest.mark.parametrize("article, speaker", [
    (
        # the owner's words are only the occasion: the clause after them has its own cue
        "Harbour vote\n\nThe harbour board met on Monday.\n\n"
        "Responding to Ivo Brandt’s remarks, Lena Marsh wrote: “The board has had ten years to "
        "buy a crane and has bought nothing.”\n",
        "Lena Marsh",
    ),
    (
        "Rail dispute\n\nTrains were cancelled again.\n\n"
        "Sami Hale dismissed Tom Baker’s comments on Tuesday, telling reporters, “The timetable "
        "was written by people who never take the train.”\n",
        "Sami Hale",
    ),
])
def test_a_cue_between_the_words_and_the_quote_reports_it(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]
