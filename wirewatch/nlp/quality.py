"""Is this article a machine translation (often a round trip) rather than edited copy?

Professional copy spells every person one way and keeps its typography consistent; round-trip
machine translation garbles names differently in different sentences ("Starmer" / "Stemmer"),
mixes apostrophe styles from the pieces it stitched together and writes collocations edited
English does not ("before of the talks", "the responsible declared"; collocations.py, from word-
pair counts of edited corpora). Each finding is a signal; one weak signal alone never flags an
article, but many odd collocations are enough on their own.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from wirewatch.document import Quality

from .collocations import odd_collocations
from .resolve import Resolution
from .spellings import name_spelled_two_ways, same_stem

# Odd collocations (collocations.py) that count as a signal, and that flag an article alone.
# Chosen on CoNLL-2003 dev documents and MT-style copies of them (benchmarks/mt_signal.py --split dev).
ODD_PAIRS = 2
ODD_PAIRS_ALONE = 4
MIN_NAME_RATIO = 65.0  # below this two spellings resolution grouped are not counted as one name
STRONG_NAME_RATIO = 85.0  # below this a spelling is a garble; above it a transliteration variant


def _name_signals(resolution: Resolution) -> tuple[list[str], int]:
    signals, garbles = [], 0
    for entity in resolution.entities:
        spellings = resolution.variants.get(entity.id)
        if not spellings or entity.type != "PERSON":
            continue
        surname = entity.name.split()[-1]
        others = sorted({s for s in spellings if s != surname and _one_name(s, surname)})
        if not others:
            continue
        strong = [s for s in others if fuzz.ratio(s.lower(), surname.lower()) < STRONG_NAME_RATIO]
        garbles += len(strong)
        signals.append(f"name spelled several ways: {' / '.join([surname, *others])}")
    return signals, garbles


def _one_name(spelling: str, surname: str) -> bool:
    """Whether a spelling resolution grouped with a surname reads as that name garbled: the same
    first letter and length within two (garbles keep both), and no derived word ("Russia" /
    "Russians"). Resolution may group more ("Khan" / "Haq" as one person); what it groups beyond
    that is no evidence of translation."""
    return (spelling[:1].lower() == surname[:1].lower() and abs(len(spelling) - len(surname)) <= 2
            and fuzz.ratio(spelling.lower(), surname.lower()) >= MIN_NAME_RATIO and not same_stem(spelling, surname))


def _mixed_apostrophes(text: str) -> bool:
    straight = len(re.findall(r"\w'(?:s|t|re|ve|ll|d)\b", text))
    curly = len(re.findall(r"\w’(?:s|t|re|ve|ll|d)\b", text))
    return straight >= 1 and curly >= 1


def assess_quality(text: str, resolution: Resolution) -> Quality:
    """Signals of machine translation and the verdict: two independent kinds, two names spelled
    two ways, or many odd collocations."""
    signals, garbles = _name_signals(resolution)
    named = {word for signal in signals for word in signal.split(": ", 1)[1].split(" / ")}
    for pair in name_spelled_two_ways(text):
        if not named.issuperset(pair):
            signals.append(f"name spelled several ways: {' / '.join(pair)}")
    inconsistent = len(signals)
    kinds = 1 if inconsistent else 0  # one name spelled two ways: edited copy never does that
    if _mixed_apostrophes(text):
        signals.append("mixed straight and curly apostrophes")
        kinds += 1
    collocations = odd_collocations(text)
    if len(collocations.odd) >= ODD_PAIRS:
        shown = ", ".join(" ".join(pair) for pair in collocations.odd[:5])
        signals.append(f"odd collocations: {len(collocations.odd)} of {collocations.pairs} word pairs ({shown})")
        kinds += 1
    suspected = garbles >= 2 or inconsistent >= 2 or kinds >= 2 or len(collocations.odd) >= ODD_PAIRS_ALONE
    return Quality(machine_translation_suspected=suspected, signals=signals)
