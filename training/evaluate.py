"""Development scores of a trained NER: CoNLL-2003 dev, GUM dev and plain news sentences.

    python training/evaluate.py training/output/ner-gum/model-best [--keywords]
    python training/evaluate.py wirewatch/models/en_wirewatch --full   # a whole pipeline

The NER is run with wirewatch's document-level propagation after it (`keywords` off unless
asked for); with `--full`, the whole pipeline as wirewatch loads it (both NERs, the backstop
and agreement components, propagation as configured), which is what assembling must check. Scores are PER/LOC/ORG micro P/R/F1 with the CoNLL mapping of benchmarks/ner.py, on
gold tokenisation, one Doc per document. This is what training choices are tuned on; the test
sets (CoNLL-2003 test, WikiGold) are only read by benchmarks/ner.py. CoNLL dev is part of the
final NER's training data, so its score here is not held out; GUM dev is.

`NEWS_SENTENCES` are plain news sentences written for this check, each with the people it
names: a NER that misses one of them is not shipped (training/train.py calls `check_news`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "training" / "corpus"

NEWS_SENTENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Keir Starmer spoke in London on Monday about the ceasefire talks.", ("Keir Starmer",)),
    ("Emmanuel Macron met Olaf Scholz in Berlin on Tuesday.", ("Emmanuel Macron", "Olaf Scholz")),
    ("Joe Biden said the negotiations would continue next week.", ("Joe Biden",)),
    ("Donald Trump told reporters he would call Vladimir Putin.", ("Donald Trump", "Vladimir Putin")),
    ("Volodymyr Zelenskyy thanked Rishi Sunak for the new aid package.",
     ("Volodymyr Zelenskyy", "Rishi Sunak")),
    ("Angela Merkel visited Paris last week to discuss the budget.", ("Angela Merkel",)),
    ("Xi Jinping and Narendra Modi spoke by phone on Friday.", ("Xi Jinping", "Narendra Modi")),
    ("Prime Minister Keir Starmer said the plan was fair.", ("Keir Starmer",)),
    ("Kamala Harris campaigned in Pennsylvania on Saturday.", ("Kamala Harris",)),
)

# Names in news-like frames, the sentence-initial ones first (where a fine-tune on GUM lost
# names): the share found as PERSON is a development score for news recall of new names.
NEWS_NAMES = (
    "Keir Starmer", "Boris Johnson", "Jacinda Ardern", "Olaf Scholz", "Pedro Sanchez",
    "Xi Jinping", "Donald Trump", "Giorgia Meloni", "Mark Rutte", "Justin Trudeau", "Liz Truss",
    "Rishi Sunak", "Anthony Albanese", "Recep Erdogan", "Yoon Suk-yeol", "Jens Stoltenberg",
    "Antony Blinken", "Ben Wallace", "Kemi Badenoch", "Ursula von der Leyen",
)
NEWS_FRAMES = (
    "{} spoke in London on Monday about the talks.", "{} said the plan was fair.",
    "On Monday {} said the plan was fair.", "Reporters asked {} about the plan.",
)


def ner_pipeline(model: str, keywords: bool = False) -> Language:
    """The NER of `model` followed by the propagation component, as shipped."""
    sys.path.insert(0, str(ROOT))
    from wirewatch.nlp.propagation import COMPONENT_NAME

    source = spacy.load(model)
    nlp = spacy.blank("en", vocab=source.vocab)  # its vocab carries the NER's static vectors, if any
    nlp.add_pipe("ner", source=source)
    nlp.add_pipe(COMPONENT_NAME, config={"keywords": keywords})
    return nlp


def full_pipeline(model: str) -> Language:
    """The whole pipeline at `model` as wirewatch.analyze loads it (every component)."""
    sys.path.insert(0, str(ROOT))
    from wirewatch.nlp.pipeline import load_pipeline

    return load_pipeline(model)


def _conll_type(label: str) -> str | None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.ner import TO_CONLL

    return TO_CONLL.get(label)


def dev_scores(nlp: Language, path: Path) -> tuple[float, float, float]:
    """PER/LOC/ORG micro P/R/F1 of `nlp` on the gold documents in a DocBin."""
    gold_docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    gold, predicted = set(), set()
    plain = (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
             for d in gold_docs)
    for number, (reference, doc) in enumerate(zip(gold_docs, nlp.pipe(plain, batch_size=16))):
        # tokens without gold annotation (GUM headings, names of unknown type) are not scored
        unknown = {t.i for t in reference if t.ent_iob == 0}
        for target, ents in ((gold, reference.ents), (predicted, doc.ents)):
            for ent in ents:
                kind = _conll_type(ent.label_)
                if kind in ("PER", "LOC", "ORG") and not unknown.intersection(range(ent.start, ent.end)):
                    target.add((number, ent.start, ent.end, kind))
    tp = len(gold & predicted)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def check_news(nlp: Language) -> list[str]:
    """The people of NEWS_SENTENCES that `nlp` does not tag as PERSON (exact span)."""
    missed = []
    for text, people in NEWS_SENTENCES:
        found = {ent.text for ent in nlp(text).ents if ent.label_ == "PERSON"}
        missed.extend(f"{name!r} in {text!r}" for name in people if name not in found)
    return missed


def news_recall(nlp: Language) -> list[float]:
    """Per frame of NEWS_FRAMES, the share of NEWS_NAMES tagged as exactly one PERSON."""
    return [
        sum(any(e.text == name and e.label_ == "PERSON" for e in nlp(frame.format(name)).ents)
            for name in NEWS_NAMES) / len(NEWS_NAMES)
        for frame in NEWS_FRAMES
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a trained pipeline with an `ner` component")
    parser.add_argument("--keywords", action="store_true", help="propagation keyword rule on")
    parser.add_argument("--full", action="store_true",
                        help="score the whole pipeline at MODEL (both NERs and the rules), not its `ner` alone")
    args = parser.parse_args(argv)
    nlp = full_pipeline(args.model) if args.full else ner_pipeline(args.model, args.keywords)
    # ner-unerdev: UNER English EWT dev (web text; PER/LOC/ORG only), written by convert.py
    for name in ("ner-dev", "ner-gumdev", "ner-unerdev"):
        p, r, f = dev_scores(nlp, CORPUS / f"{name}.spacy")
        print(f"{name:<11} PER+LOC+ORG  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    recall = news_recall(nlp)
    print("news names found per frame:", " ".join(f"{r:.2f}" for r in recall),
          f"(mean {sum(recall) / len(recall):.3f})")
    missed = check_news(nlp)
    print(f"news sentences: {len(NEWS_SENTENCES)}, people missed: {len(missed)}")
    for line in missed:
        print("  missed", line)


if __name__ == "__main__":
    main()
