"""How machine translation and OCR garble person names: a documented, deterministic model.

Used to generate evaluation data (benchmarks/resolution.py) and machine-translated copies of
articles (the near-duplicate benchmarks). Everything is driven by the `random.Random` passed in,
so one seed gives one corpus.

    from benchmarks.garble import garble_name, garble_surname, person_names
    rng = random.Random(7)
    names = person_names("heldout")            # real names from the shared corpora
    garble_name("Jeroen van Leeuwen", rng)     # -> e.g. "Jeroen Van Leuwen"
    garble_surname("Keir Starmer", rng)        # -> e.g. "Stemmer" (the bare-surname mention)

The model (what a round-trip translation or a bad scan does to a name)
-----------------------------------------------------------------------
A garble applies 1 operation (probability 0.6), 2 (0.35) or 3 (0.05) to the surname; with
probability 0.1 the first name also gets one operation. Letter-level operations, each drawn with
the weight in `WORD_OPERATIONS`:

  ocr         an OCR look-alike: rn<->m, cl<->d, li<->h, vv<->w, ii<->u, l<->I, e<->c, h<->b,
              u<->v, n<->h, ri<->n, f<->t                               ("Morgan" -> "Rnorgan")
  swap        two neighbouring letters trade places (not the first)     ("Putin" -> "Ptuin")
  double      a letter is doubled                                       ("Zelensky" -> "Zelenskky")
  undouble    a doubled letter loses one copy (else: double)            ("Zelenskyy" -> "Zelensky")
  drop        a letter is dropped (not the first)                       ("Starmer" -> "Stamer")
  vowel       a vowel becomes another vowel (not the first letter)      ("Starmer" -> "Stermer")
  consonant   a consonant becomes a neighbouring one on the keyboard or a similar-sounding one
              (not the first letter)                                    ("Putin" -> "Purin")
  translit    a transliteration variant: y<->i, j<->y, ks<->x, ph<->f, sh<->ch, kh<->h, w<->v,
              ou<->u, c<->k, zh<->j, ts<->tz, iy<->y, ck<->k, ei<->ey (any position)
                                                                         ("Zelenskyy" -> "Zelenskiy")
  diacritics  accents are dropped (only where the name has some; else another operation)
                                                                         ("López" -> "Lopez")
Name-level operations (probability 0.25 for a name with a particle; they do not count as one of
the letter operations above):
  particle case    "van Leeuwen" <-> "Van Leeuwen", "al-Assad" -> "Al-Assad"
  particle hyphen  "al-Assad" <-> "al Assad"
  particle drop    "da Silva" -> "Silva"
Garbles never return the name unchanged, keep the first letter's case, and never produce an
empty word. Not modelled: a name translated as a word ("Baker" -> "Boulanger"), a name swapped
for another real person's, reordered names (Asian name order).

Real names (`person_names`) come from CoNLL-2003 train and dev PER spans, GUM train and dev
person mentions and UNER English-EWT dev PER spans; never WikiGold or a test split. They are
split by surname (a stable hash), so no surname of the held-out part was seen in calibration.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Lowercase surname particles ("van Leeuwen", "al-Assad", "bin Laden"). Kept in step with
# wirewatch/nlp/names.py, which reads them the same way.
PARTICLES = frozenset({
    "van", "von", "de", "der", "den", "da", "di", "du", "des", "del", "della", "la", "le", "dos",
    "das", "do", "ter", "ten", "bin", "ibn", "bint", "al", "el", "abu", "ben", "st", "mac",
})
_OCR_PAIRS = [
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"), ("vv", "w"),
    ("w", "vv"), ("ii", "u"), ("l", "I"), ("I", "l"), ("e", "c"), ("c", "e"), ("h", "b"),
    ("b", "h"), ("u", "v"), ("v", "u"), ("n", "h"), ("ri", "n"), ("n", "ri"), ("f", "t"), ("t", "f"),
]
_TRANSLIT_PAIRS = [
    ("y", "i"), ("i", "y"), ("j", "y"), ("y", "j"), ("ks", "x"), ("x", "ks"), ("ph", "f"),
    ("f", "ph"), ("sh", "ch"), ("ch", "sh"), ("kh", "h"), ("kh", "k"), ("w", "v"), ("v", "w"),
    ("ou", "u"), ("u", "ou"), ("c", "k"), ("k", "c"), ("zh", "j"), ("j", "zh"), ("ts", "tz"),
    ("tz", "ts"), ("iy", "y"), ("yy", "y"), ("y", "yy"), ("ck", "k"), ("ei", "ey"), ("ey", "ei"),
    ("z", "s"), ("s", "z"), ("q", "k"), ("dj", "j"), ("oo", "u"), ("ee", "i"),
]
_VOWELS = "aeiou"
# Neighbouring keys and similar sounds, for the "consonant" operation.
_CONSONANT_NEIGHBOURS = {
    "b": "pvn", "c": "kxv", "d": "tsf", "f": "vgd", "g": "khf", "h": "gjn", "j": "hgy",
    "k": "cgl", "l": "kr", "m": "nr", "n": "mh", "p": "bo", "r": "lte", "s": "zda", "t": "dry",
    "v": "fbw", "w": "vqe", "x": "zcs", "z": "sx", "q": "kw", "y": "it",
}

WORD_OPERATIONS = {
    "ocr": 2.0, "swap": 1.5, "double": 1.0, "undouble": 1.0, "drop": 2.0, "vowel": 2.5,
    "consonant": 1.5, "translit": 2.0, "diacritics": 1.0,
}
OPERATION_COUNTS = ((1, 0.6), (2, 0.35), (3, 0.05))
FIRST_NAME_RATE = 0.1
PARTICLE_OPERATION_RATE = 0.25


def strip_diacritics(text: str) -> str:
    """"López" -> "Lopez": combining marks removed after canonical decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _match_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _apply(word: str, operation: str, rng: random.Random) -> str | None:
    """One operation on one word, or None where it cannot apply."""
    lower = word.lower()
    if operation == "diacritics":
        plain = strip_diacritics(word)
        return plain if plain != word else None
    if operation in ("ocr", "translit"):
        pairs = _OCR_PAIRS if operation == "ocr" else _TRANSLIT_PAIRS
        # OCR works on the printed shapes (case kept); transliteration on sounds (lowercase).
        source = word if operation == "ocr" else lower
        options = [(i, a, b) for a, b in pairs for i in _find_all(source, a)]
        if operation == "ocr":
            options = [o for o in options if o[0] > 0 or o[1] != "I"]
        if not options:
            return None
        i, a, b = rng.choice(options)
        new = source[:i] + b + source[i + len(a):]
        return new if operation == "ocr" else _match_case(new, word)
    if len(word) < 3:
        return None
    if operation == "swap":
        options = [i for i in range(1, len(word) - 1) if lower[i] != lower[i + 1]]
        if not options:
            return None
        i = rng.choice(options)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if operation == "double":
        i = rng.randrange(1, len(word))
        return word[:i + 1] + word[i] + word[i + 1:]
    if operation == "undouble":
        options = [i for i in range(1, len(word)) if lower[i] == lower[i - 1]]
        if not options:
            return _apply(word, "double", rng)
        i = rng.choice(options)
        return word[:i] + word[i + 1:]
    if operation == "drop":
        if len(word) < 4:
            return None
        i = rng.randrange(1, len(word))
        return word[:i] + word[i + 1:]
    if operation == "vowel":
        options = [i for i in range(1, len(word)) if lower[i] in _VOWELS]
        if not options:
            return None
        i = rng.choice(options)
        return word[:i] + rng.choice([v for v in _VOWELS if v != lower[i]]) + word[i + 1:]
    if operation == "consonant":
        options = [i for i in range(1, len(word)) if lower[i] in _CONSONANT_NEIGHBOURS]
        if not options:
            return None
        i = rng.choice(options)
        return word[:i] + rng.choice(_CONSONANT_NEIGHBOURS[lower[i]]) + word[i + 1:]
    raise ValueError(f"unknown garble operation {operation!r}")


