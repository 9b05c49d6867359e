"""Is this article a machine translation (often a round trip) rather than edited copy?

Professional copy spells every person one way and keeps its typography consistent; round-trip
machine translation garbles names differently in different sentences ("Starmer" / "Stemmer"),
mixes apostrophe styles from the pieces it stitched together and leaves tell-tale garbled fixed
phrases. Each finding is a signal; one weak signal alone never flags an article.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from wirewatch.document import Quality

from .resolve import Resolution

# Fixed phrases that round-trip translation is known to mangle, as they come out of it.
# Kept short on purpose: only garbles seen in real round trips, none a fluent writer produces.
GARBLED_PHRASES = ("willed coalition", "coalition of the willed", "willing alliance")
STRONG_NAME_RATIO = 85.0  # below this a spelling is a garble; above it a transliteration variant


def _name_signals(resolution: Resolution) -> tuple[list[str], int]:
    signals, garbles = [], 0
    for entity in resolution.entities:
        spellings = resolution.variants.get(entity.id)
        if not spellings or entity.type != "PERSON":
            continue
        surname = entity.name.split()[-1]
        others = sorted({s for s in spellings if s != surname})
        if not others:
            continue
        strong = [s for s in others if fuzz.ratio(s.lower(), surname.lower()) < STRONG_NAME_RATIO]
        garbles += len(strong)
        signals.append(f"name spelled several ways: {' / '.join([surname, *others])}")
    return signals, garbles


def _mixed_apostrophes(text: str) -> bool:
    straight = len(re.findall(r"\w'(?:s|t|re|ve|ll|d)\b", text))
    curly = len(re.findall(r"\w’(?:s|t|re|ve|ll|d)\b", text))
    return straight >= 1 and curly >= 1


def assess_quality(text: str, resolution: Resolution) -> Quality:
    """Signals of machine translation and the verdict: two independent kinds, or two garbles."""
    signals, garbles = _name_signals(resolution)
    kinds = 1 if garbles else 0
    if _mixed_apostrophes(text):
        signals.append("mixed straight and curly apostrophes")
        kinds += 1
    lowered = text.lower()
    phrases = [p for p in GARBLED_PHRASES if p in lowered]
    if phrases:
        signals.append(f"garbled fixed phrases: {', '.join(phrases)}")
        kinds += 1
    suspected = garbles >= 2 or kinds >= 2
    return Quality(machine_translation_suspected=suspected, signals=signals)
