"""A short article is a copy when its sentences rewrite sentences of its match, word for word in order.

Word-set and character-n-gram Jaccard estimates of a short article swing widely with each replaced
word: a spinner that swaps a third of the words of a 25-word article, or of a 70-word one, leaves
it below the copy score, although every sentence is still the original's with words swapped. For
texts of up to `SHORT_WORDS` words the duplicate index therefore keeps the text (of its matches
too) and, when the best match scores somewhat below the copy threshold, aligns the text to it:
each sentence against the sentence of the match it reads best as, the same words in the same
order (the Indel similarity of the token lists). A spinner's cuts are undone on both sides: a
sentence may be read together with the one before or after it (a detokenised "5. 2" or "p. m."
splits one in two), against one sentence of the match or two in a row (it merges two), and with
its clauses in any rotation (it moves a trailing clause to the front: "rings and necklaces, three
robbers burst into the store ..."). The text is a copy when, weighted by their length, its
sentences align at `ALIGNED`. Two reports of one event that share a sentence's facts word the
sentence differently, and stay below that.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .text import normalised_words, sentences

# Chosen on ECB+ dev topics (1-25) with spun copies (benchmarks/stories.py --duplicates-only dev,
# seeds 13-25): there, spun copies of up to 100 words scoring 0.30-0.40 against their original
# align at 0.57 or more (one at 0.49), and same-story reports that are no reprints (< 20% shared
# 5-grams), scored as close, at most 0.48.
SHORT_WORDS = 100  # a text of at most this many words is judged this way
# Texts up to this long are kept by the index, as matches of short texts: a spinner drops words,
# so the original of a copy can be longer, and the facts rule (duplicates.FACT_MAX_WORDS) reads
# the quotations of matches of texts of up to 150 words.
KEPT_WORDS = 190
SHORT_FLOOR = 0.3  # copy score from which the alignment is tried
ALIGNED = 0.55
MIN_SENTENCE_WORDS = 3
_CLAUSE = re.compile(r"[,;]\s+")


def is_short(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS


def kept(text: str) -> bool:
    return len(text.split()) <= KEPT_WORDS


def rewrites(text: str, match: str) -> bool:
    """Whether the sentences of `text` (of three words or more; at least one) rewrite sentences
    of `match`, at ALIGNED on average weighted by sentence length."""
    return aligned_share(text, match) >= ALIGNED


def aligned_share(text: str, match: str, needed: float = 0.0) -> float:
    """The share of the words of `text`'s sentences (of MIN_SENTENCE_WORDS or more) that rewrite
    sentences of `match`: each sentence's best Indel similarity, weighted by its length. With
    `needed`, the answer is exact from `needed` up only: once the sentences left could not lift
    the share to it, what is found so far is returned (an excerpt of a long article is aligned
    with its story's reports, and most are no excerpt: excerpts.py)."""
    theirs = [normalised_words(sentence) for sentence in sentences(match)]
    targets = theirs + [first + second for first, second in zip(theirs, theirs[1:])]
    mine = sentences(text)
    sizes = [len(normalised_words(sentence)) for sentence in mine]
    counted = [size if size >= MIN_SENTENCE_WORDS else 0 for size in sizes]
    whole = float(sum(counted)) if targets else 0.0
    total = weighted = 0.0
    for i, sentence in enumerate(mine):
        size = counted[i]
        if not size or not targets:
            continue
        if needed and weighted + (whole - total) < needed * whole:
            return weighted / whole  # below `needed` whatever the sentences left align with
        readings = [sentence]
        if i:
            readings.append(f"{mine[i - 1]} {sentence}")
        if i + 1 < len(mine):
            readings.append(f"{sentence} {mine[i + 1]}")
        # extractOne: the same best similarity, the loop over the match's sentences run in C.
        best = max(process.extractOne(tokens, targets, scorer=Indel.normalized_similarity)[1]
                   for reading in readings for tokens in _rotations(reading))
        total += size
        weighted += size * best
    return weighted / total if total else 0.0


def _rotations(sentence: str) -> list[list[str]]:
    """The sentence's tokens with its clauses in each rotation (the sentence itself first)."""
    clauses = [clause for clause in _CLAUSE.split(sentence) if clause.strip()] or [sentence]
    return [normalised_words(" ".join(clauses[i:] + clauses[:i])) for i in range(len(clauses))]
