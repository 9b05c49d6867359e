"""An excerpt of a known article is a copy: its sentences rewrite the article's, though there are fewer of them.

A republisher that runs the first paragraphs of a wire story, or leaves some out, prints a text
whose word set is a part of the original's. The copy score (duplicates.copy_score) is a symmetric
Jaccard estimate, so a part scores about its share of the whole however faithful it is: an
excerpt of 60% of the paragraphs starts near 0.6, and a spinner's swaps on top (a fifth of the
words) take it to 0.29-0.45, under the copy score; the LSH index, which proposes candidates by the
same Jaccard, misses some altogether. Containment (the share of the excerpt's words found in the
original) undoes the halving but does not tell an excerpt from another report of the event: a
short report is about as contained in a long one (docs/benchmarks.md). What does is order: an
excerpt's sentences still rewrite the original's, the same words in the same order
(short_copies.aligned_share), where a report written apart words the same facts its own way.

So a text that is no larger than a known article, mostly inside it (`may_excerpt`: cheap, from the
fingerprints), and whose sentences align with the article's at `EXCERPT_ALIGNED` (`excerpts`) is a
copy of it -- unless it states facts the article does not, which the duplicate index checks as for
every copy.
"""

from __future__ import annotations

from .fingerprints import Fingerprint, containment
from .short_copies import aligned_share

# Chosen on ECB+ dev topics (1-25): spun excerpts (benchmarks/copy_variants.py spin, `truncate`)
# that the copy score called developments align with their original at 0.63 or more; shorter
# same-story reports that are no reprints (< 20% shared 5-grams), of 50 words or more, align with a
# longer one at 0.60 or less but one (0.66, a station's follow-up reusing its first report's
# sentences). Below 50 words a report of an event aligns by chance with a long one (up to 0.77 on
# dev): short texts keep the rules of short_copies.py.
EXCERPT_WORDS = 50
EXCERPT_ALIGNED = 0.62
# Estimated share of the text's content words found in the article from which the alignment is
# tried (the alignment decides; this spares it for reports that share few words): the spinner's
# excerpts hold 0.65 or more, a heavier hand-spun one 0.45, and the estimate from 128 permutations
# is rougher still. On dev, a third of shorter same-story reports that are no reprints reach 0.4.
EXCERPT_CONTAINED = 0.4
# Reports of a story an excerpt is aligned with, those it is most contained in (the story path of
# the duplicate index: its members are not proposed by their words, and a story can hold hundreds):
# the original, or a copy of it, is among them.
EXCERPT_TRIES = 2


def contained(text_words: int, new: Fingerprint, old: Fingerprint) -> float:
    """The estimated share of a text's content words (`text_words` words, fingerprint `new`) found
    in the article fingerprinted `old`, or 0 where it cannot be an excerpt of it: too short to
    judge, or more distinct words than it. One-sided on purpose: a text larger than the article
    adds to it."""
    if text_words < EXCERPT_WORDS or not new.word_count or new.word_count > old.word_count:
        return 0.0
    return containment(new.words.jaccard(old.words), new.word_count, old.word_count)


def may_excerpt(text_words: int, new: Fingerprint, old: Fingerprint) -> bool:
    """Whether the text could be an excerpt of the article: worth aligning (`excerpts`)."""
    return contained(text_words, new, old) >= EXCERPT_CONTAINED


def excerpt_share(text: str, article: str) -> float:
    """How well the sentences of `text` rewrite sentences of `article` (short_copies.aligned_share),
    exact from EXCERPT_ALIGNED up (below it, some share under EXCERPT_ALIGNED)."""
    return aligned_share(text, article, EXCERPT_ALIGNED)


def excerpts(text: str, article: str) -> bool:
    return excerpt_share(text, article) >= EXCERPT_ALIGNED
