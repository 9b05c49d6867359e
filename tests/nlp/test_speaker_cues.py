"""Attributions the cue-verb list does not name, quotes inside quotes of the other style, and
speaker words that cannot name anyone.

Through `wirewatch.analyze` with the shipped pipeline, on articles written for these tests.
"""

from __future__ import annotations

import pytest

from quote_attributions import attributions


# -- “…,” Speaker verb: after a comma hand-over any verb attributes ---------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour strike ends\n\n"
        "The dockers returned to work on Monday after a week of talks.\n\n"
        "“We got most of what we asked for, and the rest can wait,” Ivo Brandt concludes.\n",
        "Ivo Brandt",
    ),
    (
        "Budget row\n\n"
        "Petra Novak, the council's treasurer, presented the figures on Tuesday.\n\n"
        "“The numbers do not add up for the second year running,” she points out.\n",
        "Petra Novak",
    ),
    (
        "Summit ends in acrimony\n\n"
        "The two delegations left the hall without a joint statement.\n\n"
        "“Our country will never accept a deal written somewhere else,” an angry Sami Hale "
        "retaliated.\n",
        "Sami Hale",
    ),
    (
        "Rail fares\n\n"
        "Fares will rise by four percent in January.\n\n"
        "“Passengers are paying more for trains that run late every day,” Lena Marsh sighed "
        "on Friday.\n",
        "Lena Marsh",
    ),
])
def test_any_verb_after_a_comma_closed_quote_attributes_it(article, speaker):
    assert [s for _, s, _ in attributions(article)] == [speaker]


def test_a_speaker_glued_to_the_closing_comma_is_still_the_speaker():
    article = (
        "Clinic closes\n\n"
        "Grace Whitfield ran the clinic for thirty years.\n\n"
        "“We turned nobody away, not once in all those years,”she said.\n"
    )
    assert [s for _, s, _ in attributions(article)] == ["Grace Whitfield"]


# -- a curly quote inside a straight one ----------------------------------------------------

def test_a_curly_quote_nested_in_a_straight_quote_stays_inside_it():
    article = (
        "Trade charter\n\n"
        "Petra Novak spoke to the chamber on Monday.\n\n"
        "\"The charter is no longer about “free trade” at all. It is about control of the "
        "ports,\" said Petra Novak.\n"
    )
    found = attributions(article)
    assert found == [("The charter is", "Petra Novak", "Petra Novak")]


def test_the_quote_after_a_colon_paragraph_keeps_its_nested_quote():
    article = (
        "Port row\n\n"
        "Ivo Brandt told the union meeting:\n\n"
        "\"They call it “modernisation” but it means fewer jobs and longer shifts for all of "
        "us.\"\n"
    )
    found = attributions(article)
    assert [(q, s) for q, s, _ in found] == [("They call it", "Ivo Brandt")]


# -- partial quotes without a cue verb: the subject of the verb above the quote -------------

@pytest.mark.parametrize("article, words", [
    (
        "Gun law\n\n"
        "Lena Marsh thanked the governor for “stepping up and taking action when the "
        "legislature would not.”\n",
        "Lena Marsh",
    ),
    (
        "Harbour plan\n\n"
        "Ivo Brandt has led the dockers' union since 2019. He is branding the plan “a blatant "
        "giveaway to the shipping companies and nobody else.”\n",
        "He",
    ),
    (
        "Council vote\n\n"
        "Sami Hale has long opposed the tower. Hale pondered whether the council would ever "
        "“listen to the people who actually live in this street.”\n",
        "Hale",
    ),
])
def test_a_partial_quote_without_a_cue_verb_goes_to_the_subject(article, words):
    assert [w for _, _, w in attributions(article)] == [words]


def test_a_short_partial_quote_without_a_cue_verb_is_not_made_speech():
    article = "Harbour plan\n\nIvo Brandt thanked the dockers for their “quiet patience”.\n"
    assert attributions(article) == []


# -- speaker words that name nobody -----------------------------------------------------------

@pytest.mark.parametrize("article, speaker", [
    (  # what follows a participle is what was said, not who said it
        "Port plan\n\n"
        "Sami Hale praised the plan on Tuesday as “good for the whole harbour,” adding the city "
        "deserved “a port that works for everyone who lives and works here.”\n",
        "Sami Hale",
    ),
    (
        "Rail plan\n\n"
        "Lena Marsh defended the timetable as “the best we could do,” saying the old line had "
        "been “neglected for thirty years by every government in turn.”\n",
        "Lena Marsh",
    ),
    (
        "Harbour values\n\n"
        "Ivo Brandt has delivered an impassioned defence of “harbour values,” saying the port "
        "embodied the “grit, patience and soul of this whole city and its people.”\n",
        "Ivo Brandt",
    ),
])
def test_clause_fragments_after_a_participle_are_not_speakers(article, speaker):
    found = attributions(article)
    assert found and all(words is None or speaker.endswith(words) for _, _, words in found), found


@pytest.mark.parametrize("article, speaker", [
    (
        "Tower vote\n\n"
        "Sami Hale chairs the harbour council. Hale later Thursday told the local radio "
        "station: “Both the council and the port are meeting next week to talk about these "
        "things.”\n",
        "Sami Hale",
    ),
    (
        "Rail strike\n\n"
        "Petra Novak leads the drivers. Novak last month told members: “Nobody goes back to "
        "work until the company puts a real offer on the table.”\n",
        "Petra Novak",
    ),
])
def test_a_time_between_the_subject_and_the_cue_is_not_the_speaker(article, speaker):
    assert [s for _, s, _ in attributions(article)] == [speaker]
