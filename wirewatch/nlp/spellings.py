"""Names written two ways in one text: "Vandermeulen" and "Vandermolen", "Maule" and "Maulc".

Edited copy spells every name one way. Machine translation (and OCR) garbles a name into one
wrong form and usually leaves some mentions right, so both forms stand in the same article.
Entity resolution catches that for people it groups (resolve.py `variants`); this looks at every
capitalised word, places and bodies included, with two bars:

- close spellings (`CLOSE`: one edit in a word of seven letters or so) anywhere in the text;
- looser ones (`LOOSE`) that fill the same slot of a name: the same word before or after them
  inside a capitalised run ("Elena Ruiz" / "Elena Rooiz").

Both words must start with the same letter, be of 4+ letters and of lengths within two, and never
be written in lower case in the text; a word that is the other's stem plus an ending
("Chechen" / "Chechnya", "Minister" / "Ministry") is another word, not a garble.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

CLOSE = 85.0
LOOSE = 65.0
_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)*\b")


def name_spelled_two_ways(text: str) -> list[tuple[str, str]]:
    """Pairs of capitalised words of `text` that look like one name written two ways."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for match in _RUN.finditer(text):
        run = re.split(r"[ \-]", match.group())
        for position, word in enumerate(run):
            if len(word) < 4:
                continue
            neighbours[word]  # noqa: B018 - registers the word
            if position:
                neighbours[word].add("<" + run[position - 1])
            if position + 1 < len(run):
                neighbours[word].add(">" + run[position + 1])
    ordinary = set(re.findall(r"\b[a-z]+\b", text))  # words the text writes in lower case
    words = sorted(word for word in neighbours if word.lower() not in ordinary)
    found = []
    for a, b in combinations(words, 2):
        if a[0] != b[0] or abs(len(a) - len(b)) > 2 or same_stem(a, b):
            continue
        score = fuzz.ratio(a.lower(), b.lower())
        if score >= CLOSE or (score >= LOOSE and neighbours[a] & neighbours[b]):
            found.append((a, b))
    return found


_ENDINGS = frozenset("a e i o n y s es er ers ry ia an en ian ians ese ic ics ism ist ists ite ites ish".split())


def same_stem(a: str, b: str) -> bool:
    """One word derived from the other ("Minister"/"Ministry", "Canada"/"Canadian"): one begins
    the other, or past their common beginning what is left of each is an English ending."""
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    tails = (a[common:], b[common:])
    if common >= 3 and not all(tails):
        extra = tails[0] or tails[1]
        # One begins the other ("Russia"/"Russians", "Martin"/"Martinez"), unless all it adds is
        # its last letter again ("Zelensky"/"Zelenskyy"): a spelling, not another word.
        return set(extra) != {a[common - 1]}
    return common >= 3 and all(tail in _ENDINGS for tail in tails)
