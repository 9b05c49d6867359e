"""Name spans: NER output cleaned, and person names recovered where the NER saw none."""

from __future__ import annotations

import spacy

from wirewatch.nlp.entities import clean_span, collect_name_spans


def spans_of(text: str, persons=()):
    nlp = spacy.blank("en")
    if persons:
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": p} for p in persons])
    return collect_name_spans(nlp(text))


def test_title_is_moved_out_of_the_name():
    [span] = spans_of("President Vladimir Putin spoke.", persons=["President Vladimir Putin"])
    assert (span.text, span.title) == ("Vladimir Putin", "President")


def test_title_before_the_name_is_recorded():
    [span] = spans_of("British Prime Minister Keir Starmer spoke.", persons=["Keir Starmer"])
    assert (span.text, span.title) == ("Keir Starmer", "Prime Minister")


def test_possessive_and_quote_marks_are_trimmed():
    text = "“Zelenskyy’s plan"
    assert text[slice(*clean_span(text, 0, len("“Zelenskyy’s")))] == "Zelenskyy"


def test_name_next_to_a_speech_verb_is_recovered():
    spans = spans_of("“Prices will rise,” said Maria Lindqvist, an analyst.")
    assert [(s.text, s.label, s.recovered) for s in spans] == [("Maria Lindqvist", "PERSON", True)]


def test_name_after_a_title_is_recovered():
    spans = spans_of("The talks were hosted by Chancellor Olaf Scholz in Berlin.")
    assert [s.text for s in spans] == ["Olaf Scholz"]


def test_sentence_starters_are_not_recovered_as_names():
    assert spans_of("But he said no. They said yes. Officials said more.") == []


def test_recovery_never_overlaps_the_ner():
    spans = spans_of("Jan Hoekstra said it was over.", persons=["Jan Hoekstra"])
    assert [(s.text, s.recovered) for s in spans] == [("Jan Hoekstra", False)]


def test_an_inverted_cue_is_not_part_of_the_name():
    """"Said Ellis:" came out as a person called "Said Ellis"; "Said" as a real name stays."""
    [span] = spans_of("Said Ellis: “We will not back down.”", persons=["Said Ellis"])
    assert span.text == "Ellis"
    [span] = spans_of("Added Maria Lindqvist, “Prices will rise.”", persons=["Added Maria Lindqvist"])
    assert span.text == "Maria Lindqvist"
    [span] = spans_of("Said Jalili said the talks were over.", persons=["Said Jalili"])
    assert span.text == "Said Jalili"


def orgs_of(text: str, names: list[str]):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": n} for n in names])
    return [s.text for s in collect_name_spans(nlp(text))]


def test_an_abbreviation_ending_a_name_keeps_its_full_stop():
    assert orgs_of("Shares in Acme Corp. rose on Monday.", ["Acme Corp."]) == ["Acme Corp."]
    assert orgs_of("The deal with Boatmen's Bancshares Inc. was signed.",
                   ["Boatmen's Bancshares Inc."]) == ["Boatmen's Bancshares Inc."]
    assert orgs_of("It was bought by Harbour Bros. last year.", ["Harbour Bros."]) == ["Harbour Bros."]


def test_a_sentence_full_stop_after_a_name_is_not_part_of_it():
    assert orgs_of("The order went to Airbus.", ["Airbus."]) == ["Airbus"]
    assert orgs_of("He joined Siemens.", ["Siemens"]) == ["Siemens"]
