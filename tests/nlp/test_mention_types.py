"""Each mention keeps the type the NER read in its context unless the evidence to relabel is strong."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import wirewatch
from wirewatch.config import Settings

# The stand-in NER's readings: (words, type after "in"/"of", type elsewhere)
_READINGS = {
    "Leeds": ("GPE", "ORG"), "Porto": ("GPE", "ORG"), "Milan": ("GPE", "ORG"),
    "Coron": ("GPE", "GPE"),
    "Google": ("MISC", "ORG"), "Zelenskyy": ("ORG", "ORG"), "Volodymyr Zelenskyy": ("PERSON", "PERSON"),
}


@Language.component("test_context_ner")
def context_ner(doc: Doc) -> Doc:
    """Types a name by the words around it, as a context-reading NER does."""
    ents = []
    for name, (after_preposition, elsewhere) in sorted(_READINGS.items(), key=lambda r: -len(r[0])):
        for match in re.finditer(rf"\b{name}\b", doc.text):
            before = doc.text[max(0, match.start() - 3):match.start()]
            label = after_preposition if before in ("in ", "of ") else elsewhere
            if doc.text[match.end():match.end() + 5] == " said":  # a speaker: read as a person
                label = "PERSON"
            span = doc.char_span(match.start(), match.end(), label=label)
            if span is not None and not any(e.start < span.end and span.start < e.end for e in ents):
                ents.append(span)
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


@pytest.fixture()
def settings(tmp_path) -> Settings:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_context_ner")
    nlp.to_disk(tmp_path / "context")
    return Settings(spacy_model=str(tmp_path / "context"))


def typed_mentions(document) -> list[tuple[int, str, str]]:
    return sorted((m.start, m.text, e.type) for e in document.entities for m in e.mentions)


@pytest.mark.parametrize("text, city", [
    ("Leeds beat Chelsea on Saturday and Leeds moved up to fourth. Fans celebrated in Leeds.", "Leeds"),
    ("Porto won again on Sunday. Porto now lead by four points, and the mood in Porto is good.", "Porto"),
    ("Rain fell all day in Milan. Milan still won 2-0, and Milan are top of the league.", "Milan"),
])
def test_a_city_and_its_club_keep_their_own_types(settings, text, city):
    document = wirewatch.analyze(text, title="Sport", content_type="text/plain", settings=settings)
    kinds = {kind for _, word, kind in typed_mentions(document) if word == city}
    assert kinds == {"GPE", "ORG"}
    in_city = text.index(f"in {city}") + 3
    assert (in_city, city, "GPE") in typed_mentions(document)
    assert len({e.type for e in document.entities if e.name == city}) == 2


def test_a_residual_misc_reading_joins_the_names_type(settings):
    text = "Google announced on Monday it would buy the firm. The deal is the biggest of Google this year."
    document = wirewatch.analyze(text, title="Deal", content_type="text/plain", settings=settings)
    [google] = [e for e in document.entities if e.name == "Google"]
    assert google.type == "ORG" and len(google.mentions) == 2


def test_a_full_persons_surname_read_otherwise_stays_with_the_person(settings):
    text = "Volodymyr Zelenskyy spoke on Monday. Zelenskyy said the talks would go on."
    document = wirewatch.analyze(text, title="Talks", content_type="text/plain", settings=settings)
    [person] = document.entities
    assert person.type == "PERSON" and [m.text for m in person.mentions] == ["Volodymyr Zelenskyy", "Zelenskyy"]


def test_a_place_read_once_as_a_person_stays_a_place(settings):
    """"Coron said" (a misreading) does not make the island a person everywhere."""
    text = ("Ferries leave for Coron every morning. In Coron, divers explore wrecks. Tourism in "
            "Coron grew fast. Coron said nothing.")
    document = wirewatch.analyze(text, title="Travel", content_type="text/plain", settings=settings)
    places = [e for e in document.entities if e.type == "GPE"]
    assert places and sum(len(e.mentions) for e in places) >= 3
