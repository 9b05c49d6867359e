"""A documented model of machine-translated (round-trip) spun copies of a news article.

Scraper sites republish wire stories after a round trip through machine translation. What that
does to the text, and what this model does, each step seeded and independent of any test article:

1. Names are garbled *consistently*: every name word picked (about 60% of the name words of 4+
   letters) gets one garbled form, used for most of its mentions (`GARBLED_SHARE`), so the garble
   is more frequent than the correct spelling in the copy. The garble comes from
   `benchmarks/garble.py` (`garble_name`) when it is importable, else from `fallback_garble` below
   (one or two edits of the kinds MT and OCR make: vowel shifts, transliteration pairs, dropped or
   doubled letters, OCR look-alikes).
2. Words are swapped for what a translation engine picks on the way back (`MT_SYNONYMS`: a modest
   generic table written for this model -- literal back-translations of common news words --
   plus the spinner's table in paraphrase.py), about `SYNONYM_SHARE` of the words that have one.
3. Clauses around commas are reordered and a reporting clause may be fronted ("X, officials said"
   -> "Officials said that X").
4. Function words slip: articles dropped or inserted ("the officials", "to the thousands"),
   prepositions swapped among their usual confusions (in / on / at, of / from, to / for), "that"
   inserted after reporting verbs.
5. Numbers may come back in continental format ("1,200" -> "1.200", "6.4" -> "6,4").

Nothing in it was fitted to an evaluation article: the tables are generic English, the rates
are round numbers chosen before any measurement.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paraphrase import SYNONYMS  # noqa: E402

GARBLED_NAMES_SHARE = 0.6  # of distinct name words (4+ letters) that get a garbled form
GARBLED_SHARE = 0.75  # of the mentions of a garbled name word that use the garble
SYNONYM_SHARE = 0.5  # of the words with a table entry that are swapped
ARTICLE_SLIP = 0.12  # chance an article is dropped, or inserted before a plural noun
PREPOSITION_SLIP = 0.10  # chance a preposition is swapped for a usual confusion
NUMBER_FORMAT = 0.5  # chance the copy writes numbers in continental format

# Literal back-translations a round trip through another language tends to produce.
MT_SYNONYMS = {
    "said": "declared", "says": "declares", "told": "said to", "added": "added that", "urged": "exhorted",
    "announced": "communicated", "reported": "informed", "killed": "dead", "injured": "hurt",
    "arrested": "stopped", "police": "the police", "officials": "the responsible", "residents": "inhabitants",
    "homes": "houses", "home": "house", "power": "the electricity", "afternoon": "the afternoon",
    "morning": "the morning", "evening": "the evening", "night": "the night", "people": "persons",
    "country": "land", "government": "the government", "leader": "chief",
    "company": "enterprise", "chief": "head", "agreement": "accord", "deal": "accord", "talks": "conversations",
    "meeting": "reunion", "election": "elections", "vote": "voting", "court": "tribunal", "trial": "process",
    "lawyer": "advocate", "prison": "jail", "charged": "accused", "sentenced": "condemned",
    "suspect": "presumed", 
    "storm": "tempest", "flood": "inundation", "damage": "damages", "hospital": "the hospital",
    "school": "the school", "team": "equipment", "game": "party", "match": "party", "coach": "trainer", "fans": "the fans", "show": "spectacle", "release": "launch",
    "released": "launched", "launched": "threw", "bought": "acquired", "shares": "actions", "stock": "action", "million": "millions", "percent": "per cent",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "statement": "communiqué", "however": "nevertheless",
    "because": "because of that", "while": "while that", "after": "after of",
    "before": "before of", "during": "during the", "about": "around", "near": "close of", "last": "the last", "next": "the next", "week": "the week", "month": "the month",
    "year": "the year", "since": "from", "until": "up to", "against": "against of", "between": "among",
}
_PREPOSITION_SLIPS = {"in": ["on", "at"], "on": ["in", "at"], "at": ["in", "on"], "of": ["from", "of the"],
                      "to": ["for", "towards"], "for": ["to", "by"], "from": ["of", "since"], "with": ["by", "to"],
                      "by": ["for", "of"]}
_REPORTING = re.compile(r"^(?P<body>.+?), (?P<who>(?:the )?[a-z]+(?: [a-z]+)?) (?P<verb>said|says|reported|told reporters)$")
_WORD = re.compile(r"(?<![\w.'’\-])[A-Za-z]+(?:['’\-][A-Za-z]+)*(?![\w.'’\-]\w)")

# Letter-level edits machine translation and OCR make in names (each applied once at a place).
_TRANSLITERATION = [("k", "c"), ("c", "k"), ("v", "w"), ("w", "v"), ("y", "i"), ("i", "y"), ("j", "y"),
                    ("sh", "ch"), ("ch", "sh"), ("ph", "f"), ("th", "t"), ("ts", "tz"), ("z", "s"), ("s", "z"),
                    ("ou", "u"), ("ie", "ee"), ("ck", "k"), ("x", "ks")]
_OCR = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("h", "b"), ("e", "c"), ("l", "I"), ("n", "ri"), ("o", "a")]
_VOWELS = "aeiou"


def fallback_garble(name: str, rng: random.Random) -> str:
    """One or two MT/OCR edits of a name word (used until benchmarks/garble.py is available)."""
    word = name
    for _ in range(1 if len(name) <= 5 else rng.choice((1, 2))):
        word = _one_edit(word, rng)
    return word if word != name else name[:-1] + ("a" if name[-1] != "a" else "e")


def _one_edit(word: str, rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:  # transliteration pair
        pairs = [(a, b) for a, b in _TRANSLITERATION if a in word[1:].lower()]
        if pairs:
            a, b = rng.choice(pairs)
            i = word.lower().find(a, 1)
            return word[:i] + b + word[i + len(a):]
    if kind == 1:  # OCR look-alike
        pairs = [(a, b) for a, b in _OCR if a in word[1:]]
        if pairs:
            a, b = rng.choice(pairs)
            i = word.find(a, 1)
            return word[:i] + b + word[i + len(a):]
    if kind == 2 and len(word) > 4:  # dropped or doubled letter
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]
    vowels = [i for i, ch in enumerate(word) if i > 0 and ch in _VOWELS]
    if vowels:  # vowel shift
        i = rng.choice(vowels)
        return word[:i] + rng.choice([v for v in _VOWELS if v != word[i]]) + word[i + 1:]
    return word


def load_garbler() -> tuple[Callable[[str, random.Random], str], str]:
    """(garble function, where it comes from): benchmarks/garble.py's model when present."""
    try:
        from garble import garble_name  # type: ignore[import-not-found]
    except ImportError:
        return fallback_garble, "mt_copies.fallback_garble"
    return garble_name, "garble.garble_name"


