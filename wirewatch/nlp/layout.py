"""The NER pass over an article without the layout whitespace its models never saw.

An article's `text` separates paragraphs with blank lines, and spaCy's tokenizer turns every run
of extra whitespace ("\\n\\n", a double space) into a token of its own. The NER models were
trained on CoNLL-2003 and GUM documents, whose sentences follow each other with single spaces:
a "\\n\\n" token is a word they never saw, and it sits in the context window of the names next to
it (CoNLL-2003 dev through `analyze`, one paragraph a sentence: 0.946 F1 with those tokens in the
text). So the statistical components run on a copy of the document without whitespace tokens,
and their entities are written back onto the tokens of the real text, where offsets index into
`text` exactly as before.

A line break still ends what came before it: a heading or a name on a line of its own has no
final stop, and glued to the next line the models read "Ben Carter Kenya" as one person. The copy
therefore puts a full stop, the boundary the models know, at a line break between two
capitalised words, and no name runs across a line break. Elsewhere it adds nothing: a row of
figures, a dateline ("MILAN 1996-08-30") or a line ending in a lower-case word cannot glue two
names together, and the models learnt results tables and datelines without stops after each line
(a stop there made the team opening each row of a table a place: CoNLL-2003 dev through
`analyze` with an NER trained on CoNLL train only 0.860 -> 0.866 F1; GUM dev 0.615 -> 0.617).

The document-level propagation component runs on the real text after that, since it reads line
starts and headings from the layout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .propagation import COMPONENT_NAME as PROPAGATION

# What ends a sentence already, so a line break after it needs no full stop.
_CLOSED = frozenset({".", "!", "?", ":", ";", "…", "...", '"', "”", "’", "'", ")", "]"})
_BOUNDARY = "."


# A statistical NER's reading of the compact copy: (start, end, label) in the copy's tokens.
Reading = list[tuple[int, int, str]]


def compact_copy(doc: Doc) -> tuple[list[str], list[bool], list[int | None]]:
    """The words and spaces of `doc` without its whitespace tokens (a full stop where a line break
    parts two capitalised words), and the real token behind each word of the copy (None for
    such a stop)."""
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[int | None] = []
    for token in doc:
        if token.is_space:
            if words:
                spaces[-1] = True
                if "\n" in token.text and origin[-1] is not None and _names_meet(words[-1], doc, token.i):
                    words.append(_BOUNDARY)
                    spaces.append(True)
                    origin.append(None)
            continue
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        origin.append(token.i)
    return words, spaces, origin


def statistical_reading(nlp: Language, text: str, name: str) -> Reading:
    """What the statistical NER `name` alone reads in `text` (on the compact copy, from a clean
    slate, as `run_entity_pass` runs it): the part of the pass that can run in another process
    while this one runs the other NER (runtime/pushes.py)."""
    words, spaces, _ = compact_copy(nlp.make_doc(text))
    if not words:
        return []
    doc = nlp.get_pipe(name)(Doc(nlp.vocab, words=words, spaces=spaces))
    return [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def run_entity_pass(nlp: Language, text: str, disabled: Sequence[str] = (),
                    readings: Mapping[str, Reading] | None = None) -> Doc:
    """`nlp` (less `disabled`) over `text`, its statistical components blind to layout whitespace.

    `readings` holds what some statistical NERs read, worked out elsewhere (`statistical_reading`):
    those are set instead of run, with the same result."""
    doc = nlp.make_doc(text)
    enabled = [(name, component) for name, component in nlp.pipeline if name not in disabled]
    words, spaces, origin = compact_copy(doc)
    if not words or not any(token.is_space for token in doc):
        return _run(doc, enabled, readings)
    compact = _run(Doc(nlp.vocab, words=words, spaces=spaces),
                   [(name, c) for name, c in enabled if name != PROPAGATION], readings)
    doc.ents = _on_real_tokens(doc, origin, compact.ents)
    return _run(doc, [(name, c) for name, c in enabled if name == PROPAGATION])


def _names_meet(last: str, doc: Doc, space: int) -> bool:
    """Whether the line ending in `last` and the line after the whitespace token `space` meet
    at two capitalised words (and no stop already parts them)."""
    if last in _CLOSED or not last[:1].isupper():
        return False
    following = next((t for t in doc[space + 1:] if not t.is_space), None)
    return following is not None and following.text[:1].isupper()


def _run(doc: Doc, components: list[tuple[str, object]], readings: Mapping[str, Reading] | None = None) -> Doc:
    for name, component in components:
        if readings is not None and name in readings:
            # What running the NER on a clean slate sets: its entities, every other token outside.
            doc.set_ents([Span(doc, start, end, label=label) for start, end, label in readings[name]],
                         default="outside")
        else:
            doc = component(doc)
    return doc


def _on_real_tokens(doc: Doc, origin: list[int | None], entities: Sequence[Span]) -> list[Span]:
    """The copy's entities on `doc`'s tokens, cut at line breaks."""
    spans: list[Span] = []
    for ent in entities:
        run: list[int] = []
        for k in range(ent.start, ent.end + 1):
            real = origin[k] if k < ent.end else None
            if real is not None and (not run or not _line_break(doc, run[-1] + 1, real)):
                run.append(real)
                continue
            if run:
                spans.append(Span(doc, run[0], run[-1] + 1, label=ent.label_, kb_id=ent.kb_id))
            run = [real] if real is not None else []
    return spans


def _line_break(doc: Doc, start: int, end: int) -> bool:
    """Whether the whitespace tokens [start, end) of `doc` break a line ("New  York" does not)."""
    return any("\n" in doc[i].text for i in range(start, end))
