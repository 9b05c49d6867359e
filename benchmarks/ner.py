"""NER accuracy through `wirewatch.analyze` (what users get) on CoNLL-2003, CoNLL++ and WikiGold.

    python benchmarks/ner.py [--dev] [--model NAME_OR_PATH] [--datasets DIR] [--limit N]

The figure that counts is the product path: every gold document is rebuilt as the raw text of an
article and given to `wirewatch.analyze`, and the mentions of the entities it returns are scored
against the gold names. The same pipeline on the gold tokenisation (one spaCy Doc per document,
no extraction, no language detection, no resolution) is printed as a second row, and the ratio
of the two is the baseline comparison (measured in the same run).

How a gold document becomes an article's text:
  - each gold sentence is one paragraph, paragraphs are separated by a blank line (Reuters
    stories put nearly every sentence in a paragraph of its own; results tables one row a line);
  - the tokens of a sentence are joined the way text is written, not with a space between every
    token: no space before , . ; : ! ? ) ] % 's n't ..., none after ( [ $, straight double
    quotes alternately open and close. UNER (English Web Treebank) keeps its own sentence text;
    GUM its own spacing;
  - the document is given to `analyze` as plain text with an explicit title ("<dataset>
    document <n>"), so its first line (a CoNLL headline) stays in the body and is scored like any
    other sentence: nothing of the gold text is turned into a title.
A returned mention is matched to the gold when its character offsets, mapped back through the
returned `text` (extraction may drop a paragraph as boilerplate), start at a gold token's start
and end at a gold token's end, and its type agrees: the mention's own `type` when the record
gives one, else its entity's. A document whose language is not detected as English gets no
entities; the number of such documents is printed.

Scores are entity-level exact match (like conlleval), micro-averaged over PER, LOC and ORG
(MISC is reported apart). Label mapping, prediction -> CoNLL type:
    PERSON -> PER        ORG -> ORG          GPE, LOC, FAC -> LOC
    NORP, EVENT, MISC, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC
    anything else (DATE, MONEY, CARDINAL, ROLE, ...) -> ignored

The propagation component's name-word lists (`keywords`: "Records", "FC", "Lake" ... in a
"person") were written after looking at WikiGold's errors, so WikiGold is also scored with them
off ("no lists" row), and its target verdict rests on that figure.

`--dev` scores the development sets instead (CoNLL-2003 dev, UNER English EWT dev, GUM dev):
those are what changes are tuned on; the default test sets are only for reporting.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from training.convert import iob_spans, read_conll, read_iob2, spacing_from_text  # noqa: E402
from wirewatch.config import Settings  # noqa: E402
from wirewatch.nlp.pipeline import load_pipeline  # noqa: E402
from wirewatch.nlp.propagation import COMPONENT_NAME  # noqa: E402
from wirewatch.pipeline import analyze  # noqa: E402

TO_CONLL = {
    "PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "MISC": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}
SCORED = ("PER", "LOC", "ORG")
SYNTAX = ("tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
TARGET = {"conll2003-test": 0.86, "conll++-test": 0.87, "wikigold": 0.62}
WITHOUT_LISTS = ("wikigold",)  # datasets whose errors the name-word lists were written from

Span = tuple[int, int, int, str]  # document number, start token, end token, CoNLL type


@dataclass
class GoldDocument:
    """One gold document: its tokens (with the text between them) and its names."""

    words: list[str]
    spaces: list[str]  # what follows each word inside its sentence ("" or " ")
    sentence_starts: list[int]  # index of each sentence's first word
    spans: list[tuple[int, int, str]]  # start, end token, CoNLL type
    unknown: set[int] = field(default_factory=set)  # tokens whose gold type is not given (GUM)


# ---- reading the datasets -------------------------------------------------------------------

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T",
                    "'re", "'ve", "'ll", "'d", "'m", "...", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#"}


def written_spacing(words: list[str]) -> list[str]:
    """The space after each token of a tokenised sentence, as the sentence would be written."""
    spaces = [" "] * len(words)
    quote_open = False
    for i, word in enumerate(words):
        if word == '"':
            if quote_open:  # closing quote: glued to the word before it
                if i > 0:
                    spaces[i - 1] = ""
            else:
                spaces[i] = ""
            quote_open = not quote_open
        elif word in _NO_SPACE_BEFORE and i > 0:
            spaces[i - 1] = ""
        if word in _NO_SPACE_AFTER:
            spaces[i] = ""
    if spaces:
        spaces[-1] = ""
    return spaces


def conll_documents(path: Path) -> list[GoldDocument]:
    documents = []
    for document in read_conll(path):
        words, spaces, starts, tags = [], [], [], []
        for sentence in document.sentences:
            starts.append(len(words))
            sentence_words = [w for w, _ in sentence]
            words.extend(sentence_words)
            spaces.extend(written_spacing(sentence_words))
            tags.extend(t for _, t in sentence)
        documents.append(GoldDocument(words, spaces, starts, iob_spans(tags)))
    return documents


def uner_documents(path: Path) -> list[GoldDocument]:
    """UNER English EWT (iob2): documents by `# newdoc`, spacing from each sentence's `# text`."""
    documents: list[GoldDocument] = []
    for sentences in read_iob2(path):
        current = GoldDocument([], [], [], [])
        for sentence in sentences:
            offset = len(current.words)
            current.sentence_starts.append(offset)
            current.words.extend(sentence.words)
            current.spaces.extend(_spacing_from_text(sentence.text, sentence.words))
            current.spans.extend((offset + s, offset + e, t) for s, e, t in iob_spans(sentence.tags))
        documents.append(current)
    return documents