def _find_all(text: str, part: str) -> Iterator[int]:
    start = text.find(part)
    while start >= 0:
        yield start
        start = text.find(part, start + 1)


def garble_word(word: str, rng: random.Random, operations: int | None = None) -> str:
    """`word` with `operations` letter operations (drawn from OPERATION_COUNTS when None).

    The result always differs from `word`; a word too short for any operation comes back with
    a vowel change or a doubled last letter."""
    if operations is None:
        operations = _draw_count(rng)
    names, weights = zip(*WORD_OPERATIONS.items())
    for _attempt in range(20):
        current = word
        done = 0
        for _tries in range(40):
            if done == operations:
                break
            changed = _apply(current, rng.choices(names, weights)[0], rng)
            if changed and changed != current and changed.strip():
                current, done = changed, done + 1
        if current != word and current.lower() != word.lower():
            return current
    return word + word[-1]


def _draw_count(rng: random.Random) -> int:
    counts, weights = zip(*OPERATION_COUNTS)
    return rng.choices(counts, weights)[0]


def split_name(name: str) -> tuple[list[str], list[str], str]:
    """(given names, particles, core surname): "Jeroen van Leeuwen" -> (["Jeroen"], ["van"],
    "Leeuwen"); "Bashar al-Assad" -> (["Bashar"], ["al-"], "Assad")."""
    words = name.split()
    core = words[-1]
    particles: list[str] = []
    hyphenated = re.match(r"^([A-Za-z]{1,3})-(\w.*)$", core)
    if hyphenated and hyphenated.group(1).lower() in PARTICLES:
        particles.append(hyphenated.group(1) + "-")
        core = hyphenated.group(2)
    rest = words[:-1]
    while len(rest) > 1 and rest[-1].lower() in PARTICLES:
        particles.insert(0, rest.pop())
    return rest, particles, core


