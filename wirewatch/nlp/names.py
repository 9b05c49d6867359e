"""Are two person names the same person? A scored decision over spellings.

A machine-translated or scanned article writes one person several ways: "Keir Starmer" and then
"Stemmer", "Jeroen van Leeuwen" and "Van Leeuwen said", "Volodymyr Zelenskyy" and "Zelensky".
`same_entity_score` turns a pair of names into the probability that they name one person, from
features no single rule captures: edit distances on the plain, OCR-folded and transliteration-folded
spellings, a consonant skeleton (a phonetic key), the first letter, the length of the surname,
surname particles ("van", "al-", "bin", in any case), first names and titles. Nothing in it
assumes which spelling is the more frequent one: a consistent garble may be the majority.

The weights are a logistic regression fitted on the calibration part of a generated corpus
(real names from the shared corpora garbled by `benchmarks/garble.py`, against distinct real
people): `python benchmarks/resolution.py --calibrate` prints them. Hard rules stay rules:
two full names with incompatible first names are never one person (Bill / Hillary Clinton).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

# Lowercase surname particles; a capitalised one ("Van Leeuwen said") is the same particle.
PARTICLES = frozenset({
    "van", "von", "de", "der", "den", "da", "di", "du", "des", "del", "della", "la", "le", "dos",
    "das", "do", "ter", "ten", "bin", "ibn", "bint", "al", "el", "abu", "ben", "st", "mac",
})
# Particles that also start a name as a first name ("Al Gore", "Ben Johnston", "Abu ..."): a
# capitalised one that opens a mention is read as a first name; the second-mention rule in
# `_surname_form` still matches "Al Assad" to "Bashar al-Assad".
_FIRST_NAME_PARTICLES = frozenset({"al", "el", "ben", "abu", "mac", "st", "le", "la", "do", "du",
                                   "das", "dos"})
# Particles that are one another's spellings ("bin" / "ibn", "al-" / "el-").
_PARTICLE_SPELLINGS = {"ibn": "bin", "el": "al"}
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev"})
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady"})
_MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})

# Decision threshold on the probability; chosen on the calibration part (see the module docstring).
MATCH_THRESHOLD = 0.9
# Fitted weights, in the order of `_features` (python benchmarks/resolution.py --calibrate).
WEIGHTS = (
    -0.602,  # bias
    1.905,  # Levenshtein similarity
    2.475,  # OSA similarity (a transposition is one edit)
    2.080,  # Jaro-Winkler similarity
    1.756,  # Levenshtein similarity of the OCR-folded spellings
    -1.004,  # Levenshtein similarity of the transliteration-folded spellings
    2.436,  # Levenshtein similarity of the consonant skeletons
    2.168,  # same first letter (transliteration-folded)
    0.462,  # 1 / length of the shorter surname (a short name has fewer letters to spare)
    -2.295,  # fewest edits between the spellings, plain (OSA), OCR- or transliteration-folded
    0.170,  # length of the shorter surname, up to 12
    0.390,  # first names given on both sides and agreeing
)
# Evidence the calibration corpus cannot show, as fixed log-odds (documented, not fitted).
TITLE_AGREES = 1.0  # "Prime Minister Stemmer" after "Prime Minister Keir Starmer"
GENDER_CONFLICTS = -4.0  # "Mrs. Stemmer" against "Mr. Starmer"
PARTICLE_CONFLICTS = -4.0  # "van der Berg" against "de Berg": particles spelled differently
PLACE_LABEL = -1.0  # one side tagged as a place: the same string needs more evidence


@dataclass(frozen=True)
class PersonName:
    """A person name taken apart: "Mr. Jeroen van Leeuwen" -> given ("Jeroen",),
    particles ("van",), core "Leeuwen"."""

    given: tuple[str, ...]  # first and middle names, initials as "J"
    particles: tuple[str, ...]  # lowercase, as spelled ("van", "der"; "al" for "al-")
    core: str  # the surname without its particles
    honorific: str | None = None  # "Mr", "Mrs", ... when the text gave one

    @property
    def is_full(self) -> bool:
        return bool(self.given)

    @property
    def surname(self) -> str:
        """The surname as a second mention writes it: "van Leeuwen"."""
        return " ".join([*self.particles, self.core])

    @property
    def key(self) -> str:
        """The core surname folded for exact comparison ("López" and "LOPEZ" -> "lopez")."""
        return fold(self.core)


_HYPHEN_PARTICLE = re.compile(r"^([A-Za-z]{1,3})[-‐](\w.*)$")


def parse_person_name(text: str) -> PersonName:
    """Take a person name apart; particles are recognised in any case ("Van Leeuwen said" at a
    sentence start is a surname, not a first name "Van") and when hyphenated ("al-Assad")."""
    words = [w.strip(".,") for w in text.replace("’", "'").split()]
    honorific = next((w for w in words if w in HONORIFICS), None)
    words = [w for w in words if w and w not in HONORIFICS and w not in NAME_SUFFIXES]
    words = [w[:-2] if w.endswith("'s") and len(w) > 3 else w for w in words]
    if not words:
        return PersonName((), (), text.strip(), honorific)
    core = words[-1]
    particles: list[str] = []
    hyphenated = _HYPHEN_PARTICLE.match(core)
    if hyphenated and hyphenated.group(1).lower() in PARTICLES:
        particles.append(hyphenated.group(1).lower())
        core = hyphenated.group(2)
    rest = words[:-1]
    while rest and rest[-1].lower() in PARTICLES:
        if len(rest) == 1 and rest[0][:1].isupper() and rest[0].lower() in _FIRST_NAME_PARTICLES:
            break
        particles.insert(0, rest.pop().lower())
    given = tuple(w[0] if len(w) == 1 or (len(w) == 2 and w.isupper()) else w for w in rest)
    return PersonName(given, tuple(particles), core, honorific)


_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d",
                                  "ı": "i", "þ": "th", "ð": "d"})


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """Lowercase ASCII letters only: no diacritics, apostrophes, hyphens or spaces."""
    lowered = word.lower().translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if "a" <= c <= "z")


_OCR_FOLDS = [("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("li", "h")]
_TRANSLIT_FOLDS = [
    (r"sch", "sh"), (r"tch", "ch"), (r"dzh", "j"), (r"ph", "f"), (r"ck", "k"), (r"kh", "h"),
    (r"gh", "g"), (r"zh", "j"), (r"dj", "j"), (r"tz", "ts"), (r"x", "ks"), (r"q", "k"),
    (r"c(?=[eiy])", "s"), (r"c", "k"), (r"w", "v"), (r"j", "i"), (r"y", "i"), (r"ou", "u"),
    (r"oo", "u"), (r"ee", "i"), (r"z", "s"), (r"(.)\1+", r"\1"),
]
_TRANSLIT_PATTERNS = [(re.compile(a), b) for a, b in _TRANSLIT_FOLDS]


@lru_cache(maxsize=4096)
def ocr_fold(word: str) -> str:
    """Letter groups a scanner confuses, written one way: "Rnorgan" and "Morgan" -> "morgan"."""
    for a, b in _OCR_FOLDS:
        word = word.replace(a, b)
    return word


@lru_cache(maxsize=4096)
def translit_fold(word: str) -> str:
    """Spellings transliteration varies, written one way: "Zelenskyy", "Zelenskiy", "Selensky"
    -> "selenski"; doubled letters collapse."""
    for pattern, replacement in _TRANSLIT_PATTERNS:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=4096)
def skeleton(word: str) -> str:
    """A phonetic key: the first letter and the consonants of the transliteration fold."""
    folded = translit_fold(word)
    return folded[:1] + re.sub(r"[aeiou]", "", folded[1:])


def surname_features(a: str, b: str) -> tuple[float, ...]:
    """Similarity features of two folded core surnames (all but the first and last of `_features`)."""
    ta, tb = translit_fold(a), translit_fold(b)
    return (
        Levenshtein.normalized_similarity(a, b),
        OSA.normalized_similarity(a, b),
        JaroWinkler.similarity(a, b),
        Levenshtein.normalized_similarity(ocr_fold(a), ocr_fold(b)),
        Levenshtein.normalized_similarity(ta, tb),
        Levenshtein.normalized_similarity(skeleton(a), skeleton(b)),
        float(ta[:1] == tb[:1]),
        1.0 / max(1, min(len(a), len(b))),
        float(min(OSA.distance(a, b), Levenshtein.distance(ocr_fold(a), ocr_fold(b)),
                  Levenshtein.distance(ta, tb))),
        float(min(len(a), len(b), 12)),
    )


def _features(a: PersonName, b: PersonName) -> tuple[float, ...]:
    both_given = bool(a.given and b.given) and given_names_compatible(a, b)
    return (1.0, *surname_features(fold(a.core), fold(b.core)), float(both_given))


def given_names_compatible(a: PersonName, b: PersonName) -> bool:
    """First names agree, allowing an initial ("J. Smith" ~ "John Smith"); two different first
    names are two people ("Bill" / "Hillary"), even one letter apart ("Kristen" / "Kristin")."""
    if not a.given or not b.given:
        return True
    x, y = fold(a.given[0]), fold(b.given[0])
    if not x or not y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


def _particles_conflict(a: PersonName, b: PersonName) -> bool:
    """One name carries particles the other lacks or spells differently ("Van Morrison" vs
    "Jim Morrison"); a missing particle is no conflict ("Assad" ~ "Bashar al-Assad")."""
    pa = tuple(_PARTICLE_SPELLINGS.get(p, p) for p in a.particles)
    pb = tuple(_PARTICLE_SPELLINGS.get(p, p) for p in b.particles)
    return bool(pa and pb and pa != pb)


def _gender(name: PersonName) -> str | None:
    honorific = (name.honorific or "").lower()
    if honorific in _FEMALE_HONORIFICS:
        return "f"
    if honorific in _MALE_HONORIFICS:
        return "m"
    return None


def same_entity_logit(
    a: PersonName,
    b: PersonName,
    *,
    titles_a: frozenset[str] = frozenset(),
    titles_b: frozenset[str] = frozenset(),
    place_label: bool = False,
) -> float:
    """Log-odds that `a` and `b` name one person; -inf where a hard rule says they cannot."""
    a, b = _surname_form(a, b), _surname_form(b, a)
    if a.given and b.given and not given_names_compatible(a, b):
        return -math.inf
    if not a.key or not b.key:
        return -math.inf
    if _particle_against_plain(a, b) or _particle_against_plain(b, a):
        return -math.inf
    logit = max(sum(w * x for w, x in zip(WEIGHTS, _features(x, y))) for x, y in _core_parts(a, b))
    if _particles_conflict(a, b):
        logit += PARTICLE_CONFLICTS
    gender_a, gender_b = _gender(a), _gender(b)
    if gender_a and gender_b and gender_a != gender_b:
        logit += GENDER_CONFLICTS
    if titles_a & titles_b:
        logit += TITLE_AGREES
    if place_label:
        logit += PLACE_LABEL
    return logit


def _surname_form(short: PersonName, long: PersonName) -> PersonName:
    """A second mention that reads as a full name: "López Obrador" after "Andrés Manuel López
    Obrador" (given name "López"), "Al Assad" after "Bashar al-Assad", "Le Pen" after "Marine
    Le Pen", "Abu Luwaya" (garbled) after "Mohamed Abu Liwaya". It is the surname form when its
    words before the core surname are the last such words of the other name."""
    if not short.given:
        return short
    words = [fold(w) for w in (*short.given, *short.particles)]
    longer = [fold(w) for w in (*long.given, *long.particles)]
    if len(longer) > len(words) and longer[-len(words):] == words:
        particles = tuple(w for w in words if w in long.particles)
        return PersonName((), particles, short.core, short.honorific)
    return short


def _core_parts(a: PersonName, b: PersonName) -> list[tuple[PersonName, PersonName]]:
    """The pairs to compare: the names themselves and, for a double-barrelled surname against a
    single one, each of its parts ("Pascual" after "Virginia Ruano-Pascual")."""
    pairs = [(a, b)]
    for x, y, flip in ((a, b, False), (b, a, True)):
        if "-" in x.core and "-" not in y.core:
            for part in x.core.split("-"):
                if len(part) >= 3:
                    piece = PersonName(x.given, x.particles, part, x.honorific)
                    pairs.append((y, piece) if flip else (piece, y))
    return pairs


def _particle_against_plain(a: PersonName, b: PersonName) -> bool:
    """A bare mention with a particle ("Van Morrison") against a full name with none
    ("Jim Morrison"): the particle is part of a different surname."""
    return bool(a.particles and not a.given and b.given and not b.particles)


def same_entity_score(
    a: str | PersonName,
    b: str | PersonName,
    *,
    titles_a: frozenset[str] = frozenset(),
    titles_b: frozenset[str] = frozenset(),
    place_label: bool = False,
) -> float:
    """Probability that the person names `a` and `b` ("Keir Starmer", "Stemmer") are one person.

    Symmetric; 0.0 for two full names with incompatible first names and for a bare surname
    with a particle against a full name without one ("Van Morrison" / "Jim Morrison"). `titles_*` are the titles
    the text gave each ("prime minister"), `place_label` that one of them was tagged as a place."""
    pa = a if isinstance(a, PersonName) else parse_person_name(a)
    pb = b if isinstance(b, PersonName) else parse_person_name(b)
    logit = same_entity_logit(pa, pb, titles_a=titles_a, titles_b=titles_b, place_label=place_label)
    if logit == -math.inf:
        return 0.0
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


def same_entity(a: str | PersonName, b: str | PersonName, **context) -> bool:
    """The decision: `same_entity_score` at or above MATCH_THRESHOLD."""
    return same_entity_score(a, b, **context) >= MATCH_THRESHOLD
