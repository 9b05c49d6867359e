"""Is one written name word a spelling of another? The name decision of the duplicate test.

Machine translation and OCR garble names ("Starmer" -> "Stemmer", "Ruiz" -> "Rooiz", "Putin" ->
"Prin"); a copy that garbles a name names nobody new. Two tests, both on lower-cased words:

- `same_name_word`: alike on their own -- rapidfuzz's normalised Indel similarity of at least
  `SAME_WORD` (one edit in a word of five letters or more), or of at least `SAME_WORD_SAME_START`
  when both begin with the same letter (garbles keep the first letter far more often than not;
  a different name that happens to share letters usually does not).
- `replaces_name_word`: a looser bar (`SUBSTITUTE`, with the same first letter) for a word
  standing in for a known name word that the copy itself never writes: a consistent garble replaces the name it garbles, while a
  newly named person comes on top of the names already there.

Where the string test says no, the pairwise same-person scorer of wirewatch/nlp/names.py has the
last word (its folds know transliteration and OCR look-alikes).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..nlp.names import same_entity_score

SAME_WORD = 75.0
SAME_WORD_SAME_START = 60.0  # "prin"/"putin" 67, "rooiz"/"ruiz" 67, "stemmer"/"starmer" 71
SUBSTITUTE = 50.0


# The same-person scorer of nlp/names.py, for garbles string similarity misses ("Sarah" ->
# "Zreh": transliterated, then letters lost). Alone it is generous with bare words ("Kast" /
# "Last" 0.994): against any known word only near-certainty counts; for a stand-in for a
# vanished name word its own decision threshold does. Chosen on ECB+ dev topics (1-25) with
# MT-style copies and new-person developments (benchmarks/stories.py --duplicates-only dev).
SAME_SCORE = 0.99
SUB_SCORE = 0.9


def same_name_word(word: str, other: str) -> bool:
    if word == other:
        return True
    score = fuzz.ratio(word, other)
    if score >= SAME_WORD or (score >= SAME_WORD_SAME_START and word[:1] == other[:1]):
        return True
    return same_entity_score(word, other) >= SAME_SCORE


def replaces_name_word(word: str, vanished: str) -> bool:
    """Whether `word` can be a garble of `vanished`, a name word the copy no longer writes."""
    score = fuzz.ratio(word, vanished)
    if score >= SAME_WORD_SAME_START or (score >= SUBSTITUTE and word[:1] == vanished[:1]):
        return True
    return same_entity_score(word, vanished) >= SUB_SCORE
