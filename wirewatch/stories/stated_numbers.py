"""The numbers a text states, as the duplicate test reads them (duplicates.py).

A copy writes its source's numbers in other forms: continental separators, a scale word, words
for digits, the 24-hour clock, a number cut at its separator by a spinner. The source's numbers
are kept in every reading (`stated_numbers`, with the parts `known_numbers` adds), and in
context (`number_contexts`: the words around each), so that a copy restating them states no new
number and a revision -- another value between the same words -- is seen.
"""

from __future__ import annotations

import re

from .clock_times import CLOCK, stated_times, time_reading
from .details import number_readings, written_numbers
from .number_words import TENS, UNITS


def stated_numbers(text: str, both_halves: bool = False) -> list[tuple[str, frozenset[str]]]:
    """(value, every reading) of the numbers and years a text states, to tell follow-ups from
    copies: a copy that writes 1,200 as "1.200" or 6.4 as "6,4" states no new number. As in
    details.py, "0", "1" and "2" ("one or two") say nothing. A clock time is one number, read on
    either half of the day (`both_halves`, for a copy's: "18:41" is "6:41 p.m.", clock_times.py)."""
    times, rest = stated_times(text, both_halves)
    return [(value, readings) for value, readings in times + written_numbers(rest) if value not in {"0", "1", "2"}]


# A number word in context reads as its digits ("three" is "3"; compounds are spelled_numbers's).
_NUMBER_WORDS = {word: str(value) for word, value in {**UNITS, **TENS, "hundred": 100}.items()}
# A decade ("1950s", "the 40s") is one word: no count a copy could revise, and split it would make
# "s" a context word that a reordered copy puts around another number.
_CONTEXT_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*(?:['’]?s\b)?|[^\W\d_]+")


def number_contexts(text: str) -> frozenset[tuple[str, str, str]]:
    """(two words before, two words after, reading) of every number a text states, digits or
    words ("three" is "3"; "3:12" and "3.12" are one value; "1,200" also reads "1.2"): where a copy
    of it would state the same."""
    return frozenset((left, right, reading) for left, right, readings in numbers_in_context(text)
                     for reading in readings)


def numbers_in_context(text: str, both_halves: bool = False) -> list[tuple[str, str, frozenset[str]]]:
    """(two words before, two words after, every reading) of each number of `text`; `both_halves`:
    a clock time also on the other half of the day (a copy's, see stated_numbers)."""
    tokens = [token.lower() for token in _CONTEXT_TOKEN.findall(text)]
    found = []
    for i, token in enumerate(tokens):
        if token[0].isdigit() and token.endswith("s"):
            continue  # a decade
        if len(token) > 1 and not token.strip("0"):
            # A group of zeros alone is the tail of a number cut in two ("more than, 000 of the"
            # where a spinner dropped the "200" of "200,000", or "200, 000" detokenised): no count.
            continue
        if token[0].isdigit() and tokens[i + 1:i + 2] in (["st"], ["nd"], ["rd"], ["th"]):
            continue  # an ordinal ("the 6th round"): a rank, written "sixth" as often, no count
        if token[0].isdigit():
            readings = number_readings(token)
            clock = CLOCK.fullmatch(token)
            if clock is not None:
                readings |= time_reading(clock, both_halves)[1]  # a copy's "18:41" is also "6.41"
        elif token in _NUMBER_WORDS:
            readings = frozenset({_NUMBER_WORDS[token]})
        else:
            continue
        after = i + 1 + _meridiem(tokens, i + 1)
        left, right = " ".join(tokens[max(0, i - 2):i]), " ".join(tokens[after:after + 2])
        if left and right:
            found.append((left, right, readings))
    return found


def _meridiem(tokens: list[str], start: int) -> int:
    """How many tokens at `start` write "a.m." or "p.m." ("pm", "p. m."): part of the time before
    them, not its context, since a translation writing "19:55" drops them."""
    if tokens[start:start + 1] in (["am"], ["pm"]):
        return 1
    return 2 if tokens[start:start + 2] in (["a", "m"], ["p", "m"]) else 0


def known_numbers(numbers: frozenset[str]) -> frozenset[str]:
    """`numbers` with the parts of each ("11" and "30" of "11.30", "2" and "5" of "2.5"): copies
    reformat or garble decimals and times ("11. 30" in a detokenised wire text), which is no new fact.
    Also the trailing thousands groups of a whole number ("400" of 1400, "400000" of 1400000): a
    spinner that drops the first group of "1,400" leaves ", 400", and a translation writing
    "1 400" splits it the same way. A group with a leading zero is left out ("008" of 2008): no
    one writes it, and a year would otherwise make a small count known."""
    parts = {part.lstrip("0") or "0" for number in numbers for part in re.split(r"[.,:\-]", number) if part}
    return numbers | parts | {tail for number in numbers for tail in _thousands_tails(number) + _minutes(number)}


def _minutes(number: str) -> list[str]:
    """The one-digit fraction of a decimal as a time writes it: "4:30" and "4.30pm" read 4.3, and a
    spinner that drops the "4." leaves "30pm"."""
    whole, _, fraction = number.partition(".")
    return [fraction + "0"] if whole.isdigit() and len(fraction) == 1 and fraction.isdigit() else []


def _thousands_tails(number: str) -> list[str]:
    if not number.isdigit():
        return []
    return [number[-size:] for size in (3, 6) if len(number) > size and number[-size] != "0"]
