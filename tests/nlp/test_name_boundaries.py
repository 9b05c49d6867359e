"""Where a name starts and ends through `wirewatch.analyze`: the words the NER reads, and what
of its spans the records keep (a name's own "The" and "'s", lists of people, sentence openers)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import wirewatch
from wirewatch.config import Settings

_SEEN: list[list[str]] = []


@Language.component("test_recording_ner")
def recording_ner(doc: Doc) -> Doc:
    """A stand-in NER that tags nothing and records the tokens it was shown."""
    _SEEN.append([t.text for t in doc])
    return doc


@pytest.fixture()
def recording_settings(tmp_path) -> Settings:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_recording_ner")
    nlp.to_disk(tmp_path / "recording")
    _SEEN.clear()
    return Settings(spacy_model=str(tmp_path / "recording"))


def ruler_settings(tmp_path, patterns: list[dict]) -> Settings:
    """A pipeline whose NER tags exactly `patterns` (token patterns, so the tokenizer decides)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.to_disk(tmp_path / "ruler")
    return Settings(spacy_model=str(tmp_path / "ruler"))


def words(*texts: str) -> list[dict]:
    return [{"TEXT": t} for t in texts]


def mentions(document) -> list[tuple[str, str]]:
    return sorted((m.text, e.type) for e in document.entities for m in e.mentions)


def analyze(text: str, settings: Settings):
    return wirewatch.analyze(text, title="News", content_type="text/plain", settings=settings)


def test_scores_dates_and_lowercase_compounds_reach_the_ner_whole(recording_settings):
    """The NER learnt from text whose scores, dates and compounds are one token each."""
    analyze("PERTH 2026-11-28\n\nWestbury beat Carrow 3-1 in a hard-fought game after a "
            "two-hour delay, and the 19-year-old Tomas Ilves scored twice.", recording_settings)
    seen = _SEEN[-1]
    for whole in ("2026-11-28", "3-1", "hard-fought", "two-hour", "19-year-old"):
        assert whole in seen


def test_a_name_glued_to_a_common_word_is_still_read_apart(recording_settings):
    analyze("The Oslo-based group and a Lagos-born singer met Kim In-so.", recording_settings)
    seen = _SEEN[-1]
    assert "Oslo" in seen and "Lagos" in seen and "In-so" in seen


def test_a_capitalised_the_stays_in_the_name_and_a_lowercase_the_does_not(tmp_path):
    settings = ruler_settings(tmp_path, [
        {"label": "GPE", "pattern": words("The", "Hague")},
        {"label": "ORG", "pattern": words("the", "Harwick", "Council")},
    ])
    document = analyze("Talks moved to The Hague after the Harwick Council voted.", settings)
    assert mentions(document) == [("Harwick Council", "ORG"), ("The Hague", "GPE")]


def test_an_s_that_belongs_to_a_name_stays_and_a_possessive_goes(tmp_path):
    settings = ruler_settings(tmp_path, [
        {"label": "ORG", "pattern": words("Brannigan", "'s")},
        {"label": "ORG", "pattern": words("Velotech", "'s")},
        {"label": "ORG", "pattern": words("Velotech")},
    ])
    text = ("Brannigan's said on Monday that sales rose. Shares in Brannigan's closed higher.\n\n"
            "Velotech's shares fell after Velotech cut its forecast.")
    document = analyze(text, settings)
    assert mentions(document) == [("Brannigan's", "ORG"), ("Brannigan's", "ORG"),
                                  ("Velotech", "ORG"), ("Velotech", "ORG")]


def test_people_listed_one_after_another_stay_apart(tmp_path):
    """A scorecard line: "st" (stumped) before the keeper is no name particle ("St John")."""
    settings = ruler_settings(tmp_path, [
        {"label": "PERSON", "pattern": words("R.", "Baxendale")},
        {"label": "PERSON", "pattern": words("Okonjo")},
        {"label": "PERSON", "pattern": words("Pemberton")},
    ])
    document = analyze("R. Baxendale st Okonjo b Pemberton 41", settings)
    assert mentions(document) == [("Okonjo", "PERSON"), ("Pemberton", "PERSON"),
                                  ("R. Baxendale", "PERSON")]


