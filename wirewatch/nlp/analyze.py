"""One article's text -> entities, quotes and quality: the NLP stage of the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import spacy
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from wirewatch.document import Dateline, Entity, Quality, Quote
from wirewatch.errors import InputError

from .dateline_names import with_dateline_names
from .entities import collect_name_spans
from .layout import Reading, run_entity_pass, statistical_reading
from .quality import assess_quality
from .quotes import find_quotes
from .resolve import resolve

# Components the analysis never reads; disabled so they cost nothing.
UNUSED_COMPONENTS = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker", "coref")
# Syntax components: the dependency parse only helps attribute quotes, and parsing a whole article
# costs about as much again as the rest of the pipeline, so the main pass skips them and the
# quote attribution parses just the sentences around quotes it cannot attribute by rule.
SYNTAX_COMPONENTS = ("tagger", "morphologizer", "attribute_ruler", "senter", "parser")


def plan_pipeline(nlp: spacy.Language) -> tuple[list[str], list[str]]:
    """(components the main pass disables, components that parse a stretch of text, in order).

    The second list is empty when the pipeline has no dependency parser. A tok2vec that only the
    syntax components listen to is moved to the parse; one the NER shares stays in both.
    """
    names = nlp.pipe_names
    disabled = {name for name in UNUSED_COMPONENTS if name in names}
    if "parser" not in names:
        return sorted(disabled), []
    disabled.update(name for name in SYNTAX_COMPONENTS if name in names)
    parse_with = []
    for name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", None)
        if listeners is None:
            continue
        if "parser" in listeners:
            parse_with.append(name)
        if all(listener in disabled for listener in listeners):
            disabled.add(name)
    return sorted(disabled), [*parse_with, "parser"]


def _parser(nlp: spacy.Language, doc: Doc, components: list[str]) -> Callable[[int, int], Doc]:
    """A function parsing the stretch [start, end) of `doc`'s text on its own.

    The stretch reuses `doc`'s tokens (tokenizing again costs as much as the parse); token
    offsets in the result are relative to `start`.
    """

    def parse(start: int, end: int) -> Doc:
        stretch = doc.char_span(start, end, alignment_mode="expand")
        if stretch is None or stretch.start_char != start:
            part = nlp.make_doc(doc.text[start:end])
        else:
            part = stretch.as_doc()
        for name in components:
            part = nlp.get_pipe(name)(part)
        return part

    return parse


def entity_models(nlp: spacy.Language) -> list[str]:
    """The statistical NERs the entity pass runs: each reads the text on its own (the rules after
    them combine their readings), so each can be read in a process of its own (`entity_reading`)."""
    disabled, _ = plan_pipeline(nlp)
    return [name for name, component in nlp.pipeline
            if name not in disabled and isinstance(component, EntityRecognizer)]


def _plain_spaces(text: str) -> str:
    # Rules match plain spaces; a no-break space is one character too, so offsets stay valid.
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _readable(text: str) -> str | None:
    """`text` as the analysis reads it (plain spaces), None when it holds nothing to read.
    InputError for a value that is no string."""
    if not isinstance(text, str):
        raise InputError(f"text to analyse must be a string, not {type(text).__name__}")
    return _plain_spaces(text) if text.strip() else None


def entity_reading(text: str, *, nlp: spacy.Language, name: str) -> Reading:
    """What the NER `name` (one of `entity_models`) reads in `text`, for `analyze_text(readings=)`."""
    readable = _readable(text)
    return [] if readable is None else statistical_reading(nlp, readable, name)


def analyze_text(text: str, *, nlp: spacy.Language, readings: Mapping[str, Reading] | None = None,
                 dateline: Dateline | None = None) -> tuple[list[Entity], list[Quote], Quality]:
    """Entities (resolved across spellings), quotes with speakers and the MT-quality verdict.

    Offsets in the records index into `text`. With a dependency parser in `nlp` quotes are
    attributed through the subject of their cue verb; without one by rules on the text alone.
    `readings` are NER readings of this same text already made (`entity_reading`); the result is
    the same as without them. `dateline`, the one extraction read, types the names it states
    where it opens the text.
    """
    readable = _readable(text)
    if readable is None:
        return [], [], Quality()
    text = readable
    disabled, parse_with = plan_pipeline(nlp)
    doc = run_entity_pass(nlp, text, disabled, readings)
    resolution = resolve(text, with_dateline_names(text, dateline, collect_name_spans(doc)))
    parse = _parser(nlp, doc, parse_with) if parse_with else None
    quotes = find_quotes(text, resolution, parse=parse)
    quality = assess_quality(text, resolution)
    return resolution.entities, quotes, quality
