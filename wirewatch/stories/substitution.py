"""Is a near-copy a word-for-word rewrite of the article it copies? Machine-translation evidence.

A scraper that runs a wire story through machine translation (often there and back) keeps its
sentences in place but replaces single words all through the text: "said" comes back as
"declared", names as look-alike spellings ("Starmer" -> "Stermer"), articles and prepositions
slip ("before of the talks"), and numbers come back in another convention ("1,200" -> "1.200").
An exact reprint changes nothing; a republisher's edit changes a title, a sentence or two, or
adds a paragraph (a development). So each sentence of the copy is aligned to the sentence of
the original it rewrites, the words of the two are aligned (rapidfuzz opcodes over word
tokens), and the evidence is the one-for-one replacements that aligned sentences share between
them: many of them, spread over most sentences, is a rewrite; a few, in a few sentences, is an
edit. Nothing here is a list of words: only the shape of the differences counts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein

from .text import STOPWORDS, sentences

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# A replaced run of at most this many words on either side is a word-level substitution (a
# back-translation writes "the responsible" for "officials", "added that" for "added"); longer
# runs are rewritten or added clauses, which an editor writes too.
SMALL_EDIT = 3
# A copy sentence rewrites an original sentence when this share of its words (as a multiset,
# in order: the Indel similarity of the token lists) is the same.
SENTENCE_MATCH = 0.5
MIN_SENTENCE_WORDS = 4  # shorter lines (a dateline, a byline) say nothing either way
LOOKALIKE = 60.0  # rapidfuzz ratio from which a replaced capitalised word is a respelling of it
VARIANT = 80.0  # from this ratio a replaced lower-case word is its own spelling variant or typo


@dataclass
class Rewrite:
    """How a copy differs from its original, sentence by aligned sentence."""

    sentences: int = 0  # copy sentences of MIN_SENTENCE_WORDS or more
    aligned: int = 0  # of them, rewriting one sentence of the original
    altered: int = 0  # of the aligned, with at least one word-level substitution
    words: int = 0  # words of the aligned copy sentences
    substitutions: int = 0  # word-level edit sites in aligned sentences
    respellings: list[tuple[str, str]] = field(default_factory=list)  # (original, copy) name words
    slips: int = 0  # edits that only add, drop or swap function words
    number_formats: int = 0  # numbers written with other separators ("1,200" -> "1.200")

    @property
    def spread(self) -> float:
        """Share of aligned sentences holding a substitution."""
        return self.altered / self.aligned if self.aligned else 0.0

    @property
    def rate(self) -> float:
        """Substitution sites per word of the aligned sentences."""
        return self.substitutions / self.words if self.words else 0.0

    @property
    def coverage(self) -> float:
        """Share of the copy's sentences that rewrite a sentence of the original."""
        return self.aligned / self.sentences if self.sentences else 0.0


# Chosen on ECB+ dev topics (1-25): their own reprints (the later one a copy of the earlier in the
# story stage) against MT-style copies of their articles (benchmarks/mt_copies.py; figures in
# docs/benchmarks.md). Editors' changes to a reprint touch at most four sentences there, are
# mostly words added or dropped, and respell no name where words around it are replaced too; a
# rewrite replaces words in half the sentences or more, and garbles names as it goes.
MIN_COVERAGE = 0.6  # of the copy's sentences aligned: else it is another text that shares some
MIN_SPREAD = 0.4  # of aligned sentences altered ...
MIN_RATE = 0.03  # ... with this many substitutions per aligned word, and either a name respelled,
MIN_ALTERED = 5  # or this many sentences altered (or most of them: DENSE_*, in 3 or more)
DENSE_SPREAD = 0.6
DENSE_RATE = 0.05
MIN_ALIGNED = 3


def compare(copy: str, original: str) -> Rewrite:
    """Align `copy` to `original` sentence by sentence, then word by word, and count the kinds of
    word-level differences of aligned sentences."""
    found = Rewrite()
    theirs = [tokens for tokens in (_tokens(sentence) for sentence in sentences(original)) if tokens]
    reversed_theirs = [[token.lower() for token in tokens] for tokens in reversed(theirs)]
    for sentence in sentences(copy):
        mine = _tokens(sentence)
        if len(mine) < MIN_SENTENCE_WORDS:
            continue
        found.sentences += 1
        lowered = [token.lower() for token in mine]
        # The last of equally close sentences (the choices are reversed: extractOne keeps the first).
        match = process.extractOne(lowered, reversed_theirs, scorer=Indel.normalized_similarity,
                                   score_cutoff=SENTENCE_MATCH) if reversed_theirs else None
        if match is None:
            continue
        best = theirs[len(theirs) - 1 - match[2]]
        found.aligned += 1
        found.words += len(mine)
        before = found.substitutions
        _count_edits(best, mine, found)
        found.altered += found.substitutions > before
    return found