_INNER_CAPITAL = re.compile(r"(?<=[\w,;:)] )[A-Z][a-z]{3,}\b")
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december""".split())


def name_words(text: str) -> list[str]:
    """Capitalised words of 4+ letters seen inside a sentence (not after end punctuation), no day or
    month names, in order of first use: the names a translation engine may garble."""
    seen: dict[str, None] = {}
    for match in _INNER_CAPITAL.finditer(text):
        if match.group().lower() not in _CALENDAR:
            seen.setdefault(match.group(), None)
    return list(seen)


def garble_map(text: str, rng: random.Random, garble: Callable[[str, random.Random], str]) -> dict[str, str]:
    """{name word: its one garbled form} for a share of the name words of `text`."""
    chosen = {word: garble(word, rng) for word in name_words(text) if rng.random() < GARBLED_NAMES_SHARE}
    return {word: garbled for word, garbled in chosen.items() if garbled != word}


def apply_garbles(text: str, garbles: dict[str, str], rng: random.Random) -> str:
    """`text` with most mentions of each garbled name word in its garbled form."""
    if not garbles:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(garbles, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: garbles[m.group()] if rng.random() < GARBLED_SHARE else m.group(), text)


def _continental(match: re.Match) -> str:
    return match.group().replace(",", "\0").replace(".", ",").replace("\0", ".")


def mt_copy(text: str, seed: int, garble: Callable[[str, random.Random], str] | None = None,
            title: str | None = None) -> tuple[str, str | None]:
    """A machine-translation-style spun copy of `text` (and of its `title`, garbled alike); see
    the module docstring."""
    rng = random.Random(seed)
    garbles = garble_map(text, rng, garble or load_garbler()[0])
    continental = rng.random() < NUMBER_FORMAT

    def translate(part: str) -> str:
        lines = []
        for line in apply_garbles(part, garbles, rng).split("\n"):
            if continental:
                line = re.sub(r"\d+(?:[.,]\d+)+", _continental, line)
            lines.append(" ".join(_translate_sentence(sentence, rng)
                                  for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line) if sentence))
        return "\n".join(lines)

    return translate(text), (translate(title) if title else title)


def _translate_sentence(sentence: str, rng: random.Random) -> str:
    end = sentence[-1] if sentence[-1] in ".!?" else ""
    body = sentence[:-1] if end else sentence
    reporting = _REPORTING.match(body)
    if reporting and rng.random() < 0.5:
        who = reporting.group("who")
        body = f"{who[0].upper()}{who[1:]} {reporting.group('verb')} that {reporting.group('body')}"
    else:
        clauses = body.split(", ")
        if len(clauses) > 1 and rng.random() < 0.4:
            i = rng.randrange(len(clauses) - 1)
            clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
        body = ", ".join(clauses)
    words = _WORD.findall(body)
    position = iter(range(len(words)))

    def slip(match: re.Match) -> str:
        index = next(position)
        token, lower = match.group(), match.group().lower()
        before = words[index - 1].lower() if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        if not token.islower() and (index or following[:1].isupper()):
            return token  # names and titles are left as they are ("New Orleans" stays)
        if lower in ("the", "a", "an") and rng.random() < ARTICLE_SLIP:
            return ""  # dropped article
        if lower in _PREPOSITION_SLIPS and rng.random() < PREPOSITION_SLIP:
            token = _case_like(token, rng.choice(_PREPOSITION_SLIPS[lower]))
        elif lower in MT_SYNONYMS and rng.random() < SYNONYM_SHARE:
            token = _case_like(token, MT_SYNONYMS[lower])
        elif lower in SYNONYMS and rng.random() < SYNONYM_SHARE / 2:
            token = _case_like(token, SYNONYMS[lower])
        elif (token.islower() and token.endswith("s") and len(token) > 4
              and before in ("of", "to", "for", "with", "on", "in") and rng.random() < ARTICLE_SLIP):
            token = "the " + token  # an inserted article before a plural noun
        if lower in ("said", "says", "declared", "announced") and following.isalpha() and following.islower() \
                and following != "that" and rng.random() < 0.3:
            token += " that"
        return token

    body = _WORD.sub(slip, body)
    return re.sub(r" {2,}", " ", body).strip() + end


def _case_like(model: str, word: str) -> str:
    return word[0].upper() + word[1:] if model[:1].isupper() else word