def test_a_given_name_cut_from_its_particle_and_surname_is_joined(tmp_path):
    settings = ruler_settings(tmp_path, [
        {"label": "PERSON", "pattern": words("Marieke")},
        {"label": "PERSON", "pattern": words("Hoeven")},
    ])
    document = analyze("The board met on Tuesday, and Marieke van der Hoeven told the shareholders "
                       "that the company would appeal against the ruling.", settings)
    assert mentions(document) == [("Marieke van der Hoeven", "PERSON")]


@pytest.mark.parametrize("text", [
    "Residents said the water rose overnight.",
    "The river burst its banks.\n\nWitnesses told reporters the bridge had gone.",
    '"It was terrifying." Neighbours said the family had left.',
    "Shares rose in early trade.\n\nBrokers said the rally would not last.",  # plural of "broker"
    "Gold eased on Thursday, traders said.\n\nTraders said the fall was small.",  # "traders" above
])
def test_a_common_word_opening_a_sentence_before_a_speech_verb_is_nobody(recording_settings, text):
    assert [m for m in mentions(analyze(text, recording_settings)) if m[1] == "PERSON"] == []


def test_a_name_opening_a_sentence_before_a_speech_verb_is_still_a_person(recording_settings):
    document = analyze("Flood waters rose.\n\nHalvorsen said the bridge had gone.", recording_settings)
    assert ("Halvorsen", "PERSON") in mentions(document)


def test_an_abbreviation_ending_a_paragraph_leaves_its_stop_to_the_sentence(tmp_path):
    """"Corp." mid-sentence keeps its stop; at a paragraph's end the stop also ends the sentence."""
    settings = ruler_settings(tmp_path, [
        {"label": "ORG", "pattern": words("Dunmore", "Corp.")},
        {"label": "GPE", "pattern": words("Tulsa", ",", "Okla.")},
    ])
    text = ("The plant was sold to Dunmore Corp.\n\nDunmore Corp. said the deal would close in "
            "spring.\n\nThe company is based in Tulsa, Okla.")
    document = analyze(text, settings)
    assert mentions(document) == [("Dunmore Corp", "ORG"), ("Dunmore Corp.", "ORG"),
                                  ("Tulsa, Okla", "GPE")]


def test_a_month_before_a_day_is_a_date_not_a_name(tmp_path):
    settings = ruler_settings(tmp_path, [
        {"label": "PERSON", "pattern": words("Sept.")},
        {"label": "PERSON", "pattern": words("May")},
    ])
    text = ("The committee meets on Sept. 24 and again on May 14, its chair said. "
            "May said on Friday that the vote would be close.")
    document = analyze(text, settings)
    assert mentions(document) == [("May", "PERSON")]


def test_a_common_word_heading_a_row_of_results_is_still_a_name(tmp_path):
    """A line opening with a common word is a sentence, unless figures follow it on the line."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "ORG", "pattern": words(name)} for name in ("Reading", "Bristol", "Sale", "Wasps", "Part")
    ])
    nlp.add_pipe("wirewatch_entity_propagation")
    nlp.to_disk(tmp_path / "rows")
    settings = Settings(spacy_model=str(tmp_path / "rows"))
    text = ("Rugby union results on Saturday were as follows.\n\nReading 24 Bristol 17\n\n"
            "Sale 31 Wasps 33\n\nPart 1 of 2: the season so far")
    assert [m for m, _ in mentions(analyze(text, settings))] == ["Bristol", "Reading", "Sale", "Wasps"]


def test_a_possessive_written_apart_leaves_no_space_in_the_mention(tmp_path):
    settings = ruler_settings(tmp_path, [{"label": "ORG", "pattern": words("Velotech", "'s")},
                                         {"label": "ORG", "pattern": words("Velotech")}])
    document = analyze("Velotech 's shares fell after Velotech cut its forecast for the year.", settings)
    assert mentions(document) == [("Velotech", "ORG"), ("Velotech", "ORG")]
