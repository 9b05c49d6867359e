"""The NER reads an article's paragraphs without the blank-line tokens its models never saw."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import wirewatch
from wirewatch.config import Settings

_SEEN: list[list[str]] = []


@Language.component("test_capitalised_runs_ner")
def capitalised_runs_ner(doc: Doc) -> Doc:
    """A stand-in NER: every run of capitalised words is one ORG; it records what it was shown."""
    _SEEN.append([t.text for t in doc])
    ents, start = [], None
    for token in [*doc, None]:
        capitalised = token is not None and token.text[:1].isupper()
        if capitalised and start is None:
            start = token.i
        elif not capitalised and start is not None:
            ents.append(Span(doc, start, token.i if token is not None else len(doc), label="ORG"))
            start = None
    doc.ents = ents
    return doc


@pytest.fixture()
def greedy_settings(tmp_path) -> Settings:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_capitalised_runs_ner")
    nlp.to_disk(tmp_path / "greedy")
    _SEEN.clear()
    return Settings(spacy_model=str(tmp_path / "greedy"))


def mentions(document) -> list[tuple[str, str]]:
    return sorted((m.text, e.type) for e in document.entities for m in e.mentions)


def test_the_ner_never_sees_a_whitespace_token(greedy_settings):
    text = "Harbour workers struck in Rotterdam.\n\nUnion leader Petra de Wit spoke.\n\n\nPort Authority"
    document = wirewatch.analyze(text, title="Strike", content_type="text/plain", settings=greedy_settings)
    assert _SEEN and all(not word.isspace() for words in _SEEN for word in words)
    assert "\n\n" in document.text


def test_a_name_never_runs_across_a_paragraph_break(greedy_settings):
    for text in ("Results\n\nAjax Amsterdam won.", "Ben Carter\n\nKenya Airways flew on.",
                 "Markets\n\nShares in Unilever fell."):
        document = wirewatch.analyze(text, title="News", content_type="text/plain", settings=greedy_settings)
        for entity in document.entities:
            for mention in entity.mentions:
                assert "\n" not in mention.text
                assert document.text[mention.start:mention.end] == mention.text


def test_a_line_without_a_final_stop_ends_before_the_next_line(greedy_settings):
    """The copy the NER reads marks each line break with a stop, so a heading is not glued on."""
    text = "Ben Carter\n\nKenya Airways said on Monday that it would fly to Nairobi again."
    wirewatch.analyze(text, title="News", content_type="text/plain", settings=greedy_settings)
    seen = " ".join(_SEEN[-1])
    assert "Carter . Kenya" in seen
    assert "Nairobi . ." not in seen  # a line that ends a sentence gets no second stop


def test_a_row_of_figures_or_a_dateline_gets_no_stop(greedy_settings):
    """Only two capitalised words can glue across a line break; the models read tables and
    datelines without a stop after each line."""
    text = ("Results on Saturday:\n\nReading 24 Bristol 17\n\nSale 31 Wasps 33\n\nOSLO 2026-11-28\n\n"
            "The match was played in the rain and ended late\n\nFans went home")
    wirewatch.analyze(text, title="News", content_type="text/plain", settings=greedy_settings)
    seen = " ".join(_SEEN[-1])
    assert "17 Sale" in seen and "2026-11-28 The" in seen and "late Fans" in seen


@pytest.mark.parametrize("text, name, label", [
    ("Heineken gained after Goldman Sachs raised its rating.\n\nBen Carter", "Ben Carter", "PERSON"),
    ("Kenya\n\nNairobi police said Odhiambo Otieno had been arrested.", "Kenya", "GPE"),
    ("Ben Carter\n\nKenya", "Kenya", "GPE"),
])
def test_the_shipped_pipeline_reads_a_one_line_paragraph_on_its_own(text, name, label):
    document = wirewatch.analyze(text, title="News", content_type="text/plain")
    assert (name, label) in mentions(document)
