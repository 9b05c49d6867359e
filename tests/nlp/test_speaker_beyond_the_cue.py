"""Quotes whose speaker sits where the cue rules did not look: a title in lower case after the
cue, a reporting clause closing a sentence that runs on past a partial quote, a bare quote
paragraph after a paragraph reporting someone's speech, a pronoun subject before a colon, the
named subject of a pronoun's sentence, inverted attributions with any verb or an aside.

Through `wirewatch.analyze` with the shipped pipeline, on articles written for these tests.
"""

from __future__ import annotations

import pytest

import wirewatch


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in wirewatch.analyze(text, content_type="text/plain").quotes]


# -- "“…,” said veteran negotiator Ivo Brandt": a title in lower case before the name ---------

@pytest.mark.parametrize("article, speaker", [
    (  # the parse reads the title as the speaker; two spaces after the cue, as wire copy has
        "Port talks\n\nThe union met on Tuesday.\n\n\"At the end of the day, it just became a "
        "lot of people competing for the same jobs,\" said  union political organiser Ivo Brandt.\n",
        "Ivo Brandt",
    ),
    (
        "Rail fares\n\nFares rise in January.\n\n"
        "\"Nobody should pay more for a late train,\" said  longtime commuter advocate Lena Marsh, "
        "who has campaigned for refunds.\n",
        "Lena Marsh",
    ),
])
def test_a_title_in_lower_case_between_the_cue_and_the_name(article, speaker):
    assert speakers(article) == [speaker]


# -- "“…” that …, said X." / "… “…” in the first place, X said." ------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Tower vote\n\n\"It seems extremely unlikely\" that the council will approve the tower "
        "this year, said Sami Hale, a planning consultant in the city.\n",
        "Sami Hale",
    ),
    (
        "Harbour plan\n\nThe council \"never had the money to do it properly\" in the first "
        "place, Petra Novak said.\n",
        "Petra Novak",
    ),
])
def test_the_reporting_clause_closing_a_run_on_sentence(article, speaker):
    assert speakers(article) == [speaker]


def test_a_quote_ending_its_sentence_is_not_given_the_next_sentences_aside():
    article = (
        "Harbour plan\n\nIvo Brandt spoke first. The plan \"was never going to work.\" Still, "
        "Petra Novak said, the council would try again.\n"
    )
    assert speakers(article) != ["Petra Novak"]


# -- a bare quote paragraph after a paragraph reporting someone's speech -----------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Clinic\n\nGrace Whitfield ran the clinic for thirty years. Whitfield said on Monday that "
        "the building would be sold in the spring.\n\n"
        "\"We turned nobody away, not once in all those years, and we are proud of it.\"\n",
        "Grace Whitfield",
    ),
    (
        "Strike\n\nThe members voted after midnight. Ivo Brandt argued that the company had "
        "broken every promise it made in the spring.\n\n"
        "“They can keep their bonus; we want the contract they signed.”\n",
        "Ivo Brandt",
    ),
])
def test_a_quote_paragraph_after_reported_speech_is_the_reporters(article, speaker):
    assert speakers(article) == [speaker]


def test_the_reporting_verb_not_a_participle_inside_the_report_hands_the_paragraph_on():
    article = (
        "Port\n\nThe crane broke again on Monday. Ivo Brandt said that for years the managers had "
        "been promising a new one, but none had come.\n\n"
        "\"We have heard it all before, and the dockers are tired of waiting for a crane that "
        "never arrives.\"\n"
    )
    assert speakers(article) == ["Ivo Brandt"]


def test_a_quote_paragraph_after_narration_stays_unattributed():
    article = (
        "Clinic\n\nGrace Whitfield ran the clinic for thirty years. The building will be sold "
        "in the spring.\n\n"
        "\"We turned nobody away, not once in all those years, and we are proud of it.\"\n"
    )
    assert speakers(article) == [None]


# -- "She then turned to the council again: “…”" -----------------------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Budget\n\nPetra Novak presented the figures on Tuesday. She then turned to the council "
        "again: \"Here is what I regret. Nobody read the report before voting on it.\"\n",
        "Petra Novak",
    ),
    (
        "Budget\n\nLena Marsh lost the vote. But back in her office, she returned to her familiar "
        "theme: \"The city cannot keep borrowing to pay for last year's roads.\"\n",
        "Lena Marsh",
    ),
])
def test_a_pronoun_subject_before_a_colon_is_the_speaker(article, speaker):
    assert speakers(article) == [speaker]


# -- "X condemned what she called “…”": the speaker is named before the reported clause ------

def speaker_words(text: str) -> list[str | None]:
    document = wirewatch.analyze(text, content_type="text/plain")
    return [q.speaker_mention.text if q.speaker_mention else None for q in document.quotes]


@pytest.mark.parametrize("article, words", [
    (
        "Harbour\n\nThe council voted on Tuesday. Petra Novak condemned what she called a "
        "\"reckless and dangerous plan for the whole harbour.\"\n",
        "Petra Novak",
    ),
    (
        "Harbour\n\nThe council voted on Tuesday. Sami Hale, the harbour master, rejected what "
        "he described as \"a plan drawn up by people who have never worked a ship.\"\n",
        "Sami Hale",
    ),
])
def test_the_subject_named_before_a_pronouns_clause_is_the_speaker(article, words):
    assert speaker_words(article) == [words]


def test_a_name_inside_a_subordinate_clause_is_not_the_pronouns_speaker():
    article = (
        "Rail\n\nFares rise in January. If Lena Marsh is elected, he said, \"the fares will go up "
        "again next year and nobody will stop it.\"\n"
    )
    assert speaker_words(article) == ["he"]


# -- inverted attributions: "“…,” agrees X." / "Said X, who …, “…”" ----------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Market\n\nThe stalls reopened on Saturday.\n\n\"We never thought we would see this square "
        "full again,\" agrees Lena Marsh.\n",
        "Lena Marsh",
    ),
    (
        "Market\n\nThe stalls reopened on Saturday. Said Lena Marsh, who has run a fruit stall "
        "there for twenty years, \"We never thought we would see this square full again.\"\n",
        "Lena Marsh",
    ),
])
def test_an_inverted_verb_or_cue_before_the_name(article, speaker):
    assert speakers(article) == [speaker]


def test_a_digest_item_names_its_speaker_after_a_dash():
    article = (
        "Morning digest\n\n"
        "FARES RISE AGAIN, BUT RIDERSHIP HOLDS - Lena Marsh: \"Passengers grumble, but they keep "
        "taking the train because nothing else gets them to work on time.\" [Harbour Gazette]\n"
    )
    assert speakers(article) == ["Lena Marsh"]