def _join(given: list[str], particles: list[str], core: str) -> str:
    surname = "".join(p if p.endswith("-") else p + " " for p in particles) + core
    return " ".join([*given, surname])


def _garble_particles(particles: list[str], rng: random.Random) -> list[str]:
    if not particles:
        return particles
    operation = rng.choice(["case", "hyphen", "drop"])
    if operation == "drop":
        return []
    first = particles[0]
    if operation == "hyphen" and (first.endswith("-") or first.lower() in ("al", "el")):
        return [first[:-1] if first.endswith("-") else first + "-", *particles[1:]]
    flipped = first[0].lower() + first[1:] if first[0].isupper() else first[0].upper() + first[1:]
    return [flipped, *particles[1:]]


def garble_name(name: str, rng: random.Random) -> str:
    """A full name as MT or OCR garbles it: the surname always, particles and first name sometimes.

    "Keir Starmer" -> "Keir Stemmer"; "Jeroen van Leeuwen" -> "Jeroen Van Leuwen"."""
    given, particles, core = split_name(name)
    new_core = garble_word(core, rng)
    if particles and rng.random() < PARTICLE_OPERATION_RATE:
        particles = _garble_particles(particles, rng)
    if given and rng.random() < FIRST_NAME_RATE and len(given[0]) >= 3:
        given = [garble_word(given[0], rng, 1), *given[1:]]
    return _join(given, particles, new_core)


def surname_of(name: str) -> str:
    """The form a text uses for a second mention: "Jeroen van Leeuwen" -> "van Leeuwen"."""
    _given, particles, core = split_name(name)
    return _join([], particles, core)


def garble_surname(name: str, rng: random.Random) -> str:
    """The garbled second-mention form of `name`: "Keir Starmer" -> "Stemmer"."""
    _given, particles, core = split_name(garble_name(name, rng))
    return _join([], particles, core)


# ---- real person names from the shared corpora ----

SPLITS = ("calibration", "heldout", "all")
HELDOUT_SHARE = 0.4


