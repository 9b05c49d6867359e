"""Odd collocations: pairs of common words that edited English does not put side by side.

Round-trip machine translation writes "before of the meeting", "the responsible declared",
"according to it", "during the the talks": each word is common, the pair is not English. The
word-pair counts of `wirewatch/models/news_lm.npz` (built by training/news_lm.py from CoNLL-2003,
UD English EWT and GUM training text, ~0.6M words) say how often edited text writes each pair of
common words. A pair is odd when edited text never writes it although, were the two words
independent, it would be expected at least `EXPECTED_MIN` times there: that rules out pairs that
are merely rare because one of their words is. Loaded once per process, on first use; scoring
is a dictionary lookup per word pair.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "news_lm.npz"
EXPECTED_MIN = 5.0  # expected count under independence for an unseen pair to be odd (chosen on CoNLL dev)
_TOKEN = re.compile(r"[A-Za-z]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|[A-Za-z]+|\d+(?:[.,]\d+)*|[^\w\s\"“”‘’']")
_SENTENCE_END = frozenset(".!?;:")


@dataclass(frozen=True)
class PairCounts:
    index: dict[str, int]
    word_counts: np.ndarray
    pairs: dict[int, int]
    total: int

    def expected(self, left: int, right: int) -> float:
        return float(self.word_counts[left]) * float(self.word_counts[right]) / self.total


@functools.cache
def load_pair_counts(path: Path = MODEL_PATH) -> PairCounts:
    with np.load(path) as data:
        words = [str(word) for word in data["words"]]
        pairs = dict(zip(data["pair_keys"].tolist(), data["pair_counts"].tolist()))
        return PairCounts({word: i for i, word in enumerate(words)}, data["word_counts"].astype(np.float64),
                          pairs, int(data["total"][0]))


@dataclass(frozen=True)
class Collocations:
    """How many adjacent pairs of common words a text has, and which of them are odd."""

    pairs: int
    odd: list[tuple[str, str]]

    @property
    def rate(self) -> float:
        return len(self.odd) / self.pairs if self.pairs else 0.0


def tokens(text: str) -> list[str]:
    """Lower-cased tokens as the training corpora split them ("don't" -> "do", "n't"; digits as 0)."""
    return [re.sub(r"\d", "0", token.lower()).replace("’", "'") for token in _TOKEN.findall(text.replace("’", "'"))]


def odd_collocations(text: str, counts: PairCounts | None = None) -> Collocations:
    counts = counts or load_pair_counts()
    index, pairs, size = counts.index, counts.pairs, len(counts.index)
    seen, odd = 0, []
    words = tokens(text)
    for left, right in zip(words, words[1:]):
        if not (left[-1].isalpha() and right[-1].isalpha()):
            continue  # numbers and punctuation: tables and scores, not collocations
        i, j = index.get(left), index.get(right)
        if i is None or j is None:
            continue
        seen += 1
        if i * size + j not in pairs and counts.expected(i, j) >= EXPECTED_MIN:
            odd.append((left, right))
    return Collocations(seen, odd)
