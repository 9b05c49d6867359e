"""The NER readings of an article can be made apart (one model per process) and handed to the
analysis, which then sets them instead of running those models: the result is the same."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirewatch.nlp import load_pipeline
from wirewatch.nlp.analyze import analyze_text, entity_models, entity_reading

ARTICLES = [
    # headings on lines of their own, a dateline, a name across a hard line break, quotes
    "Port strike ends\n\nROTTERDAM (Reuters) – Dock workers returned on Thursday after union leader Petra\n"
    "de Wit and the operators signed a deal in Rotterdam.\n\n"
    "\"This shows a port can be run with its workers,\" de Wit told reporters. Jansen said the strike had "
    "cost 120 million euros.\n\nShipping lines\n\nMaersk and Nordline said schedules would recover.",
    # no paragraph breaks at all: the copy is the text itself
    "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday, the German government said.",
    # a results table with line breaks between capitalised words
    "Soccer results\n\nAjax Amsterdam 2 PSV Eindhoven 1\nFeyenoord 0 Twente 0\nBen Carter\nKenya Airways",
    # non-breaking spaces inside names
    "Keir\u00a0Starmer spoke to Volodymyr\u202fZelenskyy by phone, Downing Street said.",
    "   \n\n  ",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_the_shipped_pipeline_reads_with_two_models(nlp):
    names = entity_models(nlp)
    assert len(names) == 2 and all(nlp.get_pipe(name).__class__.__name__ == "EntityRecognizer" for name in names)


@pytest.mark.parametrize("text", ARTICLES)
def test_analysis_with_readings_made_apart_equals_the_analysis(nlp, text):
    readings = {name: entity_reading(text, nlp=nlp, name=name) for name in entity_models(nlp)}
    assert analyze_text(text, nlp=nlp, readings=readings) == analyze_text(text, nlp=nlp)


_CALLS: list[str] = []


@Language.component("test_counting_ner")
def counting_ner(doc: Doc) -> Doc:
    """A stand-in NER: every capitalised word is a PERSON; it counts its runs."""
    _CALLS.append(doc.text)
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text[:1].isupper()]
    return doc


def test_a_reading_is_set_instead_of_running_its_model():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_counting_ner")
    text = "Anna met Boris.\n\nCarla stayed home."
    # A stand-in component is no EntityRecognizer: name it to read it
    reading = entity_reading(text, nlp=nlp, name="test_counting_ner")
    assert [(start, end, label) for start, end, label in reading] == [(0, 1, "PERSON"), (2, 3, "PERSON"),
                                                                       (4, 5, "PERSON")]
    _CALLS.clear()
    entities, _, _ = analyze_text(text, nlp=nlp, readings={"test_counting_ner": reading[:1]})
    assert _CALLS == []  # not run again
    assert [e.name for e in entities] == ["Anna"]  # the reading given, not a fresh one
