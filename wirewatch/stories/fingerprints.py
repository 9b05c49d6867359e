"""MinHash fingerprints of an article's word set and character n-gram set.

Two views because copies are altered in two ways: spinning replaces and drops words (the word
set keeps most of its members, word 5-shingles do not), typos and inflection changes break
words (their character n-grams mostly survive). Signatures are plain integer arrays, so they
serialise to JSON and rebuild the LSH index exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from .text import content_words

_SEED = 1  # fixed: signatures must be identical across processes and restarts


@lru_cache(maxsize=8)
def _template(num_perm: int) -> MinHash:
    """One MinHash per size whose permutations the others share (generating them is slow)."""
    return MinHash(num_perm=num_perm, seed=_SEED)


def minhash(items: set[str], num_perm: int) -> MinHash:
    template = _template(num_perm)
    sketch = MinHash(num_perm=num_perm, seed=_SEED, permutations=template.permutations, scheme=template.scheme)
    sketch.update_batch([item.encode("utf-8") for item in items])
    return sketch


def from_signature(signature: list[int], num_perm: int) -> MinHash:
    template = _template(num_perm)
    return MinHash(
        num_perm=num_perm, seed=_SEED, permutations=template.permutations, scheme=template.scheme,
        hashvalues=np.asarray(signature, dtype=template.hashvalues.dtype),
    )


def char_ngrams(text: str, n: int) -> set[str]:
    """Character n-grams of the normalised text with punctuation dropped."""
    squeezed = " ".join(content_words(text))
    return {squeezed[i:i + n] for i in range(max(0, len(squeezed) - n + 1))}


@dataclass
class Fingerprint:
    """What the near-duplicate index keeps of one article."""

    words: MinHash  # over the set of content words
    chars: MinHash  # over the set of character n-grams
    word_count: int  # size of the word set
    char_count: int  # size of the n-gram set

    @classmethod
    def of(cls, text: str, num_perm: int, n: int) -> Fingerprint:
        word_set = set(content_words(text))
        gram_set = char_ngrams(text, n)
        return cls(minhash(word_set, num_perm), minhash(gram_set, num_perm), len(word_set), len(gram_set))

    def to_dict(self) -> dict:
        return {
            "words": [int(v) for v in self.words.hashvalues],
            "chars": [int(v) for v in self.chars.hashvalues],
            "word_count": self.word_count,
            "char_count": self.char_count,
        }

    @classmethod
    def from_dict(cls, data: dict, num_perm: int) -> Fingerprint:
        return cls(
            from_signature(data["words"], num_perm), from_signature(data["chars"], num_perm),
            int(data["word_count"]), int(data["char_count"]),
        )


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of set A inside set B, from their Jaccard estimate and sizes.

    |A n B| = J (|A| + |B|) / (1 + J); a shortened copy is fully contained in its original even
    though their Jaccard is low.
    """
    if size_a == 0:
        return 0.0
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, shared / size_a)


