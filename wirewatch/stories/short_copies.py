"""A short article is a copy when each of its sentences rewrites a sentence of its match.

Word-set and character-n-gram Jaccard estimates of a one- or two-sentence article swing widely
with each replaced word: a spinner that swaps a third of the words of a 25-word article leaves it
below the copy score, although every sentence is still the original's with words swapped. For
short texts the duplicate index therefore keeps the text itself and, when the best match scores
somewhat below the copy threshold, aligns sentence to sentence: the same words in the same
order (the Indel similarity of the token lists) in each sentence. Two reports of one event that
share a sentence's facts word the sentence differently, and stay below that.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from .text import normalise, sentences, words

# Chosen on ECB+ dev topics (1-25) with spun copies (benchmarks/stories.py --duplicates-only
# dev): there, the one- to four-sentence spun copies below the copy score align at 0.53-0.73
# sentence by sentence, and same-story reports of that length with a score this close at most 0.48.
SHORT_WORDS = 50  # a text of at most this many words is judged this way
KEPT_WORDS = 100  # texts up to this long are kept by the index, as matches of short texts
SHORT_FLOOR = 0.3  # copy score from which the sentence test is tried
SENTENCE_ALIGN = 0.5
MIN_SENTENCE_WORDS = 3


def is_short(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS


def kept(text: str) -> bool:
    return len(text.split()) <= KEPT_WORDS


def every_sentence_rewritten(text: str, match: str) -> bool:
    """Whether each sentence of `text` (of three words or more; at least one) has a sentence of
    `match` with the same words in the same order, at SENTENCE_ALIGN."""
    theirs = [_tokens(sentence) for sentence in sentences(match)]
    mine = [tokens for tokens in (_tokens(sentence) for sentence in sentences(text))
            if len(tokens) >= MIN_SENTENCE_WORDS]
    return bool(mine) and all(
        any(Indel.normalized_similarity(tokens, other) >= SENTENCE_ALIGN for other in theirs) for tokens in mine)


def _tokens(sentence: str) -> list[str]:
    return words(normalise(sentence))
