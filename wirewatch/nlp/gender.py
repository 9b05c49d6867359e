"""Grammatical gender of the people an article names, learned from the article itself.

A pronoun ("she said") can only refer to someone it agrees with, so attribution needs to know
which people are "she" and which "he". News says so in several ways, each counted as evidence:

- an honorific before the name ("Mr. Barrett", "Ms Gonzalez", "Mrs. Clinton");
- a gendered role word next to the name ("chairwoman Maria Gonzalez", "Gonzalez, a mother of
  three,", "the congressman, Tom Baker,");
- pronouns the article already used for the person: a he/she/his/her in a sentence whose only
  person, before it, is that person, or in the next sentence when that person opened the one
  before ("Maria Gonzalez has led the union for a decade. On Monday she met ...");
- the first name, when it is in `first_names.txt` (learned from the GUM corpus's coreference
  chains by training/first_names.py).

Sentences holding a quotation are not read for pronoun evidence: the pronoun there is usually
the speaker being attributed, the very thing this evidence is for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

FEMININE, MASCULINE = "f", "m"

_HONORIFIC_GENDER = {
    "mr": MASCULINE, "sir": MASCULINE, "lord": MASCULINE,
    "mrs": FEMININE, "ms": FEMININE, "miss": FEMININE, "madam": FEMININE, "dame": FEMININE,
    "lady": FEMININE,
}
# Gendered nouns of ordinary English (kinship, -man/-woman roles, nobility).
_FEMININE_WORDS = (
    "woman|mother|daughter|wife|sister|grandmother|granddaughter|aunt|niece|girl|girlfriend|"
    "actress|chairwoman|spokeswoman|congresswoman|businesswoman|councilwoman|policewoman|"
    "stateswoman|sportswoman|horsewoman|anchorwoman|queen|princess|duchess|countess|empress|"
    "widow|bride|mom|mum|stepmother|stepdaughter|heiress|waitress|hostess|landlady|nun|"
    "grandma|mistress|matriarch|sorority|schoolgirl|housewife"
)
_MASCULINE_WORDS = (
    "man|father|son|husband|brother|grandfather|grandson|uncle|nephew|boy|boyfriend|"
    "chairman|spokesman|congressman|businessman|councilman|policeman|statesman|sportsman|"
    "horseman|anchorman|king|prince|duke|count|emperor|widower|groom|dad|stepfather|stepson|"
    "heir|waiter|host|landlord|monk|grandpa|patriarch|fraternity|schoolboy|fireman"
)
_GENDER_WORD = re.compile(
    rf"(?P<f>\b(?:{_FEMININE_WORDS})\b)|(?P<m>\b(?:{_MASCULINE_WORDS})\b)", re.IGNORECASE
)
_PRONOUN_GENDER = {
    "he": MASCULINE, "him": MASCULINE, "his": MASCULINE, "himself": MASCULINE,
    "she": FEMININE, "her": FEMININE, "hers": FEMININE, "herself": FEMININE,
}
_GENDERED_PRONOUN = re.compile(r"(?<![\w’'])(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)(?![\w’'])")
_HONORIFIC_BEFORE = re.compile(r"(?<![\w’'])(?P<h>Mr|Mrs|Ms|Miss|Sir|Lord|Madam|Dame|Lady)\.?\s+$")
_HONORIFIC_INSIDE = re.compile(r"^(?P<h>Mr|Mrs|Ms|Miss|Sir|Lord|Madam|Dame|Lady)\.?\s")
# "Gonzalez, a 42-year-old mother of three," / "Baker, the union's spokesman,": one clause.
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:the|a|an|his|her|their|[\w.’'\-]+['’]s)\s+(?P<words>[^,.;:“”\"()]{1,60})")
_ROLE_THEN_NAME = re.compile(r"(?:^|[.!?]\s+|\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+|['’]s\s+)(?:[\w\-]+\s+){0,2}?(?P<word>[\w\-]+),\s+$")
_WORDS_BEFORE = re.compile(r"(?P<words>(?:[\w\-]+\s+){1,3})$")
_FIRST_NAMES_FILE = Path(__file__).with_name("first_names.txt")

# An opening phrase before the subject ("On Monday night,") is a few words.
_OPENER_WORDS = 8
# Weights: an honorific or a role word is a statement of gender, a pronoun a reading of one.
_STATED, _FIRST_NAME, _PRONOUN_VOTE = 3.0, 2.0, 1.0

Span = tuple[int, int, str]  # (start, end, entity id) of a person mention


@lru_cache(maxsize=1)
def first_name_genders(path: Path = _FIRST_NAMES_FILE) -> dict[str, str]:
    """First name -> "f"/"m" from the shipped table (empty when it is absent)."""
    if not path.is_file():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")[:2]
            table[name] = gender
    return table


def person_genders(
    text: str,
    persons: Sequence[Span],
    sentence_start: Callable[[int], int],
    quoted: Callable[[int, int], bool],
    *,
    first_names: dict[str, str] | None = None,
) -> dict[str, str]:
    """Entity id -> "f"/"m" for the people whose gender the article makes clear.

    `sentence_start(pos)` gives the start of the sentence holding pos; `quoted(start, end)`
    whether the stretch lies inside a quotation (or its sentence holds one).
    """
    names = first_name_genders() if first_names is None else first_names
    votes: dict[str, dict[str, float]] = defaultdict(lambda: {FEMININE: 0.0, MASCULINE: 0.0})
    for start, end, entity_id in persons:
        for gender in _stated_genders(text, start, end):
            votes[entity_id][gender] += _STATED
        first = text[start:end].split()[0].strip(".,")
        if first in names and len(text[start:end].split()) > 1:
            votes[entity_id][names[first]] += _FIRST_NAME
    for entity_id, gender in _pronoun_votes(text, persons, sentence_start, quoted):
        votes[entity_id][gender] += _PRONOUN_VOTE
    genders = {}
    for entity_id, tally in votes.items():
        if tally[FEMININE] > tally[MASCULINE]:
            genders[entity_id] = FEMININE
        elif tally[MASCULINE] > tally[FEMININE]:
            genders[entity_id] = MASCULINE
    return genders


def pronoun_gender(word: str) -> str | None:
    return _PRONOUN_GENDER.get(word.lower())


def _stated_genders(text: str, start: int, end: int) -> list[str]:
    """Genders an honorific or role word right next to the mention at [start, end) states."""
    found = []
    honorific = _HONORIFIC_INSIDE.match(text[start:end]) or _HONORIFIC_BEFORE.search(text, max(0, start - 8), start)
    if honorific:
        found.append(_HONORIFIC_GENDER[honorific.group("h").lower()])
    before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if before:
        # Only the word right before the name: "chairwoman Maria Gonzalez", not "her son Tom".
        last = before.group("words").split()[-1]
        word = _GENDER_WORD.fullmatch(last)
        possessed = len(before.group("words").split()) > 1 and before.group("words").split()[-2].lower() in ("his", "her", "their", "my", "our", "your")
        if word and not possessed and not text[start - len(last) - 1:start].startswith(("'", "’")):
            found.append(FEMININE if word.group("f") else MASCULINE)
    set_off = _ROLE_THEN_NAME.search(text, max(0, start - 60), start)
    if set_off:
        # "The shop's landlord, Bruno Keller,": the role set off before the name.
        word = _GENDER_WORD.fullmatch(set_off.group("word"))
        if word:
            found.append(FEMININE if word.group("f") else MASCULINE)
    appositive = _APPOSITIVE_AFTER.match(text[end:end + 80])
    if appositive:
        words = appositive.group("words")
        # The head of "a mother of three" is its first noun before a preposition or clause.
        head = re.split(r"\b(?:of|for|at|in|on|with|from|to|who|whose|and)\b", words)[0]
        word = None
        for word in _GENDER_WORD.finditer(head):
            pass
        if word:
            found.append(FEMININE if word.group("f") else MASCULINE)
    return found


def _pronoun_votes(
    text: str,
    persons: Sequence[Span],
    sentence_start: Callable[[int], int],
    quoted: Callable[[int, int], bool],
) -> list[tuple[str, str]]:
    """(entity id, gender) for each pronoun whose referent the sentence leaves no doubt about."""
    votes = []
    for match in _GENDERED_PRONOUN.finditer(text):
        start, end = match.span()
        if quoted(start, end):
            continue
        sentence = sentence_start(start)
        same = [(s, e, eid) for s, e, eid in persons if sentence <= s and e <= start]
        if len({eid for _, _, eid in same}) == 1:
            # In its own clause an object pronoun is someone else ("Trump attacked her"): only a
            # subject, possessive or reflexive pronoun after the sentence's subject counts.
            if not _is_object(text, match) and opens_sentence(text[sentence:same[0][0]]):
                votes.append((same[0][2], _PRONOUN_GENDER[match.group().lower()]))
            continue
        if same or sentence == 0:
            continue
        # "For her part, Suu Kyi …": a person later in the sentence may be the referent.
        if any(sentence <= s < start + 200 and sentence_start(s) == sentence for s, _, _ in persons):
            continue
        previous = sentence_start(sentence - 1)
        if quoted(previous, sentence):
            continue
        before = [(s, e, eid) for s, e, eid in persons if previous <= s and e <= sentence]
        if len({eid for _, _, eid in before}) == 1 and opens_sentence(text[previous:before[0][0]]):
            votes.append((before[0][2], _PRONOUN_GENDER[match.group().lower()]))
    return votes


def _is_object(text: str, match: re.Match[str]) -> bool:
    """"him", or "her" not followed by the noun it would own ("told her that", "gave her a")."""
    word = match.group().lower()
    if word == "him":
        return True
    if word != "her":
        return False
    following = re.match(r"\s+([\w’'\-]+)", text[match.end():match.end() + 40])
    return following is None or following.group(1).lower() in _NOT_OWNED or not following.group(1)[0].isalpha()


_NOT_OWNED = {
    "a", "an", "the", "that", "this", "to", "and", "or", "but", "as", "in", "on", "at", "of",
    "for", "with", "by", "from", "about", "into", "if", "when", "because", "so", "was", "is",
    "had", "has", "would", "will", "could", "should", "not", "up", "down", "out", "off", "back",
    "away", "over", "again", "too", "what", "how", "why", "who", "it", "her", "him", "them",
}


def opens_sentence(lead: str) -> bool:
    """Whether a name after `lead`, the start of its sentence, is the sentence's subject: the
    first words give or take capitalised titles, also after a short opening phrase set off by a
    comma ("On Monday night, Clinton", "Her predecessor, Sarah Lind,")."""
    opener, _, rest = lead.rpartition(",")
    return len(opener.split()) <= _OPENER_WORDS and all(word[:1].isupper() for word in rest.split())