def default_datasets() -> Path:
    env = os.environ.get("WIREWATCH_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "datasets"


def name_split(name: str) -> str:
    """"calibration" or "heldout", by a stable hash of the lowercase core surname."""
    core = strip_diacritics(split_name(name)[2]).lower()
    bucket = int(hashlib.sha1(core.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "heldout" if bucket < HELDOUT_SHARE else "calibration"


_TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess",
    "president", "pope", "saint", "st", "general", "gen", "senator", "sen", "rep", "governor",
    "judge", "justice", "minister", "premier", "chancellor", "secretary", "chairman", "captain",
    "colonel", "col", "sheikh", "emperor", "empress", "duke", "count", "bishop", "cardinal",
    "father", "brother", "sister", "uncle", "aunt", "mayor", "prof", "professor", "coach",
    "ambassador", "envoy", "commissioner", "director", "chief", "admiral", "commander", "rev",
})
_NAME_WORD = re.compile(r"^[A-Z][^\W\d_]*(?:['’\-][A-Za-z][^\W\d_]*)*\.?$|^[A-Z]\.$")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words almost never capitalised inside a sentence (wirewatch/nlp/common_words.txt)."""
    path = ROOT / "wirewatch" / "nlp" / "common_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def usable_name(words: list[str]) -> bool:
    """A full person name usable for generation: 2-4 words, a real first name (not an initial,
    not all capitals), capitalised words except particles, a surname of 2+ letters, no title and
    no ordinary word (the corpora's person mentions include "Dear Friends", "Imperial Naval
    Forces"; this also drops a few real names such as "Will Rogers")."""
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower() in _common_words() for w in words if w.lower() not in PARTICLES):
        return False
    if len(words[0]) < 2 or words[0].endswith(".") or words[0].isupper():
        return False
    if words[0].lower() in PARTICLES:
        return False  # "De la Pena": a surname
    if any(w.lower().rstrip(".") in _TITLE_WORDS for w in words):
        return False  # "King Alphonso", "Iron Lady": a title, not a name
    if words[-1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        return False  # "John Hinckley Jr": the suffix is no surname
    for word in words:
        if word.lower() in PARTICLES and word is not words[0] and word is not words[-1]:
            continue
        if not _NAME_WORD.match(word) or (len(word) > 1 and word.isupper()):
            return False
    core = split_name(" ".join(words))[2]
    return len(core) >= 2 and not core.endswith(".")


def _conll_person_names(path: Path) -> Iterator[list[str]]:
    sys.path.insert(0, str(ROOT))
    from training.convert import iob_spans, read_conll

    for document in read_conll(path):
        for sentence in document.sentences:
            words = [w for w, _ in sentence]
            for start, end, label in iob_spans([t for _, t in sentence]):
                if label == "PER":
                    yield words[start:end]


def _uner_person_names(path: Path) -> Iterator[list[str]]:
    sys.path.insert(0, str(ROOT))
    from training.convert import iob_spans

    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            words.append(cols[1])
            tags.append(cols[2])
            continue
        for start, end, label in iob_spans(tags):
            if label == "PER":
                yield words[start:end]
        words, tags = [], []


def _gum_person_names(datasets: Path) -> Iterator[list[str]]:
    sys.path.insert(0, str(ROOT))
    from training.convert import _gum_mentions, _named_part, gum_split

    wanted = {name for name, split in gum_split(datasets).items() if split in ("train", "dev")}
    for path in sorted((datasets / "gum" / "dep").glob("GUM_*.conllu.gz")):
        if path.name.split(".")[0] not in wanted:
            continue
        words, upos, misc = [], [], []
        for line in gzip.open(path, "rt", encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10 or "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
            upos.append(cols[3])
            misc.append(cols[9])
        for start, end, kind in _gum_mentions(misc):
            if kind == "person":
                named = _named_part(words, upos, start, end)
                if named:
                    yield words[named[0]:named[1]]


def person_names(split: str = "all", datasets: Path | None = None) -> list[str]:
    """Distinct real full person names (sorted) from CoNLL-2003 train/dev, GUM train/dev and
    UNER EWT dev, in the `split` part: "calibration", "heldout" (disjoint by surname) or "all".

    Raises FileNotFoundError when the shared datasets are absent."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    datasets = datasets or default_datasets()
    if not (datasets / "conll2003").is_dir():
        raise FileNotFoundError(f"shared datasets not found at {datasets} (set WIREWATCH_SHARED)")
    found: set[str] = set()
    sources = [
        _conll_person_names(datasets / "conll2003" / "conllpp_train.txt"),
        _conll_person_names(datasets / "conll2003" / "conllpp_dev.txt"),
        _gum_person_names(datasets),
        _uner_person_names(datasets / "uner-english-ewt" / "en_ewt-ud-dev.iob2"),
    ]
    for source in sources:
        for words in source:
            if usable_name(words):
                found.add(" ".join(words))
    return sorted(n for n in found if split == "all" or name_split(n) == split)


if __name__ == "__main__":
    rng = random.Random(1)
    for part in ("calibration", "heldout"):
        names = person_names(part)
        print(f"{part}: {len(names)} names")
        for name in rng.sample(names, 8):
            print(f"  {name!r:32} -> {garble_name(name, rng)!r:32} bare {garble_surname(name, rng)!r}")
