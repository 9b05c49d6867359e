"""NER accuracy of wirewatch's shipped English pipeline on CoNLL-2003 test and WikiGold.

    python benchmarks/ner.py [--model NAME_OR_PATH] [--baseline NAME_OR_PATH] [--datasets DIR]

Scores are entity-level exact match (like conlleval): precision, recall and F1 per type and
micro-averaged over PER, LOC and ORG, on the gold tokenisation, one Doc per -DOCSTART- document
(so document-level propagation sees the whole article).

Label mapping, prediction -> CoNLL type (the shipped NER predicts wirewatch's record types):
    PERSON -> PER        ORG -> ORG          GPE, LOC, FAC -> LOC
    NORP, EVENT, MISC, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC (reported apart, not in the
    PER/LOC/ORG micro score)         anything else (DATE, MONEY, CARDINAL, ...) -> ignored
The baseline measured in the same run is the same pipeline without the document-level
propagation component (or --baseline, another pipeline). The issue's reference numbers for a
from-scratch spaCy CNN with default settings are printed too (0.82 CoNLL test, 0.52 WikiGold).

The propagation component's name-word lists (`keywords`: "Records", "FC", "Lake" ... in a
"person") were written in the second session after looking at WikiGold's errors, so WikiGold is
also scored with them off ("no lists" row), and its target verdict rests on that figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from training.convert import iob_spans, read_conll  # noqa: E402
from wirewatch.nlp.pipeline import load_pipeline  # noqa: E402
from wirewatch.nlp.propagation import COMPONENT_NAME  # noqa: E402

TO_CONLL = {
    "PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "MISC": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}
SCORED = ("PER", "LOC", "ORG")
SYNTAX = ("tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
REFERENCE = {"conll2003-test": 0.82, "wikigold": 0.52}
TARGET = {"conll2003-test": 0.85, "wikigold": 0.60}
WITHOUT_LISTS = ("wikigold",)  # datasets whose errors the name-word lists were written from

Span = tuple[int, int, int, str]  # document number, start token, end token, CoNLL type


def gold_documents(path: Path) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    documents = []
    for document in read_conll(path):
        words = [w for sent in document.sentences for w, _ in sent]
        tags = [t for sent in document.sentences for _, t in sent]
        documents.append((words, iob_spans(tags)))
    return documents


def predict(nlp, documents, skip: tuple[str, ...] = ()) -> set[Span]:
    spans: set[Span] = set()
    docs = (Doc(nlp.vocab, words=words) for words, _ in documents)
    # only the syntax is left out: every NER and entity component (the news NER and its people
    # backstop, propagation) runs as in the product
    syntax = [name for name in nlp.pipe_names if name in SYNTAX]
    with nlp.select_pipes(disable=[*syntax, *skip]):
        for number, doc in enumerate(nlp.pipe(docs, batch_size=16)):
            for ent in doc.ents:
                if ent.label_ in TO_CONLL:
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="pipeline to score (default: the shipped one)")
    parser.add_argument("--baseline", default=None,
                        help="another pipeline as baseline (default: the model without propagation)")
    parser.add_argument("--datasets", type=Path, default=default_datasets())
    args = parser.parse_args(argv)
    sets = {
        "conll2003-test": args.datasets / "conll2003" / "eng.testb",
        "conll++-test": args.datasets / "conll2003" / "conllpp_test.txt",
        "wikigold": args.datasets / "wikigold" / "wikigold.conll.txt",
    }
    nlp = load_pipeline(args.model)
    baseline_nlp = load_pipeline(args.baseline) if args.baseline else nlp
    has_propagation = COMPONENT_NAME in nlp.pipe_names
    baseline_skip = () if args.baseline or not has_propagation else (COMPONENT_NAME,)
    baseline_name = args.baseline or ("same model without propagation" if baseline_skip else "same model")
    print(f"model: {args.model or 'shipped en_wirewatch'}; baseline: {baseline_name}")
    header = f"{'dataset':<15} {'type':<13} {'P':>6} {'R':>6} {'F1':>6} {'base F1':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for name, path in sets.items():
        if not path.is_file():
            print(f"{name:<15} missing: {path}")
            continue
        documents = gold_documents(path)
        gold = {(n, s, e, label) for n, (_, spans) in enumerate(documents) for s, e, label in spans}
        started = time.perf_counter()
        predicted = predict(nlp, documents)
        seconds = time.perf_counter() - started
        base = predict(baseline_nlp, documents, baseline_skip)
        rows = [("PER+LOC+ORG", SCORED), *((t, (t,)) for t in (*SCORED, "MISC"))]
        overall = 0.0
        for label, types in rows:
            p, r, f = scores(gold, predicted, types)
            overall = f if types == SCORED else overall
            bf = scores(gold, base, types)[2]
            ratio = f"{f / bf:.3f}" if bf else "-"
            print(f"{name:<15} {label:<13} {p:6.3f} {r:6.3f} {f:6.3f} {bf:8.3f} {ratio:>6}")
        if name in WITHOUT_LISTS and has_propagation:
            propagation = nlp.get_pipe(COMPONENT_NAME)
            keywords, propagation.keywords = propagation.keywords, False
            try:
                p, r, overall = scores(gold, predict(nlp, documents), SCORED)
            finally:
                propagation.keywords = keywords
            bf = scores(gold, base, SCORED)[2]
            print(f"{name:<15} {'... no lists':<13} {p:6.3f} {r:6.3f} {overall:6.3f} {bf:8.3f} "
                  f"{overall / bf if bf else 0:6.3f}")
        if name in TARGET:  # decided on the unrounded figure: 0.5996 prints as 0.600 above
            f = overall
            verdict = "met" if f >= TARGET[name] else "NOT met"
            print(f"{name:<15} target F1 >= {TARGET[name]:.2f}: {verdict} (F1 {f:.4f})")
        words = sum(len(w) for w, _ in documents)
        print(f"{name:<15} ({len(documents)} docs, {words} words, NER {words / seconds:,.0f} words/s)")
    print("reference (issue): from-scratch spaCy CNN, default settings: F1 0.82 CoNLL-2003 test, "
          "0.52 WikiGold; targets 0.85 and 0.60; en_core_web_sm NER F 0.84 (OntoNotes)")


if __name__ == "__main__":
    main()