def _spacing_from_text(text: str, words: list[str]) -> list[str]:
    """The space after each word, read from the sentence's own text (one space when unclear)."""
    spaces = [" " if space else "" for space in spacing_from_text(text, words)]
    if spaces:
        spaces[-1] = ""
    return spaces


def gum_documents(datasets: Path) -> list[GoldDocument]:
    """GUM dev with its own spacing; names whose type GUM does not give are not scored."""
    from spacy.vocab import Vocab

    from training.convert import gum_docs

    documents = []
    for doc in gum_docs(Vocab(), datasets, ("dev",)):
        words = [t.text for t in doc]
        spaces = [t.whitespace_ for t in doc]
        starts = [s.start for s in doc.sents]
        for start in starts[1:]:
            spaces[start - 1] = ""
        spans = [(e.start, e.end, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL]
        unknown = {t.i for t in doc if t.ent_iob == 0}
        documents.append(GoldDocument(words, spaces, starts, spans, unknown))
    return documents


# ---- the article text of a gold document ----------------------------------------------------

def render(document: GoldDocument) -> tuple[str, list[tuple[int, int]]]:
    """The document as an article's text (one paragraph a sentence) and each token's offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    sentence_starts = set(document.sentence_starts)
    for i, (word, space) in enumerate(zip(document.words, document.spaces)):
        if i in sentence_starts and i > 0:
            parts.append("\n\n")
            position += 2
        offsets.append((position, position + len(word)))
        parts.append(word + space)
        position += len(word) + len(space)
    return "".join(parts), offsets


def paragraph_offsets(rendered: str, returned: str) -> dict[int, int | None]:
    """Start of each paragraph of `returned` -> start of the same paragraph in `rendered`.

    Extraction keeps the paragraphs in order and may drop some (boilerplate); paragraphs it
    changed are left unmapped (their mentions cannot match the gold)."""
    mine: list[tuple[int, str]] = []
    position = 0
    for paragraph in rendered.split("\n\n"):
        mine.append((position, paragraph))
        position += len(paragraph) + 2
    mapping, j, position = {}, 0, 0
    for paragraph in returned.split("\n\n"):
        k = j
        while k < len(mine) and mine[k][1] != paragraph:
            k += 1
        if k < len(mine):
            mapping[position] = mine[k][0]
            j = k + 1
        else:
            mapping[position] = None
        position += len(paragraph) + 2
    return mapping


@dataclass
class Outcome:
    predicted: set[Span] = field(default_factory=set)
    not_english: int = 0
    dropped_paragraphs: int = 0
    words: int = 0
    seconds: float = 0.0


def predict_through_analyze(name: str, documents: list[GoldDocument], settings: Settings) -> Outcome:
    outcome = Outcome()
    for number, document in enumerate(documents):
        text, offsets = render(document)
        started = time.process_time()
        result = analyze(text, title=f"{name} document {number + 1}", content_type="text/plain",
                         settings=settings)
        outcome.seconds += time.process_time() - started
        outcome.words += len(document.words)
        if result.language not in (None, "en"):
            outcome.not_english += 1
        mapping = paragraph_offsets(text, result.text)
        kept = sum(1 for start in mapping.values() if start is not None)
        outcome.dropped_paragraphs += text.count("\n\n") + 1 - kept
        starts = {start: i for i, (start, _) in enumerate(offsets)}
        ends = {end: i for i, (_, end) in enumerate(offsets)}
        paragraph_starts = sorted(mapping)
        for entity in result.entities:
            for mention in entity.mentions:
                if mention.kind != "name":  # a bound role noun ("the president") is coreference, not a name
                    continue
                kind = TO_CONLL.get(getattr(mention, "type", None) or entity.type)
                if kind is None:
                    continue
                here = max((p for p in paragraph_starts if p <= mention.start), default=0)
                shift = None if mapping.get(here) is None else mapping[here] - here
                first = starts.get(mention.start + shift) if shift is not None else None
                last = ends.get(mention.end + shift) if shift is not None else None
                if first is None or last is None:  # not on gold token boundaries: a miss
                    outcome.predicted.add((number, -1 - mention.start, -1 - mention.end, kind))
                    continue
                if document.unknown.intersection(range(first, last + 1)):
                    continue
                outcome.predicted.add((number, first, last + 1, kind))
    return outcome


def predict_on_gold_tokens(nlp, documents: list[GoldDocument], skip: tuple[str, ...] = ()) -> set[Span]:
    """The pipeline's NER components on the gold tokenisation, one Doc per document."""
    spans: set[Span] = set()
    docs = (Doc(nlp.vocab, words=d.words) for d in documents)
    syntax = [name for name in nlp.pipe_names if name in SYNTAX]
    with nlp.select_pipes(disable=[*syntax, *skip]):
        for number, (document, doc) in enumerate(zip(documents, nlp.pipe(docs, batch_size=16))):
            for ent in doc.ents:
                if ent.label_ in TO_CONLL and not document.unknown.intersection(range(ent.start, ent.end)):
                    spans.add((number, ent.start, ent.end, TO_CONLL[ent.label_]))
    return spans


def scores(gold: set[Span], predicted: set[Span], types: tuple[str, ...]) -> tuple[float, float, float]:
    g = {s for s in gold if s[3] in types}
    p = {s for s in predicted if s[3] in types}
    tp = len(g & p)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def default_datasets() -> Path:
    env = os.environ.get("WIREWATCH_SHARED")
    return (Path(env) if env else ROOT / ".." / "shared") / "datasets"


def dataset_readers(datasets: Path, dev: bool) -> dict[str, tuple[Path, object]]:
    conll = datasets / "conll2003"
    if dev:
        return {
            "conll2003-dev": (conll / "conllpp_dev.txt", conll_documents),
            "uner-dev": (datasets / "uner-english-ewt" / "en_ewt-ud-dev.iob2", uner_documents),
            "gum-dev": (datasets / "gum" / "splits.md", lambda _: gum_documents(datasets)),
        }
    return {
        "conll2003-test": (conll / "eng.testb", conll_documents),
        "conll++-test": (conll / "conllpp_test.txt", conll_documents),
        "wikigold": (datasets / "wikigold" / "wikigold.conll.txt", conll_documents),
    }


def _row(name: str, label: str, prf: tuple[float, float, float], base: float | None) -> str:
    p, r, f = prf
    ratio = f"{f / base:.3f}" if base else "-"
    base_text = f"{base:.3f}" if base is not None else "-"
    return f"{name:<15} {label:<24} {p:6.3f} {r:6.3f} {f:6.3f} {base_text:>8} {ratio:>6}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="pipeline to score (default: the shipped one)")
    parser.add_argument("--datasets", type=Path, default=default_datasets())
    parser.add_argument("--dev", action="store_true",
                        help="score the development sets (CoNLL-2003 dev, UNER dev, GUM dev)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    args = parser.parse_args(argv)
    settings = Settings(spacy_model=args.model)
    nlp = load_pipeline(args.model)
    has_propagation = COMPONENT_NAME in nlp.pipe_names
    print(f"model: {args.model or 'shipped en_wirewatch'}; F1 through wirewatch.analyze, "
          "baseline: the same pipeline on gold tokens")
    header = f"{'dataset':<15} {'row':<24} {'P':>6} {'R':>6} {'F1':>6} {'base F1':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for name, (path, reader) in dataset_readers(args.datasets, args.dev).items():
        if not path.is_file():
            print(f"{name:<15} missing: {path}")
            continue
        documents = reader(path)
        if args.limit:
            documents = documents[: args.limit]
        gold = {(n, s, e, label) for n, d in enumerate(documents) for s, e, label in d.spans}
        outcome = predict_through_analyze(name, documents, settings)
        on_tokens = predict_on_gold_tokens(nlp, documents)
        base = scores(gold, on_tokens, SCORED)[2]
        overall = scores(gold, outcome.predicted, SCORED)
        print(_row(name, "analyze PER+LOC+ORG", overall, base))
        for kind in (*SCORED, "MISC"):
            print(_row(name, f"analyze {kind}", scores(gold, outcome.predicted, (kind,)),
                       scores(gold, on_tokens, (kind,))[2]))
        print(_row(name, "gold tokens PER+LOC+ORG", scores(gold, on_tokens, SCORED), None))
        verdict_f1 = overall[2]
        if name in WITHOUT_LISTS and has_propagation:
            propagation = nlp.get_pipe(COMPONENT_NAME)
            keywords, propagation.keywords = propagation.keywords, False
            try:
                no_lists = predict_through_analyze(name, documents, settings)
                no_lists_tokens = predict_on_gold_tokens(nlp, documents)
            finally:
                propagation.keywords = keywords
            no_lists_base = scores(gold, no_lists_tokens, SCORED)[2]
            no_lists_scores = scores(gold, no_lists.predicted, SCORED)
            print(_row(name, "analyze, no lists", no_lists_scores, no_lists_base))
            print(_row(name, "gold tokens, no lists", scores(gold, no_lists_tokens, SCORED), None))
            verdict_f1 = no_lists_scores[2]
        if name in TARGET:  # decided on the unrounded figure
            verdict = "met" if verdict_f1 >= TARGET[name] else "NOT met"
            print(f"{name:<15} target F1 >= {TARGET[name]:.2f} through analyze: {verdict} "
                  f"(F1 {verdict_f1:.4f})")
        speed = outcome.words / outcome.seconds if outcome.seconds else 0.0
        print(f"{name:<15} ({len(documents)} docs, {outcome.words} words; not English: "
              f"{outcome.not_english}; paragraphs dropped by extraction: "
              f"{outcome.dropped_paragraphs}; analyze {speed:,.0f} words/s CPU)")


if __name__ == "__main__":
    main()
