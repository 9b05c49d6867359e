"""Where a text writes its names: a garbled name standing where a known name stood is no new person.

Machine translation garbles a name beyond what a string test can accept ("Indian Navy" ->
"Inidh Nevyy") while keeping it where it was: after the same word, before the same word, as
long as it was. A copy that writes such a run of capitalised words where the article it copies
wrote a name, word for word alike at a looser bar (`name_match.replaces_name_word`), names that
name; a development names a new person in a sentence of its own ("... said that Ann Blake had
been appointed"), where no known name of that shape stood.

A text's name places are (word before, the name's words, word after) for every run of
capitalised words, lower-cased, punctuation counting as a word ("." before a name that opens a
sentence); where an article stands next to it, also with the article passed over ("of" before
"the Gulf of Aden").
"""

from __future__ import annotations

import re

from ..nlp.names import translit_fold
from .name_match import replaces_name_word, same_name_word
from .text import STOPWORDS

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")

NamePlace = tuple[str, str, str]  # (word before, the name's words joined by spaces, word after)


def name_places(text: str) -> frozenset[NamePlace]:
    """(word before, name, word after) of every run of capitalised words in `text`."""
    tokens = _TOKEN.findall(text)
    places = set()
    i = 0
    while i < len(tokens):
        if not tokens[i][:1].isupper():
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j][:1].isupper():
            j += 1
        while i < j - 1 and tokens[i].lower() in STOPWORDS:  # "The Indian Navy": the name is "Indian Navy"
            i += 1
        name = " ".join(re.sub(r"['’]s$", "", token).lower() for token in tokens[i:j])
        # Both the words beside it and, where one is an article, the word past it: translation drops
        # or adds an article ("of Glpph" for "of the Gulf") or rewords the word past it ("around the
        # Kueh" for "about the Queen").
        places.add((tokens[i - 1].lower() if i else "", name, tokens[j].lower() if j < len(tokens) else ""))
        places.add((_neighbour(tokens, i - 1, -1), name, _neighbour(tokens, j, 1)))
        i = j
    return frozenset(places)


def _neighbour(tokens: list[str], k: int, step: int) -> str:
    """The word next to a name, an article passed over."""
    while 0 <= k < len(tokens) and tokens[k].lower() in _ARTICLES:
        k += step
    return tokens[k].lower() if 0 <= k < len(tokens) else ""


_ARTICLES = frozenset({"the", "a", "an"})


def placed_names(text: str, known: frozenset[NamePlace]) -> set[str]:
    """Name words of `text` written where a name of `known` stood: a run of as many words after
    the same word or before the same word, word for word a spelling of the known run (at the
    looser bar of a stand-in). Where the run matches a known one on both sides, or where one of
    its words spells its counterpart, the others need only begin with the same sound: a garble
    keeps the first sound ("Queens" -> "Qaecris"), and a new person in a sentence of its own
    does not stand where a known name stood, between the same words. A run of three or more
    words needs no neighbours when all its words but one spell the known run's and that one
    begins with the same sound: translation rewords both neighbours ("2005, Superiol Kuotr Judge
    James Bodiford condemned" for ". Superior Court Judge James Bodiford sentenced"), and a new
    person is not named with all of a known title and name but one word."""
    by_before: dict[tuple[str, int], list[tuple[list[str], str]]] = {}
    by_after: dict[tuple[str, int], list[tuple[list[str], str]]] = {}
    long_runs: dict[int, list[list[str]]] = {}
    for before, name, after in known:
        words = name.split()
        by_before.setdefault((before, len(words)), []).append((words, after))
        by_after.setdefault((after, len(words)), []).append((words, before))
        if len(words) >= LONG_RUN:
            long_runs.setdefault(len(words), []).append(words)
    found: set[str] = set()
    for before, name, after in name_places(text):
        words = name.split()
        candidates = [(other, other_after == after) for other, other_after in by_before.get((before, len(words)), [])]
        candidates += [(other, other_before == before) for other, other_before in by_after.get((after, len(words)), [])]
        if any(_aligned(words, other, both_sides) for other, both_sides in candidates) or any(
                _one_word_off(words, other) for other in long_runs.get(len(words), [])):
            found.update(words)
    return found


LONG_RUN = 3  # words in a run that is recognised without its neighbours (see placed_names)


def _one_word_off(words: list[str], known: list[str]) -> bool:
    """A long run spelling a known one word for word, but for at most one word that begins with
    the same sound."""
    odd = [(word, other) for word, other in zip(words, known) if not _spells(word, other)]
    return len(odd) <= 1 and all(_same_first_sound(word, other) for word, other in odd)


def _aligned(words: list[str], known: list[str], both_sides: bool) -> bool:
    spelled = [_spells(word, other) for word, other in zip(words, known)]
    if all(spelled):
        return True
    if not (both_sides or any(spelled)):
        return False
    # Between the same words, with every other word of a run of three or more spelled alike
    # ("State Fire Marshall Zhonh Bond" for "... John Bond"), the one odd word is the same name
    # garbled past its first letter (a transliteration: J -> Zh, C -> K); a new person is not
    # written into the very slot of a known one with the rest of the title and name kept.
    if both_sides and len(words) >= 3 and spelled.count(False) == 1:
        return True
    return all(ok or _same_first_sound(word, other) for ok, word, other in zip(spelled, words, known))


def _same_first_sound(word: str, other: str) -> bool:
    """The same first sound, in any of the letters transliteration writes it with ("Phailt" /
    "Family", "Ylah" / "Iran", "Zhonh" / "John", "Kiry" / "City", "Cynf" / "King", "Shunenl" /
    "Channel"): a garble keeps the first sound, not always the first letter."""
    return bool(_first_sounds(word) & _first_sounds(other))


def _first_sounds(word: str) -> set[str]:
    sounds = {word[:1], translit_fold(word)[:1]}  # translit_fold: soft "c" is "s", "ch" is "kh", "y" is "i"
    if word[:1] in _HARD_C:
        sounds.add("k")  # "c", "k" and "q" all write the hard sound ("Cynf" for "King")
    if word[:2] in _SH:
        sounds.add("sh")  # "ch" is "sh" in French and Portuguese names ("Shunenl" for "Channel")
    return sounds


_HARD_C = frozenset("ckq")
_SH = frozenset({"ch", "sh"})


def _spells(word: str, known: str) -> bool:
    return word == known or same_name_word(word, known) or replaces_name_word(word, known)
