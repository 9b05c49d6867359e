"""Build `wirewatch/models/news_lm.npz`: word and word-pair counts of edited English text.

    python training/news_lm.py [--datasets DIR]

Machine translation leaves collocations no fluent writer produces ("before of the meeting",
"the responsible declared", "during the the talks"): pairs of common words that edited English
never puts side by side, although each is frequent. The machine-translation flag
(wirewatch/nlp/quality.py) counts such pairs; it needs, for the common words only, how often
each word and each adjacent pair occurs in edited text.

Counted over the training splits of CoNLL-2003 (Reuters news; research use), UD English EWT
(CC BY-SA 4.0) and GUM (its `train` documents; CC BY 4.0 annotations, openly licensed texts).
ECB+ is left out: it is the evaluation set. Text is lower-cased; digits become "0"; only words
seen at least `MIN_COUNT` times are kept, and only pairs of two kept words.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "wirewatch" / "models" / "news_lm.npz"
DATASETS = Path(os.environ.get("WIREWATCH_SHARED") or ROOT.parent / "shared") / "datasets"
MIN_COUNT = 20  # a word rarer than this in ~0.6M words says little about which pairs are odd


def normalise_token(token: str) -> str:
    """The form counted: lower case, every digit as "0" (wirewatch/nlp/quality.py reads alike)."""
    return re.sub(r"\d", "0", token.lower())


def conll_sentences(path: Path) -> Iterator[list[str]]:
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append(line.split()[0])
    if sentence:
        yield sentence


def conllu_sentences(text: str) -> Iterator[list[str]]:
    sentence: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > 1 and fields[0].isdigit():  # skip multiword ranges and empty nodes
            sentence.append(fields[1])
    if sentence:
        yield sentence


def gum_train_documents(folder: Path) -> list[str]:
    """GUM documents listed under `## train` in splits.md."""
    names, section = [], None
    for line in (folder / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section == "train" and line.strip().startswith("* "):
            names.append(line.strip()[2:].strip())
    return names


def training_sentences(datasets: Path) -> Iterator[list[str]]:
    yield from conll_sentences(datasets / "conll2003" / "conllpp_train.txt")
    yield from conllu_sentences((datasets / "ud-english-ewt" / "en_ewt-ud-train.conllu").read_text(encoding="utf-8"))
    gum = datasets / "gum"
    for name in gum_train_documents(gum):
        path = gum / "dep" / f"{name}.conllu.gz"
        if path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                yield from conllu_sentences(handle.read())


def build(datasets: Path) -> dict[str, np.ndarray]:
    words: Counter[str] = Counter()
    sentences = []
    for sentence in training_sentences(datasets):
        tokens = [normalise_token(token) for token in sentence if token != "_"]  # "_": text withheld
        if tokens:
            sentences.append(tokens)
            words.update(tokens)
    vocabulary = sorted(word for word, count in words.items() if count >= MIN_COUNT)
    index = {word: i for i, word in enumerate(vocabulary)}
    pairs: Counter[int] = Counter()
    for tokens in sentences:
        for left, right in zip(tokens, tokens[1:]):
            if left in index and right in index:
                pairs[index[left] * len(vocabulary) + index[right]] += 1
    keys = np.array(sorted(pairs), dtype=np.uint32)
    return {
        "words": np.array(vocabulary),
        "word_counts": np.array([words[word] for word in vocabulary], dtype=np.uint32),
        "pair_keys": keys,
        "pair_counts": np.array([pairs[int(key)] for key in keys], dtype=np.uint16),
        "total": np.array([sum(words.values())], dtype=np.uint64),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    model = build(args.datasets)
    np.savez_compressed(args.output, **model)
    print(f"{len(model['words'])} words, {len(model['pair_keys'])} pairs, {int(model['total'][0])} tokens "
          f"-> {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