def is_rewrite(rewrite: Rewrite) -> bool:
    """Machine-translation evidence: a copy whose sentences are the original's, with single words
    replaced in most of them."""
    if not rewrite.aligned or rewrite.coverage < MIN_COVERAGE:
        return False
    if rewrite.spread < MIN_SPREAD or rewrite.rate < MIN_RATE:
        return False
    if rewrite.respellings or rewrite.number_formats:
        return True  # words replaced around a garbled name or a number in another convention
    if rewrite.altered >= MIN_ALTERED:
        return True
    return rewrite.aligned >= MIN_ALIGNED and rewrite.spread >= DENSE_SPREAD and rewrite.rate >= DENSE_RATE


def describe(rewrite: Rewrite, original_id: int | str) -> str:
    """The quality signal shown with the article: which article it rewrites, and how."""
    parts = [f"{rewrite.substitutions} word substitutions in {rewrite.altered} of {rewrite.aligned} "
             f"aligned sentences"]
    if rewrite.respellings:
        shown = ", ".join(f"{old} / {new}" for old, new in rewrite.respellings[:4])
        parts.append(f"names respelled: {shown}")
    if rewrite.slips:
        parts.append(f"{rewrite.slips} function-word slips")
    if rewrite.number_formats:
        parts.append(f"{rewrite.number_formats} numbers in another format")
    return f"rewrites article {original_id} word for word: " + "; ".join(parts)


def _tokens(text: str) -> list[str]:
    # Accents and curly apostrophes folded (a reprint's "world’s" is the original's "world's"),
    # case kept: a respelled name is told by its capital.
    return _TOKEN.findall(text if text.isascii() else _fold(text))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _count_edits(original: list[str], copy: list[str], found: Rewrite) -> None:
    """Count the word-level edits of one aligned sentence pair that a rewrite makes and an editor
    rarely does: a word replaced by another word (not by its own spelling variant: "jewelry" /
    "jewellery" is house style, a typo is a typo), a name respelled, a function word added,
    dropped or swapped, a number given other separators. Words only added or only dropped
    ("southpaw", "on Monday") are an editor's, and are not counted; nor are longer rewritten
    runs, though a respelled name or a reformatted number in them still is."""
    lowered_original = [token.lower() for token in original]
    lowered_copy = [token.lower() for token in copy]
    for i1, i2, j1, j2 in _edit_sites(Levenshtein.opcodes(lowered_original, lowered_copy).as_list()):
        old, new = original[i1:i2], copy[j1:j2]
        respelled = [pair for pair in _nearby_pairs(old, new) if _respelled(*pair)]
        formats = [pair for pair in _nearby_pairs(old, new) if _reformatted(*pair)]
        found.respellings.extend(pair for pair in respelled if pair not in found.respellings)
        found.number_formats += len(formats)
        if len(old) > SMALL_EDIT or len(new) > SMALL_EDIT:
            continue  # a rewritten or added clause: editors do that too
        if all(token.lower() in STOPWORDS for token in old + new):
            found.slips += 1
            found.substitutions += 1
            continue
        if not old or not new:
            continue
        variant = fuzz.ratio(" ".join(old).lower(), " ".join(new).lower()) >= VARIANT
        if variant and not respelled and not formats:
            continue
        found.substitutions += 1


def _nearby_pairs(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Words of the two sides of a site at most SMALL_EDIT places apart: what may stand for what."""
    return [(a, b) for i, a in enumerate(old) for j, b in enumerate(new) if abs(i - j) <= SMALL_EDIT]


def _respelled(a: str, b: str) -> bool:
    """A capitalised word written as a look-alike: not a case change, a possessive or a derived
    form ("Russia" / "Russian", "Obama" / "Obama's")."""
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    a, b = re.sub(r"'s$", "", a.lower()), re.sub(r"'s$", "", b.lower())
    if a == b or a.startswith(b) or b.startswith(a):
        return False
    return fuzz.ratio(a, b) >= LOOKALIKE


def _reformatted(a: str, b: str) -> bool:
    """The same digits with other separators: "1,200" / "1.200", "6.4" / "6,4"."""
    return a[:1].isdigit() and b[:1].isdigit() and a != b and re.sub(r"\D", "", a) == re.sub(r"\D", "", b)


def _edit_sites(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs of adjacent non-equal opcodes as one site each: "officials" -> "the responsible" is
    one replacement, not a replacement and an insertion."""
    sites: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if sites and sites[-1][1] == i1 and sites[-1][3] == j1:
            sites[-1] = (sites[-1][0], i2, sites[-1][2], j2)
        else:
            sites.append((i1, i2, j1, j2))
    return sites
